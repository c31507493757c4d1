#!/usr/bin/env bash
# CoStor web UI benchmark: a fresh appliance holding the dashboard's generated site (200 agents × 365 daily
# snapshots, CatalogueGenerator through bench/web) plus two real backups by one enrolled agent — a tree with a
# directory of 1,000 files and the shared corpus (default /tmp/costor-bench/corpus) — then, over HTTPS on loopback:
#   1. page latency: N GETs per page after 20 warm-up GETs, one keep-alive connection, signed in as an admin
#      (bench/web client): the dashboard, a generated PC's page (its 365-snapshot timeline) and the 1,000-entry
#      directory;
#   2. one zip of the whole corpus snapshot (/snapshots/ID/archive?format=zip) with curl to /dev/null;
#   3. three such zips at once, sampling the appliance's RSS every 0.1 s; its VmHWM is reset just before.
#
# usage: bench/web.sh [--no-publish] [--keep] [-n N]
#   --no-publish  use the binaries already in artifacts/bench and artifacts/bench-web (default: dotnet publish the
#                 appliance and the agent native AOT into artifacts/bench, build bench/web into artifacts/bench-web)
#   --keep        keep the work directory
#   -n N          timed requests per page (default 200)
# Output, one line per measure:
#   web page PATH N p50 p95 p99 ttfb_p50 ttfb_p95 bytes      (ms; ttfb = until the response headers arrived)
#   web zip STEP bytes time_s ttfb_s MB/s                    (MB/s = bytes downloaded / curl's time_total, 10^6 B)
#   web appliance-rss three-zips peak_MiB sampled_max_MiB whole_run_peak_MiB before_MiB
#       (peak = VmHWM since the reset; before = RSS just before the three zips start)
# The page cache is warm (the backups just read the sources; nothing is dropped on a shared machine).
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS=${CORPUS:-/tmp/costor-bench/corpus}
publish=1 keep=0 n=200
while [ $# -gt 0 ]; do
  case $1 in
    --no-publish) publish=0 ;;
    --keep) keep=1 ;;
    -n) n=${2:?-n needs a number}; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "web.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ -d "$CORPUS" ] || { echo "web.sh: no corpus at $CORPUS (bench/run.sh builds it)" >&2; exit 2; }
bin=$root/artifacts/bench webbin=$root/artifacts/bench-web
if [ "$publish" = 1 ]; then
  for p in appliance/CoStor.Appliance agent/CoStor.Agent; do
    echo "# publishing $p (native AOT)" >&2
    dotnet publish "$root/$p" -c Release -r linux-x64 -o "$bin" -v q -nologo >&2
  done
fi
if [ "$publish" = 1 ] || [ ! -f "$webbin/costor-bench-web.dll" ]; then
  echo "# building bench/web" >&2
  dotnet build "$root/bench/web" -c Release -o "$webbin" -v q -nologo >&2
fi
appliance=$bin/costor-appliance agent=$bin/costor-agent webtool=(dotnet "$webbin/costor-bench-web.dll")
[ -x "$appliance" ] && [ -x "$agent" ] || { echo "web.sh: binaries missing in $bin (run without --no-publish)" >&2; exit 2; }

work=$(mktemp -d "$(dirname "$CORPUS")/costor-web.XXXXXX")
app_pid="" sampler=""
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null || true
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  if [ "$keep" = 1 ]; then echo "# kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
echo "# load before: $(uptime)" >&2

# The site, its generated catalogue (filled while nothing serves it) and an admin.
data=$work/data
"$appliance" init --data "$data" --site bench >/dev/null 2>"$work/init.err"
"${webtool[@]}" fill "$data"
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
echo "$password" | "$appliance" user add bench --role admin --password-stdin --data "$data" >/dev/null 2>"$work/user.err"

mkdir -p "$work/cwd"; : >"$work/serve.out"
# Started from an empty directory, as bench/run.sh does (the host must not watch the caller's tree).
(cd "$work/cwd" && exec "$appliance" serve --data "$data" --urls https://127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err") &
app_pid=$!
url=""
for _ in $(seq 300); do
  url=$(sed -n 's/^listening on \(https:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$work/serve.out" | head -1)
  [ -n "$url" ] && break
  kill -0 "$app_pid" 2>/dev/null || { echo "web.sh: appliance exited:"; cat "$work/serve.err"; exit 1; } >&2
  sleep 0.1
done
[ -n "$url" ] || { echo "web.sh: appliance did not start" >&2; exit 1; }

# Real snapshots: a directory of 1,000 small files (file-0000.txt …), then the corpus.
tree=$work/tree/dir1000
mkdir -p "$tree"
for i in $(seq -w 0 999); do printf 'file %s of the web benchmark\n' "$i" >"$tree/file-0$i.txt"; done
fingerprint=$("$appliance" fingerprint --data "$data")
"$agent" enrol --state "$work/agent" --appliance "$url" --token "$("$appliance" token create --data "$data")" --fingerprint "$fingerprint" --name bench 2>"$work/enrol.err"
snap_tree=$("$agent" backup --state "$work/agent" "$work/tree" 2>"$work/backup-tree.err")
snap_corpus=$("$agent" backup --state "$work/agent" "$CORPUS" 2>"$work/backup-corpus.err")
corpus_bytes=$(find "$CORPUS" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%d", s}')
echo "# corpus $CORPUS: $corpus_bytes bytes; snapshots: tree $snap_tree, corpus $snap_corpus" >&2

# 1. Pages. The directory page shows the first 500 of the 1,000 entries (SnapshotEndpoints.PageSize).
dir_path=$(printf '%s' "$tree" | sed 's/\//%2F/g')
echo "$password" | "${webtool[@]}" latency "$url" bench "$n" / /agents/agent010 "/snapshots/$snap_tree?path=$dir_path"

# 2. One zip, then 3. three at once. curl signs in like a browser: the form's anti-forgery field and cookie.
jar=$work/cookies
csrf=$(curl -sk -c "$jar" "$url/login" | sed -n 's/.*name="__csrf"[^>]*value="\([^"]*\)".*/\1/p; s/.*value="\([^"]*\)"[^>]*name="__csrf".*/\1/p' | head -1)
curl -sk -b "$jar" -c "$jar" -o /dev/null --data-urlencode name=bench --data-urlencode "password=$password" --data-urlencode "__csrf=$csrf" "$url/login"
grep -q __Host-costor-session "$jar" || { echo "web.sh: curl sign-in failed" >&2; exit 1; }
zip() { # zip STEP: prints the web zip line
  local out; out=$(curl -sk -b "$jar" -o /dev/null -w '%{http_code} %{size_download} %{time_total} %{time_starttransfer}' \
    "$url/snapshots/$snap_corpus/archive?format=zip")
  set -- "$1" $out
  [ "$2" = 200 ] || { echo "web.sh: zip $1 answered $2" >&2; return 1; }
  echo "web zip $1 $3 $4 $5 $(awk -v b="$3" -v t="$4" 'BEGIN {printf "%.0f", b / 1e6 / t}')"
}
zip one
rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$app_pid/status"; }
hwm_mib() { awk '/^VmHWM:/ {printf "%d", $2 / 1024}' "/proc/$app_pid/status"; }
run_peak=$(hwm_mib) # the backups, the pages and one zip
echo 5 >"/proc/$app_pid/clear_refs" # resets VmHWM to the current RSS (Linux ≥ 4.0)
before=$(( $(rss_kib) / 1024 ))
( while :; do rss_kib; sleep 0.1; done >"$work/rss.samples" ) &
sampler=$!
pids=()
for k in 1 2 3; do zip "three-$k" & pids+=($!); done
wait "${pids[@]}"
kill "$sampler"; sampler=""
echo "web appliance-rss three-zips $(hwm_mib) $(sort -n "$work/rss.samples" | tail -1 | awk '{printf "%d", $1 / 1024}') $((run_peak > $(hwm_mib) ? run_peak : $(hwm_mib))) $before"
echo "# load after: $(uptime)" >&2
