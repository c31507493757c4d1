#!/usr/bin/env bash
# Dedup side-channel benchmark: does the reply time of an upload tell an agent that another PC already holds
# the blob? Starts a fresh costor-appliance (native AOT, artifacts/bench) on 127.0.0.1, enrols two agents and
# runs bench/oracle (costor-bench-oracle): agent A uploads a fresh blob, agent B uploads that blob (held) and
# a blob nobody holds (new), alternating the order, ROUNDS times; prints median/p10/p90 per kind and whether
# each median lies inside the other's p10-p90 (exit 1 when not).
# usage: bench/oracle.sh [--no-publish] [ROUNDS=200] [BLOB_BYTES=1048576]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
publish=1
if [ "${1:-}" = --no-publish ]; then publish=0; shift; fi
rounds=${1:-200} length=${2:-1048576}
bin=$root/artifacts/bench
if [ "$publish" = 1 ]; then
  for p in appliance/CoStor.Appliance agent/CoStor.Agent; do
    dotnet publish "$root/$p" -c Release -r linux-x64 -o "$bin" -v q -nologo >&2
  done
fi
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
"$bin/costor-appliance" serve --data "$work/data" --urls https://127.0.0.1:0 >"$work/appliance.log" 2>&1 &
pid=$!
for _ in $(seq 200); do grep -q "CA fingerprint" "$work/appliance.log" && break; sleep 0.1; done
url=$(sed -n 's/^listening on \(https:[^ ]*\).*/\1/p' "$work/appliance.log" | head -1)
fingerprint=$(sed -n 's/^CA fingerprint: //p' "$work/appliance.log")
for agent in a b; do
  token=$("$bin/costor-appliance" token create --data "$work/data")
  "$bin/costor-agent" enrol --appliance "$url" --token "$token" --fingerprint "$fingerprint" --name "$agent" --state "$work/$agent" >&2
done
echo "# $(date -u +%FT%TZ) $(nproc) cores, rounds=$rounds blob=$length bytes, data on $(df --output=fstype "$work" | tail -1)"
dotnet run -c Release --project "$root/bench/oracle" -- "$url/" "$work/a" "$work/b" "$rounds" "$length"
