#!/usr/bin/python3
"""A confluent-kafka (librdkafka) group consumer for the CLI replay scenario (issue 3, scenario 4).

Joins --group on --topic, reads until --expect records arrived, keeps polling --settle seconds more so that any
record beyond the expected ones shows up, commits synchronously, leaves the group (close) and prints one JSON
line: {"client": "...", "values": [...]}. Run with Debian's /usr/bin/python3 (python3-confluent-kafka).
"""

import argparse
import json
import time

import confluent_kafka
from confluent_kafka import Consumer, KafkaError, KafkaException


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--topic", required=True)
    parser.add_argument("--group", required=True)
    parser.add_argument("--expect", type=int, required=True)
    parser.add_argument("--settle", type=float, default=2.0)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group,
        "client.id": "replay-confluent-kafka",
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "session.timeout.ms": 6000,
        "heartbeat.interval.ms": 500,
        "fetch.wait.max.ms": 100,
    })
    consumer.subscribe([args.topic])
    values = []
    deadline = time.monotonic() + args.timeout
    settle_until = None
    while time.monotonic() < (settle_until or deadline):
        message = consumer.poll(0.2)
        if message is None:
            continue
        if message.error():
            if message.error().code() == KafkaError._PARTITION_EOF:
                continue
            raise KafkaException(message.error())
        values.append(message.value().decode())
        if len(values) >= args.expect and settle_until is None:
            settle_until = time.monotonic() + args.settle

    if values:
        consumer.commit(asynchronous=False)
    consumer.close()
    print(json.dumps({"client": f"confluent-kafka {confluent_kafka.version()[0]} (librdkafka {confluent_kafka.libversion()[0]})", "values": values}))


if __name__ == "__main__":
    main()
