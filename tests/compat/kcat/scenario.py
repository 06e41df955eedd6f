#!/usr/bin/python3
"""kcat against Spool: the issue-2 compat scenario, driven from Python.

Who does what (kcat has no admin API):
  kcat                     produce (-P, line mode, -K key delimiter, -H headers, -z codec), consume (-C -J),
                           metadata (-L -J), offsets by timestamp and earliest/latest (-Q), consume from a
                           timestamp (-o s@<ts>);
  confluent-kafka admin    create the topic, raise partitions to 12, delete the topic;
  librdkafka C API         DeleteRecords (rd_kafka_DeleteRecords via ctypes; the Python binding 1.7 lacks it).

kcat sets headers per invocation, not per line, so records are produced in batches of 1,000 lines per
kcat run, each run with its own headers (batch number, codec, a repeated header name). Values are
printable (line mode) and carry the record's sequence number; keys spread over 97 users.
"""

import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

from confluent_kafka.admin import AdminClient, NewPartitions, NewTopic  # noqa: E402

from compat_common import check, check_per_key_order, expected_offset_for_time, fail, parse_args, run_main, wait_until  # noqa: E402
from rdkafka_delete_records import delete_records  # noqa: E402

PARTITIONS = 6
RAISED_PARTITIONS = 12
BATCH = 1_000
CODECS = ["gzip", "snappy", "lz4", "zstd"]
PRINTABLE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.,;!?/+=()[]{}<>@#$%^&*~|"


def kcat(bootstrap, *args, stdin=None, timeout=120):
    cmd = ["kcat", "-b", bootstrap, "-q", *args]
    done = subprocess.run(cmd, input=stdin, capture_output=True, timeout=timeout, check=False)
    if done.returncode != 0:
        fail(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr.decode(errors='replace')[-2000:]}")
    return done.stdout.decode()


def make_line(seq):
    rng = random.Random(seq)
    value = f"seq={seq};" + "".join(rng.choice(PRINTABLE) for _ in range(rng.randrange(1, 300)))
    return f"user-{seq % 97}", value


def scenario():
    args = parse_args(__doc__, "compat-kcat")
    bootstrap, topic = args.bootstrap, args.topic
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for name, future in admin.create_topics([NewTopic(topic, num_partitions=PARTITIONS, replication_factor=1)]).items():
        future.result(30)
    listed = json.loads(kcat(bootstrap, "-L", "-J", "-t", topic))
    check(len(listed["topics"][0]["partitions"]) == PARTITIONS, f"kcat -L: {listed['topics'][0]}")

    expected = {}  # seq -> (key, value, headers as kcat prints them)
    seq = 0
    for codec in CODECS:
        total = args.records if codec == "gzip" else args.extra_records
        for batch_start in range(0, total, BATCH):
            count = min(BATCH, total - batch_start)
            headers = [("batch", f"{seq // BATCH}"), ("codec", codec), ("tool", "kcat"), ("tool", "again")]
            lines = []
            for i in range(seq, seq + count):
                key, value = make_line(i)
                expected[i] = (key, value, [x for h in headers for x in h])
                lines.append(f"{key}\t{value}")
            seq += count
            header_args = [a for name, value in headers for a in ("-H", f"{name}={value}")]
            kcat(bootstrap, "-P", "-t", topic, "-K", "\t", "-z", codec, "-X", "linger.ms=20", *header_args,
                 stdin=("\n".join(lines) + "\n").encode())

    # Consume everything back: kcat -C without a group assigns every partition and -e stops at the end.
    consumed = [json.loads(line) for line in kcat(bootstrap, "-C", "-t", topic, "-o", "beginning", "-e", "-J").splitlines() if line]
    check(len(consumed) == len(expected), f"kcat consumed {len(consumed)} records, produced {len(expected)}")
    per_partition = {}
    seen = set()
    for m in consumed:
        s = int(m["payload"].split(";", 1)[0][4:])
        check(s not in seen, f"seq {s} consumed twice")
        seen.add(s)
        key, value, headers = expected[s]
        where = f"seq {s} at {m['partition']}/{m['offset']}"
        check(m["key"] == key and m["payload"] == value, f"{where}: key/value differ")
        check(m["headers"] == headers, f"{where}: headers {m['headers']} != {headers}")
        check(m["tstype"] == "create", f"{where}: timestamp type {m['tstype']}")
        per_partition.setdefault(m["partition"], []).append(m)
    check(sorted(per_partition) == list(range(PARTITIONS)), f"records landed on partitions {sorted(per_partition)}")
    ordered = []
    for p, messages in sorted(per_partition.items()):
        offsets = [m["offset"] for m in messages]
        check(offsets == list(range(len(messages))), f"partition {p}: offsets are not 0..{len(messages) - 1} in order")
        ordered.extend(messages)
    keys = check_per_key_order(ordered, lambda m: m["key"], lambda m: int(m["payload"].split(";", 1)[0][4:]))

    # Offsets: earliest (-2), latest (-1) and by timestamp (-Q), and consuming from a timestamp (-o s@ts).
    records = [{"partition": m["partition"], "offset": m["offset"], "timestamp": m["ts"]} for m in consumed]
    for p, messages in per_partition.items():
        check(query_offset(bootstrap, topic, p, -2) == 0, f"partition {p}: earliest offset is not 0")
        check(query_offset(bootstrap, topic, p, -1) == len(messages), f"partition {p}: latest offset is not {len(messages)}")
    all_ts = sorted(r["timestamp"] for r in records)
    offset_checks = 0
    for ts in [all_ts[0] - 1, all_ts[len(all_ts) // 2], all_ts[-1], all_ts[-1] + 1]:
        for p in range(PARTITIONS):
            want = expected_offset_for_time(records, p, ts)
            got = query_offset(bootstrap, topic, p, ts)
            check(got == (-1 if want is None else want), f"kcat -Q {topic}:{p}:{ts} gave {got}, expected {want}")
            offset_checks += 1
    middle = all_ts[len(all_ts) // 2]
    from_time = kcat(bootstrap, "-C", "-t", topic, "-p", "0", "-o", f"s@{middle}", "-c", "1", "-e", "-J")
    first = json.loads(from_time.splitlines()[0]) if from_time.strip() else None
    want = expected_offset_for_time(records, 0, middle)
    check((first["offset"] if first else None) == want, f"kcat -o s@{middle} started at {first and first['offset']}, expected {want}")

    # Raise to 12 partitions (admin), see it with kcat -L, and produce/consume on the new partition with kcat.
    for name, future in admin.create_partitions([NewPartitions(topic, RAISED_PARTITIONS)]).items():
        future.result(30)
    wait_until("kcat -L shows 12 partitions",
               lambda: len(json.loads(kcat(bootstrap, "-L", "-J", "-t", topic))["topics"][0]["partitions"]) == RAISED_PARTITIONS)
    kcat(bootstrap, "-P", "-t", topic, "-p", str(RAISED_PARTITIONS - 1), "-K", "\t", stdin=b"late\tin-partition-11\n")
    late = kcat(bootstrap, "-C", "-t", topic, "-p", str(RAISED_PARTITIONS - 1), "-o", "beginning", "-e", "-J")
    check([json.loads(line)["payload"] for line in late.splitlines() if line] == ["in-partition-11"], f"partition 11: {late!r}")

    # DeleteRecords (librdkafka C API), then kcat sees the new log start offset.
    p0 = len(per_partition[0])
    result = delete_records(bootstrap, topic, {0: p0 // 2})
    check(result.get(0) == (p0 // 2, 0), f"DeleteRecords partition 0: {result.get(0)}")
    check(query_offset(bootstrap, topic, 0, -2) == p0 // 2, "earliest offset did not move to the deleted-before offset")
    rest = [json.loads(line) for line in kcat(bootstrap, "-C", "-t", topic, "-p", "0", "-o", "beginning", "-e", "-J").splitlines() if line]
    check([m["offset"] for m in rest] == list(range(p0 // 2, p0)), "partition 0 after DeleteRecords does not start at the new log start")

    for name, future in admin.delete_topics([topic]).items():
        future.result(30)
    wait_until("topic gone from kcat -L", lambda: all(t["topic"] != topic for t in json.loads(kcat(bootstrap, "-L", "-J"))["topics"]))

    banner = subprocess.run(["kcat", "-V"], capture_output=True, check=False).stdout.decode().splitlines()
    version = next((line.strip() for line in banner if line.startswith("Version")), "unknown")
    codecs = [c for c in CODECS if any(h[3] == c for _, _, h in expected.values())]
    return {"kcat": version, "records": len(expected), "codecs": codecs, "keys": keys, "offset_checks": offset_checks,
            "partitions_raised_to": RAISED_PARTITIONS, "deleted_before": {"0": p0 // 2}}


def query_offset(bootstrap, topic, partition, ts):
    answer = json.loads(kcat(bootstrap, "-Q", "-J", "-t", f"{topic}:{partition}:{ts}"))
    entry = answer[topic][str(partition)]
    if "error" in entry:
        fail(f"kcat -Q {topic}:{partition}:{ts}: {entry['error']}")
    return entry["offset"]


if __name__ == "__main__":
    run_main("kcat", scenario)
