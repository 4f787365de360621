#!/usr/bin/python3
"""The bytecode evaluator against the tree walker, on every conformance case.

    differential.py BAO [--repo DIR]

A plain `bao run` evaluates with the bytecode (lang/eval/vm.cpp); the same run
with `--explain` evaluates on the tree walker, which records the explanation.
For every case under tests/conformance/cases/ this runs both and requires the
same exit code and the same JSON once the "explanation" key is set aside:
the same outputs, fen for fen, or the same error (code, message and place).
Exit status: 0 when every case agrees, 1 otherwise, 2 for a usage error.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import run  # noqa: E402  (the suite's own case reader)


def evaluate(bao, repo, args, explain):
    cmd = [bao, "run", args[0], "--input", args[1], "--format", "json"] + [
        a for a in args[2:] if a != "--explain"]
    if explain:
        cmd.append("--explain")
    p = subprocess.run(cmd, cwd=repo, capture_output=True, timeout=120)
    try:
        out = json.loads(p.stdout.decode("utf-8"))
    except ValueError:
        out = {"stdout": p.stdout.decode("utf-8", "backslashreplace")}
    if isinstance(out, dict):
        out.pop("explanation", None)
    return p.returncode, out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bao")
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(HERE)))
    opts = ap.parse_args()
    cases_dir = os.path.join(HERE, "cases")
    names = sorted(os.listdir(cases_dir))
    bad = 0
    for name in names:
        args = run.load_case(opts.repo, os.path.join(cases_dir, name))
        plain, explained = (evaluate(opts.bao, opts.repo, args, e) for e in (False, True))
        if plain != explained:
            bad += 1
            print(f"FAIL {name}: bytecode gave {str(plain)[:300]}, "
                  f"tree walker {str(explained)[:300]}")
    print(f"{len(names) - bad} of {len(names)} cases agree between the bytecode and the tree walker")
    return 1 if bad or len(names) < run.MIN_CASES else 0


if __name__ == "__main__":
    sys.exit(main())
