#!/usr/bin/python3
"""Runs the conformance cases (tests/conformance/cases/*/) through a driver.

    run.py --driver CMD [--driver-arg X]... [--repo DIR] [--only REGEX]
           [--regen] [-j N] [--name NAME] [--timeout SECONDS]

Each case is run as `CMD X... POLICY CASE_JSON [--root DIR]... [--as-of D]
[--explain]` from the repository root, with repository-relative paths; its
stdout bytes and exit code must equal expected.out and expected.rc. See
README.md for the protocol. Exit status: 0 when every case passes, 1 otherwise
(also with fewer than MIN_CASES cases), 2 for a usage error.
"""
import argparse
import concurrent.futures
import difflib
import gzip
import json
import os
import re
import signal
import subprocess
import sys

MIN_CASES = 60
ARGS_KEYS = {"as_of", "explain", "roots"}
# An expected output larger than this is stored as expected.out.gz (the
# explanations of a year of claims run to megabytes).
GZIP_OVER = 256 * 1024
HERE = os.path.dirname(os.path.abspath(__file__))


class CaseError(Exception):
    pass


def load_case(repo, folder):
    """The driver's arguments for one case folder (repository-relative)."""
    rel = os.path.relpath(folder, repo)
    files = set(os.listdir(folder))
    if "case.json" not in files:
        raise CaseError("no case.json")
    if ("policy.bao" in files) == ("policy.ref" in files):
        raise CaseError("needs exactly one of policy.bao and policy.ref")
    if "policy.bao" in files:
        policy = os.path.join(rel, "policy.bao")
    else:
        with open(os.path.join(folder, "policy.ref"), encoding="utf-8") as f:
            policy = f.read().strip()
        if os.path.isabs(policy) or not os.path.isfile(os.path.join(repo, policy)):
            raise CaseError(f"policy.ref: `{policy}` is not a file under the repository")
    args = [policy, os.path.join(rel, "case.json")]
    if "args.json" in files:
        with open(os.path.join(folder, "args.json"), encoding="utf-8") as f:
            extra = json.load(f)
        if not isinstance(extra, dict) or set(extra) - ARGS_KEYS:
            raise CaseError(f"args.json: an object with keys among {sorted(ARGS_KEYS)}")
        for root in extra.get("roots", []):
            args += ["--root", root]
        if "as_of" in extra:
            args += ["--as-of", extra["as_of"]]
        if extra.get("explain", False):
            args.append("--explain")
    return args


def show(data):
    """Bytes as printable lines: invalid UTF-8 and control characters escaped."""
    text = data.decode("utf-8", errors="backslashreplace")
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", text)
    return text.splitlines(keepends=True) or [""]


def run_driver(cmd, cwd, timeout):
    """Runs the driver in its own process group; on a timeout the whole group
    (a shell's children, a JVM) is killed, then TimeoutExpired is raised."""
    with subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, start_new_session=True) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
            proc.communicate()
            raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def run_case(opts, repo, folder):
    """(name, ok, report): runs one case and compares, or regenerates it."""
    name = os.path.basename(folder)
    try:
        args = load_case(repo, folder)
    except (CaseError, OSError, ValueError) as e:
        return name, False, f"bad case: {e}"
    cmd = [opts.driver] + opts.driver_arg + args
    try:
        p = run_driver(cmd, repo, opts.timeout)
    except subprocess.TimeoutExpired:
        return name, False, f"timed out after {opts.timeout} s"
    except OSError as e:
        return name, False, f"cannot run the driver: {e}"
    if p.returncode < 0 or p.returncode not in (0, 1, 2):
        err = "".join(show(p.stderr[-2000:]))
        return name, False, f"driver crashed or exited {p.returncode}\n{err}"
    out_path = os.path.join(folder, "expected.out")
    rc_path = os.path.join(folder, "expected.rc")
    if opts.regen:
        for stale in (out_path, out_path + ".gz"):
            if os.path.exists(stale):
                os.remove(stale)
        if len(p.stdout) > GZIP_OVER:
            with open(out_path + ".gz", "wb") as f:
                f.write(gzip.compress(p.stdout, 9, mtime=0))
        else:
            with open(out_path, "wb") as f:
                f.write(p.stdout)
        with open(rc_path, "w") as f:
            f.write(f"{p.returncode}\n")
        return name, True, f"regenerated (exit {p.returncode}, {len(p.stdout)} bytes)"
    try:
        if os.path.exists(out_path + ".gz"):
            if os.path.exists(out_path):
                raise CaseError("both expected.out and expected.out.gz")
            with gzip.open(out_path + ".gz", "rb") as f:
                want_out = f.read()
        else:
            with open(out_path, "rb") as f:
                want_out = f.read()
        with open(rc_path) as f:
            want_rc = int(f.read().strip())
    except (CaseError, OSError, ValueError, EOFError) as e:
        return name, False, f"bad case: expected.out / expected.rc: {e}"
    problems = []
    if p.returncode != want_rc:
        problems.append(f"exit code {p.returncode}, expected {want_rc}")
    if p.stdout != want_out:
        diff = difflib.unified_diff(show(want_out), show(p.stdout), "expected.out", "stdout")
        problems.append("stdout differs:\n" + "".join(
            line if line.endswith("\n") else line + "\n\\ no newline at end\n" for line in diff))
    # A policy that fails to load prints nothing on stdout: its diagnostics
    # must still be somewhere, so a silent failing driver does not pass.
    if want_rc != 0 and not want_out and not p.stderr.strip():
        problems.append("nothing on stderr, expected the policy's diagnostics")
    if problems:
        return name, False, "\n".join(problems)
    return name, True, ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--driver", required=True, help="the driver command (one executable)")
    ap.add_argument("--driver-arg", action="append", default=[],
                    help="an argument given to the driver before the case's (repeatable)")
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(HERE)),
                    help="the repository root (default: two levels above run.py)")
    ap.add_argument("--only", help="run only the cases whose folder name matches this regex")
    ap.add_argument("--regen", action="store_true",
                    help="write expected.out and expected.rc from the driver's output")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 1, help="cases run at once")
    ap.add_argument("--name", help="the backend's name in the summary (default: the driver's)")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per case (default 60)")
    opts = ap.parse_args()
    repo = os.path.abspath(opts.repo)
    opts.driver = os.path.abspath(opts.driver) if os.sep in opts.driver else opts.driver
    name = opts.name or os.path.basename(opts.driver)
    cases_dir = os.path.join(repo, "tests", "conformance", "cases")
    folders = sorted(os.path.join(cases_dir, d) for d in os.listdir(cases_dir)
                     if os.path.isdir(os.path.join(cases_dir, d))) if os.path.isdir(cases_dir) else []
    found = len(folders)
    if opts.only:
        folders = [f for f in folders if re.search(opts.only, os.path.basename(f))]
    with concurrent.futures.ThreadPoolExecutor(max(1, opts.j)) as pool:
        results = list(pool.map(lambda f: run_case(opts, repo, f), folders))
    passed = failed = 0
    for case, ok, report in results:
        if ok:
            passed += 1
            if report:
                print(f"{case}: {report}")
        else:
            failed += 1
            print(f"FAIL {case}: {report}")
    print(f"conformance({name}): {passed} passed, {failed} failed")
    if found < MIN_CASES:
        print(f"conformance({name}): only {found} cases under {cases_dir}, at least {MIN_CASES} "
              "are required")
        return 1
    if not folders:
        print(f"conformance({name}): --only `{opts.only}` matches no case")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
