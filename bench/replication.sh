#!/usr/bin/env bash
# CoStor replication benchmark: two fresh appliances ("north", "south") on 127.0.0.1 that name each other as peers
# (copies = 2, polling every second, idle packs sealed after a second). north backs up the shared corpus (default
# /tmp/costor-bench/corpus) while south is stopped; then south starts and pulls every sealed pack of north, each
# verified against its name before it is kept.
#   1. catch-up: time from south listening until it holds all of north's packs (its CA fetch and first round
#      included); MB/s = pack bytes / time (10^6 B);
#      south's peak RSS (VmHWM) over the catch-up;
#   2. bandwidth, in PAIRS quiet pairs (default 3): each pair backs up a fresh random tree of SIZE MiB (default 2048,
#      16 files) with south stopped (the backup alone), and another one while south runs, limited to BW (default
#      20MB) per second, pulling the packs of every tree so far; odd pairs time the backup alone first, even pairs
#      the other. The figure is the median of (backup beside the pull / backup alone).
#   3. many packs: a second pair of sites ("mnorth", "msouth"); mnorth holds PACKS (default 10,000) sealed packs of
#      32 random 1 KiB blobs each, written through its own ingest by bench/replication (the blob count of 10,000
#      full packs at the average 1 MiB chunk; small blobs so the run fits the machine); msouth starts empty and
#      pulls them all: time, and both boxes' peak RSS (VmHWM) over the catch-up. Then `site unlock mnorth` at msouth
#      (the checkpoint materialised; beside msouth's serve) and `rebuild` of mnorth from msouth alone on an empty
#      directory, each timed with its peak RSS (/usr/bin/time).
#
# usage: bench/replication.sh [--no-publish] [--keep] [--bandwidth BW] [--pairs N] [--size MiB] [--packs N]
#   --no-publish  use the binaries already in artifacts/bench and artifacts/bench-replication
#   --packs 0     skips step 3
# Output, one line per measure:
#   replication catch-up packs bytes seconds MB/s south_peak_rss_MiB transfer_MB/s
#       (transfer MB/s: from the first pack's bytes arriving to the last pack kept; the wire and verification alone)
#   replication backup-pair N alone_s with_pull_s ratio packs_held_after
#   replication backup-with-pull median_ratio PAIRS
#   replication many-packs packs bytes seconds packs/s south_peak_rss_MiB north_peak_rss_MiB
#   replication many-packs-unlock seconds peak_rss_MiB
#   replication many-packs-rebuild seconds peak_rss_MiB packs_rebuilt
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS=${CORPUS:-/tmp/costor-bench/corpus}
publish=1 keep=0 bandwidth=20MB pairs=3 size=2048 many=10000
while [ $# -gt 0 ]; do
  case $1 in
    --no-publish) publish=0 ;;
    --keep) keep=1 ;;
    --bandwidth) bandwidth=${2:?--bandwidth needs a value}; shift ;;
    --pairs) pairs=${2:?--pairs needs a number}; shift ;;
    --size) size=${2:?--size needs MiB}; shift ;;
    --packs) many=${2:?--packs needs a number}; shift ;;
    -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
    *) echo "replication.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ -d "$CORPUS" ] || { echo "replication.sh: no corpus at $CORPUS (bench/run.sh builds it)" >&2; exit 2; }
bin=$root/artifacts/bench fillbin=$root/artifacts/bench-replication
if [ "$publish" = 1 ]; then
  for p in appliance/CoStor.Appliance agent/CoStor.Agent; do
    echo "# publishing $p (native AOT)" >&2
    dotnet publish "$root/$p" -c Release -r linux-x64 -o "$bin" -v q -nologo >&2
  done
  echo "# building bench/replication" >&2
  dotnet build "$root/bench/replication" -c Release -o "$fillbin" -v q -nologo >&2
fi
appliance=$bin/costor-appliance agent=$bin/costor-agent fill=$fillbin/costor-bench-replication
[ -x "$appliance" ] && [ -x "$agent" ] && [ -x "$fill" ] || { echo "replication.sh: binaries missing in $bin or $fillbin (run without --no-publish)" >&2; exit 2; }

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

# 2. quiet pairs: a backup alone, then one of the same size while south pulls under its bandwidth limit
kill "$south_pid"; wait "$south_pid" 2>/dev/null || true
config south north "$north_port" "$north_fp" "$bandwidth"
tree() { # tree NAME: a fresh random tree of $size MiB in 16 files
  mkdir -p "$work/$1"
  for i in $(seq 16); do head -c $(((size << 20) / 16)) /dev/urandom >"$work/$1/f$i"; done
}
timed_backup() { # timed_backup STATE TREE: enrols a new agent and prints the seconds its backup of TREE took
  "$agent" enrol --state "$work/$1" --appliance "https://127.0.0.1:$north_port/" --token "$("$appliance" token create --data "$work/north")" \
    --fingerprint "$north_fp" --name "$1" 2>"$work/enrol-$1.err"
  local s e; s=$(date +%s.%N)
  "$agent" backup --state "$work/$1" "$2" >/dev/null 2>"$work/backup-$1.err"
  e=$(date +%s.%N)
  awk -v a="$s" -v b="$e" 'BEGIN {printf "%.2f", b - a}'
}
ratios=()
for pair in $(seq "$pairs"); do
  tree "alone$pair"; tree "with$pair"; sync; sleep 2 # both trees written back before either backup is timed
  # Odd pairs time the backup alone first, even pairs the one beside the pull first: the order favours neither.
  for step in $([ $((pair % 2)) = 1 ] && echo "alone with" || echo "with alone"); do
    if [ "$step" = with ]; then
      south_pid=$(serve south "$south_port"); pids+=("$south_pid")
      with=$(timed_backup "state-with$pair" "$work/with$pair")
      kill "$south_pid"; wait "$south_pid" 2>/dev/null || true
    else
      alone=$(timed_backup "state-alone$pair" "$work/alone$pair")
    fi
    sleep 3 # the backup's last pack seals, so the next pull has it
  done
  rm -rf "$work/alone$pair" "$work/with$pair"
  ratio=$(awk -v a="$alone" -v b="$with" 'BEGIN {printf "%.2f", b / a}')
  ratios+=("$ratio")
  echo "replication backup-pair $pair $alone $with $ratio $(count "$work/south/peers/north/packs")"
done
[ "$pairs" -gt 0 ] && echo "replication backup-with-pull $(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}') $pairs"
kill "$north_pid"; wait "$north_pid" 2>/dev/null || true

# 3. many packs: msouth catches up on mnorth's PACKS small packs
if [ "$many" -gt 0 ]; then
  for site in mnorth msouth; do
    "$appliance" init --data "$work/$site" --site "$site" >"$work/$site.key" 2>"$work/$site.init.err"
  done
  echo "# filling mnorth with $many packs" >&2
  "$fill" fill "$work/mnorth" "$many" 32 1024 >"$work/fill.out" 2>"$work/fill.err" || { tail -5 "$work/fill.err" >&2; exit 1; }
  mnorth_port=$(free_port) msouth_port=$(free_port)
  config mnorth msouth "$msouth_port" "$("$appliance" fingerprint --data "$work/msouth")"
  config msouth mnorth "$mnorth_port" "$("$appliance" fingerprint --data "$work/mnorth")"
  mbytes=$(find "$work/mnorth/packs" -name '*.pack' -printf '%s\n' | awk '{s+=$1} END {printf "%d", s}')
  mnorth_pid=$(serve mnorth "$mnorth_port"); pids+=("$mnorth_pid")
  msouth_pid=$(serve msouth "$msouth_port"); pids+=("$msouth_pid")
  start=$(date +%s.%N)
  until [ "$(count "$work/msouth/peers/mnorth/packs")" -ge "$many" ]; do
    kill -0 "$msouth_pid" 2>/dev/null || { echo "replication.sh: msouth exited" >&2; tail -5 "$work/msouth.err" >&2; exit 1; }
    sleep 0.5
  done
  end=$(date +%s.%N)
  south_hwm=$(awk '/^VmHWM:/ {printf "%d", $2 / 1024}' "/proc/$msouth_pid/status")
  north_hwm=$(awk '/^VmHWM:/ {printf "%d", $2 / 1024}' "/proc/$mnorth_pid/status")
  echo "replication many-packs $many $mbytes $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}') $(awk -v a="$start" -v b="$end" -v n="$many" 'BEGIN {printf "%.0f", n / (b - a)}') $south_hwm $north_hwm"
  # 3b. once msouth holds mnorth's latest checkpoint (the filler's own host wrote an empty one first), unlock mnorth
  # there from the command line beside msouth's serve, then rebuild mnorth on an empty directory from msouth alone.
  for _ in $(seq 120); do cmp -s "$work/msouth/peers/mnorth/checkpoint" "$work/mnorth/checkpoint/latest" && break; sleep 1; done
  /usr/bin/time -f '%e %M' -o "$work/unlock.time" "$appliance" site unlock mnorth --recovery-key-file "$work/mnorth.key" --data "$work/msouth" \
    >/dev/null 2>"$work/unlock.err" || { cat "$work/unlock.err" >&2; exit 1; }
  read -r unlock_s unlock_kib <"$work/unlock.time"
  echo "replication many-packs-unlock $unlock_s $((unlock_kib / 1024))"
  kill "$mnorth_pid"; wait "$mnorth_pid" 2>/dev/null || true
  /usr/bin/time -f '%e %M' -o "$work/rebuild.time" "$appliance" rebuild --site mnorth --peer "https://127.0.0.1:$msouth_port/" \
    --fingerprint "$("$appliance" fingerprint --data "$work/msouth")" --recovery-key-file "$work/mnorth.key" --data "$work/rebuilt" \
    >/dev/null 2>"$work/rebuild.err" || { tail -5 "$work/rebuild.err" >&2; exit 1; }
  read -r rebuild_s rebuild_kib <"$work/rebuild.time"
  echo "replication many-packs-rebuild $rebuild_s $((rebuild_kib / 1024)) $(count "$work/rebuilt/packs")"
fi
echo "# load after: $(uptime)" >&2
