#!/usr/bin/python3
"""Rebalance time of a 4-member consumer group on Spool (docs/benchmarks.md, "Consumer group rebalance").

Starts the broker (a Release spool-broker.dll, default group settings) with its data in a temporary directory,
creates a 20-partition topic (shares divide evenly among 4 and 5 members), then for each client and heartbeat
setting runs --rounds rounds of:

  1. four members join a fresh group and settle (every member holds a non-empty share, the shares are disjoint
     and cover all 20 partitions);
  2. join: a 5th member subscribes; measured from its subscribe() until the five have settled;
  3. leave: one of the original members stops polling and closes (LeaveGroup); measured from that moment until
     the remaining four have settled.

Clients: confluent-kafka for Python over librdkafka (members are threads of this process, each its own
librdkafka instance; times are stamped in the rebalance callbacks) and the Spool .NET client
(bench/rebalance/rebalance-spool.cs, which samples the members' assignments every millisecond). Both use their
default assignor, range (eager: every member gives up all its partitions and rejoins).

Before each event the group is left alone for one second plus a random fraction of a heartbeat interval, so
that events land at random points of the members' heartbeat cycles (a fixed pause would measure one phase).

Heartbeat settings: the clients' defaults (heartbeat.interval.ms 3000, session.timeout.ms 45000) and a tuned
setting (500 / 6000). Existing members only learn of a rebalance from a heartbeat answer, so the heartbeat
interval bounds most of the time.

Prints one JSON object per round, then a summary (min / median / max per client, setting and event); --out
writes everything as JSON. Run through bench/rebalance/run.sh, which builds what this needs.
"""

import argparse
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import confluent_kafka
from confluent_kafka import Consumer
from confluent_kafka.admin import AdminClient, NewTopic

PARTITIONS = 20
SETTINGS = {"defaults": (3000, 45000), "heartbeat-500ms": (500, 6000)}
READY = re.compile(r"spool: node \d+ ready kafka=\S+://(?P<host>[^:,\s]+):(?P<port>\d+)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_broker(dll, data):
    args = ["dotnet", dll,
            "--override", f"listeners=PLAINTEXT://127.0.0.1:{free_port()}",
            "--override", f"http.listeners=http://127.0.0.1:{free_port()}",
            "--override", f"log.dirs={data}"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SPOOL_")}
    broker = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=data)
    for line in broker.stdout:
        match = READY.search(line)
        if match:
            # Keep draining the broker's output so that it never blocks on a full pipe.
            threading.Thread(target=lambda: [None for _ in broker.stdout], daemon=True).start()
            return broker, f"{match['host']}:{match['port']}"
    raise RuntimeError(f"the broker exited with {broker.wait()} before it was ready")


class Member:
    """A librdkafka group member polling in its own thread; rebalance callbacks stamp when its share changes."""

    def __init__(self, bootstrap, topic, group, index, heartbeat_ms, session_ms):
        self.lock = threading.Lock()
        self.share = set()
        self.changed = 0.0
        self.stop = threading.Event()
        self.consumer = Consumer({
            "bootstrap.servers": bootstrap,
            "group.id": group,
            "client.id": f"rebalance-rdkafka-{index}",
            "enable.auto.commit": False,
            "heartbeat.interval.ms": heartbeat_ms,
            "session.timeout.ms": session_ms,
        })
        self.started = time.monotonic()
        self.consumer.subscribe([topic], on_assign=self.assigned, on_revoke=self.revoked, on_lost=self.revoked)
        self.thread = threading.Thread(target=self.poll, daemon=True)
        self.thread.start()

    def assigned(self, consumer, partitions):
        with self.lock:
            self.share |= {p.partition for p in partitions}
            self.changed = time.monotonic()

    def revoked(self, consumer, partitions):
        with self.lock:
            self.share -= {p.partition for p in partitions}
            self.changed = time.monotonic()

    def poll(self):
        while not self.stop.is_set():
            self.consumer.poll(0.05)

    def snapshot(self):
        with self.lock:
            return set(self.share), self.changed

    def close(self):
        self.stop.set()
        self.thread.join()
        self.consumer.close()


def settled(members, timeout=120):
    """The time of the last share change once every member holds a non-empty, disjoint share of all partitions."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shares = [m.snapshot() for m in members]
        union = set().union(*(s for s, _ in shares))
        if all(s for s, _ in shares) and sum(len(s) for s, _ in shares) == len(union) == PARTITIONS:
            return max(changed for _, changed in shares)
        time.sleep(0.001)
    raise TimeoutError("the group did not settle")


def pause(heartbeat_ms):
    """At least a second, plus a random part of a heartbeat interval: events land at random heartbeat phases."""
    time.sleep(1 + random.uniform(0, heartbeat_ms / 1000))


def rdkafka_rounds(bootstrap, topic, label, heartbeat_ms, session_ms, rounds):
    for round_ in range(1, rounds + 1):
        group = f"rebalance-rdkafka-{label}-{round_}-{time.time_ns()}"
        members = [Member(bootstrap, topic, group, i, heartbeat_ms, session_ms) for i in range(4)]
        settled(members)
        pause(heartbeat_ms)

        joining = Member(bootstrap, topic, group, 4, heartbeat_ms, session_ms)
        members.append(joining)
        join_ms = (settled(members) - joining.started) * 1000
        pause(heartbeat_ms)

        leaving = members.pop(0)
        start = time.monotonic()
        closer = threading.Thread(target=leaving.close)
        closer.start()
        leave_ms = (settled(members) - start) * 1000
        closer.join()
        for member in members:
            member.close()
        yield {"client": f"librdkafka {confluent_kafka.libversion()[0]}", "label": label, "round": round_,
               "join_ms": round(join_ms, 1), "leave_ms": round(leave_ms, 1)}


def spool_rounds(bootstrap, topic, label, heartbeat_ms, session_ms, rounds, driver):
    command = ["dotnet", "run", "-c", "Release", driver, "--", "--bootstrap", bootstrap, "--topic", topic,
               "--partitions", str(PARTITIONS), "--rounds", str(rounds), "--heartbeat-ms", str(heartbeat_ms),
               "--session-ms", str(session_ms), "--label", label]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        for line in process.stdout:
            if line.startswith("{"):
                yield json.loads(line)
        if process.wait() != 0:
            raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")


def machine():
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    memory_kib = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "cpu": model, "ram_gib": round(memory_kib / 1024 / 1024, 1),
            "kernel": platform.release(), "load_1m_before": round(os.getloadavg()[0], 2)}


def summarize(results):
    rows = []
    for client in dict.fromkeys(r["client"] for r in results):
        for label in SETTINGS:
            mine = [r for r in results if r["client"] == client and r["label"] == label]
            if not mine:
                continue
            for event in ("join_ms", "leave_ms"):
                values = [r[event] for r in mine]
                rows.append({"client": client, "label": label, "event": event[:-3], "rounds": len(values),
                             "min_ms": min(values), "median_ms": statistics.median(values), "max_ms": max(values)})
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dll", required=True, help="spool-broker.dll (Release)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out")
    args = parser.parse_args()
    driver = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rebalance-spool.cs")

    data = tempfile.mkdtemp(prefix="spool-rebalance-")
    broker, bootstrap = start_broker(args.dll, data)
    try:
        topic = "rebalance"
        admin = AdminClient({"bootstrap.servers": bootstrap})
        admin.create_topics([NewTopic(topic, PARTITIONS, 1)])[topic].result(30)
        del admin
        info = machine()
        results = []
        for label, (heartbeat_ms, session_ms) in SETTINGS.items():
            for rounds in (rdkafka_rounds(bootstrap, topic, label, heartbeat_ms, session_ms, args.rounds),
                           spool_rounds(bootstrap, topic, label, heartbeat_ms, session_ms, args.rounds, driver)):
                for result in rounds:
                    print(json.dumps(result), flush=True)
                    results.append(result)
        info["load_1m_after"] = round(os.getloadavg()[0], 2)
        summary = summarize(results)
        print(json.dumps({"machine": info, "summary": summary}, indent=2))
        if args.out:
            with open(args.out, "w") as out:
                json.dump({"machine": info, "results": results, "summary": summary}, out, indent=2)
    finally:
        broker.terminate()
        broker.wait(30)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
