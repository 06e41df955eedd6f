#!/usr/bin/env bash
# Rebalance time of a 4-member consumer group (docs/benchmarks.md, "Consumer group rebalance"):
#   1. installs python3-confluent-kafka (librdkafka) from Debian if missing;
#   2. builds the broker and the Spool .NET client driver (rebalance-spool.cs) in Release;
#   3. runs rebalance.py against that build; arguments go to it, e.g. --rounds 5 --out results.json.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! dpkg-query -W -f='${Status}' python3-confluent-kafka 2>/dev/null | grep -q "install ok installed"; then
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-confluent-kafka
fi

dotnet build "$ROOT/broker/src/Spool.Broker" -c Release -nologo -clp:ErrorsOnly >&2
dotnet build "$HERE/rebalance-spool.cs" -c Release -nologo -clp:ErrorsOnly >&2
if [ -n "${SPOOL_ARTIFACTS:-}" ]; then
  DLL="$SPOOL_ARTIFACTS/bin/Spool.Broker/Release/net10.0/spool-broker.dll"
else
  DLL="$ROOT/broker/src/Spool.Broker/bin/Release/net10.0/spool-broker.dll"
fi
# Debian's python3: python3-confluent-kafka is installed for it, not for a pyenv python3 earlier on PATH.
exec /usr/bin/python3 -B "$HERE/rebalance.py" --dll "$DLL" "$@"
