#!/usr/bin/env bash
# CoStor replication benchmark: two fresh appliances ("north", "south") on 127.0.0.1 that name each other as peers
# (copies = 2, polling every second, idle packs sealed after a second). north backs up the shared corpus (default
# /tmp/costor-bench/corpus) while south is stopped; then south starts and pulls every sealed pack of north, each
# verified against its name before it is kept.
#   1. catch-up: time from south listening until it holds all of north's packs (its CA fetch and first round
#      included); MB/s = pack bytes / time (10^6 B);
#      south's peak RSS (VmHWM) over the catch-up;
#   2. bandwidth: two fresh random trees of 1 GiB each (8 × 128 MiB): the first is backed up with south stopped
#      (the backup alone); then south starts, limited to BW (default 20MB) per second, and pulls the first tree's
#      packs while the second is backed up: that backup's time / the first's.
#
# usage: bench/replication.sh [--no-publish] [--keep] [--bandwidth BW]
# Output, one line per measure:
#   replication catch-up packs bytes seconds MB/s south_peak_rss_MiB transfer_MB/s
#       (transfer MB/s: from the first pack's bytes arriving to the last pack kept; the wire and verification alone)
#   replication backup-alone seconds
#   replication backup-with-pull seconds ratio packs_held_after N
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS=${CORPUS:-/tmp/costor-bench/corpus}
publish=1 keep=0 bandwidth=20MB
while [ $# -gt 0 ]; do
  case $1 in
    --no-publish) publish=0 ;;
    --keep) keep=1 ;;
    --bandwidth) bandwidth=${2:?--bandwidth needs a value}; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "replication.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ -d "$CORPUS" ] || { echo "replication.sh: no corpus at $CORPUS (bench/run.sh builds it)" >&2; exit 2; }
bin=$root/artifacts/bench
if [ "$publish" = 1 ]; then
  for p in appliance/CoStor.Appliance agent/CoStor.Agent; do
    echo "# publishing $p (native AOT)" >&2
    dotnet publish "$root/$p" -c Release -r linux-x64 -o "$bin" -v q -nologo >&2
  done
fi
appliance=$bin/costor-appliance agent=$bin/costor-agent
[ -x "$appliance" ] && [ -x "$agent" ] || { echo "replication.sh: binaries missing in $bin (run without --no-publish)" >&2; exit 2; }

work=$(mktemp -d "$(dirname "$CORPUS")/costor-replication.XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$keep" = 1 ]; then echo "# kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
echo "# load before: $(uptime)" >&2

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
for site in north south; do
  "$appliance" init --data "$work/$site" --site "$site" >/dev/null 2>"$work/$site.init.err"
done
north_port=$(free_port) south_port=$(free_port)
north_fp=$("$appliance" fingerprint --data "$work/north") south_fp=$("$appliance" fingerprint --data "$work/south")
config() { # config SITE PEER PEER_PORT PEER_FP [BANDWIDTH]
  printf '[site]\nname = "%s"\n\n[limits]\nseal_idle_seconds = 1\n\n[replication]\ncopies = 2\ninterval_seconds = 1\n\n[[peers]]\nname = "%s"\nurl = "https://127.0.0.1:%s/"\nfingerprint = "%s"\n' \
    "$1" "$2" "$3" "$4" >"$work/$1.toml"
  [ -n "${5:-}" ] && printf 'bandwidth = "%s"\n' "$5" >>"$work/$1.toml"
  return 0
}
config north south "$south_port" "$south_fp"
config south north "$north_port" "$north_fp"
serve() { # serve SITE PORT: starts it, waits until it listens, prints its pid
  (cd "$work" && exec "$appliance" serve --config "$work/$1.toml" --data "$work/$1" --urls "https://127.0.0.1:$2" >"$work/$1.out" 2>"$work/$1.err") &
  local pid=$!
  for _ in $(seq 300); do grep -q '^listening on' "$work/$1.out" 2>/dev/null && break; sleep 0.1; done
  echo "$pid"
}
count() { find "$1" -name '*.pack' 2>/dev/null | wc -l; }

north_pid=$(serve north "$north_port"); pids+=("$north_pid")
"$agent" enrol --state "$work/agent1" --appliance "https://127.0.0.1:$north_port/" --token "$("$appliance" token create --data "$work/north")" \
  --fingerprint "$north_fp" --name one 2>"$work/enrol1.err"
"$agent" backup --state "$work/agent1" "$CORPUS" >/dev/null 2>"$work/backup1.err"
sleep 3 # the last pack seals once idle
packs=$(count "$work/north/packs")
bytes=$(find "$work/north/packs" -name '*.pack' -printf '%s\n' | awk '{s+=$1} END {printf "%d", s}')

# 1. catch-up, timed from when south listens (its start-up is not the transfer)
south_pid=$(serve south "$south_port"); pids+=("$south_pid")
start=$(date +%s.%N)
first=""
until [ "$(count "$work/south/peers/north/packs")" -ge "$packs" ]; do
  kill -0 "$south_pid" 2>/dev/null || { echo "replication.sh: south exited" >&2; cat "$work/south.err" >&2; exit 1; }
  [ -z "$first" ] && [ -n "$(find "$work/south/peers/north" -name '*.part' -o -name '*.pack' 2>/dev/null | head -1)" ] && first=$(date +%s.%N)
  sleep 0.05
done
end=$(date +%s.%N)
hwm=$(awk '/^VmHWM:/ {printf "%d", $2 / 1024}' "/proc/$south_pid/status")
echo "replication catch-up $packs $bytes $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}') $(awk -v a="$start" -v b="$end" -v n="$bytes" 'BEGIN {printf "%.0f", n / 1e6 / (b - a)}') $hwm $(awk -v a="$first" -v b="$end" -v n="$bytes" 'BEGIN {printf "%.0f", n / 1e6 / (b - a)}')"

# 2. a backup alone, then the same backup while south pulls under its bandwidth limit
kill "$south_pid"; wait "$south_pid" 2>/dev/null || true
config south north "$north_port" "$north_fp" "$bandwidth"
for t in r1 r2; do
  mkdir -p "$work/$t"
  for i in 1 2 3 4 5 6 7 8; do head -c $((128 << 20)) /dev/urandom >"$work/$t/f$i"; done
done
timed_backup() { # timed_backup STATE TREE: enrols a new agent and prints the seconds its backup of TREE took
  "$agent" enrol --state "$work/$1" --appliance "https://127.0.0.1:$north_port/" --token "$("$appliance" token create --data "$work/north")" \
    --fingerprint "$north_fp" --name "$1" 2>"$work/enrol-$1.err"
  local s e; s=$(date +%s.%N)
  "$agent" backup --state "$work/$1" "$2" >/dev/null 2>"$work/backup-$1.err"
  e=$(date +%s.%N)
  awk -v a="$s" -v b="$e" 'BEGIN {printf "%.2f", b - a}'
}
alone=$(timed_backup agent2 "$work/r1")
echo "replication backup-alone $alone"
sleep 3 # r1's last pack seals
south_pid=$(serve south "$south_port"); pids+=("$south_pid")
with=$(timed_backup agent3 "$work/r2")
pulled=$(count "$work/south/peers/north/packs")
echo "replication backup-with-pull $with $(awk -v a="$alone" -v b="$with" 'BEGIN {printf "%.2f", b / a}') packs_held_after $pulled"
echo "# load after: $(uptime)" >&2
