#!/usr/bin/env python3
"""Reading a JSON case takes time and memory linear in its size.

For each kind of growth (distinct object keys, list items, string length,
nesting depth up to the limit, number of records) a case is generated at a
base size B, 2B and 4B and run through `bao run --input FILE`, three times
each; the least CPU time (user + system, steadier than wall time on a shared
machine) of the three counts. It fails when time(4B) / time(B) exceeds 8 (a
linear reader gives about 4, a quadratic one 16), when a run takes more than
--timeout seconds, and, unless `bao` is built with AddressSanitizer (or
BAO_SANITIZED is set) and GNU time is at /usr/bin/time, when the peak memory of the 4B run exceeds what a
run on a tiny case takes by more than 8 times the case's size. A sanitizer
build runs at half the sizes, so the whole test stays within about 30 s.
Usage: scaling_input.py --bao build/bao [--scale 1.0] [--only keys] [--timeout 15]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

POLICY = """policy cn.demo.hostile.scaling "读入规模"
record C { a: int, b: money }
input claims: list of C
input ints: list of int
input note: text
output n: int = count(claims)
output m: int = count(ints)
"""


def case(claims="", ints="", note="", extra=""):
    return '{"claims": [%s], "ints": [%s], "note": "%s"%s}' % (claims, ints, note, extra)


def kinds():
    """(name, base count, count → case JSON, expected exit code)."""
    # Unknown keys: an error each (at most 100 are kept), so exit 1.
    yield ("distinct object keys", 100000,
           lambda n: case(extra="".join(', "k%d": 0' % i for i in range(n))), 1)
    yield ("list items", 200000,
           lambda n: case(ints=",".join(str(1000000 + i) for i in range(n))), 0)
    yield ("string length", 1200000, lambda n: case(note="文本" * (n // 2)), 0)
    # Many nests, each as deep as the count says (at most 60: the case's own
    # object and list come on top, and JSON may nest 64 levels).
    yield ("nesting depth", 15,
           lambda d: case(extra=', "deep": [%s]' % ",".join(["[" * d + "1" + "]" * d] * 40000)), 1)
    yield ("records", 100000,
           lambda n: case(claims=",".join('{"a": %d, "b": "1.00"}' % i for i in range(n))), 0)


TIME = "/usr/bin/time"


def run(bao, policy, path, timeout):
    """(exit code, CPU seconds, peak RSS in KB or 0, output) of one `bao run`.

    The peak comes from GNU time: a child of this (large) Python process would
    report the parent's size at the fork as its own peak."""
    start = time.monotonic()
    cmd = [bao, "run", policy, "--input", path]
    rss_file = path + ".rss"
    if os.path.exists(TIME):
        cmd = [TIME, "-f", "%M", "-o", rss_file] + cmd
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    while True:
        pid, status, usage = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() - start > timeout:
            p.kill()
            p.wait()
            return None, timeout, 0, b""
        time.sleep(0.005)
    out = p.stdout.read()
    p.stdout.close()
    p.returncode = os.waitstatus_to_exitcode(status)
    rss = 0
    if os.path.exists(rss_file):
        with open(rss_file) as f:
            rss = int(f.read().split()[-1])
    return p.returncode, usage.ru_utime + usage.ru_stime, rss, out


def instrumented(bao):
    if os.environ.get("BAO_SANITIZED"):
        return True
    with open(bao, "rb") as f:
        return b"__asan_init" in f.read()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bao", default="build/bao")
    ap.add_argument("--scale", type=float,
                    help="multiplies every base size (default 1, or 0.5 for a sanitizer build)")
    ap.add_argument("--timeout", type=float, default=15, help="seconds one run may take")
    ap.add_argument("--only", default="", help="the kinds whose name contains this")
    args = ap.parse_args()
    bao = os.path.abspath(args.bao)
    if args.scale is None:
        args.scale = 0.5 if instrumented(bao) else 1.0
    check_memory = not instrumented(bao) and os.path.exists(TIME)
    if not check_memory:
        print(f"(peak memory not checked: {'no ' + TIME if not os.path.exists(TIME) else 'a sanitizer build'})")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        policy = os.path.join(tmp, "scaling.bao")
        with open(policy, "w", encoding="utf-8") as f:
            f.write(POLICY)
        path = os.path.join(tmp, "case.json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(case())
        _, _, base_rss, _ = run(bao, policy, path, args.timeout)
        selected = [k for k in kinds() if args.only in k[0]]
        for name, base, make, want_exit in selected:
            b = base if name == "nesting depth" else max(1, int(base * args.scale))
            times, problems, size, rss = [], [], 0, 0
            for n in (b, 2 * b, 4 * b):
                text = make(n)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                size = os.path.getsize(path)
                best = None
                for _ in range(3):
                    code, cpu, rss, out = run(bao, policy, path, args.timeout)
                    if code is None:
                        problems.append(f"no answer within {args.timeout} s at {n}")
                        break
                    if code != want_exit:
                        problems.append(f"exit {code} at {n}, expected {want_exit}: "
                                        + out.decode("utf-8", "replace")[-300:])
                        break
                    best = cpu if best is None else min(best, cpu)
                if problems:
                    break
                times.append(best)
            if not problems:
                ratio = times[2] / max(times[0], 0.001)
                if ratio > 8:
                    problems.append(f"time(4B) / time(B) = {ratio:.1f}, more than 8")
                if check_memory and (rss - base_rss) * 1024 > 8 * size:
                    problems.append(f"peak memory {rss} KB for a case of {size // 1024} KB "
                                    f"(a tiny case: {base_rss} KB), more than 8 times the case")
            figures = " ".join(f"{t:.3f}" for t in times)
            verdict = "FAIL" if problems else "ok  "
            print(f"{verdict} {name}: B = {b}, CPU s at B, 2B, 4B: {figures}; "
                  f"4B case {size // 1024} KB, peak {rss} KB")
            for p in problems:
                print(f"     {p}")
            failed += bool(problems)
    print(f"{len(selected) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
