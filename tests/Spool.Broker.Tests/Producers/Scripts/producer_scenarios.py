#!/usr/bin/python3
"""Idempotent-producer and compaction scenarios with confluent-kafka (librdkafka), driven by Spool's tests.

Every command prints one JSON object per line on stdout. `produce` can run in phases: after each phase it prints
the phase's result and waits for a line on stdin (the test restarts the broker meanwhile), so one producer
instance, with one producer id, spans the restart.
"""
import argparse
import json
import sys
import time

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def create_topic(args):
    admin = AdminClient({"bootstrap.servers": args.bootstrap})
    configs = dict(item.split("=", 1) for item in args.config)
    futures = admin.create_topics([NewTopic(args.topic, num_partitions=args.partitions, replication_factor=1, config=configs)])
    futures[args.topic].result(timeout=30)
    emit({"created": args.topic})


def produce(args):
    errors = []
    failed = []
    delivered = []

    def on_error(err):
        errors.append({"code": err.code(), "name": err.name(), "fatal": err.fatal(), "text": err.str()})

    def on_delivery(err, msg):
        if err is not None:
            failed.append({"name": err.name(), "text": err.str(), "value": msg.value().decode()})
        else:
            delivered.append(msg.offset())

    producer = Producer({
        "bootstrap.servers": args.bootstrap,
        "enable.idempotence": True,
        "acks": "all",
        "linger.ms": args.linger,
        "message.timeout.ms": 120000,
        "retry.backoff.ms": 100,
        "reconnect.backoff.ms": 100,
        "reconnect.backoff.max.ms": 1000,
        "error_cb": on_error,
    })
    sent = 0
    for phase in range(args.phases):
        before = len(delivered)
        for i in range(args.count):
            producer.produce(args.topic, value=f"{args.prefix}-{sent}".encode(), key=f"k{sent % 7}".encode(), on_delivery=on_delivery)
            sent += 1
            producer.poll(0)
            if args.batch and i % args.batch == args.batch - 1:
                producer.flush(120)
        remaining = producer.flush(120)
        emit({
            "phase": phase,
            "delivered": len(delivered) - before,
            "remaining": remaining,
            "failed": failed,
            "errors": errors,
            "fatal": [e for e in errors if e["fatal"]],
        })
        if phase + 1 < args.phases:
            sys.stdin.readline()


def produce_keyed(args):
    producer = Producer({"bootstrap.servers": args.bootstrap, "enable.idempotence": True, "acks": "all", "linger.ms": 0})
    failed = []

    def on_delivery(err, msg):
        if err is not None:
            failed.append(err.str())

    for item in args.record:
        key, _, value = item.partition("=")
        producer.produce(args.topic, key=key.encode(), value=None if value == "<null>" else value.encode(), on_delivery=on_delivery)
        if args.flush_each:
            producer.flush(60)
    remaining = producer.flush(60)
    emit({"remaining": remaining, "failed": failed})


def consume(args):
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": f"reader-{time.time_ns()}",
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest",
        "enable.partition.eof": True,
    })
    metadata = consumer.list_topics(args.topic, timeout=30)
    partitions = list(metadata.topics[args.topic].partitions)
    consumer.assign([TopicPartition(args.topic, p, 0) for p in partitions])
    at_eof = set()
    records = []
    deadline = time.time() + 60
    while len(at_eof) < len(partitions) and time.time() < deadline:
        msg = consumer.poll(1.0)
        if msg is None:
            continue
        if msg.error():
            if msg.error().code() == KafkaError._PARTITION_EOF:
                at_eof.add(msg.partition())
                continue
            raise RuntimeError(msg.error().str())
        at_eof.discard(msg.partition())
        key = msg.key().decode() if msg.key() is not None else None
        value = msg.value().decode() if msg.value() is not None else None
        records.append([msg.partition(), msg.offset(), key, value])
    consumer.close()
    emit({"records": records, "complete": len(at_eof) == len(partitions)})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("command")
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--partitions", type=int, default=1)
    parser.add_argument("--config", action="append", default=[])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--phases", type=int, default=1)
    parser.add_argument("--batch", type=int, default=0)
    parser.add_argument("--linger", type=int, default=5)
    parser.add_argument("--prefix", default="v")
    parser.add_argument("--record", action="append", default=[])
    parser.add_argument("--flush-each", action="store_true")
    args = parser.parse_args()
    {"create-topic": create_topic, "produce": produce, "produce-keyed": produce_keyed, "consume": consume}[args.command](args)


if __name__ == "__main__":
    main()
