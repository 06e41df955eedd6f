#!/usr/bin/env python3
"""Sums the outcomes of every .trx file under a directory and prints "N passed, M failed, K skipped".

Exit status 1 when anything failed (including --extra-failed, used when the build itself failed).
"""
import argparse
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("--extra-failed", type=int, default=0)
    parser.add_argument("--min-failed", type=int, default=0)
    args = parser.parse_args()
    passed = failed = skipped = 0
    failures = []
    for trx in sorted(pathlib.Path(args.results).rglob("*.trx")):
        try:
            root = ET.parse(trx).getroot()
        except ET.ParseError:
            failed += 1
            failures.append(f"{trx.name}: unreadable results file")
            continue
        for result in root.iter(f"{NS}UnitTestResult"):
            outcome = result.get("outcome", "")
            if outcome == "Passed":
                passed += 1
            elif outcome in ("NotExecuted", "Inconclusive"):
                skipped += 1
            else:
                failed += 1
                failures.append(f"{trx.stem}: {result.get('testName')}")
    failed += args.extra_failed
    failed = max(failed, args.min_failed)
    for f in failures:
        print(f"FAILED {f}", file=sys.stderr)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
