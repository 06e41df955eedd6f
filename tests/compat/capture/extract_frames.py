#!/usr/bin/python3
"""Extracts Kafka request/response frames from a loopback capture into golden test data.

Input: a pcap(ng) written by tshark/dumpcap on `lo` while one client talked to a broker on PORT. The TCP
payloads of each connection are put back in order per direction (tshark prints each segment's raw
sequence number and bytes), cut into size-prefixed frames, and requests are paired with responses by
correlation id (Kafka answers in request order on a connection; acks=0 Produce gets no answer).

Output, per (api key, version) the client really used: <api>-v<version>-request.bin and, when there was
one, <api>-v<version>-response.bin, each a frame without its 4-byte size prefix (header + body, what
RequestHeader/ResponseHeader and the decoders read), plus entries for manifest.json.

Which pair is kept: the smallest request whose response is not an error-free empty answer is preferred
for Produce and Fetch (so records are in the data), under MAX_FRAME bytes; otherwise the first pair.
"""

import argparse
import json
import os
import struct
import subprocess
import sys

# Api key -> name, for the APIs the broker serves (names match Spool's ApiKey enum).
API_NAMES = {
    0: "Produce", 1: "Fetch", 2: "ListOffsets", 3: "Metadata", 8: "OffsetCommit", 9: "OffsetFetch",
    10: "FindCoordinator", 11: "JoinGroup", 12: "Heartbeat", 13: "LeaveGroup", 14: "SyncGroup",
    15: "DescribeGroups", 16: "ListGroups", 17: "SaslHandshake", 18: "ApiVersions", 19: "CreateTopics",
    20: "DeleteTopics", 21: "DeleteRecords", 22: "InitProducerId", 23: "OffsetForLeaderEpoch",
    32: "DescribeConfigs", 33: "AlterConfigs", 35: "DescribeLogDirs", 37: "CreatePartitions",
    42: "DeleteGroups", 44: "IncrementalAlterConfigs", 47: "OffsetDelete", 60: "DescribeCluster",
    61: "DescribeProducers",
}
MAX_FRAME = 24 * 1024  # keeps the committed data small; Produce/Fetch of a few records fit


def segments(pcap, port):
    """(stream, from_client, seq, payload) for every TCP segment with data to or from the broker port."""
    out = subprocess.run(
        ["tshark", "-r", pcap, "-Y", f"tcp.port == {port} && tcp.len > 0", "-T", "fields",
         "-e", "tcp.stream", "-e", "tcp.dstport", "-e", "tcp.seq_raw", "-e", "tcp.payload"],
        capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        stream, dst, seq, payload = line.split("\t")
        yield int(stream), int(dst) == port, int(seq), bytes.fromhex(payload.replace(":", ""))


def byte_streams(pcap, port):
    """{(stream, from_client): bytes}: segments ordered by sequence number, retransmissions dropped."""
    parts = {}
    for stream, from_client, seq, payload in segments(pcap, port):
        parts.setdefault((stream, from_client), {})[seq] = payload
    result = {}
    for key, by_seq in parts.items():
        data = bytearray()
        first = min(by_seq)
        for seq in sorted(by_seq):
            expected = first + len(data)
            if seq != expected:
                raise SystemExit(f"stream {key}: gap or overlap at seq {seq} (expected {expected}); recapture")
            data += by_seq[seq]
        result[key] = bytes(data)
    return result


def frames(data):
    position = 0
    while position + 4 <= len(data):
        (size,) = struct.unpack_from(">i", data, position)
        if position + 4 + size > len(data):
            break  # the capture ended mid-frame
        yield data[position + 4:position + 4 + size]
        position += 4 + size


def pairs(pcap, port):
    """(api_key, version, request, response or None) for every request the client sent."""
    streams = byte_streams(pcap, port)
    for (stream, from_client), data in sorted(streams.items()):
        if not from_client:
            continue
        responses = {}
        for frame in frames(streams.get((stream, False), b"")):
            (correlation,) = struct.unpack_from(">i", frame, 0)
            responses[correlation] = frame
        for request in frames(data):
            key, version, correlation = struct.unpack_from(">hhi", request, 0)
            yield key, version, request, responses.get(correlation)


def choose(candidates, key):
    """The pair to keep for one (api, version)."""
    small = [c for c in candidates if len(c[0]) <= MAX_FRAME and (c[1] is None or len(c[1]) <= MAX_FRAME)]
    pool = small or sorted(candidates, key=lambda c: len(c[0]) + len(c[1] or b""))[:1]
    if key in (0, 1):
        # Produce: a request that carries records; Fetch: a response that carries records. Larger is richer.
        rich = [c for c in pool if (len(c[0]) if key == 0 else len(c[1] or b"")) > 200]
        if rich:
            return max(rich, key=lambda c: len(c[0]) + len(c[1] or b""))
    answered = [c for c in pool if c[1] is not None]
    return (answered or pool)[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pcap")
    parser.add_argument("port", type=int)
    parser.add_argument("out_dir")
    parser.add_argument("client", help="name recorded in the manifest, e.g. kcat")
    args = parser.parse_args()

    grouped = {}
    for key, version, request, response in pairs(args.pcap, args.port):
        grouped.setdefault((key, version), []).append((request, response))
    os.makedirs(args.out_dir, exist_ok=True)
    entries = []
    for (key, version), candidates in sorted(grouped.items()):
        name = API_NAMES.get(key, f"Api{key}")
        request, response = choose(candidates, key)
        base = f"{name}-v{version}"
        with open(os.path.join(args.out_dir, f"{base}-request.bin"), "wb") as f:
            f.write(request)
        entry = {"client": args.client, "api": name, "apiKey": key, "version": version,
                 "request": f"{args.client}/{base}-request.bin", "requestBytes": len(request), "seen": len(candidates)}
        if response is not None:
            with open(os.path.join(args.out_dir, f"{base}-response.bin"), "wb") as f:
                f.write(response)
            entry["response"] = f"{args.client}/{base}-response.bin"
            entry["responseBytes"] = len(response)
        entries.append(entry)
    json.dump(entries, sys.stdout, indent=2)


if __name__ == "__main__":
    main()
