#!/usr/bin/env python3
"""Hostile inputs too large to check in: generated here, run through `bao`.

Each case is a policy (and sometimes a case JSON) built in a temporary folder;
it passes when bao exits with the expected code, prints the expected
diagnostic code, and finishes within the time limit — never a crash or hang.
Usage: run_hostile.py --bao build/bao
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HEADER = 'policy cn.demo.hostile "生成的敌意输入"\n'


def cases():
    """(name, policy text, bao arguments after the file, input JSON, exit, code[, files]).

    `files` (path → text) are written under a root folder passed as `--root`."""
    yield ("10 MB file", HEADER + ("# " + "填充" * 40 + "\n") * 80000,
           ["check"], None, 1, "E0003")
    rules = "".join(f"rule r{i}: money = r{i - 1} + 1 yuan\n" for i in range(1, 5000))
    yield ("5,000 chained rules: checks clean",
           HEADER + "input fee: money\nrule r0: money = fee\n" + rules + "output o: money = r4999\n",
           ["check"], None, 0, None)
    yield ("5,000 chained rules: evaluation hits the depth limit, no stack overflow",
           HEADER + "input fee: money\nrule r0: money = fee\n" + rules + "output o: money = r4999\n",
           ["run", "--input", "-"], '{"fee": "1.00"}', 1, "E0908")
    long_rules = "".join(f"rule r{i}: money = r{i - 1} + 1 yuan\n" for i in range(1, 100000))
    # Rules, params and cells chain in the bytecode loop, with no native
    # recursion: the chain evaluates. A function call is still a nested call:
    # a chain of functions hits the native stack check.
    yield ("100,000 chained rules with --max-depth 4000000000: evaluated, no native recursion",
           HEADER + "input fee: money\nrule r0: money = fee\n" + long_rules
           + "output o: money = r99999\n",
           ["run", "--max-depth", "4000000000", "--input", "-"], '{"fee": "1.00"}', 0, None)
    long_fns = "".join(f"fn f{i}(x: money): money = f{i - 1}(x) + 1 yuan\n"
                       for i in range(1, 100000))
    yield ("100,000 chained functions with --max-depth 4000000000: E0908 from the stack check",
           HEADER + "input fee: money\nfn f0(x: money): money = x\n" + long_fns
           + "output o: money = f99999(fee)\n",
           ["run", "--max-file-bytes", "16000000", "--max-depth", "4000000000", "--input", "-"],
           '{"fee": "1.00"}', 1, "E0908")
    variants = " ".join(f"v{i}" for i in range(5000))
    rows = "".join(f"  v{i}: {i} yuan\n" for i in range(5000))
    yield ("5,000 enum variants and table rows",
           HEADER + f"enum Big {{ {variants} }}\ninput k: Big\n"
           f"table t by k {{\n  columns amount: money\n{rows}}}\noutput o: money = t.amount\n",
           ["run", "--input", "-"], '{"k": "v4321"}', 0, None)
    yield ("an enormous money literal", HEADER + "output o: money = 1" + "0" * 400 + " yuan\n",
           ["check"], None, 1, "E0205")
    yield ("10,000 nested ifs",
           HEADER + "input b: bool\noutput o: int = " + "if b then 1 else " * 10000 + "0\n",
           ["check"], None, 1, "E0004")
    yield ("10,000 nested minus signs", HEADER + "output o: int = " + "-" * 10000 + "1\n",
           ["check"], None, 1, "E0004")
    yield ("a 1 MB line", HEADER + "output o: int = " + " + ".join(["1"] * 200000) + "\n",
           ["check"], None, 1, "E0004")
    yield ("100,000 declarations with errors: the diagnostic limit holds",
           HEADER + "".join(f"rule e{i}: money = nope{i}\n" for i in range(100000)),
           ["check"], None, 1, "E0006")
    yield ("a 20 MB case", HEADER + "input fee: money\noutput o: money = fee\n",
           ["run", "--input", "-"], '{"fee": "1.00", "pad": "' + "x" * (20 << 20) + '"}', 1,
           "E0806")
    yield ("an endless case (/dev/zero): reading stops at the limit",
           HEADER + "input fee: money\noutput o: money = fee\n",
           ["run", "--input", "/dev/zero"], None, 1, "E0806")
    yield ("JSON nested 100,000 deep", HEADER + "input fee: money\noutput o: money = fee\n",
           ["run", "--input", "-"], "[" * 100000, 1, "E0806")
    chain = {f"c/p{i}.bao": f'policy c.p{i} "链"\n  extends c.p{i + 1}\n' for i in range(1, 600)}
    chain["c/p600.bao"] = 'policy c.p600 "链"\ninput x: money\noutput o: money = x\n'
    yield ("600 policies each extending the next: the file limit holds",
           'policy c.p0 "链"\n  extends c.p1\n', ["check"], None, 1, "E0111", chain)
    mods = {f"m/u{i}.bao": f"use m.u{i + 1}\nfn f{i}(x: money): money = x\n" for i in range(600)}
    yield ("600 modules each using the next: the file limit holds",
           HEADER + "use m.u0\ninput x: money\noutput o: money = f0(x)\n", ["check"], None, 1,
           "E0111", mods)
    ring = {f"r/a{i}.bao": f'policy r.a{i} "环"\n  extends r.a{(i + 1) % 50}\n' for i in range(50)}
    yield ("50 policies extending each other in a ring: a cycle, no loop",
           'policy r.start "环"\n  extends r.a0\n', ["check"], None, 1, "E0112", ring)
    yield ("2,000 bounds over one param",
           HEADER + "param p: money = 5 yuan\ninput x: money\noutput o: money = x + p\n"
           + "".join(f"bound b{i}: p <= {i + 10} yuan\n" for i in range(2000)),
           ["check"], None, 0, None)
    claims = ",".join(f'{{"date": "2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "amount": "1.00"}}'
                      for i in range(100000))
    yield ("a scan over 100,000 claims",
           HEADER + "record C { date: date, amount: money }\nrecord S { total: money }\n"
           "input claims: list of C\nrule start: S = { total: 0 yuan }\n"
           "output year: money = sum(scan claims by date from start as (s, c) => "
           "{ total: s.total + c.amount }, s => s.total)\n",
           ["run", "--input", "-"], '{"claims": [' + claims + "]}", 0, None)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bao", default="build/bao")
    ap.add_argument("--timeout", type=float, default=60)
    args = ap.parse_args()
    bao = os.path.abspath(args.bao)
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, text, verb, stdin, want_exit, want_code, *rest) in enumerate(cases()):
            path = os.path.join(tmp, f"case{n}.bao")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            cmd = [bao, verb[0], path] + verb[1:]
            if rest:
                root = os.path.join(tmp, f"root{n}")
                for rel, body in rest[0].items():
                    os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
                    with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
                        f.write(body)
                cmd += ["--root", root]
            start = time.monotonic()
            try:
                p = subprocess.run(cmd, input=(stdin or "").encode(), capture_output=True,
                                   timeout=args.timeout)
            except subprocess.TimeoutExpired:
                print(f"FAIL {name}: no answer within {args.timeout} s")
                failed += 1
                continue
            took = time.monotonic() - start
            out = (p.stdout + p.stderr).decode("utf-8", "replace")
            problems = []
            if p.returncode != want_exit:
                problems.append(f"exit {p.returncode}, expected {want_exit}")
            if want_code and f"[{want_code}]" not in out and f'"{want_code}"' not in out:
                problems.append(f"no {want_code} in the output")
            if problems:
                print(f"FAIL {name}: {'; '.join(problems)}\n{out[-1500:]}")
                failed += 1
            else:
                print(f"ok   {name} ({took:.2f} s)")
    total = n + 1
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
