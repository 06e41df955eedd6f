"""Shared pieces of the Python-driven compat scenarios (confluent-kafka and kcat).

The scenarios run under Debian's /usr/bin/python3, which has python3-confluent-kafka; nothing here
needs a package beyond the standard library and confluent_kafka.
"""

import argparse
import json
import random
import sys
import time


class Mismatch(Exception):
    """A difference between what the client saw and what the scenario expects: the script fails."""


def fail(message):
    raise Mismatch(message)


def check(condition, message):
    if not condition:
        fail(message)


def parse_args(description, default_topic_prefix):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--bootstrap", required=True, help="host:port of the broker")
    parser.add_argument("--topic", default=None, help="topic to use (default: a fresh unique name)")
    parser.add_argument("--records", type=int, default=10_000, help="records in the main (gzip) phase")
    parser.add_argument("--extra-records", type=int, default=1_000, help="records per additional codec")
    args = parser.parse_args()
    if args.topic is None:
        args.topic = f"{default_topic_prefix}-{int(time.time() * 1000)}-{random.randrange(1 << 30)}"
    return args


def run_main(client, body):
    """Runs body(); prints one JSON summary line; exits 1 with a clear message on any mismatch."""
    started = time.monotonic()
    try:
        summary = body()
    except Mismatch as e:
        print(f"MISMATCH [{client}]: {e}", file=sys.stderr)
        print(json.dumps({"client": client, "ok": False, "error": str(e)}))
        sys.exit(1)
    except Exception as e:  # noqa: BLE001 - any client error fails the scenario with its text
        print(f"ERROR [{client}]: {type(e).__name__}: {e}", file=sys.stderr)
        print(json.dumps({"client": client, "ok": False, "error": f"{type(e).__name__}: {e}"}))
        sys.exit(1)
    summary = {"client": client, "ok": True, **summary, "seconds": round(time.monotonic() - started, 2)}
    print(json.dumps(summary))


def wait_until(what, predicate, timeout_s=30.0, interval_s=0.2):
    """Polls predicate() until it is truthy; admin results can settle after the call returns."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            fail(f"timed out after {timeout_s}s waiting for {what() if callable(what) else what}")
        time.sleep(interval_s)


def check_per_key_order(consumed, key_of, seq_of):
    """consumed: records in per-partition offset order; every key's sequence numbers must only grow."""
    last = {}
    for record in consumed:
        key, seq = key_of(record), seq_of(record)
        if key in last and seq <= last[key]:
            fail(f"per-key order broken for key {key!r}: seq {seq} after {last[key]}")
        last[key] = seq
    return len(last)


def expected_offset_for_time(records, partition, ts):
    """The first offset of the partition whose timestamp is >= ts (ListOffsets semantics), or None."""
    candidates = [r["offset"] for r in records if r["partition"] == partition and r["timestamp"] >= ts]
    return min(candidates) if candidates else None
