#!/usr/bin/python3
"""Focused librdkafka (confluent-kafka for Python) cases against Spool, one per invocation:

  acks             acks=0, 1 and all, 2,000 records in 10-record requests, producer closed right after
                   flush(): every record is stored once and readable; acks=0 reports no offsets
  log-append-time  a message.timestamp.type=LogAppendTime topic replaces the producer's timestamps
  too-large        max.message.bytes: a batch just under passes, one over fails with MSG_SIZE_TOO_LARGE
  invalid-names    CreateTopics refuses invalid names with INVALID_TOPIC_EXCEPTION
  unknown-topic    with auto.create.topics.enable=false (set on the broker by the caller) producing to an
                   unknown topic fails with UNKNOWN_TOPIC_OR_PART and creates nothing

Usage: cases.py --bootstrap host:port CASE. Prints one JSON summary line; exits 1 on any mismatch.
"""

import argparse
import random
import time

import confluent_kafka
from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from compat_common import check, fail, run_main, wait_until

GROUP = "compat-cases-unused"  # the Python binding requires a group.id even for assign()


def unique(prefix):
    return f"{prefix}-{int(time.time() * 1000)}-{random.randrange(1 << 30)}"


def create_topic(admin, name, partitions=1, config=None):
    for _, future in admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1, config=config or {})]).items():
        future.result(30)


def produce(bootstrap, topic, values, **config):
    """Produces values to partition 0 and returns the delivery reports as (error, offset, timestamp).

    The producer is closed on return, as an application closes it after flush(): requests the broker has
    fully received must still be appended (acks=0 relies on that: there is nothing else to wait for).
    """
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5, **config})
    reports = []
    for v in values:
        producer.produce(topic, value=v, partition=0, timestamp=1_000_000_000_000,
                         on_delivery=lambda err, msg: reports.append((err, msg.offset(), msg.timestamp())))
    check(producer.flush(30) == 0, "records undelivered after flush")
    del producer  # rd_kafka_destroy: the connection closes now
    return reports


def consume(bootstrap, topic, partition=0):
    # No auto-commit: a commit needs the group coordinator, which Spool does not serve yet.
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": GROUP, "enable.auto.commit": False, "enable.partition.eof": True})
    try:
        _, high = consumer.get_watermark_offsets(TopicPartition(topic, partition), timeout=10)
        consumer.assign([TopicPartition(topic, partition, confluent_kafka.OFFSET_BEGINNING)])
        out = []
        deadline = time.monotonic() + 30
        while len(out) < high:
            check(time.monotonic() < deadline, f"consumed {len(out)} of {high} records")
            msg = consumer.poll(1.0)
            if msg is None or (msg.error() and msg.error().code() == KafkaError._PARTITION_EOF):
                continue
            check(not msg.error(), f"consumer error: {msg.error()}")
            out.append(msg)
        return out
    finally:
        consumer.close()


def high_watermark(bootstrap, topic, partition=0):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": GROUP})
    try:
        return consumer.get_watermark_offsets(TopicPartition(topic, partition), timeout=10, cached=False)[1]
    finally:
        consumer.close()


def case_acks(bootstrap, admin):
    results = {}
    for acks in ["0", "1", "all"]:
        topic = unique(f"acks-{acks}")
        create_topic(admin, topic)
        # Many small requests (10 records each), so that some are still being handled when the producer closes.
        values = [f"acks={acks} #{i}".encode() for i in range(2000)]
        reports = produce(bootstrap, topic, values, acks=acks, **{"linger.ms": 0, "batch.num.messages": 10})
        check(all(err is None for err, _, _ in reports), f"acks={acks}: delivery errors {[e for e, _, _ in reports if e][:3]}")
        offsets = [o for _, o, _ in reports]
        if acks == "0":
            # No response comes back, so librdkafka cannot know the offsets.
            check(all(o is None or o < 0 for o in offsets), f"acks=0 reported offsets {offsets[:5]}")
        else:
            check(offsets == list(range(len(values))), f"acks={acks}: offsets {offsets[:5]}... are not 0..{len(values) - 1}")
        if acks == "0":
            # Nothing tells an acks=0 producer when the broker has appended: wait for the high watermark.
            # Every request was written to the socket before the producer closed; a shortfall means the broker
            # dropped requests it had received when the client closed its end.
            wait_until(lambda: f"acks=0 records to be appended (high watermark {high_watermark(bootstrap, topic)} of {len(values)}; "
                       "requests received before the client closed the connection were dropped)",
                       lambda: high_watermark(bootstrap, topic) >= len(values), timeout_s=15)
        consumed = [m.value() for m in consume(bootstrap, topic)]
        check(consumed == values, f"acks={acks}: consumed {len(consumed)} records that differ from the {len(values)} produced")
        results[acks] = len(consumed)
    return {"records_per_acks": results}


def case_log_append_time(bootstrap, admin):
    topic = unique("log-append-time")
    create_topic(admin, topic, config={"message.timestamp.type": "LogAppendTime"})
    before = int(time.time() * 1000)
    reports = produce(bootstrap, topic, [b"a", b"b", b"c"], acks="all")
    after = int(time.time() * 1000)
    for err, _, (ts_type, ts) in reports:
        check(err is None, f"delivery error {err}")
        # The produce response carries the broker's append time; librdkafka reports it in the delivery report.
        check(before <= ts <= after, f"delivery report timestamp {ts} is not the append time (between {before} and {after})")
    for m in consume(bootstrap, topic):
        ts_type, ts = m.timestamp()
        check(ts_type == confluent_kafka.TIMESTAMP_LOG_APPEND_TIME, f"consumed timestamp type {ts_type}, not LogAppendTime")
        check(before <= ts <= after, f"consumed timestamp {ts} is not between {before} and {after} (producer sent 1000000000000)")
    return {"records": len(reports)}


def case_too_large(bootstrap, admin):
    limit = 10_000
    topic = unique("too-large")
    create_topic(admin, topic, config={"max.message.bytes": str(limit)})
    # A v2 batch of one record adds 61 bytes of batch header and a few bytes of record framing.
    ok = produce(bootstrap, topic, [b"x" * (limit - 200)], acks="all", **{"compression.type": "none"})
    check(ok[0][0] is None, f"a batch under max.message.bytes failed: {ok[0][0]}")
    big = produce(bootstrap, topic, [b"y" * (limit + 1)], acks="all", **{"compression.type": "none", "message.send.max.retries": 0})
    err = big[0][0]
    check(err is not None and err.code() == KafkaError.MSG_SIZE_TOO_LARGE,
          f"a batch over max.message.bytes gave {err!r}, expected MSG_SIZE_TOO_LARGE (10)")
    stored = consume(bootstrap, topic)
    check(len(stored) == 1, f"{len(stored)} records stored, expected only the one under the limit")
    return {"limit": limit, "error": err.name()}


def case_invalid_names(bootstrap, admin):
    names = ["has space", "a" * 250, ".", "..", "slash/name", "star*", "ümlaut", ""]
    outcomes = {}
    for name in names:
        futures = admin.create_topics([NewTopic(name, num_partitions=1, replication_factor=1)], validate_only=False)
        try:
            futures[name].result(30)
            fail(f"topic name {name!r} was accepted")
        except confluent_kafka.KafkaException as e:
            code = e.args[0].code()
            check(code == KafkaError.TOPIC_EXCEPTION, f"topic name {name!r}: error {e.args[0]!r}, expected INVALID_TOPIC_EXCEPTION (17)")
            outcomes[name[:20]] = e.args[0].name()
    existing = admin.list_topics(timeout=10).topics
    check(not any(n in existing for n in names), "an invalid topic exists after all")
    return {"refused": len(outcomes)}


def case_unknown_topic(bootstrap, admin):
    topic = unique("never-created")
    producer = Producer({"bootstrap.servers": bootstrap, "message.timeout.ms": 10_000, "topic.metadata.propagation.max.ms": 2_000})
    errors = []
    producer.produce(topic, value=b"v", on_delivery=lambda err, msg: errors.append(err))
    producer.flush(30)
    check(len(errors) == 1 and errors[0] is not None, f"producing to an unknown topic gave {errors}")
    check(errors[0].code() in (KafkaError._UNKNOWN_TOPIC, KafkaError.UNKNOWN_TOPIC_OR_PART),
          f"producing to an unknown topic failed with {errors[0]!r}, expected UNKNOWN_TOPIC_OR_PART")
    metadata = admin.list_topics(topic, timeout=10).topics[topic]
    check(metadata.error is not None and metadata.error.code() == KafkaError.UNKNOWN_TOPIC_OR_PART,
          f"metadata for the unknown topic: {metadata.error!r}")
    check(topic not in admin.list_topics(timeout=10).topics, "the unknown topic was created")
    return {"error": errors[0].name()}


CASES = {
    "acks": case_acks,
    "log-append-time": case_log_append_time,
    "too-large": case_too_large,
    "invalid-names": case_invalid_names,
    "unknown-topic": case_unknown_topic,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("case", choices=sorted(CASES))
    args = parser.parse_args()
    admin = AdminClient({"bootstrap.servers": args.bootstrap})
    run_main(f"confluent-kafka-python:{args.case}", lambda: CASES[args.case](args.bootstrap, admin))


if __name__ == "__main__":
    main()
