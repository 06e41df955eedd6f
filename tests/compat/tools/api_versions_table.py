#!/usr/bin/python3
"""Prints the APIs and versions a running broker serves, as the Markdown table in docs/compatibility.md.

Sends one ApiVersions v0 request (the version every broker answers, with a classic header) and prints
the broker's answer. Usage: api_versions_table.py host:port
"""

import os
import socket
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "capture"))
from extract_frames import API_NAMES  # noqa: E402


def api_versions(host, port):
    client_id = b"spool-docs"
    # Request header v1: api key 18, version 0, correlation id 1, client id; ApiVersions v0 has no body.
    body = struct.pack(">hhih", 18, 0, 1, len(client_id)) + client_id
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(struct.pack(">i", len(body)) + body)
        size = struct.unpack(">i", read_exactly(s, 4))[0]
        frame = read_exactly(s, size)
    correlation, error, count = struct.unpack_from(">ihi", frame, 0)
    if correlation != 1 or error != 0:
        raise SystemExit(f"ApiVersions answered correlation {correlation}, error {error}")
    return [struct.unpack_from(">hhh", frame, 10 + 6 * i) for i in range(count)]


def read_exactly(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            raise SystemExit("connection closed")
        data += chunk
    return data


def main():
    host, port = sys.argv[1].rsplit(":", 1)
    print("| API | key | versions |")
    print("|---|---:|---|")
    for key, low, high in sorted(api_versions(host, int(port))):
        print(f"| {API_NAMES.get(key, f'Api{key}')} | {key} | {low}–{high} |")


if __name__ == "__main__":
    main()
