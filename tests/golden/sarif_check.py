#!/usr/bin/env python3
"""Checks SARIF logs against the shape SARIF 2.1.0 requires (no network and no
jsonschema package needed): the properties Bao writes and the ones the schema
makes required, with their types and ranges.

    sarif_check.py FILE...                       check SARIF files
    sarif_check.py --bao B --golden DIR --policies DIR
        run every golden whose ARGS ask for `--format sarif`, `bao check
        --format sarif` over the policies, and over a file with a hostile name
        in a temporary folder, and check each log

Exit status 0 when every log is valid, 1 otherwise (each problem printed).
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

# RFC 3986 §4.1 URI-reference = URI / relative-ref, written out from its ABNF.
_UNRESERVED = r"A-Za-z0-9\-._~"
_PCT = r"%[0-9A-Fa-f]{2}"
_SUB = r"!$&'()*+,;="
_PCHAR = rf"(?:[{_UNRESERVED}{_SUB}:@]|{_PCT})"
_SEGMENT = rf"{_PCHAR}*"
_SEGMENT_NZ_NC = rf"(?:[{_UNRESERVED}{_SUB}@]|{_PCT})+"
_DEC = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
_IPV4 = rf"{_DEC}\.{_DEC}\.{_DEC}\.{_DEC}"
_HOST = rf"(?:\[[0-9A-Fa-f:.vV{_UNRESERVED}{_SUB}]+\]|{_IPV4}|(?:[{_UNRESERVED}{_SUB}]|{_PCT})*)"
_AUTHORITY = rf"(?:(?:[{_UNRESERVED}{_SUB}:]|{_PCT})*@)?{_HOST}(?::[0-9]*)?"
_PATH_ABEMPTY = rf"(?:/{_SEGMENT})*"
_PATH_ABSOLUTE = rf"/(?:{_PCHAR}+(?:/{_SEGMENT})*)?"
_PATH_ROOTLESS = rf"{_PCHAR}+(?:/{_SEGMENT})*"
_PATH_NOSCHEME = rf"{_SEGMENT_NZ_NC}(?:/{_SEGMENT})*"
_QUERY = rf"(?:{_PCHAR}|[/?])*"
_HIER = rf"(?://{_AUTHORITY}{_PATH_ABEMPTY}|{_PATH_ABSOLUTE}|{_PATH_ROOTLESS}|)"
_RELPART = rf"(?://{_AUTHORITY}{_PATH_ABEMPTY}|{_PATH_ABSOLUTE}|{_PATH_NOSCHEME}|)"
_URI = rf"[A-Za-z][A-Za-z0-9+\-.]*:{_HIER}(?:\?{_QUERY})?(?:#{_QUERY})?"
_RELATIVE = rf"{_RELPART}(?:\?{_QUERY})?(?:#{_QUERY})?"
URI_REFERENCE = re.compile(rf"(?:{_URI}|{_RELATIVE})\Z")

LEVELS = {"none", "note", "warning", "error"}


def is_uri_reference(s):
    return isinstance(s, str) and URI_REFERENCE.match(s) is not None


def check_message(m, where, problems):
    if not isinstance(m, dict) or not (isinstance(m.get("text"), str) or
                                       isinstance(m.get("id"), str)):
        problems.append(f"{where}: a message needs `text` (or `id`), a string")


def check_region(r, where, problems, full):
    if not isinstance(r, dict):
        problems.append(f"{where}: region is not an object")
        return
    for key in ("startLine", "startColumn", "endLine", "endColumn"):
        if key in r and (not isinstance(r[key], int) or isinstance(r[key], bool) or r[key] < 1):
            problems.append(f"{where}: region.{key} must be an integer ≥ 1, not {r[key]!r}")
    if "startLine" not in r:
        problems.append(f"{where}: region has no startLine")
    if full:
        for key in ("startColumn", "endLine", "endColumn"):
            if key not in r:
                problems.append(f"{where}: region has no {key}")
    try:
        if "endLine" in r and r["endLine"] < r["startLine"]:
            problems.append(f"{where}: region.endLine < startLine")
        if (r.get("endLine") == r.get("startLine") and "endColumn" in r and
                r["endColumn"] < r.get("startColumn", 1)):
            problems.append(f"{where}: region ends before it starts")
    except TypeError:
        pass


def check_physical(p, where, problems, full):
    if not isinstance(p, dict):
        problems.append(f"{where}: physicalLocation is not an object")
        return
    art = p.get("artifactLocation")
    if not isinstance(art, dict):
        problems.append(f"{where}: physicalLocation has no artifactLocation object")
    else:
        uri = art.get("uri")
        if not is_uri_reference(uri):
            problems.append(f"{where}: artifactLocation.uri {uri!r} is not a URI reference "
                            "(RFC 3986)")
        if "uriBaseId" in art and not isinstance(art["uriBaseId"], str):
            problems.append(f"{where}: artifactLocation.uriBaseId is not a string")
    if "region" in p:
        check_region(p["region"], where, problems, full)


def check_log(log, name="log"):
    """The problems with one parsed SARIF log (empty when valid)."""
    problems = []
    if not isinstance(log, dict):
        return [f"{name}: the log is not an object"]
    if log.get("version") != "2.1.0":
        problems.append(f"{name}: version is {log.get('version')!r}, not \"2.1.0\"")
    if "$schema" in log and not is_uri_reference(log["$schema"]):
        problems.append(f"{name}: $schema is not a URI")
    runs = log.get("runs")
    if not isinstance(runs, list):
        return problems + [f"{name}: runs is not an array"]
    for i, run in enumerate(runs):
        w = f"{name}: runs[{i}]"
        driver = run.get("tool", {}).get("driver") if isinstance(run, dict) else None
        if not isinstance(driver, dict) or not isinstance(driver.get("name"), str):
            problems.append(f"{w}: tool.driver.name is missing")
            continue
        ids = set()
        for k, rule in enumerate(driver.get("rules", [])):
            if not isinstance(rule, dict) or not isinstance(rule.get("id"), str):
                problems.append(f"{w}: tool.driver.rules[{k}] has no id")
            else:
                ids.add(rule["id"])
                if "shortDescription" in rule:
                    check_message(rule["shortDescription"], f"{w}: rule {rule['id']}", problems)
        results = run.get("results")
        if not isinstance(results, list):
            problems.append(f"{w}: results is not an array")
            continue
        for j, res in enumerate(results):
            rw = f"{w}.results[{j}]"
            if not isinstance(res, dict):
                problems.append(f"{rw}: not an object")
                continue
            check_message(res.get("message"), rw, problems)
            if not isinstance(res.get("ruleId"), str):
                problems.append(f"{rw}: no ruleId")
            elif ids and res["ruleId"] not in ids:
                problems.append(f"{rw}: ruleId {res['ruleId']} names no rule of the driver")
            if res.get("level", "warning") not in LEVELS:
                problems.append(f"{rw}: level {res.get('level')!r} is not one of {sorted(LEVELS)}")
            for k, loc in enumerate(res.get("locations", [])):
                if "physicalLocation" in loc:
                    check_physical(loc["physicalLocation"], f"{rw}.locations[{k}]", problems,
                                   True)
            for k, rel in enumerate(res.get("relatedLocations", [])):
                if "message" in rel:
                    check_message(rel["message"], f"{rw}.relatedLocations[{k}]", problems)
                if "physicalLocation" in rel:
                    check_physical(rel["physicalLocation"], f"{rw}.relatedLocations[{k}]",
                                   problems, False)
    return problems


def check_text(text, name):
    try:
        log = json.loads(text)
    except json.JSONDecodeError as e:
        return [f"{name}: not JSON: {e}"]
    return check_log(log, name)


def run_bao(bao, args, cwd=None):
    p = subprocess.run([bao] + args, cwd=cwd, capture_output=True, timeout=120)
    return p.stdout.decode("utf-8", "replace")


def golden_logs(bao, golden):
    """(name, SARIF text) of every golden whose ARGS ask for SARIF."""
    for path in sorted(Path(golden).rglob("*.bao")):
        if "/lib/" in path.as_posix():
            continue
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        m = re.search(r"^# ARGS: (.*)$", text, re.M)
        if not m or "sarif" not in m.group(1):
            continue
        args = [a.replace("%s", path.name) for a in shlex.split(m.group(1))]
        yield str(path), run_bao(bao, args, cwd=path.parent)


HOSTILE_NAMES = ['a b "q" #1 %41 医保 政策.bao', "back\\slash:colon?<&>.bao",
                 "new\nline\x1b[2J.bao", "\u202eoab.txt.bao"]
HOSTILE_TEXT = 'policy cn.demo.sarif "诊断"\ninput x: money\noutput o: money = nope + x\n'


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--bao")
    ap.add_argument("--golden")
    ap.add_argument("--policies")
    a = ap.parse_args()
    logs = [(f, Path(f).read_text(encoding="utf-8")) for f in a.files]
    if a.bao:
        bao = os.path.abspath(a.bao)
        if a.golden:
            found = list(golden_logs(bao, a.golden))
            if not found:
                print(f"no golden under {a.golden} asks for --format sarif")
                return 1
            logs += found
        if a.policies:
            logs.append((f"check --format sarif {a.policies}",
                         run_bao(bao, ["check", "--format", "sarif", a.policies])))
        with tempfile.TemporaryDirectory() as tmp:
            for name in HOSTILE_NAMES:
                Path(tmp, name).write_text(HOSTILE_TEXT, encoding="utf-8")
            # Relative names (from inside the folder) and absolute ones.
            logs.append(("hostile names, relative",
                         run_bao(bao, ["check", "--format", "sarif"] + HOSTILE_NAMES, cwd=tmp)))
            logs.append(("hostile names, absolute",
                         run_bao(bao, ["check", "--format", "sarif", tmp])))
            results = json.loads(logs[-1][1])["runs"][0]["results"]
            if len(results) < len(HOSTILE_NAMES):
                print(f"hostile names: {len(results)} results, expected one for each of "
                      f"{len(HOSTILE_NAMES)} files")
                return 1
    problems = []
    for name, text in logs:
        problems += check_text(text, name)
    for p in problems:
        print(p)
    print(f"{len(logs)} SARIF logs, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
