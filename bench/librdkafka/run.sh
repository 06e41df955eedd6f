#!/usr/bin/env bash
# Reproducible librdkafka benchmark of the broker (docs/benchmarks.md):
#   1. installs what it needs from Debian if missing (a C compiler and librdkafka-dev for spool-rdbench.c,
#      kcat, python3-confluent-kafka for topic creation);
#   2. builds the broker in Release (benchmarks of a Debug build measure the JIT's debug code);
#   3. runs bench.py against that build; arguments go to bench.py, e.g. --soak 300 --out results.json.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

missing=()
for pkg in gcc librdkafka-dev kcat python3-confluent-kafka; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

dotnet build "$ROOT/broker/src/Spool.Broker" -c Release -nologo -clp:ErrorsOnly >&2
if [ -n "${SPOOL_ARTIFACTS:-}" ]; then
  DLL="$SPOOL_ARTIFACTS/bin/Spool.Broker/Release/net10.0/spool-broker.dll"
else
  DLL="$ROOT/broker/src/Spool.Broker/bin/Release/net10.0/spool-broker.dll"
fi
exec /usr/bin/python3 -B "$HERE/bench.py" --dll "$DLL" "$@"
