#!/usr/bin/env python3
"""Checking a policy takes time linear (or n log n) in its size, for each construct.

For each construct (enum variants, table rows, match arms, rules, params,
record fields, schedule bands, tests, bounds, dated param versions, row
overrides) a policy is generated at sizes B, 2B and 4B and `bao check` timed
on each (the fastest of 3 runs). A quadratic path makes time(4B)/time(B)
about 16; the bound is a wide linear one (the machine is shared and noisy).
In a Release build, 200,000 enum variants, table rows and match arms must
also check within an absolute limit. Every run must end with the expected
exit code and diagnostic code: no crash, no stack overflow.
Usage: scaling_policy.py --bao build/bao [--only NAME] [--figures]
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

HEADER = 'policy cn.demo.scaling "规模"\n'
MAX_RATIO = 8.0  # time(4B) / time(B); linear gives ~4, quadratic ~16
ABS_LIMIT = 6.0  # seconds, for 200,000 variants, rows, arms (Release only)


def variants(n):
    # 20 a line: a diagnostic shows its line, which must stay short.
    return "\n  ".join(" ".join(f"v{i}" for i in range(k, min(n, k + 20)))
                       for k in range(0, n, 20))


def enum_variants(n):
    return (HEADER + f"enum Big {{ {variants(n)} }}\ninput k: Big\n"
            f"output o: bool = k == v{n - 1}\n"), 0, None


def enum_duplicates(n):
    # Every variant twice: one E0105 each, the diagnostic limit holds.
    names = variants(n)
    return (HEADER + f"enum Big {{\n  {names}\n  {names}\n}}\ninput k: Big\n"
            "output o: bool = k == v0\n"), 1, "E0006"


def table_rows(n):
    rows = "".join(f"  v{i}: {i} yuan\n" for i in range(n))
    return (HEADER + f"enum Big {{ {variants(n)} }}\ninput k: Big\n"
            f"table t by k {{\n  columns amount: money\n{rows}}}\n"
            "output o: money = t.amount\n"), 0, None


def table_unknown_rows(n):
    # Rows that name no variant: each a did-you-mean, past the diagnostic limit.
    rows = "".join(f"  w{i}: {i} yuan\n" for i in range(n))
    return (HEADER + f"enum Big {{ {variants(n)} }}\ninput k: Big\n"
            f"table t by k {{\n  columns amount: money\n{rows}  else: 0 yuan\n}}\n"
            "output o: money = t.amount\n"), 1, "E0006"


def match_arms(n):
    arms = "".join(f"    v{i}: {i}\n" for i in range(n))
    return (HEADER + f"enum Big {{ {variants(n)} }}\ninput k: Big\n"
            f"output o: int =\n  match k {{\n{arms}  }}\n"), 0, None


def match_missing(n):
    # Half the variants without an arm: one E0301 that lists them.
    arms = "".join(f"    v{i}: {i}\n" for i in range(0, n, 2))
    return (HEADER + f"enum Big {{ {variants(n)} }}\ninput k: Big\n"
            f"output o: int =\n  match k {{\n{arms}  }}\n"), 1, "E0301"


def qualified_variants(n):
    chain = "".join(f"rule q{i}: bool = q{i - 1} or k == Big.v{i}\n" for i in range(1, n))
    return (HEADER + f"enum Big {{ {variants(n)} }}\ninput k: Big\nrule q0: bool = k == Big.v0\n"
            + chain + f"output o: bool = q{n - 1}\n"), 0, None


def rules(n):
    body = "".join(f"rule r{i}: money = r{i - 1} + 1 yuan\n" for i in range(1, n))
    return (HEADER + "input fee: money\nrule r0: money = fee\n" + body +
            f"output o: money = r{n - 1}\n"), 0, None


def duplicate_rules(n):
    body = "".join(f"rule r{i % (n // 2)}: money = fee\n" for i in range(n))
    return HEADER + "input fee: money\n" + body + "output o: money = fee\n", 1, "E0006"


def params(n):
    body = "".join(f"param p{i}: money = {i} yuan\n" for i in range(n))
    uses = " + ".join(f"p{i}" for i in range(0, n, max(1, n // 50)))
    return HEADER + body + f"output o: money = {uses}\n", 0, None


def record_fields(n):
    fields = ", ".join(f"f{i}: money" for i in range(n))
    given = ", ".join(f"f{i}: {i} yuan" for i in range(n))
    chain = "".join(f"rule s{i}: money = s{i - 1} + x.f{i}\n" for i in range(1, n))
    return (HEADER + f"record R {{ {fields} }}\ninput x: R\nrule s0: money = x.f0\n" + chain +
            f"output o: money = s{n - 1}\n"
            f'test "all fields" {{\n  given x = {{ {given} }}\n  expect o > 0 yuan\n}}\n'), 0, None


def schedule_bands(n):
    bands = "".join(f"  {i} yuan to {i + 1} yuan: 1%\n" for i in range(n))
    return (HEADER + "input fee: money\n"
            f"schedule s on cumulative {{\n{bands}  above: 1%\n}}\noutput o: money = s(fee)\n"), 0, None


def tests(n):
    body = "".join(f'test "t{i}" {{\n  given fee = {i} yuan\n  expect o == {i} yuan\n}}\n'
                   for i in range(n))
    return HEADER + "input fee: money\noutput o: money = fee\n" + body, 0, None


def bounds(n):
    body = "".join(f"bound b{i}: p <= {i + 10} yuan\n" for i in range(n))
    return (HEADER + "param p: money = 5 yuan\ninput x: money\noutput o: money = x + p\n"
            + body), 0, None


def bounds_over_params(n):
    # One bound per param: each bound is checked without the cost of the whole program.
    body = "".join(f"param p{i}: money = {i} yuan\n" for i in range(n))
    body += "".join(f"bound b{i}: p{i} <= {i + 10} yuan\n" for i in range(n))
    return HEADER + "input x: money\noutput o: money = x\n" + body, 0, None


def dated_versions(n):
    # One value a day from 2000-01-01, in date order without gaps.
    import datetime
    day = datetime.date(2000, 1, 1)
    lines = []
    for i in range(n):
        lines.append(f"  from {day.isoformat()} until {day.isoformat()} = {i} yuan\n")
        day += datetime.timedelta(days=1)
    lines[-1] = lines[-1].replace(f" until {(day - datetime.timedelta(days=1)).isoformat()}", "")
    return (HEADER.rstrip("\n") + "\n  effective 2000-01-01\n  as of day\n"
            "input day: date\nparam line:\n  money\n" + "".join(lines) +
            "output o: money = line\n"), 0, None


def row_overrides(n):
    # A parent with an n-row table; the child overrides every row.
    rows = "".join(f"  v{i}: {i} yuan\n" for i in range(n))
    parent = ('policy sc.parent "父"\n' + f"enum Big {{ {variants(n)} }}\ninput k: Big\n"
              f"table t by k {{\n  columns amount: money\n{rows}}}\n"
              "output o: money = t.amount\n")
    child = ('policy sc.child "子"\n  extends sc.parent\n' +
             "".join(f"override t.v{i}: {i + 1} yuan\n" for i in range(n)))
    return child, 0, None, {"sc/parent.bao": parent}


def policy_call(n):
    # A call of another policy that gives each of its n inputs.
    callee = ('policy sc.callee "被调"\n' + "".join(f"input i{k}: money\n" for k in range(n)) +
              "output o: money = i0\n")
    args = ", ".join(f"i{k}: x" for k in range(n))
    return (HEADER + "use sc.callee\ninput x: money\n"
            f"output o: money = callee({args}).o\n"), 0, None, {"sc/callee.bao": callee}


# name, generator, base size (Release), base size (sanitizers)
SCALING = [
    ("enum variants", enum_variants, 25000, 3000),
    ("duplicate enum variants", enum_duplicates, 6000, 750),
    ("table rows", table_rows, 6000, 750),
    ("table rows naming no variant", table_unknown_rows, 4000, 500),
    ("match arms", match_arms, 6000, 750),
    ("match missing arms", match_missing, 8000, 1000),
    ("qualified variants", qualified_variants, 5000, 600),
    ("rules", rules, 4000, 500),
    ("duplicate rules", duplicate_rules, 6000, 750),
    ("params", params, 6000, 750),
    ("record fields", record_fields, 3000, 400),
    ("schedule bands", schedule_bands, 4000, 500),
    ("tests", tests, 2500, 300),
    ("bounds", bounds, 2500, 300),
    ("bounds over as many params", bounds_over_params, 2000, 250),
    ("dated param versions", dated_versions, 4000, 500),
    ("row overrides", row_overrides, 4000, 500),
    ("policy call with as many inputs", policy_call, 3000, 400),
]
ABSOLUTE = [("200,000 enum variants", enum_variants), ("a 200,000-row table", table_rows),
            ("a 200,000-arm match", match_arms)]


def instrumented(bao):
    with open(bao, "rb") as f:
        data = f.read()
    return b"__asan_init" in data or b"__ubsan_handle" in data or b"__tsan_init" in data


class Runner:
    def __init__(self, bao, tmp, timeout):
        self.bao, self.tmp, self.timeout, self.count = bao, tmp, timeout, 0

    def run(self, generated, repeat):
        """(seconds of the fastest run, problem or None)."""
        text, want_exit, want_code, *rest = generated
        self.count += 1
        path = os.path.join(self.tmp, f"case{self.count}.bao")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        cmd = [self.bao, "check", path, "--max-file-bytes", str(64 << 20)]
        if rest:
            root = os.path.join(self.tmp, f"root{self.count}")
            for rel, body in rest[0].items():
                os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
                with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
                    f.write(body)
            cmd += ["--root", root]
        best = None
        for _ in range(repeat):
            # CPU time of the child, not wall time: other work on the machine
            # (CI's other job, a build) slows the wall clock, not the CPU count.
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            try:
                p = subprocess.run(cmd, capture_output=True, timeout=self.timeout)
            except subprocess.TimeoutExpired:
                return self.timeout, f"no answer within {self.timeout} s"
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            took = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            best = took if best is None else min(best, took)
            out = (p.stdout + p.stderr).decode("utf-8", "replace")
            if p.returncode != want_exit:
                return best, f"exit {p.returncode}, expected {want_exit}\n{out[-800:]}"
            if want_code and f"[{want_code}]" not in out:
                return best, f"no {want_code} in the output\n{out[-800:]}"
            if best > self.timeout / 2:
                break  # slow enough that noise does not matter
        return best, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bao", default="build/bao")
    ap.add_argument("--only", help="run the cases whose name contains this")
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()
    bao = os.path.abspath(args.bao)
    slow = instrumented(bao)
    if slow:
        print("instrumented binary: small sizes, no absolute limits")
    failed = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        runner = Runner(bao, tmp, args.timeout)
        for name, gen, base, base_slow in SCALING:
            if args.only and args.only not in name:
                continue
            total += 1
            b = base_slow if slow else base
            # A quadratic path grows ×4 at each doubling; noise seldom twice
            # running. So a construct fails when 4B/B is over the bound and
            # 4B/2B is over its square root too, on two tries.
            for attempt in range(2):
                times, problem = [], None
                for n in (b, 2 * b, 4 * b):
                    took, problem = runner.run(gen(n), 3)
                    times.append(took)
                    if problem:
                        problem = f"at {n}: {problem}"
                        break
                if problem:
                    break
                whole = times[2] / max(times[0], 1e-3)
                last = times[2] / max(times[1], 1e-3)
                if whole > MAX_RATIO and last > MAX_RATIO ** 0.5:
                    problem = (f"time(4B)/time(B) = {whole:.1f} > {MAX_RATIO} and "
                               f"time(4B)/time(2B) = {last:.1f} (quadratic?)")
                else:
                    break
            shown = ", ".join(f"{t:.3f}" for t in times)
            ratio = times[-1] / max(times[0], 1e-3)
            if problem:
                failed += 1
                print(f"FAIL {name} (B={b}: {shown} s): {problem}")
            else:
                print(f"ok   {name} (B={b}: {shown} s, ratio {ratio:.1f})")
        if not slow:
            for name, gen in ABSOLUTE:
                if args.only and args.only not in name:
                    continue
                total += 1
                took, problem = runner.run(gen(200000), 1)
                if not problem and took >= ABS_LIMIT:
                    problem = f"{took:.2f} s, limit {ABS_LIMIT} s"
                if problem:
                    failed += 1
                    print(f"FAIL {name}: {problem}")
                else:
                    print(f"ok   {name} ({took:.2f} s)")
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
