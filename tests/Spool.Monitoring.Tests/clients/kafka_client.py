"""A real third-party client (confluent-kafka / librdkafka) for the monitoring tests.

Runs under Debian's /usr/bin/python3 (python3-confluent-kafka). Every command prints one JSON line.

  create   --topic T --partitions N                   create a topic
  produce  --topic T --records N [--only-partition P] N records, round-robin over the partitions or all to P
  consume  --topic T --group G --records N            consume N records in group G, commit, leave
  offsets  --topic T --group G                        per partition: committed offset (OffsetFetch) and
                                                      high watermark (ListOffsets)
  timestamp --topic T --partition P --offset O        timestamp (ms) of the record at offset O
"""

import argparse
import json
import sys
import time

from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic


def admin(args):
    return AdminClient({"bootstrap.servers": args.bootstrap})


def partitions_of(args):
    client = admin(args)
    metadata = client.list_topics(args.topic, timeout=10)
    topic = metadata.topics[args.topic]
    if topic.error is not None:
        raise KafkaException(topic.error)
    return sorted(topic.partitions)


def create(args):
    # The futures fail with _DESTROY once their client is collected: keep it referenced until they complete.
    client = admin(args)
    futures = client.create_topics([NewTopic(args.topic, num_partitions=args.partitions, replication_factor=1)])
    futures[args.topic].result(timeout=15)
    return {"topic": args.topic, "partitions": args.partitions}


def produce(args):
    partitions = partitions_of(args) if args.only_partition is None else [args.only_partition]
    producer = Producer({"bootstrap.servers": args.bootstrap, "linger.ms": 5})
    errors = []
    for i in range(args.records):
        n = i
        producer.produce(args.topic, key=f"key-{n}", value=f"value-{n}", partition=partitions[n % len(partitions)],
                         on_delivery=lambda err, _msg: err and errors.append(str(err)))
    producer.flush(30)
    if errors:
        raise RuntimeError(f"{len(errors)} records failed: {errors[0]}")
    return {"produced": args.records}


def consume(args):
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
    })
    consumer.subscribe([args.topic])
    consumed = 0
    deadline = time.monotonic() + 60
    while consumed < args.records and time.monotonic() < deadline:
        message = consumer.poll(0.5)
        if message is None:
            continue
        if message.error():
            raise KafkaException(message.error())
        consumed += 1
    consumer.commit(asynchronous=False)
    consumer.close()
    if consumed < args.records:
        raise RuntimeError(f"consumed {consumed} of {args.records} records")
    return {"consumed": consumed}


def offsets(args):
    consumer = Consumer({"bootstrap.servers": args.bootstrap, "group.id": args.group, "enable.auto.commit": False})
    result = []
    committed = consumer.committed([TopicPartition(args.topic, p) for p in partitions_of(args)], timeout=10)
    for tp in committed:
        _low, high = consumer.get_watermark_offsets(TopicPartition(args.topic, tp.partition), timeout=10)
        result.append({"partition": tp.partition, "committed": tp.offset, "high_watermark": high})
    consumer.close()
    return {"partitions": result}


def timestamp(args):
    consumer = Consumer({"bootstrap.servers": args.bootstrap, "group.id": "monitoring-test-reader", "enable.auto.commit": False})
    consumer.assign([TopicPartition(args.topic, args.partition, args.offset)])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        message = consumer.poll(0.5)
        if message is None:
            continue
        if message.error():
            raise KafkaException(message.error())
        consumer.close()
        return {"offset": message.offset(), "timestamp": message.timestamp()[1]}
    raise RuntimeError(f"no record at offset {args.offset}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["create", "produce", "consume", "offsets", "timestamp"])
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--group")
    parser.add_argument("--partitions", type=int, default=1)
    parser.add_argument("--partition", type=int, default=0)
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--records", type=int, default=0)
    parser.add_argument("--only-partition", type=int, default=None)
    args = parser.parse_args()
    try:
        print(json.dumps(globals()[args.command](args)))
    except Exception as e:  # noqa: BLE001 - the test shows the client's error text
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
