#!/usr/bin/python3
"""Consumer-group scenarios with confluent-kafka for Python 1.7.0 (librdkafka 2.0.2), the ones that
tests/Spool.Broker.Tests/Groups/Scripts/group_scenarios.py does not already run (two groups, split and
leave, killed mid-batch and a group restart live there; its helpers are imported rather than copied):

  key-order   keyed records produced while four members consume: each key stays on one partition and one
              member and arrives in production order
  replay      consume everything, reset the empty group to earliest and consume it all again, then reset it
              to a timestamp and get exactly the records from that time on (the 1.7 binding has no
              alter_consumer_group_offsets: a group-less commit, as kafka-consumer-groups.sh does)
  compaction  a compacted topic keeps the latest value per key and drops tombstones
  restart     an idempotent producer and an active group across a broker restart that the caller performs
              when this prints {"event": "restart"}, answering "restarted" on stdin

Usage: groups.py SCENARIO --bootstrap host:port. Prints one JSON summary line; exits 1 on any mismatch.
"""

import argparse
import json
import random
import sys
import threading
import time
from pathlib import Path

from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from compat_common import check, run_main, wait_until

# The librdkafka group member and split check of the broker's own group tests, shared rather than copied.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "Spool.Broker.Tests" / "Groups" / "Scripts"))
from group_scenarios import GroupMember, partitions_split  # noqa: E402


def create_topic(bootstrap, topic, partitions, config=None):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for future in admin.create_topics([NewTopic(topic, partitions, 1, config=config or {})]).values():
        future.result(30)


def produce(bootstrap, topic, records, **config):
    """records: (key, value, partition or None, timestamp or None); waits until each is acknowledged."""
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5, **config})
    for key, value, partition, ts in records:
        extra = {}
        if partition is not None:
            extra["partition"] = partition
        if ts is not None:
            extra["timestamp"] = ts
        producer.produce(topic, key=key, value=value, **extra)
        producer.poll(0)
    check(producer.flush(30) == 0, "the producer did not deliver every record")


def end_offsets(bootstrap, topic, partitions):
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "compat-watermarks", "enable.auto.commit": False})
    try:
        return {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=10)[1] for p in range(partitions)}
    finally:
        consumer.close()


def committed(bootstrap, group, topic, partitions):
    # A consumer that never subscribes does not join the group: it only reads its offsets (OffsetFetch).
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False})
    try:
        return {tp.partition: tp.offset for tp in consumer.committed([TopicPartition(topic, p) for p in range(partitions)], timeout=30)}
    finally:
        consumer.close()


def commit_groupless(bootstrap, group, topic, offsets):
    """An OffsetCommit with no member id and generation -1: the broker takes it only while the group is empty."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False})
    try:
        result = consumer.commit(offsets=[TopicPartition(topic, p, o) for p, o in offsets.items()], asynchronous=False)
        errors = [tp for tp in result or [] if tp.error]
        if errors:
            raise KafkaException(errors[0].error)
    finally:
        consumer.close()


def group_state(bootstrap, group):
    groups = AdminClient({"bootstrap.servers": bootstrap}).list_groups(group, timeout=30)
    return groups[0].state if groups else None


def stop_all(members):
    for m in members:
        m.leave()


def key_order(args):
    partitions, users, records = 8, 40, 2000
    create_topic(args.bootstrap, args.topic, partitions)
    members = [GroupMember(f"i{i}", args.bootstrap, args.group, args.topic) for i in range(4)]
    for m in members:
        m.start()
    wait_until("4 members to split 8 partitions", lambda: partitions_split(members, partitions)
               and all(len(m.assignment()) == 2 for m in members))
    # GroupMember keeps integer values: the value is the sequence number, its user and per-user number derive from it.
    user_of, number_of, per_user = {}, {}, [0] * users
    for s in range(records):
        u = (s * 7 + s // users) % users
        user_of[s], number_of[s] = u, per_user[u]
        per_user[u] += 1
    for start in range(0, records, 100):
        produce(args.bootstrap, args.topic, [(f"user-{user_of[s]}".encode(), str(s).encode(), None, None) for s in range(start, start + 100)])
    wait_until("the members to consume every record", lambda: len({v for m in members for v in m.values()}) >= records)
    stop_all(members)

    deliveries = sum(len(m.received) for m in members)
    check(deliveries == records, f"{deliveries} deliveries of {records} records (no rebalance, so each is expected once)")
    where = {}
    for m in members:
        last = {}
        for partition, offset, s in m.received:  # in the member's delivery order
            u, n = user_of[s], number_of[s]
            check(where.setdefault(u, (m.name, partition)) == (m.name, partition),
                  f"user-{u} was on {where[u]} and on {(m.name, partition)}")
            previous = last.get(u)
            check(n == (previous[0] + 1 if previous else 0), f"user-{u} record {n} at {partition}/{offset} on {m.name} after {previous}: order broken")
            check(previous is None or offset > previous[1], f"user-{u} offset {offset} not after {previous}")
            last[u] = (n, offset)
    per_instance = {m.name: len(m.received) for m in members}
    check(all(per_instance.values()), f"an instance got no record: {per_instance}")
    return {"records": records, "users": len(where), "per_instance": per_instance}


def replay(args):
    partitions, records, start = 4, 1000, 600
    create_topic(args.bootstrap, args.topic, partitions)
    base_ts = int(time.time() * 1000) - 3_600_000
    produce(args.bootstrap, args.topic, [(f"user-{s % 50}".encode(), str(s).encode(), s % partitions, base_ts + s) for s in range(records)])

    def consume(name, count):
        member = GroupMember(name, args.bootstrap, args.group, args.topic)
        member.start()
        wait_until(f"{name}: {count} records", lambda: len(member.values()) >= count)
        return member

    first = consume("first pass", records)
    refused = None
    try:
        commit_groupless(args.bootstrap, args.group, args.topic, {p: 0 for p in range(partitions)})
    except KafkaException as e:
        refused = str(e)
    check(refused, "resetting the offsets of a group with an active member was accepted")
    first.leave()
    check(sorted(first.values()) == list(range(records)), "the first pass did not get each record once")
    end = end_offsets(args.bootstrap, args.topic, partitions)
    wait_until("the first pass to commit up to the end", lambda: committed(args.bootstrap, args.group, args.topic, partitions) == end)
    wait_until("the group to be empty", lambda: group_state(args.bootstrap, args.group) == "Empty")

    commit_groupless(args.bootstrap, args.group, args.topic, {p: 0 for p in range(partitions)})
    again = consume("replay from earliest", records)
    again.leave()
    check(sorted(again.values()) == list(range(records)), f"the replay got {len(again.values())} records, not each of the {records} once")

    ts = base_ts + start
    probe = Consumer({"bootstrap.servers": args.bootstrap, "group.id": args.group, "enable.auto.commit": False})
    by_time = {tp.partition: tp.offset for tp in probe.offsets_for_times([TopicPartition(args.topic, p, ts) for p in range(partitions)], timeout=10)}
    probe.close()
    commit_groupless(args.bootstrap, args.group, args.topic, by_time)
    check(committed(args.bootstrap, args.group, args.topic, partitions) == by_time, f"committed after the reset to {ts} is not {by_time}")
    from_time = consume("replay from a timestamp", records - start)
    from_time.leave()
    got = sorted(from_time.values())
    check(got == list(range(start, records)), f"the replay from a timestamp got {len(got)} records from {got[:1]}, expected {start}..{records - 1}")
    return {"records": records, "replayed": len(again.values()), "from_timestamp": len(got), "refused_while_active": refused[:120]}


def compaction(args):
    keys, versions, deleted = 20, 10, 5
    create_topic(args.bootstrap, args.topic, 1, {
        "cleanup.policy": "compact",
        "segment.bytes": "2048",
        "segment.ms": "100",
        "min.cleanable.dirty.ratio": "0.01",
        "min.compaction.lag.ms": "0",
        "delete.retention.ms": "100",
    })
    for v in range(versions):
        produce(args.bootstrap, args.topic, [(f"key-{k}".encode(), json.dumps({"k": k, "v": v}).encode(), 0, None) for k in range(keys)])
    produce(args.bootstrap, args.topic, [(f"key-{k}".encode(), None, 0, None) for k in range(deleted)])

    state = {"attempts": 0, "last": None}

    def compacted():
        # The active segment is never cleaned and a tombstone goes only in a cleaning after its delete horizon:
        # each attempt appends a filler (its own key) that rolls the segment and gives the cleaner new work.
        produce(args.bootstrap, args.topic, [(b"filler", str(state["attempts"]).encode(), 0, None)])
        state["attempts"] += 1
        records = read_all(args.bootstrap, args.topic)
        by_key = {}
        for key, value in records:
            if key != "filler":
                by_key.setdefault(key, []).append(None if value is None else json.loads(value)["v"])
        state["last"] = {"total": len(records), "keys": by_key}
        return sum(len(v) for v in by_key.values()) == keys - deleted and all(
            (f"key-{k}" not in by_key) if k < deleted else by_key.get(f"key-{k}") == [versions - 1] for k in range(keys))

    wait_until(lambda: f"compaction to leave one record per live key and no tombstone; last read: {state['last']}",
               compacted, timeout_s=90, interval_s=0.2)
    return {"keys": keys, "versions": versions, "tombstoned": deleted, "attempts": state["attempts"],
            "records_left": state["last"]["total"], "produced": keys * versions + deleted + state["attempts"]}


def read_all(bootstrap, topic):
    """Everything in partition 0 up to its current end, read with assign() from the beginning."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "compat-compaction-reader", "enable.auto.commit": False})
    try:
        _, high = consumer.get_watermark_offsets(TopicPartition(topic, 0), timeout=10)
        consumer.assign([TopicPartition(topic, 0, OFFSET_BEGINNING)])
        out, deadline, last = [], time.monotonic() + 30, -1
        while last < high - 1:
            check(time.monotonic() < deadline, f"reading {topic} up to {high} timed out at {last}")
            message = consumer.poll(0.2)
            if message is None or message.error():
                continue
            last = message.offset()
            if last < high:
                out.append((message.key().decode(), message.value()))
        return out
    finally:
        consumer.close()


class CommittingMember(GroupMember):
    """A member that commits each record once processed, except while its commits are frozen."""

    def __init__(self, name, bootstrap, group, topic):
        super().__init__(name, bootstrap, group, topic, **{"enable.auto.commit": False})
        self.commit_lock = threading.Lock()
        self.frozen = False
        self.uncommitted = None

    def run(self):
        self.consumer.subscribe([self.topic], on_assign=self.on_assign, on_revoke=self.on_revoke)
        while not self.stop.is_set():
            message = self.consumer.poll(0.1)
            if message is not None and not message.error():
                with self.lock:
                    self.received.append((message.partition(), message.offset(), int(message.value())))
                self.uncommitted = message
            with self.commit_lock:
                if self.uncommitted is not None and not self.frozen:
                    try:
                        # The position of every assigned partition, as a commit after each record would leave it.
                        self.consumer.commit(asynchronous=False)
                        self.uncommitted = None
                    except KafkaException:
                        pass  # the coordinator is away (restart): the next round commits the same positions
        self.consumer.close()

    def freeze(self, frozen):
        with self.commit_lock:  # waits for a commit in flight
            self.frozen = frozen


def restart(args):
    partitions, chunk = 4, 20
    create_topic(args.bootstrap, args.topic, partitions)
    producer = Producer({"bootstrap.servers": args.bootstrap, "enable.idempotence": True, "linger.ms": 5})
    member = CommittingMember("resumer", args.bootstrap, args.group, args.topic)
    member.start()
    sent = [0]

    def send_chunk():
        for s in range(sent[0], sent[0] + chunk):
            producer.produce(args.topic, key=f"k-{s}".encode(), value=str(s).encode(), partition=s % partitions)
        check(producer.flush(120) == 0, "the idempotent producer did not deliver a chunk")
        sent[0] += chunk

    def consumed():
        return len(set(member.values()))

    for _ in range(10):
        send_chunk()
    wait_until("the group to consume and commit the first records", lambda: consumed() >= 200
               and sum(max(o, 0) for o in committed(args.bootstrap, args.group, args.topic, partitions).values()) == 200)
    member.freeze(True)
    before = committed(args.bootstrap, args.group, args.topic, partitions)
    send_chunk()  # the member gets ahead of its committed offsets before the broker goes down
    wait_until("the group to consume an uncommitted chunk", lambda: consumed() >= sent[0])

    restarted = threading.Event()

    def wait_stdin():
        for line in sys.stdin:
            if line.strip() == "restarted":
                restarted.set()
                return

    threading.Thread(target=wait_stdin, daemon=True).start()
    print(json.dumps({"event": "restart"}, separators=(",", ":")), flush=True)
    chunks_during = 0
    while not restarted.is_set():
        send_chunk()
        chunks_during += 1
        time.sleep(0.025)  # paced: a steady trickle keeps a request in flight when the broker goes down

    after = committed(args.bootstrap, args.group, args.topic, partitions)
    check(after == before, f"committed offsets after the restart {after} != before {before}")
    member.freeze(False)
    for _ in range(10):
        send_chunk()
    total = sent[0]
    wait_until("the group to consume every record after the restart", lambda: consumed() >= total, timeout_s=90)
    end = end_offsets(args.bootstrap, args.topic, partitions)
    check(sum(end.values()) == total, f"the log holds {end} records, {total} were acknowledged: duplicates")
    wait_until("the group to commit up to the end", lambda: committed(args.bootstrap, args.group, args.topic, partitions) == end)
    member.leave()

    at, redelivered = {}, 0
    for partition, offset, s in member.received:
        if (partition, offset) in at:
            check(at[(partition, offset)] == s, f"{partition}/{offset} held {at[(partition, offset)]} and then {s}")
            check(offset >= before[partition], f"{partition}/{offset} was delivered again though {before[partition]} was committed")
            redelivered += 1
            continue
        at[(partition, offset)] = s
    check(sorted(at.values()) == list(range(total)), f"{len(at)} records read, {total} acknowledged (or one twice)")
    return {"produced": total, "chunks_during_restart": chunks_during, "committed_before": before, "redelivered": redelivered}


SCENARIOS = {"key-order": key_order, "replay": replay, "compaction": compaction, "restart": restart}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", choices=SCENARIOS)
    parser.add_argument("--bootstrap", required=True)
    unique = f"{int(time.time() * 1000)}-{random.randrange(1 << 30)}"
    parser.add_argument("--topic", default=f"topic-{unique}")
    parser.add_argument("--group", default=f"group-{unique}")
    args = parser.parse_args()
    run_main("confluent-kafka " + args.scenario, lambda: {"scenario": args.scenario, **SCENARIOS[args.scenario](args)})


if __name__ == "__main__":
    main()
