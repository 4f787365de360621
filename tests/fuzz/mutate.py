#!/usr/bin/env python3
"""Mutation test of the `bao` command on hostile copies of real policies.

For every policy in policies/ and tests/bench/ and every golden test file, it
makes mutated and truncated copies — truncation at every k-th byte, deleted
ranges, inserted tokens, flipped bits, duplicated, dropped and swapped lines,
invalid UTF-8 and NUL bytes, deep nesting — and runs on each, with a timeout:

  bao check COPY
  bao run COPY --input CASE      (when the policy has an example case: a *.json
                                  beside it, or a golden file's `# INPUT:` lines)
  bao test COPY                  (when `bao --help` lists a `test` verb)

It also mutates the example cases and runs each original policy on them.

A case fails when `bao` exits with anything but 0 or 1 (a crash, a sanitizer
report, a usage error), runs past the timeout, or exits 1 without printing
`error[` with a `FILE:LINE:COL:` location in the copy (for `bao run`, an input
JSON error, `error[E08xx]`, has no location and is fine). Failing copies are
saved with a note of the command. Ends with the line `N cases, M failures`
and exits 1 when M > 0.

  tests/fuzz/mutate.py build/bao --budget 600
  tests/fuzz/mutate.py /tmp/fuzzbuild/bao --budget 1200 --jobs 2 --save tests/fuzz/findings/mutate

With a bao built with sanitizers (the BAO_FUZZ build), ASan and UBSan reports
exit with 86 and 87 and so count as failures.
"""

import argparse
import concurrent.futures
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARK = b"# ---- expected (bao tests/golden/run_golden.py --autoupdate) ----"

TOKENS = [
    b"policy", b"extends", b"effective", b"rounding", b"use", b"as", b"enum", b"record",
    b"input", b"param", b"from", b"until", b"table", b"by", b"columns", b"ineligible",
    b"rule", b"output", b"fn", b"schedule", b"test", b"given", b"expect", b"if", b"then",
    b"else", b"match", b"let", b"and", b"or", b"not", b"true", b"false", b"none", b"of",
    b"list of", b"up to", b"above", b"cumulative", b"excess", b"yuan", b"days", b"months",
    b"money", b"int", b"decimal", b"rate", b"date", b"duration", b"text", b"bool",
    b"min(", b"max(", b"round(", b"or_else(", b"sum(", b"filter(", b"map(", b"count(",
    b"days_between(", b"x => x", b"(", b")", b"{", b"}", b"[", b"]", b",", b":", b"|",
    b".", b"?", b"=", b"==", b"!=", b"<=", b">=", b"+", b"-", b"*", b"/", b"%", b"\"",
    b"\\", b"#", b"\n", b"\t", b" ", "元".encode(), "低保".encode(), b"0", b"-1",
    b"9223372036854775807", b"99999999999999999999999999", b"0.0000000000001",
    b"999999999999.99 yuan", b"100%", b"2024-02-29", b"2023-02-29", b"9999-12-31",
    b"0001-01-01", b"999999 days", b"\"\"", b"\"unterminated", b"_", b"a" * 300,
]
BAD_UTF8 = [b"\xff", b"\xfe", b"\xc0\xaf", b"\xc3", b"\xe4\xbd", b"\xed\xa0\x80",
            b"\xf4\x90\x80\x80", b"\x80", b"\x00", b"\xef\xbb\xbf"]


# ---- mutations: each takes (rng, bytes) and returns bytes and a name ----

def m_delete(rng, b):
    if not b:
        return b, "delete"
    i = rng.randrange(len(b))
    n = rng.choice([1, 1, 2, 3, 8, 40, 200])
    return b[:i] + b[i + n:], f"delete {n}@{i}"


def m_insert_token(rng, b):
    i = rng.randrange(len(b) + 1)
    t = rng.choice(TOKENS)
    if rng.random() < 0.5:
        t = b" " + t + b" "
    return b[:i] + t + b[i:], f"insert token@{i}"


def m_flip(rng, b):
    if not b:
        return b, "flip"
    b = bytearray(b)
    n = rng.choice([1, 1, 2, 4])
    for _ in range(n):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8)
    return bytes(b), f"flip {n} bits"


def m_dup_line(rng, b):
    lines = b.split(b"\n")
    i = rng.randrange(len(lines))
    n = rng.choice([1, 1, 2, 50])
    lines[i:i + 1] = [lines[i]] * (n + 1)
    return b"\n".join(lines), f"duplicate line {i + 1} x{n}"


def m_dup_block(rng, b):
    lines = b.split(b"\n")
    i = rng.randrange(len(lines))
    j = min(len(lines), i + rng.randrange(1, 30))
    lines[j:j] = lines[i:j]
    return b"\n".join(lines), f"duplicate lines {i + 1}-{j}"


def m_drop_line(rng, b):
    lines = b.split(b"\n")
    i = rng.randrange(len(lines))
    del lines[i]
    return b"\n".join(lines), f"drop line {i + 1}"


def m_swap_lines(rng, b):
    lines = b.split(b"\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines), f"swap lines {i + 1},{j + 1}"


def m_bad_utf8(rng, b):
    i = rng.randrange(len(b) + 1)
    return b[:i] + rng.choice(BAD_UTF8) + b[i:], f"invalid UTF-8@{i}"


def m_nest(rng, b):
    # Wrap an expression position in deep parentheses or an if chain.
    i = b.find(b"= ", rng.randrange(len(b) + 1))
    if i < 0:
        i = b.find(b"= ")
    if i < 0:
        return m_insert_token(rng, b)
    i += 2
    n = rng.choice([50, 99, 100, 101, 400, 5000])
    if rng.random() < 0.5:
        return b[:i] + b"(" * n + b"1" + b")" * n + b" + " + b[i:], f"nest {n} parens"
    return b[:i] + b"if true then " * n + b"1 yuan" + b" else 0 yuan" * n + b" + " + b[i:], \
        f"nest {n} ifs"


def m_splice(rng, b):
    # Copy a random range of the file to a random place.
    if len(b) < 2:
        return b, "splice"
    i = rng.randrange(len(b))
    j = min(len(b), i + rng.randrange(1, 400))
    k = rng.randrange(len(b) + 1)
    return b[:k] + b[i:j] + b[k:], f"splice {i}-{j}@{k}"


def m_digits(rng, b):
    # Replace a number with a huge or odd one.
    nums = [m.span() for m in re.finditer(rb"\d+(\.\d+)?", b)]
    if not nums:
        return m_flip(rng, b)
    s, e = rng.choice(nums)
    r = rng.choice([b"0", b"99999999999999999999999", b"9223372036854775808", b"0.000000000000001",
                    b"1" * 60, b"00", b"1.", b"9999", b"18446744073709551616"])
    return b[:s] + r + b[e:], f"number {b[s:e].decode(errors='replace')} -> {r.decode()}"


MUTATIONS = [m_delete, m_delete, m_insert_token, m_insert_token, m_flip, m_flip, m_dup_line,
             m_dup_block, m_drop_line, m_swap_lines, m_bad_utf8, m_nest, m_splice, m_digits,
             m_digits]


def mutate(rng, b):
    names = []
    for _ in range(rng.choice([1, 1, 1, 2, 3, 5])):
        b, name = rng.choice(MUTATIONS)(rng, b)
        names.append(name)
    return b, "; ".join(names)


def json_mutants(rng, case, n):
    out = []
    k = max(1, len(case) // max(1, n // 2))
    for cut in range(0, len(case), k):
        out.append((case[:cut], f"JSON truncated at {cut}"))
    while len(out) < n:
        b = case
        names = []
        for _ in range(rng.choice([1, 1, 2])):
            op = rng.randrange(6)
            i = rng.randrange(len(b) + 1)
            if op == 0:
                b, nm = b[:i] + b[i + rng.choice([1, 3, 10]):], f"delete@{i}"
            elif op == 1:
                t = rng.choice([b"null", b"[]", b"{}", b"\"\"", b"-1", b"1e400", b"\"9999-99-99\"",
                                b"\"-0.001\"", b"\"123.456\"", b"true", b",", b"\"\xff\"", b"[" * 3000,
                                b"{\"a\":" * 2000, b"\"\\ud800\"", b"9" * 400])
                b, nm = b[:i] + t + b[i:], f"insert@{i}"
            elif op == 2 and b:
                ba = bytearray(b)
                ba[rng.randrange(len(ba))] ^= 1 << rng.randrange(8)
                b, nm = bytes(ba), "flip"
            elif op == 3:
                b, nm = re.sub(rb'"(\d+(\.\d+)?)"', lambda m: rng.choice(
                    [b'"-' + m.group(1) + b'"', m.group(1), b'"' + m.group(1) + b'001"',
                     b'"99999999999999999999"', b'"2024-02-30"', b'"abc"']), b, count=1), "value"
            elif op == 4:
                b, nm = re.sub(rb'"[a-z_]+"', lambda m: rng.choice(
                    [b'"x"', m.group(0)[:-2] + b'"', b'"' + m.group(0)[1:-1].upper() + b'"']),
                    b, count=rng.randrange(1, 4)), "name"
            else:
                b, nm = b + b[:rng.randrange(1, 100)], "trailing"
            names.append(nm)
        out.append((b, "JSON " + "; ".join(names)))
    return out[:n]


# ---- the policies and their cases ----

def strip_expected(b):
    i = b.find(MARK)
    return b if i < 0 else b[:i]


def golden_case(path, text):
    """The `# INPUT:` lines of a golden file that runs itself."""
    lines = text.decode("utf-8", "replace").splitlines()
    args = next((l[len("# ARGS:"):].strip() for l in lines if l.startswith("# ARGS:")), "")
    inputs = [l[len("# INPUT:"):] for l in lines if l.startswith("# INPUT:")]
    try:
        argv = shlex.split(args)
    except ValueError:
        return None
    if not inputs or len(argv) < 2 or argv[0] != "run" or argv[1] != "%s":
        return None
    return "\n".join(s[1:] if s.startswith(" ") else s for s in inputs).encode()


def collect(root):
    """[(path, text, case or None, weight)]: policies and bench weigh more."""
    out = []
    for p in sorted(root.glob("policies/**/*.bao")) + sorted(root.glob("tests/bench/*.bao")):
        case = None
        js = sorted(p.parent.glob("*.json"))
        if js:
            case = js[0].read_bytes()
        out.append((p, p.read_bytes(), case, "policy"))
    for p in sorted(root.glob("tests/golden/**/*.bao")):
        raw = p.read_bytes()
        out.append((p, strip_expected(raw), golden_case(p, raw), "golden"))
    return out


# ---- running bao ----

LOC = re.compile(rb"(?m)^m\.bao:(\d+):(\d+): error\[E\d{4}\]")
# An error may also be located in a file the copy extends or uses (a policy
# of policies/, a golden's lib/): a location all the same.
ANY_LOC = re.compile(rb"(?m)^\S+\.bao:\d+:\d+: error\[E\d{4}\]")


def judge(verb, code, out, elapsed, timeout, text):
    if elapsed is None:
        return f"timed out after {timeout}s"
    if code not in (0, 1):
        return f"exit {code}"
    if code == 1:
        if b"error[" not in out:
            return "exit 1 without `error[`"
        m = LOC.search(out)
        if not m and ANY_LOC.search(out):
            return None
        if not m:
            if verb == "run" and re.search(rb"error\[E08\d\d\]", out):
                return None  # an input error names a JSON path, not a place
            return "exit 1 without an `m.bao:LINE:COL: error[` location"
        line = int(m.group(1))
        if line < 1 or line > text.count(b"\n") + 1:
            return f"location line {line} is outside the file"
    return None


def run_bao(bao, args, cwd, timeout, env):
    t0 = time.monotonic()
    try:
        p = subprocess.run([bao] + args, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True,
                           timeout=timeout, env=env)
    except subprocess.TimeoutExpired as e:
        return None, (e.stdout or b"") + (e.stderr or b""), None
    return p.returncode, p.stdout + p.stderr, time.monotonic() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bao", help="the bao executable (a sanitizer build finds more)")
    ap.add_argument("--budget", type=float, default=600, help="seconds to spend (default 600)")
    ap.add_argument("--timeout", type=float, default=10, help="seconds per bao run (default 10)")
    ap.add_argument("--per-policy", type=int, default=1500,
                    help="copies of each policies/ and tests/bench/ policy (default 1500)")
    ap.add_argument("--per-golden", type=int, default=25,
                    help="copies of each golden file (default 25)")
    ap.add_argument("--json-per-policy", type=int, default=300,
                    help="mutated example cases per policy that has one (default 300)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--jobs", type=int, default=1, help="bao runs at once (default 1)")
    ap.add_argument("--repo", default=str(ROOT), help="the repository (default: this one)")
    ap.add_argument("--save", default=None,
                    help="folder for failing copies (default: a temporary folder, printed)")
    ap.add_argument("--max-steps", type=int, default=None,
                    help="pass --max-steps N to `bao run` and `bao test`: a sanitizer build is 10-20 times "
                         "slower, so the default limit (about 1 s of a release build) can "
                         "exceed the timeout there")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()

    bao = str(Path(a.bao).resolve())
    helptext = subprocess.run([bao, "--help"], capture_output=True, timeout=30).stdout
    has_test = re.search(rb"(?m)^\s+test\b", helptext) is not None
    env = dict(os.environ)
    env.setdefault("ASAN_OPTIONS", "exitcode=86:detect_leaks=1")
    env.setdefault("UBSAN_OPTIONS", "exitcode=87:halt_on_error=1:print_stacktrace=1")
    save = Path(a.save) if a.save else Path(tempfile.mkdtemp(prefix="bao-mutate-failures-"))
    work = Path(tempfile.mkdtemp(prefix="bao-mutate-"))

    rng = random.Random(a.seed)
    jobs = []  # (label, policy bytes, case bytes or None, description)
    for path, text, case, kind in collect(Path(a.repo)):
        rel = path.relative_to(a.repo).as_posix()
        n = a.per_policy if kind == "policy" else a.per_golden
        # Truncation at every k-th byte: a third of the copies.
        k = max(1, len(text) // max(1, n // 3))
        for cut in range(0, len(text), k):
            jobs.append((rel, text[:cut], case, f"truncated at byte {cut}"))
        made = len(range(0, len(text), k))
        for _ in range(max(0, n - made)):
            m, desc = mutate(rng, text)
            jobs.append((rel, m, case, desc))
        if case is not None and a.json_per_policy > 0:
            cnt = a.json_per_policy if kind == "policy" else max(1, a.json_per_policy // 20)
            for jm, desc in json_mutants(rng, case, cnt):
                jobs.append((rel, text, jm, desc))
    # Interleave the files so that a short budget still covers every one.
    rng.shuffle(jobs)

    lock = threading.Lock()
    stats = {"cases": 0, "runs": 0, "failures": 0, "verbs": {}, "exits": {}}
    deadline = time.monotonic() + a.budget
    start = time.monotonic()

    def one(idx, job):
        if time.monotonic() > deadline:
            return
        rel, text, case, desc = job
        d = work / f"c{idx}"
        d.mkdir()
        (d / "m.bao").write_bytes(text)
        # Where a copy finds what it extends and uses: the repository's
        # policies/, and a golden file's lib/ folder.
        repo = Path(a.repo).resolve()
        roots = ["--root", str(repo / "policies")]
        if (repo / rel).parent.joinpath("lib").is_dir():
            roots += ["--root", str((repo / rel).parent / "lib")]
        runs = [("check", ["check", "m.bao"] + roots)]
        if case is not None:
            (d / "case.json").write_bytes(case)
            fmt = ["--format", "text", "--explain"] if idx % 2 else []
            steps = ["--max-steps", str(a.max_steps)] if a.max_steps else []
            runs.append(("run", ["run", "m.bao", "--input", "case.json"] + fmt + steps + roots))
        if has_test:
            steps = ["--max-steps", str(a.max_steps)] if a.max_steps else []
            runs.append(("test", ["test", "m.bao"] + steps + roots))
        fails = []
        for verb, args in runs:
            code, out, elapsed = run_bao(bao, args, d, a.timeout, env)
            why = judge(verb, code, out, elapsed, a.timeout, text)
            with lock:
                stats["runs"] += 1
                stats["verbs"][verb] = stats["verbs"].get(verb, 0) + 1
                key = f"{verb} exit {'timeout' if code is None else code}"
                stats["exits"][key] = stats["exits"].get(key, 0) + 1
            if why:
                fails.append((verb, args, why, out))
        with lock:
            stats["cases"] += 1
            if fails:
                stats["failures"] += 1
                dest = save / f"mutate_{idx}"
                dest.mkdir(parents=True, exist_ok=True)
                shutil.copy(d / "m.bao", dest / "m.bao")
                if case is not None:
                    shutil.copy(d / "case.json", dest / "case.json")
                note = [f"from {rel}: {desc}"]
                for verb, args, why, out in fails:
                    cmd = " ".join(shlex.quote(x) for x in [bao] + args)
                    note.append(f"FAIL {why}: (cd {dest} && {cmd})")
                    note.append(out.decode("utf-8", "replace")[-3000:])
                (dest / "NOTE.txt").write_text("\n".join(note) + "\n")
                print(f"FAIL case {idx} ({rel}: {desc}): "
                      + "; ".join(f"bao {v}: {w}" for v, _, w, _ in fails)
                      + f" -> {dest}", flush=True)
            elif a.verbose:
                print(f"ok   case {idx} ({rel}: {desc})", flush=True)
            if stats["cases"] % 500 == 0:
                print(f"... {stats['cases']} cases, {stats['runs']} bao runs, "
                      f"{stats['failures']} failures, {time.monotonic() - start:.0f}s", flush=True)
        shutil.rmtree(d, ignore_errors=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        list(ex.map(lambda p: one(*p), enumerate(jobs)))
    shutil.rmtree(work, ignore_errors=True)

    elapsed = time.monotonic() - start
    verbs = ", ".join(f"{v} {n}" for v, n in sorted(stats["verbs"].items()))
    print(f"mutate.py: {len(jobs)} copies made, {stats['cases']} run in {elapsed:.0f}s "
          f"({stats['runs']} bao runs: {verbs}; `bao test` {'run' if has_test else 'absent'})")
    print("mutate.py: exits: " + ", ".join(f"{k} {n}" for k, n in sorted(stats["exits"].items())))
    if stats["failures"]:
        print(f"mutate.py: failing copies saved under {save}")
    elif not a.save:
        shutil.rmtree(save, ignore_errors=True)
    print(f"{stats['cases']} cases, {stats['failures']} failures")
    return 1 if stats["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
