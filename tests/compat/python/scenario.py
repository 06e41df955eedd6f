#!/usr/bin/python3
"""confluent-kafka for Python (librdkafka) against Spool: the issue-2 compat scenario.

Steps: create a 6-partition topic; produce keyed records with headers and explicit timestamps in
batches, first with gzip (the main phase), then with snappy, lz4 and zstd; consume every partition
back (manual assignment: consumer groups are not served yet) and compare count, per-key order and
every byte of keys, values, headers and timestamps; list offsets (earliest, latest, by timestamp);
raise the partition count to 12 and use the new partition; delete records; delete the topic.

Run with Debian's /usr/bin/python3 (python3-confluent-kafka). Prints one JSON summary line; exits 1
on any mismatch.
"""

import random
import time

import confluent_kafka
from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, ConfigSource, NewPartitions, NewTopic

from compat_common import (check, check_per_key_order, expected_offset_for_time, fail, parse_args, run_main,
                           wait_until)
from rdkafka_delete_records import delete_records

PARTITIONS = 6
RAISED_PARTITIONS = 12
CODECS = ["gzip", "snappy", "lz4", "zstd"]
# The Python binding insists on a group.id even for assign(); no group API is used (no subscribe, no commit).
GROUP = "compat-python-unused"
RETENTION_MS = "86400000"  # a topic config set at creation, read back with DescribeConfigs


def make_record(seq, codec, base_ts):
    """Deterministic record number seq: binary value, a null value now and then, binary and null headers."""
    rng = random.Random(seq)
    value = None if seq % 997 == 13 else bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400)))
    headers = [("seq", str(seq).encode()), ("codec", codec.encode()), ("bin", bytes([seq % 256, 0, 255, 10]))]
    # No null-valued header here: confluent-kafka-python 1.7.0 builds consumed headers with a borrowed
    # reference to None and the interpreter aborts at exit (none_dealloc). The JS scenarios cover null
    # header values instead.
    if seq % 7 == 0:
        headers.append(("seq", b"dup-name"))  # repeated header names must survive in order
    return {
        "seq": seq,
        "key": f"user-{seq % 97}".encode(),
        "value": value,
        "headers": headers,
        "timestamp": base_ts + seq,  # strictly increasing, so offset-by-time has one right answer
    }


def admin_wait(futures, what):
    for name, future in futures.items():
        try:
            future.result(30)
        except Exception as e:  # noqa: BLE001
            fail(f"{what} {name} failed: {e}")


def produce(bootstrap, topic, records, codec):
    """One producer per codec, batching (linger) so each request carries many records per partition."""
    producer = Producer({
        "bootstrap.servers": bootstrap,
        "compression.type": codec,
        "linger.ms": 20,
        "batch.num.messages": 500,
        "acks": "all",
    })
    errors = []

    def on_delivery(err, msg, record):
        if err is not None:
            errors.append(f"seq {record['seq']}: {err}")
            return
        record["partition"] = msg.partition()
        record["offset"] = msg.offset()

    for record in records:
        while True:
            try:
                producer.produce(topic, key=record["key"], value=record["value"], headers=record["headers"],
                                 timestamp=record["timestamp"],
                                 on_delivery=lambda err, msg, r=record: on_delivery(err, msg, r))
                break
            except BufferError:
                producer.poll(0.05)
    remaining = producer.flush(60)
    check(remaining == 0, f"{remaining} {codec} records still undelivered after flush")
    check(not errors, f"{len(errors)} {codec} delivery errors, first: {errors[:3]}")


def consume_all(bootstrap, topic, partitions, start=confluent_kafka.OFFSET_BEGINNING):
    """Reads each partition from start to its high watermark; returns messages in per-partition offset order."""
    consumer = Consumer({
        "bootstrap.servers": bootstrap,
        "group.id": GROUP,
        "enable.auto.commit": False,
        "fetch.wait.max.ms": 100,
        "enable.partition.eof": True,
    })
    try:
        ends = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1] for p in partitions}
        consumer.assign([TopicPartition(topic, p, start) for p in partitions])
        by_partition = {p: [] for p in partitions}
        done = {p for p in partitions if ends[p] == 0}
        deadline = time.monotonic() + 60
        while len(done) < len(partitions):
            check(time.monotonic() < deadline, f"consume timed out; partitions done: {sorted(done)}")
            msg = consumer.poll(1.0)
            if msg is None:
                continue
            if msg.error():
                if msg.error().code() == KafkaError._PARTITION_EOF:
                    if msg.offset() >= ends[msg.partition()]:
                        done.add(msg.partition())
                    continue
                fail(f"consumer error: {msg.error()}")
            by_partition[msg.partition()].append(msg)
            if msg.offset() + 1 >= ends[msg.partition()]:
                done.add(msg.partition())
        return by_partition, ends
    finally:
        consumer.close()


def verify_consumed(expected, by_partition):
    by_seq = {r["seq"]: r for r in expected}
    consumed = [m for p in sorted(by_partition) for m in by_partition[p]]
    check(len(consumed) == len(expected), f"consumed {len(consumed)} records, produced {len(expected)}")
    seen = set()
    for m in consumed:
        headers = m.headers() or []
        seq = int(headers[0][1])
        check(seq not in seen, f"seq {seq} consumed twice")
        seen.add(seq)
        r = by_seq.get(seq) or fail(f"unknown seq {seq} consumed")
        where = f"seq {seq} at {m.partition()}/{m.offset()}"
        check((m.partition(), m.offset()) == (r["partition"], r["offset"]),
              f"{where}: delivery report said {r['partition']}/{r['offset']}")
        check(m.key() == r["key"], f"{where}: key {m.key()!r} != {r['key']!r}")
        check(m.value() == r["value"], f"{where}: value differs ({len(m.value() or b'')} vs {len(r['value'] or b'')} bytes)")
        check(headers == r["headers"], f"{where}: headers {headers!r} != {r['headers']!r}")
        ts_type, ts = m.timestamp()
        check(ts_type == confluent_kafka.TIMESTAMP_CREATE_TIME and ts == r["timestamp"],
              f"{where}: timestamp ({ts_type}, {ts}) != (CreateTime, {r['timestamp']})")
    return check_per_key_order(consumed, lambda m: m.key(), lambda m: int(m.headers()[0][1]))


def by_codec(records):
    groups = {}
    for r in records:
        groups.setdefault(dict(r["headers"])["codec"].decode(), []).append(r["seq"])
    return groups


def verify_offsets(bootstrap, topic, expected, ends, base_ts):
    """Earliest/latest by watermarks and ListOffsets by timestamp against the delivery reports."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": GROUP})
    try:
        for p in range(PARTITIONS):
            low, high = consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10, cached=False)
            count = sum(1 for r in expected if r["partition"] == p)
            check((low, high) == (0, count), f"partition {p}: watermarks ({low}, {high}) != (0, {count})")
            check(high == ends[p], f"partition {p}: high watermark moved from {ends[p]} to {high}")
        # Before everything, inside the gzip phase, in the middle of every codec's phase, after everything.
        middles = [base_ts + seqs[len(seqs) // 2] for seqs in by_codec(expected).values()]
        probes = [base_ts - 1000, base_ts + len(expected) // 3, *middles, base_ts + 10 * len(expected)]
        checked = 0
        for ts in probes:
            answer = consumer.offsets_for_times([TopicPartition(topic, p, ts) for p in range(PARTITIONS)], timeout=10)
            for tp in answer:
                check(tp.error is None, f"offsets_for_times {tp.partition}@{ts}: {tp.error}")
                want = expected_offset_for_time(expected, tp.partition, ts)
                # No record at or after ts: Kafka answers offset -1 (librdkafka reports it as OFFSET_END).
                want = confluent_kafka.OFFSET_END if want is None else want
                check(tp.offset == want, f"offsets_for_times partition {tp.partition} ts {ts}: {tp.offset} != {want}")
                checked += 1
        return checked
    finally:
        consumer.close()


def scenario():
    args = parse_args(__doc__, "compat-python")
    bootstrap, topic = args.bootstrap, args.topic
    admin = AdminClient({"bootstrap.servers": bootstrap})

    admin_wait(admin.create_topics([NewTopic(topic, num_partitions=PARTITIONS, replication_factor=1,
                                             config={"retention.ms": RETENTION_MS})]), "create topic")
    configs = admin.describe_configs([ConfigResource(ConfigResource.Type.TOPIC, topic)])
    entries = list(configs.values())[0].result(30)
    retention = entries.get("retention.ms")
    check(retention is not None and retention.value == RETENTION_MS and retention.source == ConfigSource.DYNAMIC_TOPIC_CONFIG.value,
          f"describe_configs retention.ms: {retention!r}")
    metadata = admin.list_topics(topic, timeout=10)
    check(len(metadata.topics[topic].partitions) == PARTITIONS, f"topic has {len(metadata.topics[topic].partitions)} partitions")

    base_ts = int(time.time() * 1000) - 3_600_000
    expected, seq = [], 0
    for codec in CODECS:
        count = args.records if codec == "gzip" else args.extra_records
        batch = [make_record(seq + i, codec, base_ts) for i in range(count)]
        seq += count
        produce(bootstrap, topic, batch, codec)
        expected.extend(batch)
    check(len({r["partition"] for r in expected}) == PARTITIONS, "keys did not spread over every partition")

    by_partition, ends = consume_all(bootstrap, topic, range(PARTITIONS))
    keys = verify_consumed(expected, by_partition)
    offset_checks = verify_offsets(bootstrap, topic, expected, ends, base_ts)

    # Raise the partition count; the new partitions must take and serve records.
    admin_wait(admin.create_partitions([NewPartitions(topic, RAISED_PARTITIONS)]), "create partitions")
    wait_until("12 partitions in metadata",
               lambda: len(admin.list_topics(topic, timeout=10).topics[topic].partitions) == RAISED_PARTITIONS)
    producer = Producer({"bootstrap.servers": bootstrap})
    producer.produce(topic, key=b"late", value=b"in-partition-11", partition=RAISED_PARTITIONS - 1)
    check(producer.flush(30) == 0, "record for partition 11 undelivered")
    late, _ = consume_all(bootstrap, topic, [RAISED_PARTITIONS - 1])
    check([m.value() for m in late[RAISED_PARTITIONS - 1]] == [b"in-partition-11"], "partition 11 content differs")

    # DeleteRecords: partition 0 up to half, partition 1 up to the end (-1 = high watermark).
    half = ends[0] // 2
    result = delete_records(bootstrap, topic, {0: half, 1: -1})
    check(result.get(0) == (half, 0), f"DeleteRecords partition 0: {result.get(0)} != ({half}, 0)")
    check(result.get(1) == (ends[1], 0), f"DeleteRecords partition 1: {result.get(1)} != ({ends[1]}, 0)")
    after, _ = consume_all(bootstrap, topic, [0])
    check(after[0] and after[0][0].offset() == half, f"after DeleteRecords the first offset of partition 0 is "
                                                      f"{after[0][0].offset() if after[0] else None}, not {half}")
    check(len(after[0]) == ends[0] - half, f"partition 0 has {len(after[0])} records left, not {ends[0] - half}")
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": GROUP})
    low, _ = consumer.get_watermark_offsets(TopicPartition(topic, 1), timeout=10, cached=False)
    consumer.close()
    check(low == ends[1], f"partition 1 log start offset {low} != {ends[1]}")

    admin_wait(admin.delete_topics([topic]), "delete topic")
    wait_until("topic gone from metadata", lambda: topic not in admin.list_topics(timeout=10).topics)

    return {
        "python_client": confluent_kafka.version()[0],
        "librdkafka": confluent_kafka.libversion()[0],
        "records": len(expected),
        "codecs": sorted(by_codec(expected), key=CODECS.index),
        "keys": keys,
        "offset_checks": offset_checks,
        "partitions_raised_to": RAISED_PARTITIONS,
        "deleted_before": {"0": half, "1": ends[1]},
    }


if __name__ == "__main__":
    run_main("confluent-kafka-python", scenario)
