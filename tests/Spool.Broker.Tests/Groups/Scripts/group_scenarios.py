"""Consumer-group scenarios driven by the real confluent-kafka client (librdkafka) against a Spool broker.

Run with Debian's /usr/bin/python3 (it has python3-confluent-kafka):
    group_scenarios.py SCENARIO --bootstrap HOST:PORT [--topic T] [--group G]
Each scenario prints one JSON line and exits 0, or prints the mismatch and exits 1.
"""

import argparse
import json
import os
import signal
import sys
import threading
import time

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewPartitions, NewTopic


class Mismatch(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Mismatch(message)


def wait_until(what, predicate, timeout_s=60.0, interval_s=0.1):
    deadline = time.monotonic() + timeout_s
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise Mismatch(f"timed out after {timeout_s}s waiting for {what}")
        time.sleep(interval_s)


def create_topic(bootstrap, topic, partitions):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for future in admin.create_topics([NewTopic(topic, partitions, 1)]).values():
        future.result(30)


def produce(bootstrap, topic, start, count, partitions=None):
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5})
    for i in range(start, start + count):
        if partitions:
            producer.produce(topic, key=str(i).encode(), value=str(i).encode(), partition=i % partitions)
        else:
            producer.produce(topic, key=str(i).encode(), value=str(i).encode())
        producer.poll(0)
    check(producer.flush(30) == 0, "producer did not deliver every record")


def consumer_config(bootstrap, group, **extra):
    config = {
        "bootstrap.servers": bootstrap,
        "group.id": group,
        "auto.offset.reset": "earliest",
        "session.timeout.ms": 3000,
        "heartbeat.interval.ms": 300,
        "topic.metadata.refresh.interval.ms": 1000,
        "enable.auto.commit": True,
        "auto.commit.interval.ms": 200,
    }
    config.update(extra)
    return config


class GroupMember(threading.Thread):
    """A consumer in its own thread, recording its assignment and every value it receives."""

    def __init__(self, name, bootstrap, group, topic, **extra):
        super().__init__(daemon=True, name=name)
        self.consumer = Consumer(consumer_config(bootstrap, group, **extra))
        self.topic = topic
        self.assigned = set()
        self.received = []
        self.errors = []
        self.stop = threading.Event()
        self.lock = threading.Lock()

    def on_assign(self, consumer, partitions):
        with self.lock:
            self.assigned = {p.partition for p in partitions}

    def on_revoke(self, consumer, partitions):
        with self.lock:
            self.assigned = set()

    def run(self):
        self.consumer.subscribe([self.topic], on_assign=self.on_assign, on_revoke=self.on_revoke)
        while not self.stop.is_set():
            message = self.consumer.poll(0.1)
            if message is None:
                continue
            if message.error():
                if message.error().code() != KafkaError._PARTITION_EOF:
                    self.errors.append(str(message.error()))
                continue
            with self.lock:
                self.received.append((message.partition(), message.offset(), int(message.value())))
        self.consumer.close()

    def assignment(self):
        with self.lock:
            return set(self.assigned)

    def values(self):
        with self.lock:
            return [v for (_, _, v) in self.received]

    def leave(self):
        self.stop.set()
        self.join(30)


def partitions_split(members, partitions):
    """True when the members' assignments cover every partition exactly once."""
    assigned = [m.assignment() for m in members]
    union = set().union(*assigned)
    return union == set(range(partitions)) and sum(len(a) for a in assigned) == partitions


def two_groups(args):
    create_topic(args.bootstrap, args.topic, 4)
    produce(args.bootstrap, args.topic, 0, args.records)
    members = [GroupMember(f"{g}", args.bootstrap, f"{args.group}-{g}", args.topic) for g in ("a", "b")]
    for m in members:
        m.start()
    for m in members:
        wait_until(f"group {m.name} to receive every record", lambda m=m: len(m.values()) >= args.records)
    for m in members:
        m.leave()
        check(sorted(m.values()) == list(range(args.records)), f"group {m.name} did not receive each record exactly once")
        check(not m.errors, f"group {m.name} saw errors: {m.errors}")
    return {"groups": 2, "records": args.records}


def split_and_leave(args):
    partitions = 8
    create_topic(args.bootstrap, args.topic, partitions)
    members = [GroupMember(f"c{i}", args.bootstrap, args.group, args.topic) for i in range(4)]
    for m in members:
        m.start()
    wait_until("4 members to split 8 partitions", lambda: partitions_split(members, partitions)
               and all(len(m.assignment()) == 2 for m in members))
    first = {m.name: sorted(m.assignment()) for m in members}
    produce(args.bootstrap, args.topic, 0, args.records, partitions)
    wait_until("the first batch to be consumed", lambda: len(set(v for m in members for v in m.values())) >= args.records)
    seen_once = [v for m in members for v in m.values()]
    check(sorted(seen_once) == list(range(args.records)), "records overlapped or went missing while four members consumed")

    leaving = members.pop()
    leaving.leave()
    wait_until("3 members to split 8 partitions", lambda: partitions_split(members, partitions))
    second = {m.name: sorted(m.assignment()) for m in members}
    produce(args.bootstrap, args.topic, args.records, args.records, partitions)
    total = 2 * args.records
    everything = lambda: set(v for m in members + [leaving] for v in m.values())
    wait_until("every record to be processed", lambda: len(everything()) >= total)
    for m in members:
        m.leave()
    check(everything() == set(range(total)), "a record was never processed")
    return {"before": first, "after": second, "records": total}


def killed_mid_batch(args):
    if args.role == "victim":
        # Commits after the first half, then takes ten more without committing and dies on the spot.
        consumer = Consumer(consumer_config(args.bootstrap, args.group, **{"enable.auto.commit": False}))
        consumer.subscribe([args.topic])
        taken = 0
        while True:
            message = consumer.poll(0.5)
            if message is None or message.error():
                continue
            taken += 1
            if taken == args.records // 2:
                consumer.commit(message=message, asynchronous=False)
                print(json.dumps({"committed": message.offset() + 1}), flush=True)
            if taken == args.records // 2 + 10:
                os.kill(os.getpid(), signal.SIGKILL)

    create_topic(args.bootstrap, args.topic, 1)
    produce(args.bootstrap, args.topic, 0, args.records)
    import subprocess
    victim = subprocess.run(
        [sys.executable, __file__, "killed-mid-batch", "--bootstrap", args.bootstrap, "--topic", args.topic,
         "--group", args.group, "--records", str(args.records), "--role", "victim"],
        capture_output=True, text=True, timeout=120)
    check(victim.returncode == -signal.SIGKILL, f"the victim was not killed: {victim.returncode} {victim.stderr}")
    committed = json.loads(victim.stdout.strip().splitlines()[-1])["committed"]
    check(committed == args.records // 2, f"the victim committed {committed}")

    replacement = GroupMember("replacement", args.bootstrap, args.group, args.topic)
    replacement.start()
    wait_until("the replacement to consume the rest", lambda: len(replacement.values()) >= args.records - committed)
    replacement.leave()
    values = replacement.values()
    check(values == list(range(committed, args.records)),
          f"the replacement should resume at {committed}: got {values[:5]}...")
    return {"committed": committed, "redelivered": 10, "resumed_at": values[0]}


def restart_phase(args):
    """Phase 1 commits part of the topic and leaves; phase 2 (after a broker restart) resumes from there."""
    if args.role == "before":
        create_topic(args.bootstrap, args.topic, 2)
        produce(args.bootstrap, args.topic, 0, args.records, 2)
        member = GroupMember("before", args.bootstrap, args.group, args.topic, **{"enable.auto.commit": False})
        member.consumer.subscribe([args.topic])
        got = []
        while len(got) < args.records // 2:
            message = member.consumer.poll(0.5)
            if message is None or message.error():
                continue
            got.append(int(message.value()))
        member.consumer.commit(asynchronous=False)
        committed = member.consumer.committed([TopicPartition(args.topic, 0), TopicPartition(args.topic, 1)], timeout=10)
        member.consumer.close()
        return {"consumed": sorted(got), "committed": {tp.partition: tp.offset for tp in committed}}

    consumer = Consumer(consumer_config(args.bootstrap, args.group))
    committed = consumer.committed([TopicPartition(args.topic, 0), TopicPartition(args.topic, 1)], timeout=30)
    consumer.subscribe([args.topic])
    got = []
    deadline = time.monotonic() + 60
    while len(got) < args.records - sum(max(tp.offset, 0) for tp in committed) and time.monotonic() < deadline:
        message = consumer.poll(0.5)
        if message is None or message.error():
            continue
        got.append(int(message.value()))
    consumer.close()
    return {"committed": {tp.partition: tp.offset for tp in committed}, "consumed": sorted(got)}


def partition_growth(args):
    create_topic(args.bootstrap, args.topic, 2)
    members = [GroupMember(f"c{i}", args.bootstrap, args.group, args.topic) for i in range(2)]
    for m in members:
        m.start()
    wait_until("2 members to split 2 partitions", lambda: partitions_split(members, 2))
    admin = AdminClient({"bootstrap.servers": args.bootstrap})
    for future in admin.create_partitions([NewPartitions(args.topic, 4)]).values():
        future.result(30)
    wait_until("the group to rebalance onto 4 partitions", lambda: partitions_split(members, 4))
    result = {m.name: sorted(m.assignment()) for m in members}
    for m in members:
        m.leave()
    return {"after": result}


def describe(args):
    """The group as the admin API sees it (ListGroups and DescribeGroups)."""
    admin = AdminClient({"bootstrap.servers": args.bootstrap})
    groups = admin.list_groups(args.group, timeout=30)
    return {"groups": [{"id": g.id, "state": g.state, "protocol_type": g.protocol_type, "protocol": g.protocol,
                        "members": len(g.members)} for g in groups]}


SCENARIOS = {
    "two-groups": two_groups,
    "split-and-leave": split_and_leave,
    "killed-mid-batch": killed_mid_batch,
    "restart": restart_phase,
    "partition-growth": partition_growth,
    "describe": describe,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("scenario", choices=SCENARIOS)
    parser.add_argument("--bootstrap", required=True)
    parser.add_argument("--topic", default=f"groups-{int(time.time() * 1000)}")
    parser.add_argument("--group", default=f"group-{int(time.time() * 1000)}")
    parser.add_argument("--records", type=int, default=200)
    parser.add_argument("--role", default="")
    args = parser.parse_args()
    try:
        summary = SCENARIOS[args.scenario](args)
    except Mismatch as e:
        print(f"MISMATCH: {e}", file=sys.stderr)
        sys.exit(1)
    print(json.dumps({"ok": True, **summary}))


if __name__ == "__main__":
    main()
