"""Benchmark of the Python binding (not a test): the Suqian assistance case.

    PYTHONPATH=build/bindings/python /usr/bin/python3 bindings/python/bench.py [--rows N]

Prints the per-claim time of p.evaluate(dict) (median of several runs) and of
p.evaluate_many on N rows (default 100,000) as a list of dicts and as a
DataFrame, with threads=1 and threads=2.
"""
import argparse
import copy
import json
import pathlib
import statistics
import sys
import time

# This folder holds the package's sources (bao/ without _bao): import the
# built one from PYTHONPATH instead.
_HERE = pathlib.Path(__file__).resolve().parent
sys.path = [p for p in sys.path if pathlib.Path(p or ".").resolve() != _HERE]
import bao  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
POLICY = REPO / "policies/cn/js/suqian/assistance.bao"
CASE = REPO / "policies/cn/js/suqian/inpatient_dibao.json"


def per_claim(fn, n, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) / n)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    p = bao.Policy.from_file(str(POLICY))
    case = json.loads(CASE.read_text(encoding="utf-8"))
    print(f"policy {p.name} {p.fingerprint[:12]}, bao {p.bao_version}")

    n = 2000
    t = per_claim(lambda: [p.evaluate(case) for _ in range(n)], n, 7)
    print(f"evaluate(dict):                 {t * 1e6:8.1f} µs/claim (median of 7 × {n})")

    rows = []
    for i in range(args.rows):  # varied amounts so no two claims are alike
        r = copy.deepcopy(case)
        r["claim"]["in_scope"] = f"{40000 + i % 20000}.{i % 100:02d}"
        rows.append(r)
    import pandas as pd
    flat = {"identities": [r["identities"] for r in rows]}
    for rec in ("claim", "ytd"):
        for k in case[rec]:
            flat[f"{rec}.{k}"] = [r[rec][k] for r in rows]
    frame = pd.DataFrame(flat)
    for threads in (1, 2):
        t = per_claim(lambda: p.evaluate_many(rows, threads=threads), args.rows, args.runs)
        print(f"evaluate_many(list, threads={threads}): {t * 1e6:6.1f} µs/claim "
              f"({args.rows} rows, median of {args.runs})")
        t = per_claim(lambda: p.evaluate_many(frame, threads=threads), args.rows, args.runs)
        print(f"evaluate_many(DataFrame, threads={threads}): {t * 1e6:6.1f} µs/claim "
              f"({args.rows} rows, median of {args.runs})")


if __name__ == "__main__":
    main()
