#!/usr/bin/env bash
# CoStor benchmark: times costor-agent against a fresh costor-appliance on the shared deterministic corpus
# (shared/bench/make-corpus.sh, ~1.48 GB) and, with --peers, runs restic 0.14 / borg 1.2 (shared/bench/peers.sh)
# in the same run so ratios can be reported (absolute seconds on a shared machine drift; ratios drift less).
#
# usage: bench/run.sh [--no-publish] [--peers] [--agents N] [--runs N] [--keep]
#   --no-publish  use the binaries already in artifacts/bench (default: dotnet publish both, native AOT)
#   --peers       also run shared/bench/peers.sh (restic, borg) after each CoStor run and print ratios
#   --agents N    also run N agents at once (own --state each, disjoint parts of the corpus) on a fresh appliance
#   --runs N      repeat everything N times and report medians (default 3; 1 for a quick look)
#   --keep        keep the work directory (appliance data, agent states, logs)
# env: CORPUS (default /tmp/costor-bench/corpus; built if missing), SHARED (default <repo>/../shared),
#      BENCH (work dir, default: parent of CORPUS)
#
# Before each tool's sequence the file system is synced (settle); with --peers, odd runs run CoStor first and
# even runs the peers first.
# Steps per run: 1-full, 2-unchanged, 3-changed (after shared modify-corpus.py apply), 4-restore (the
# snapshot of step 3, into an empty dir, verified with diff -r against the corpus), then the corpus is reverted
# — the same sequence as peers.sh. Output, one line per step:
#   costor STEP wall_s MB/s agent_peak_rss_MiB appliance_peak_rss_MiB
# MB/s = corpus bytes / wall (10^6 bytes). agent_peak_rss is /usr/bin/time's max RSS of that command.
# appliance_peak_rss is the appliance's VmHWM read right after the step: the appliance runs for the whole
# sequence, so it is a running maximum since its start (for 4-restore it is the peak over the whole run).
set -euo pipefail
export LC_ALL=C

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$root/../shared}
CORPUS=${CORPUS:-/tmp/costor-bench/corpus}
BENCH=${BENCH:-$(dirname "$CORPUS")}
publish=1 peers=0 agents=0 runs=3 keep=0
while [ $# -gt 0 ]; do
  case $1 in
    --no-publish) publish=0 ;;
    --peers) peers=1 ;;
    --agents) agents=${2:?--agents needs a number}; shift ;;
    --runs) runs=${2:?--runs needs a number}; shift ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$SHARED/bench/make-corpus.sh" ] || { echo "run.sh: no shared/bench in $SHARED (set SHARED)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time missing (Debian package 'time')" >&2; exit 2; }

bin=$root/artifacts/bench
if [ "$publish" = 1 ]; then
  for p in appliance/CoStor.Appliance agent/CoStor.Agent; do
    echo "# publishing $p (native AOT)" >&2
    dotnet publish "$root/$p" -c Release -r linux-x64 -o "$bin" -v q -nologo >&2
  done
fi
appliance=$bin/costor-appliance agent=$bin/costor-agent
[ -x "$appliance" ] && [ -x "$agent" ] || { echo "run.sh: binaries missing in $bin (run without --no-publish)" >&2; exit 2; }

if [ ! -d "$CORPUS" ]; then
  echo "# building corpus at $CORPUS" >&2
  CORPUS=$CORPUS "$SHARED/bench/make-corpus.sh" >&2
fi
CORPUS=$(cd "$CORPUS" && pwd)
corpus_bytes=$(find "$CORPUS" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%d", s}')
corpus_files=$(find "$CORPUS" -type f | wc -l)

mkdir -p "$BENCH"
work=$(mktemp -d "$BENCH/costor-run.XXXXXX")
results=$work/results.tsv      # tool step run wall mbps rss_mib appliance_rss_mib cpu_s [detail]; copied to $BENCH/last-results.tsv
app_pid="" modified=0
main_pid=$BASHPID
cleanup() {
  [ "$BASHPID" = "$main_pid" ] || return 0
  trap - EXIT
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  if [ "$modified" = 1 ]; then "$SHARED/bench/modify-corpus.py" revert "$CORPUS" "$work/modsave" >/dev/null || true; fi
  if [ "$keep" = 1 ]; then echo "# kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.2f", b - a}'; }
mbps() { awk -v w="$1" -v b="$corpus_bytes" 'BEGIN {printf "%.1f", (w > 0 ? b / w / 1e6 : 0)}'; }
hwm_mib() { awk '/^VmHWM:/ {printf "%.1f", $2 / 1024}' "/proc/$app_pid/status"; }
app_cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$app_pid/stat"; }

start_appliance() { # start_appliance DIR: fresh data dir, sets app_pid and url
  mkdir -p "$1/cwd"; : >"$1/serve.out"
  # Started from an empty directory: the host watches its working directory recursively (appsettings reload;
  # see docs/performance.md), which would otherwise add the caller's tree to what is measured.
  (cd "$1/cwd" && exec "$appliance" serve --data "$1/data" --urls https://127.0.0.1:0 >"$1/serve.out" 2>"$1/serve.err") &
  app_pid=$!
  url=""
  for _ in $(seq 300); do
    url=$(sed -n 's/^listening on \(https:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$1/serve.out" | head -1)
    [ -n "$url" ] && break
    kill -0 "$app_pid" 2>/dev/null || { echo "run.sh: appliance exited:"; cat "$1/serve.err"; exit 1; } >&2
    sleep 0.1
  done
  [ -n "$url" ] || { echo "run.sh: appliance did not print 'listening on' within 30 s" >&2; exit 1; }
  fingerprint=$("$appliance" fingerprint --data "$1/data")
}
stop_appliance() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""; }
enrol() { # enrol STATE NAME
  local token; token=$("$appliance" token create --data "$dir/data")
  "$agent" enrol --state "$1" --appliance "$url" --token "$token" --fingerprint "$fingerprint" --name "$2" 2>>"$dir/enrol.log"
}

step() { # step RUN NAME cmd... : runs the agent command, prints and records the line; stdout of cmd in $dir/NAME.out
  local run=$1 name=$2 t0 wall rc=0 cpu0; shift 2
  cpu0=$(app_cpu); t0=$(now)
  /usr/bin/time -f '%M %U %S' -o "$dir/$name.time" "$@" >"$dir/$name.out" 2>"$dir/$name.err" || rc=$?
  wall=$(since "$t0")
  if [ "$rc" != 0 ]; then echo "costor $name FAILED (exit $rc):" >&2; tail -5 "$dir/$name.err" >&2; exit 1; fi
  local rss user sys; read -r rss user sys < <(tail -1 "$dir/$name.time")
  local line; line="costor $name $wall $(mbps "$wall") $(awk -v k="$rss" 'BEGIN {printf "%.1f", k / 1024}') $(hwm_mib)"
  echo "$line"
  local acpu pcpu; acpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
  pcpu=$(awk -v a="$(app_cpu)" -v b="$cpu0" 'BEGIN {printf "%.2f", a - b}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.2f\tagent_cpu=%s appliance_cpu=%s\n' costor "$name" "$run" "$wall" "$(mbps "$wall")" \
    "$(awk -v k="$rss" 'BEGIN {printf "%.1f", k / 1024}')" "$(hwm_mib)" "$(awk -v a="$acpu" -v p="$pcpu" 'BEGIN {print a + p}')" \
    "$acpu" "$pcpu" >>"$results"
}

has_restore() { "$agent" --help 2>/dev/null | grep -qE '^\s+restore\b'; }

costor_sequence() { # costor_sequence RUN
  local run=$1; dir=$work/run$run; start_appliance "$dir"; enrol "$dir/agent" bench
  step "$run" 1-full "$agent" backup --state "$dir/agent" "$CORPUS"
  step "$run" 2-unchanged "$agent" backup --state "$dir/agent" "$CORPUS"
  "$SHARED/bench/modify-corpus.py" apply "$CORPUS" "$work/modsave" >/dev/null; modified=1
  step "$run" 3-changed "$agent" backup --state "$dir/agent" "$CORPUS"
  local snapshot; snapshot=$(tail -1 "$dir/3-changed.out")
  if has_restore; then
    mkdir "$dir/restore"
    step "$run" 4-restore "$agent" restore "$snapshot" --target "$dir/restore" --state "$dir/agent"
    local restored=$dir/restore$CORPUS
    [ -d "$restored" ] || restored=$(find "$dir/restore" -type d -name "$(basename "$CORPUS")" | head -1)
    if [ -n "$restored" ] && diff -r -q "$CORPUS" "$restored" >"$dir/verify.log" 2>&1; then
      echo "costor verify=OK (diff -r, $corpus_files files)"
    else
      echo "costor verify=MISMATCH (restore of $snapshot differs from the corpus):" >&2; head -5 "$dir/verify.log" >&2; exit 1
    fi
    rm -rf "$dir/restore"
  else
    echo "costor 4-restore SKIPPED (this costor-agent has no restore verb yet)"
  fi
  "$SHARED/bench/modify-corpus.py" revert "$CORPUS" "$work/modsave" >/dev/null; modified=0
  echo "costor repo_bytes=$(du -sb "$dir/data" | cut -f1)"
  stop_appliance; rm -rf "$dir"
}

# Splits the corpus into N disjoint path lists of similar size: directories bigger than total/(2N) are
# replaced by their children, then the pieces go largest-first to the emptiest list. (The 300 MiB and
# 200 MiB files cannot be split, so the longest list is at least 300 MiB.)
partition() { # partition N OUTDIR -> OUTDIR/part.K (one path per line)
  python3 - "$CORPUS" "$1" "$2" <<'PY'
import os, sys
corpus, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def size(p):
    if os.path.isfile(p) or os.path.islink(p): return os.lstat(p).st_size
    return sum(os.lstat(os.path.join(r, f)).st_size for r, _, fs in os.walk(p) for f in fs)
total = size(corpus); limit = total / (2 * n)
units, todo = [], [corpus]
while todo:
    d = todo.pop()
    for e in sorted(os.listdir(d)):
        p = os.path.join(d, e); s = size(p)
        if s > limit and os.path.isdir(p) and not os.path.islink(p): todo.append(p)
        else: units.append((s, p))
parts = [[0, []] for _ in range(n)]
for s, p in sorted(units, reverse=True):
    b = min(parts, key=lambda x: x[0]); b[0] += s; b[1].append(p)
for k, (s, ps) in enumerate(parts):
    with open(os.path.join(out, "part.%d" % k), "w") as f: f.write("\n".join(ps) + "\n")
    print(k, s, len(ps), file=sys.stderr)
PY
}

concurrent() { # concurrent RUN
  local run=$1 k; dir=$work/conc$run; start_appliance "$dir"
  partition "$agents" "$dir" 2>"$dir/partition.log"
  for ((k = 0; k < agents; k++)); do enrol "$dir/agent$k" "bench$k"; done
  local pids=() t0 wall fail=0 maxrss=0 cpu0; cpu0=$(app_cpu); t0=$(now)
  for ((k = 0; k < agents; k++)); do
    mapfile -t paths <"$dir/part.$k"
    /usr/bin/time -f '%M' -o "$dir/agent$k.time" "$agent" backup --state "$dir/agent$k" "${paths[@]}" \
      >"$dir/agent$k.out" 2>"$dir/agent$k.err" &
    pids+=($!)
  done
  for ((k = 0; k < agents; k++)); do
    if ! wait "${pids[$k]}"; then fail=$((fail + 1)); echo "costor agent $k FAILED: $(tail -1 "$dir/agent$k.err")" >&2; fi
  done
  wall=$(since "$t0")
  for ((k = 0; k < agents; k++)); do
    local r; r=$(grep -E '^[0-9]+$' "$dir/agent$k.time" | tail -1); [ "${r:-0}" -gt "$maxrss" ] && maxrss=$r
  done
  if [ "$fail" != 0 ]; then
    # Keep what explains the failure (the appliance's log and every agent's output) outside the work directory.
    local keep_dir; keep_dir=$BENCH/failed-concurrent-$(date +%Y%m%d-%H%M%S); mkdir -p "$keep_dir"
    cp "$dir"/serve.* "$dir"/agent*.err "$dir"/agent*.out "$keep_dir"/ 2>/dev/null || true
    echo "costor concurrent: $fail of $agents agents failed; logs in $keep_dir" >&2; exit 1
  fi
  local name=5-concurrent-$agents
  echo "costor $name $wall $(mbps "$wall") $(awk -v k="$maxrss" 'BEGIN {printf "%.1f", k / 1024}') $(hwm_mib)   (all $agents exited 0; agent RSS = largest single agent)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t\tappliance_cpu=%.2f\n' costor "$name" "$run" "$wall" "$(mbps "$wall")" \
    "$(awk -v k="$maxrss" 'BEGIN {printf "%.1f", k / 1024}')" "$(hwm_mib)" "$(awk -v a="$(app_cpu)" -v b="$cpu0" 'BEGIN {print a - b}')" >>"$results"
  stop_appliance; rm -rf "$dir"
}

run_peers() { # run_peers RUN
  local out=$work/peers.$1.log
  BENCH=$work/peers CORPUS=$CORPUS "$SHARED/bench/peers.sh" restic borg | tee "$out" | sed 's/^/peer /'
  awk -v run="$1" -v b="$corpus_bytes" -F'\t' 'NF == 6 {printf "%s\t%s\t%s\t%s\t%.1f\t%.1f\t\t%.2f\t\n", $1, $2, run, $3, ($3 > 0 ? b / $3 / 1e6 : 0), $6 / 1024, $4 + $5}' \
    "$out" >>"$results"
}

echo "# corpus $CORPUS: $corpus_files files, $corpus_bytes bytes; nproc $(nproc); $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo); runs $runs"
echo "# columns: tool step wall_s MB/s agent_peak_rss_MiB appliance_peak_rss_MiB (appliance: running VmHWM since its start)"
echo "# warming the page cache (cat of every corpus file)" >&2
find "$CORPUS" -type f -print0 | xargs -0 cat >/dev/null
# settle: each tool starts with nothing left for the kernel to write back from the one before (a previous
# tool's repository and its deletion would otherwise be flushed and discarded during the next one's backup).
settle() { sync; sleep 1; }
for ((run = 1; run <= runs; run++)); do
  echo "# run $run of $runs"
  # The order alternates so neither side always runs right after the other's deletions.
  if [ "$peers" = 1 ] && [ $((run % 2)) = 0 ]; then settle; run_peers "$run"; fi
  settle; costor_sequence "$run"
  if [ "$agents" -gt 0 ]; then settle; concurrent "$run"; fi
  if [ "$peers" = 1 ] && [ $((run % 2)) = 1 ]; then settle; run_peers "$run"; fi
done

# Summary: medians over the runs; ratios are computed per run (CoStor and the peer from the same run, so
# they saw the same machine load) and the median of those paired ratios is judged against the target.
cp "$results" "$BENCH/last-results.tsv"
python3 - "$results" "$runs" <<'PY'
import sys, statistics
runs = int(sys.argv[2])
rows = {}
for line in open(sys.argv[1]):
    if not line.strip(): continue
    tool, step, run, wall, mbps, rss, app, cpu, *detail = line.rstrip("\n").split("\t")
    rows.setdefault((tool, step), {})[int(run)] = dict(wall=float(wall), mbps=float(mbps), rss=float(rss or 0),
        app=float(app) if app else None, cpu=float(cpu) if cpu else None)
med = statistics.median
print("\n# median of %d run(s): tool step wall_s MB/s cpu_s peak_rss_MiB(agent or tool) appliance_peak_rss_MiB" % runs)
print("#   cpu_s: user+sys of the tool; for costor agent + appliance. RSS columns: max over the runs.")
for (tool, step), byrun in sorted(rows.items()):
    v = list(byrun.values()); cpus = [x["cpu"] for x in v if x["cpu"] is not None]; apps = [x["app"] for x in v if x["app"] is not None]
    print("%s %s %.2f %.1f %s %.1f %s%s" % (tool, step, med(x["wall"] for x in v), med(x["mbps"] for x in v),
          "%.1f" % med(cpus) if cpus else "-", max(x["rss"] for x in v), "%.1f" % max(apps) if apps else "-",
          "" if len(v) == 1 else "   (walls: %s)" % " ".join("%.2f" % byrun[r]["wall"] for r in sorted(byrun))))
def paired(peer, step, invert):
    a, b = rows.get(("costor", step), {}), rows.get((peer, step), {})
    return [(b[r]["wall"] / a[r]["wall"]) if invert else (a[r]["wall"] / b[r]["wall"]) for r in sorted(a) if r in b and a[r]["wall"] > 0 and b[r]["wall"] > 0]
print("\n# ratios: median of per-run paired ratios (range)      value   target    verdict")
def ratio(label, values, target, high):
    if not values: print("%-44s   n/a" % label); return
    r = med(values); ok = r >= target if high else r <= target
    rng = "(%.2f-%.2f)" % (min(values), max(values)) if len(values) > 1 else ""
    print("%-44s %5.2fx %-13s %s%.1fx   %s" % (label, r, rng, ">=" if high else "<=", target, "met" if ok else "NOT met"))
for peer in ("restic", "borg"):
    if (peer, "1-full") not in rows: continue
    print("# vs %s" % peer)
    ratio("first-backup throughput costor/%s" % peer, paired(peer, "1-full", True), 2.0, True)
    ratio("unchanged-backup time costor/%s" % peer, paired(peer, "2-unchanged", False), 0.5, False)
    ratio("changed-backup time costor/%s" % peer, paired(peer, "3-changed", False), 1.0, False)
    ratio("restore throughput costor/%s" % peer, paired(peer, "4-restore", True), 2.0, True)
def peak(conc):
    vals = [x["app"] for (t, s), byrun in rows.items() if t == "costor" and s.startswith("5-") == conc for x in byrun.values() if x["app"] is not None]
    return max(vals) if vals else None
for label, p in (("appliance peak RSS (single agent)", peak(False)), ("appliance peak RSS (concurrent agents)", peak(True))):
    if p is not None: print("%-44s %5.1f MiB              <=256 MiB %s" % (label, p, "met" if p <= 256 else "NOT met"))
PY
