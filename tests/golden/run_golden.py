#!/usr/bin/env python3
"""Runs Bao golden tests: each .bao file holds a policy, the bao command to run
on it, and the exact output expected, inline at the end (see README.md).

    run_golden.py [--bao PATH] FILE...               check the files
    run_golden.py [--bao PATH] --autoupdate PATH...  rewrite their expected blocks

A directory stands for every .bao file under it. Exit status 0 when every file
passes, 1 otherwise. The naming rule is enforced in both modes: a `fail_*` file
must exit non-zero and print an error (`error[` as text, or `"severity": "error"`
in JSON), any other file must exit 0 and must not.
"""

import argparse
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

MARKER = "# ---- expected (bao tests/golden/run_golden.py --autoupdate) ----"
MARKER_PREFIX = "# ---- expected"
CHECK = "# CHECK:"
STREAMS = ("STDOUT", "STDERR")
DEFAULT_ARGS = "check %s"
TIMEOUT_SECONDS = 60
# Golden files may hold invalid UTF-8 on purpose (E0002); keep such bytes as is.
ENC = dict(encoding="utf-8", errors="surrogateescape")


class GoldenError(Exception):
    """A golden file that cannot be run as written."""


def read(path):
    """The file's text, line ends and undecodable bytes kept as they are."""
    with open(path, newline="", **ENC) as f:
        return f.read()


def after(line, prefix):
    """The text after `prefix`, minus the one space that separates them."""
    rest = line[len(prefix):]
    return rest[1:] if rest.startswith(" ") else rest


def parse(text):
    """Splits a golden file into (body, args, stdin or None, expected or None)."""
    lines = text.split("\n")
    cut = next((i for i, l in enumerate(lines) if l.startswith(MARKER_PREFIX)), len(lines))
    args, inputs = DEFAULT_ARGS, []
    for number, raw in enumerate(lines[:cut], 1):
        line = raw.rstrip("\r")
        if line.startswith("# ARGS:"):
            args = after(line, "# ARGS:")
        elif line.startswith("# INPUT:"):
            inputs.append(after(line, "# INPUT:"))
        elif line.startswith(CHECK):
            raise GoldenError(f"line {number}: CHECK line outside the expected block")
    body = "\n".join(lines[:cut])
    stdin = "\n".join(inputs) if inputs else None
    if cut == len(lines):
        return body, args, stdin, None
    return body + "\n", args, stdin, parse_expected(lines[cut + 1:], cut + 2)


def parse_expected(lines, first_number):
    """Reads the CHECK lines of an expected block into (exit, stdout, stderr)."""
    exit_code, out = None, {s: [] for s in STREAMS}
    for number, raw in enumerate(lines, first_number):
        line = raw.rstrip()
        if not line:
            continue
        if line.startswith(CHECK + "EXIT:") and exit_code is None:
            try:
                exit_code = int(after(line, CHECK + "EXIT:"))
                continue
            except ValueError:
                pass
        stream = next((s for s in STREAMS if line.startswith(f"{CHECK}{s}:")), None)
        if stream is None:
            raise GoldenError(f"line {number}: not a CHECK line (or a second EXIT): {line!r}")
        out[stream].append(after(line, f"{CHECK}{stream}:"))
    if exit_code is None:
        raise GoldenError("the expected block has no `# CHECK:EXIT:` line")
    return exit_code, normalize(out["STDOUT"]), normalize(out["STDERR"])


# A policy's fingerprint hashes its own file, so a golden file that holds
# its expected output cannot also hold its fingerprint: it is shown as its
# shape (64 hex digits). The value itself is tested in lang/api/identity_test.cpp.
FINGERPRINT = re.compile(r'"fingerprint": "[0-9a-f]{64}"')


def normalize(lines):
    """Drops trailing whitespace on each line and trailing empty lines."""
    lines = [FINGERPRINT.sub('"fingerprint": "<sha256>"', l.rstrip()) for l in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def render(result):
    """The expected block's CHECK lines for (exit, stdout, stderr)."""
    exit_code, stdout, stderr = result
    lines = [f"{CHECK}EXIT: {exit_code}"]
    for stream, out in zip(STREAMS, (stdout, stderr)):
        lines += [f"{CHECK}{stream}: {l}".rstrip() for l in out]
    return lines


def run(bao, path, args, stdin):
    """Runs bao in the file's directory; returns (exit, stdout lines, stderr lines)."""
    argv = [bao] + [a.replace("%s", path.name) for a in shlex.split(args)]
    env = dict(os.environ, NO_COLOR="1")
    try:
        p = subprocess.run(argv, cwd=path.parent, env=env, capture_output=True,
                           input=stdin.encode(**ENC) if stdin is not None else None,
                           stdin=subprocess.DEVNULL if stdin is None else None,
                           timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise GoldenError(f"bao did not finish within {TIMEOUT_SECONDS}s: {shlex.join(argv)}")
    except OSError as e:
        raise GoldenError(f"cannot run {bao}: {e}")
    decode = lambda b: normalize(b.decode(**ENC).split("\n"))
    return p.returncode, decode(p.stdout), decode(p.stderr)


def naming_problem(path, result):
    """Why the result breaks the fail_ naming rule, or None."""
    exit_code, stdout, stderr = result
    if exit_code < 0:
        return f"bao was killed by signal {-exit_code}"
        # An error as text (`error[E0101]`), or as JSON (`"severity": "error"`).
    has_error = any("error[" in l or '"severity": "error"' in l for l in stdout + stderr)
    if path.name.startswith("fail_"):
        if exit_code == 0 or not has_error:
            return ("a fail_ test must exit non-zero and print `error[`, but it exited "
                    f"{exit_code} {'with' if has_error else 'without'} `error[`")
    elif exit_code != 0 or has_error:
        return ("a test not named fail_* must exit 0 without `error[`, but it exited "
                f"{exit_code} {'with' if has_error else 'without'} `error[`")
    return None


def check(bao, path):
    """Runs one golden file; returns a list of problems (empty when it passes)."""
    body, args, stdin, expected = parse(read(path))
    actual = run(bao, path, args, stdin)
    problems = []
    if expected is None:
        problems.append("no expected block; run run_golden.py --autoupdate on it")
    elif expected != actual:
        diff = difflib.unified_diff(render(expected), render(actual), "expected", "actual",
                                    lineterm="")
        problems.append("output differs:\n" + "\n".join(diff))
    naming = naming_problem(path, actual)
    if naming:
        problems.append(naming)
    return problems


def autoupdate(bao, path):
    """Rewrites the file's expected block from a fresh run; returns problems."""
    # A diagnostic at the end of the file may move with the block's length, so
    # run again until the written block matches the run it came from.
    for _ in range(3):
        body, args, stdin, expected = parse(read(path))
        actual = run(bao, path, args, stdin)
        naming = naming_problem(path, actual)
        if naming:
            shown = "\n".join(render(actual))
            return [f"{naming}; file left unchanged. The run gave:\n{shown}"]
        if expected == actual:
            return []
        if expected is None and body.rstrip("\n") and not body.endswith("\n\n"):
            body = body.rstrip("\n") + "\n\n"
        block = "\n".join([MARKER] + render(actual)) + "\n"
        path.write_text(body + block, newline="", **ENC)
        print(f"updated {path}")
    return ["the output keeps changing with the expected block; look at it by hand"]


def golden_files(paths):
    """The .bao files named by `paths`, directories expanded recursively."""
    for p in map(Path, paths):
        yield from sorted(f for f in p.rglob("*.bao") if "lib" not in f.relative_to(p).parts[:-1]) if p.is_dir() else [p]


def main():
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(errors="backslashreplace")
    default_bao = Path(__file__).resolve().parents[2] / "build" / "bao"
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bao", default=str(default_bao), help="the bao executable")
    ap.add_argument("--autoupdate", action="store_true", help="rewrite the expected blocks")
    ap.add_argument("paths", nargs="+", help=".bao files or directories")
    opts = ap.parse_args()
    bao = os.path.abspath(shutil.which(opts.bao) or opts.bao)
    failed = 0
    for path in golden_files(opts.paths):
        try:
            problems = (autoupdate if opts.autoupdate else check)(bao, path)
        except (GoldenError, OSError) as e:
            problems = [str(e)]
        for problem in problems:
            print(f"FAIL {path}: {problem}")
        failed += bool(problems)
    if failed:
        print(f"{failed} golden file(s) failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
