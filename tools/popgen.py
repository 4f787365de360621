#!/usr/bin/env python3
"""A deterministic synthetic population for `bao batch` tests and benchmarks.

  popgen.py claims  --rows N    [--seed S] [--format csv|jsonl]  > claims.csv
  popgen.py persons --persons N [--seed S] [--format csv|jsonl]  > year.csv

`claims`: one single-claim case per row for the assistance policies
(cn.national.assistance and its children: identities, claim, ytd), with an
`id` column. `persons`: 1-12 claims per person for the settlement policies
(cn.js.suqian.settlement: person, household, claims), one row per claim,
rows of a person next to each other, with `person_id`.

Shapes (illustrative, not official statistics): recipient types with the
shares below (most people are `other`, a few hold two identities); bills
lognormal around a few thousand yuan for outpatient care and tens of
thousands for admissions; hospital levels by visit type; dates over 2025.
The same arguments always give the same bytes (Python's own PRNG, seeded;
money formatted from whole fen, never through a float's repr).
"""

import argparse
import datetime
import json
import math
import random
import sys

RECIPIENTS = [("other", 0.80), ("dibao", 0.07), ("dibao_edge", 0.04), ("tekun", 0.015),
              ("ill_poor", 0.02), ("monitored", 0.02), ("returned", 0.01), ("disabled", 0.015),
              ("orphan", 0.01)]
VISITS = [("outpatient", 0.62), ("chronic", 0.18), ("inpatient", 0.18), ("maternity", 0.02)]
# Median bill (yuan) and spread (sigma of the log) per visit type.
BILLS = {"outpatient": (260, 0.9), "chronic": (900, 0.8), "inpatient": (11000, 0.95),
         "maternity": (5200, 0.4)}
LEVELS = {"outpatient": [("primary", 0.6), ("secondary", 0.3), ("tertiary", 0.1)],
          "chronic": [("primary", 0.3), ("secondary", 0.4), ("tertiary", 0.3)],
          "inpatient": [("primary", 0.2), ("secondary", 0.45), ("tertiary", 0.35)],
          "maternity": [("primary", 0.1), ("secondary", 0.5), ("tertiary", 0.4)]}
YEAR = datetime.date(2025, 1, 1)


def pick(rng, table):
    x, acc = rng.random(), 0.0
    for value, share in table:
        acc += share
        if x < acc:
            return value
    return table[-1][0]


def yuan(fen):
    return f"{fen // 100}.{fen % 100:02d}"


def bill_fen(rng, visit):
    median, sigma = BILLS[visit]
    return max(100, int(round(median * math.exp(rng.gauss(0, sigma)))) * 100 + rng.randrange(100))


def identities(rng):
    first = pick(rng, RECIPIENTS)
    if first != "other" and rng.random() < 0.1:
        second = pick(rng, RECIPIENTS)
        if second not in ("other", first):
            return [first, second]
    return [first]


def claim_row(rng, i):
    visit = pick(rng, VISITS)
    total = bill_fen(rng, visit)
    in_scope = total * rng.randrange(70, 101) // 100
    basic = in_scope * rng.randrange(40, 76) // 100
    critical = (in_scope - basic) * rng.randrange(0, 40) // 100 if visit == "inpatient" else 0
    self_pay = rng.randrange(0, 2_000_000)
    paid = rng.randrange(0, 3_000_000)
    return {
        "id": f"C{i:08d}", "identities": identities(rng),
        "claim": {"date": (YEAR + datetime.timedelta(days=rng.randrange(365))).isoformat(),
                  "visit": visit, "in_scope": yuan(in_scope), "basic_paid": yuan(basic),
                  "critical_paid": yuan(critical)},
        "ytd": {"self_pay": yuan(self_pay), "paid": yuan(paid),
                "outpatient_paid": yuan(min(paid, rng.randrange(0, 500_000)))},
    }


def person_rows(rng, i):
    pid = f"P{i:07d}"
    ids = identities(rng)
    person = {"identities": ids, "scheme": "resident" if rng.random() < 0.7 else "employee",
              "cap_raise": None}
    household = {"income": yuan(int(rng.lognormvariate(math.log(45000), 0.6)) * 100),
                 "members": rng.randrange(1, 7)}
    n = min(12, 1 + int(rng.expovariate(1 / 6)))
    for k in range(n):
        visit = pick(rng, VISITS)
        total = bill_fen(rng, visit)
        yield {"person_id": pid, "person": person,
               "household": household,
               "claims": {"date": (YEAR + datetime.timedelta(days=rng.randrange(365))).isoformat(),
                          "visit": visit, "level": pick(rng, LEVELS[visit]), "total": yuan(total),
                          "in_scope": yuan(total * rng.randrange(70, 101) // 100)}}


def flatten(row, prefix=""):
    for key, value in row.items():
        name = prefix + key
        if isinstance(value, dict):
            yield from flatten(value, name + ".")
        elif isinstance(value, list):
            yield name, "|".join(value)
        else:
            yield name, "" if value is None else str(value)


def write(rows, fmt, out):
    header = None
    for row in rows:
        if fmt == "jsonl":
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
            continue
        cells = list(flatten(row))
        if header is None:
            header = [k for k, _ in cells]
            out.write(",".join(header) + "\n")
        out.write(",".join(v for _, v in cells) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kind", choices=["claims", "persons"])
    ap.add_argument("--rows", type=int, default=1000, help="claims: how many rows")
    ap.add_argument("--persons", type=int, default=100, help="persons: how many people")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    ap.add_argument("--output", default="-")
    opts = ap.parse_args()
    rng = random.Random(opts.seed)
    if opts.kind == "claims":
        rows = (claim_row(rng, i + 1) for i in range(opts.rows))
    else:
        rows = (r for i in range(opts.persons) for r in person_rows(rng, i + 1))
    out = sys.stdout if opts.output == "-" else open(opts.output, "w", encoding="utf-8", newline="")
    with out:
        write(rows, opts.format, out)


if __name__ == "__main__":
    main()
