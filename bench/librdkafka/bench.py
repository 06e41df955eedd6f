#!/usr/bin/python3
"""Throughput, latency and memory of a Spool broker under a real librdkafka producer and consumer.

What it runs (one broker, one partition, one producer, acks=1, no compression; see docs/benchmarks.md):
  throughput   for 100 B and 1 KiB records: spool-rdbench produce (saturating: records/s, MB/s, delivery
               latency p50/p99), then spool-rdbench consume of the same records from the beginning; also
               kcat -P fed from a file (a second librdkafka producer, for comparison), and a paced run at a
               fixed rate for latency below saturation.
  soak         --soak SECONDS: a paced producer and a tailing consumer for that long; broker RSS every 5 s
               as (seconds, VmRSS, RssAnon, RssFile+RssShmem) in MB.
In every phase the broker's RSS (/proc/PID/status VmRSS) is sampled and the broker's and the client's CPU
seconds are measured (/proc/PID/stat, rusage), to tell which side was saturated.

Usage: bench.py --dll path/to/Release/spool-broker.dll [--records-100 N] [--records-1k N] [--soak 300]
Needs: cc, librdkafka-dev (to build spool-rdbench.c), kcat, python3-confluent-kafka (topic creation).
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from confluent_kafka.admin import AdminClient, NewTopic

HERE = os.path.dirname(os.path.abspath(__file__))
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(message):
    print(f"==> {message}", file=sys.stderr, flush=True)


class Broker:
    """The broker as a child process with data in a temp dir; RSS and CPU read from /proc."""

    def __init__(self, dll, work):
        self.log_path = os.path.join(work, "broker.log")
        self.log = open(self.log_path, "w")
        # Server GC off, as the broker runs by default (Directory.Build.props); Release build passed in.
        self.process = subprocess.Popen(
            ["dotnet", dll, "--override", "listeners=PLAINTEXT://127.0.0.1:0", "--override", "http.listeners=http://127.0.0.1:0",
             "--override", f"log.dirs={os.path.join(work, 'data')}"],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=work)
        deadline = time.monotonic() + 60
        while True:
            text = open(self.log_path).read()
            m = re.search(r"ready kafka=PLAINTEXT://([\d.]+):(\d+)", text)
            if m:
                self.bootstrap = f"{m.group(1)}:{m.group(2)}"
                return
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"broker did not start:\n{text}")
            time.sleep(0.1)

    def rss_mb(self):
        return self.memory()["VmRSS"]

    def memory(self):
        """VmRSS and its parts in MB: RssAnon (heap, GC, stacks) and RssFile/RssShmem (mapped files, code)."""
        values = {}
        with open(f"/proc/{self.process.pid}/status") as f:
            for line in f:
                name = line.split(":", 1)[0]
                if name in ("VmRSS", "RssAnon", "RssFile", "RssShmem"):
                    values[name] = round(int(line.split()[1]) / 1024, 1)
        return values

    def cpu_seconds(self):
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime + stime

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()


class RssSampler:
    """Samples the broker's RSS every `interval` seconds while a phase runs."""

    def __init__(self, broker, interval):
        self.broker, self.interval, self.samples = broker, interval, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._start = time.monotonic()

    def _run(self):
        while not self._stop.is_set():
            m = self.broker.memory()
            self.samples.append((round(time.monotonic() - self._start, 1), m["VmRSS"], m["RssAnon"], m["RssFile"] + m["RssShmem"]))
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run_client(cmd):
    """Runs a client to completion; returns (stdout, client CPU seconds)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done.stdout, round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 2)


def phase(broker, name, cmd, interval=0.5):
    cpu0 = broker.cpu_seconds()
    with RssSampler(broker, interval) as rss:
        out, client_cpu = run_client(cmd)
    result = json.loads(out.strip().splitlines()[-1]) if out.strip().startswith("{") else {}
    result.update({
        "phase": name,
        "broker_cpu_s": round(broker.cpu_seconds() - cpu0, 2),
        "client_cpu_s": client_cpu,
        "broker_rss_mb": {"max": max(s[1] for s in rss.samples), "last": rss.samples[-1][1], "last_anon": rss.samples[-1][2]},
    })
    result["loadavg_1m"] = round(os.getloadavg()[0], 1)
    if result.get("records"):
        # CPU per record is what the broker costs whatever else the machine runs (wall-clock rates are not).
        result["broker_us_per_record"] = round(result["broker_cpu_s"] / result["records"] * 1e6, 3)
        result["client_us_per_record"] = round(result["client_cpu_s"] / result["records"] * 1e6, 3)
    if "seconds" in result and result["seconds"] > 0:
        result["broker_cores"] = round(result["broker_cpu_s"] / result["seconds"], 2)
        result["client_cores"] = round(result["client_cpu_s"] / result["seconds"], 2)
    log(json.dumps(result))
    return result, rss.samples


def create_topic(bootstrap, name, config=None):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for future in admin.create_topics([NewTopic(name, num_partitions=1, replication_factor=1, config=config or {})]).values():
        future.result(30)


def kcat_from_file(broker, topic, size, count, work):
    """kcat -P -l: one record per line of a pre-generated file (line = size-1 bytes + newline)."""
    path = os.path.join(work, f"records-{size}.txt")
    line = ("x" * size + "\n").encode()
    with open(path, "wb") as f:
        for _ in range(count // 10_000):
            f.write(line * 10_000)
    cmd = ["kcat", "-b", broker.bootstrap, "-P", "-t", topic, "-p", "0", "-l", "-X", "acks=1", "-X", "linger.ms=5",
           "-X", "batch.num.messages=100000", "-X", "batch.size=1000000", "-X", "queue.buffering.max.messages=2000000",
           "-X", "compression.type=none", path]
    cpu0 = broker.cpu_seconds()
    started = time.monotonic()
    _, client_cpu = run_client(cmd)
    seconds = time.monotonic() - started
    os.remove(path)
    result = {"phase": f"kcat-produce-{size}", "size": size, "records": count, "seconds": round(seconds, 3),
              "records_per_s": round(count / seconds), "mb_per_s": round(count * size / seconds / 1e6, 1),
              "broker_cpu_s": round(broker.cpu_seconds() - cpu0, 2), "client_cpu_s": client_cpu,
              "note": "wall time includes kcat start-up and the final flush"}
    log(json.dumps(result))
    return result


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    mem = next((line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")), "0")
    dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gib": round(int(mem) / 1024 / 1024, 1), "dotnet_sdk": dotnet,
            "kernel": os.uname().release}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dll", required=True, help="Release build of spool-broker.dll")
    parser.add_argument("--records-100", type=int, default=5_000_000)
    parser.add_argument("--records-1k", type=int, default=1_000_000)
    parser.add_argument("--warmup", type=int, default=2_000_000, help="100 B records produced and consumed before measuring")
    parser.add_argument("--paced-rate", type=int, default=50_000, help="records/s of the paced latency run")
    parser.add_argument("--soak", type=int, default=0, help="seconds of the memory soak (0: skip)")
    parser.add_argument("--soak-rate", type=int, default=20_000, help="records/s of 1 KiB during the soak")
    parser.add_argument("--soak-only", action="store_true", help="skip the throughput phases")
    parser.add_argument("--out", help="write all results as JSON here")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="spool-bench-")
    tool = os.path.join(work, "spool-rdbench")
    subprocess.run(["cc", "-O2", "-o", tool, os.path.join(HERE, "spool-rdbench.c"), "-lrdkafka"], check=True)
    broker = Broker(os.path.abspath(args.dll), work)
    results = {"machine": machine(), "phases": [], "soak_rss": []}
    try:
        log(f"broker pid {broker.process.pid} on {broker.bootstrap}, RSS {broker.rss_mb():.0f} MB at start")
        results["rss_at_start_mb"] = round(broker.rss_mb(), 1)
        if args.warmup and not args.soak_only:
            # The first seconds of a fresh broker run tier-0 code and the JIT; measure the tiered-up broker.
            create_topic(broker.bootstrap, "bench-warmup")
            r, _ = phase(broker, "warmup-produce-100", [tool, "produce", "-b", broker.bootstrap, "-t", "bench-warmup", "-s", "100", "-n", str(args.warmup)])
            results["phases"].append(r)
            r, _ = phase(broker, "warmup-consume-100", [tool, "consume", "-b", broker.bootstrap, "-t", "bench-warmup", "-n", str(args.warmup)])
            results["phases"].append(r)
        for size, count in [] if args.soak_only else [(100, args.records_100), (1024, args.records_1k)]:
            topic = f"bench-{size}"
            create_topic(broker.bootstrap, topic)
            r, _ = phase(broker, f"produce-{size}", [tool, "produce", "-b", broker.bootstrap, "-t", topic, "-s", str(size), "-n", str(count)])
            results["phases"].append(r)
            r, _ = phase(broker, f"consume-{size}", [tool, "consume", "-b", broker.bootstrap, "-t", topic, "-n", str(count)])
            results["phases"].append(r)
            paced = args.paced_rate * 10
            create_topic(broker.bootstrap, f"{topic}-paced")
            r, _ = phase(broker, f"paced-produce-{size}", [tool, "produce", "-b", broker.bootstrap, "-t", f"{topic}-paced", "-s", str(size),
                                                          "-n", str(paced), "-r", str(args.paced_rate)])
            results["phases"].append(r)
            create_topic(broker.bootstrap, f"{topic}-kcat")
            results["phases"].append(kcat_from_file(broker, f"{topic}-kcat", size, min(count, 2_000_000), work))
        if args.soak:
            # Retention keeps the soak's disk use bounded (and makes segment deletion part of the run).
            create_topic(broker.bootstrap, "bench-soak", {"retention.bytes": str(1 << 30), "segment.bytes": str(100 << 20)})
            total = args.soak * args.soak_rate
            consumer = subprocess.Popen([tool, "consume", "-b", broker.bootstrap, "-t", "bench-soak", "-n", str(total)],
                                        stdout=subprocess.PIPE, text=True)
            r, samples = phase(broker, "soak-produce-1024", [tool, "produce", "-b", broker.bootstrap, "-t", "bench-soak", "-s", "1024",
                                                             "-n", str(total), "-r", str(args.soak_rate)], interval=5)
            out, _ = consumer.communicate(timeout=120)
            r["consumer"] = json.loads(out.strip().splitlines()[-1])
            results["phases"].append(r)
            results["soak_rss"] = samples
        results["rss_at_end_mb"] = round(broker.rss_mb(), 1)
    finally:
        broker.stop()
        shutil.rmtree(work, ignore_errors=True)
    text = json.dumps(results, indent=2)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
