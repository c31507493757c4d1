#!/usr/bin/env bash
# Runs one fuzz target under afl-fuzz (Debian's afl++) for a bounded time: fuzz/README.md.
#   fuzz/run.sh <frame-reader|pack-reader|tree-codec|snapshot-json|config-toml> [seconds, default 600] [executions]
# stops after the seconds or (when given) about that many executions, whichever comes first.
# Builds fuzz/CoStor.Fuzz (Release) into fuzz/out/build, copies it to fuzz/out/<target>/bin, instruments the
# assemblies under test there with the sharpfuzz tool, seeds from fuzz/seeds, the golden files and the stored
# regression inputs, and fuzzes. Findings land in fuzz/out/<target>/findings/default/{crashes,hangs}; each one
# found is replayed at the end with its exception. Exit code 1 when the run saved a crash or a hang.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:-}"
seconds="${2:-600}"
executions="${3:-}"

case "$target" in
    frame-reader)  seeds=(fuzz/seeds/frame-reader) ;;
    pack-reader)   seeds=(fuzz/seeds/pack-reader tests/testdata/v1/pack.pack) ;;
    tree-codec)    seeds=(tests/testdata/v1/tree.bin tests/testdata/v1/tree-spans.bin) ;;
    snapshot-json) seeds=(fuzz/seeds/snapshot-json) ;;
    config-toml)   seeds=(config) ;;
    *) echo "usage: fuzz/run.sh <frame-reader|pack-reader|tree-codec|snapshot-json|config-toml> [seconds] [executions]" >&2; exit 2 ;;
esac

if ! command -v afl-fuzz >/dev/null; then
    echo "afl-fuzz missing: installing Debian's afl++" >&2
    apt-get install -y -qq afl++ </dev/null
fi

cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build fuzz/CoStor.Fuzz -c Release -o fuzz/out/build -v q -nologo >/dev/null

work="fuzz/out/$target"
rm -rf "$work"
mkdir -p "$work/in"
cp -r fuzz/out/build "$work/bin"

# Instrument only the code under test: afl's coverage map stays small and meaningful.
case "$target" in
    config-toml)
        dotnet sharpfuzz "$work/bin/costor-appliance.dll" CoStor.Appliance.Configuration
        dotnet sharpfuzz "$work/bin/Tomlyn.dll" ;;
    *)
        dotnet sharpfuzz "$work/bin/CoStor.Core.dll" ;;
esac

# Seeds: small valid inputs, plus every input that once broke the target (kept for regression tests).
for seed in "${seeds[@]}" "tests/testdata/fuzz-regressions/$target"; do
    if [ -d "$seed" ]; then
        find "$seed" -type f -exec cp {} "$work/in/" \;
    elif [ -f "$seed" ]; then
        cp "$seed" "$work/in/"
    fi
done

# The harness is a managed program, not an afl-instrumented binary; afl must not pin it to a core that the
# machine's other work uses, nor wait for a core-dump helper.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_UI=1 AFL_FORKSRV_INIT_TMOUT=30000
afl-fuzz -i "$work/in" -o "$work/findings" -t 5000 -m none -V "$seconds" ${executions:+-E "$executions"} \
    -- dotnet "$work/bin/costor-fuzz.dll" "$target" > "$work/afl.log" 2>&1 || {
    echo "afl-fuzz failed; last lines of $work/afl.log:" >&2
    tail -n 30 "$work/afl.log" >&2
    exit 1
}

stats="$work/findings/default/fuzzer_stats"
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|bitmap_cvg)' "$stats"
found=0
for kind in crashes hangs; do
    dir="$work/findings/default/$kind"
    if compgen -G "$dir/id:*" >/dev/null; then
        found=1
        echo "== $kind (replayed without instrumentation):"
        dotnet fuzz/out/build/costor-fuzz.dll "$target" "$dir" || true
    fi
done
exit "$found"
