#!/usr/bin/env bash
# CoStor restore-archive benchmark: backs up the shared corpus (default /tmp/costor-bench/corpus) into a fresh
# appliance, then, while that appliance keeps serving, times `costor-appliance archive` of the whole snapshot:
# each format to a file (FILE.tmp → fsync → rename) and to stdout (discarded), then three zips at once.
#
# usage: bench/archive.sh [--no-publish] [--keep]
#   --no-publish  use the binaries already in artifacts/bench (default: dotnet publish the appliance, native AOT;
#                 the agent is artifacts/bench/costor-agent if present, else the Debug build run with dotnet)
#   --keep        keep the work directory
# Output, one line per step:  archive STEP FORMAT wall_s MB/s peak_rss_MiB archive_MB
# MB/s = corpus bytes / wall (10^6 bytes); peak RSS is /usr/bin/time's max RSS of the archive process.
# The page cache is warm (the backup just read the packs' blobs' sources; nothing is dropped on a shared machine).
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS=${CORPUS:-/tmp/costor-bench/corpus}
publish=1 keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --no-publish) publish=0 ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "archive.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ -d "$CORPUS" ] || { echo "archive.sh: no corpus at $CORPUS (bench/run.sh builds it)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "archive.sh: /usr/bin/time missing (Debian package 'time')" >&2; exit 2; }
bin=$root/artifacts/bench
if [ "$publish" = 1 ]; then
  echo "# publishing appliance/CoStor.Appliance (native AOT)" >&2
  dotnet publish "$root/appliance/CoStor.Appliance" -c Release -r linux-x64 -o "$bin" -v q -nologo >&2
fi
appliance=$bin/costor-appliance
if [ -x "$bin/costor-agent" ]; then agent=("$bin/costor-agent"); else agent=(dotnet "$root/agent/CoStor.Agent/bin/Debug/net10.0/costor-agent.dll"); fi
corpus_bytes=$(find "$CORPUS" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%d", s}')

work=$(mktemp -d "$(dirname "$CORPUS")/costor-archive.XXXXXX")
app_pid=""
cleanup() { [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true; [ "$keep" = 1 ] && echo "# kept $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT

"$appliance" serve --data "$work/data" --urls https://127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
app_pid=$!
url=""
for _ in $(seq 300); do
  url=$(sed -n 's/^listening on \(https:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$work/serve.out" | head -1)
  [ -n "$url" ] && break; sleep 0.1
done
[ -n "$url" ] || { echo "archive.sh: appliance did not start" >&2; cat "$work/serve.err" >&2; exit 1; }
fingerprint=$("$appliance" fingerprint --data "$work/data")
"${agent[@]}" enrol --state "$work/agent" --appliance "$url" --token "$("$appliance" token create --data "$work/data")" --fingerprint "$fingerprint" --name bench 2>"$work/enrol.err"
snapshot=$("${agent[@]}" backup --state "$work/agent" "$CORPUS" 2>"$work/backup.err")
echo "# corpus $CORPUS: $corpus_bytes bytes; snapshot $snapshot" >&2

measure() { # measure STEP FORMAT OUTPUT [EXTRA ARG]
  local start end wall rss size
  start=$(date +%s.%N)
  if [ "$3" = - ]; then
    /usr/bin/time -f %M -o "$work/time.$1.$2" "$appliance" archive --data "$work/data" --snapshot "$snapshot" --format "$2" ${4:-} -o - 2>>"$work/archive.err" | wc -c >"$work/size.$1.$2"
  else
    /usr/bin/time -f %M -o "$work/time.$1.$2" "$appliance" archive --data "$work/data" --snapshot "$snapshot" --format "$2" -o "$3" 2>>"$work/archive.err"
    stat -c %s "$3" >"$work/size.$1.$2"; rm -f "$3"
  fi
  end=$(date +%s.%N)
  wall=$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}')
  rss=$(awk '{printf "%d", $1 / 1024}' "$work/time.$1.$2")
  size=$(awk '{printf "%d", $1 / 1e6}' "$work/size.$1.$2")
  echo "archive $1 $2 $wall $(awk -v b="$corpus_bytes" -v w="$wall" 'BEGIN {printf "%.0f", b / 1e6 / w}') $rss $size"
}

for format in zip tar tar.gz; do
  measure file "$format" "$work/out.$format"
  measure stdout "$format" -
done
measure stdout-deflate zip - --deflate
pids=()
for k in 1 2 3; do measure "three-$k" zip - & pids+=($!); done
wait "${pids[@]}"
echo "archive appliance-serving $(awk '/VmHWM/ {printf "%d", $2 / 1024}' "/proc/$app_pid/status") MiB peak RSS (serve, for the whole run)"
