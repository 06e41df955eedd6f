#!/usr/bin/env bash
# Micro-benchmarks of the broker's hot paths (docs/benchmarks.md, "Micro-benchmarks").
#   bench/Spool.Bench/run.sh                      # every benchmark
#   bench/Spool.Bench/run.sh --filter '*Crc32C*'  # some (BenchmarkDotNet arguments pass through)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "$#" -eq 0 ]; then set -- --filter '*'; fi
exec dotnet run -c Release --project "$HERE/Spool.Bench.csproj" -- "$@"
