#!/usr/bin/env python3
"""Output that cannot be forged and is never invalid: hostile bytes from cases,
JSON keys, policy text, test names and file names, through every output of
`bao`, generated in a temporary folder.

- Human-readable output (text diagnostics and snippets, `bao run --format
  text`, explanations, `bao test` reports, CLI messages) holds no control
  character but the line break, no C1 control, DEL, bidi control, U+2028/9
  or U+FFFE/F: each shows as a `\\u001b`-style escape. Chinese passes as is.
- JSON output parses and gives back the exact strings, with the same
  characters escaped in its text.
- `bao test --junit` writes XML that xml.etree parses, whose names are the
  escaped names.

Usage: escape_check.py --bao build/bao
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

# Characters no human-readable output may hold raw (the line break may).
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e"
                       "\u2066-\u2069\ufffe\uffff]")
TERMINAL_ESCAPED = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e"
                              "\u2066-\u2069\ufffe\uffff]")


def escaped(s):
    """What bao shows for a string: the expected form, written independently."""
    return TERMINAL_ESCAPED.sub(lambda m: "\\u%04x" % ord(m.group(0)), s)


def raw_problems(data, what):
    """Forbidden characters in output bytes (decoded as UTF-8, bad bytes too)."""
    text = data.decode("utf-8", "surrogateescape")
    problems = []
    if re.search("[\udc80-\udcff]", text):
        problems.append(f"{what}: bytes that are not UTF-8")
    for m in FORBIDDEN.finditer(text):
        problems.append(f"{what}: raw U+{ord(m.group(0)):04X} at {m.start()}: "
                        f"{text[max(0, m.start() - 30):m.start() + 10]!r}")
        break
    return problems


ESC_TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
C1 = "\u009b"
RLO = "\u202e"

POLICY = f'''policy cn.demo.escape "转义 {RLO}标签"

enum Kind "类别{CLEAR}" {{
  a "甲{ESC_TITLE}{C1}"
  b "乙"
}}

input k "类别": Kind
input note "备注": text
output echo "回显{RLO}": text = note
output kind: Kind = k

test "passes {ESC_TITLE} bell\x07 del\x7f c1{C1} \\tand <&>\\"'" {{
  given k = a
  given note = "x"
  expect echo == "x"
}}

test "fails\\nforged.bao:1:1: error[E0000]: forged {CLEAR}{RLO}\uffff" {{
  given k = b
  given note = "x{ESC_TITLE}"
  expect echo == "y"
}}
'''
PASSING_NAME = f"passes {ESC_TITLE} bell\x07 del\x7f c1{C1} \tand <&>\"'"
FAILING_NAME = f"fails\nforged.bao:1:1: error[E0000]: forged {CLEAR}{RLO}\uffff"

# An error on a line holding raw controls: the snippet is escaped, the caret still points right.
SNIPPET = f'policy cn.demo.snippet "片段"\noutput o: money = if "{CLEAR}{RLO}" == "x" then nope else 0 yuan\n'

# A warning (W0502), so that a file's name is printed.
UNUSED = 'param unused: money = 1 yuan\n'

CASE = json.dumps({"k": "a", "note": ESC_TITLE + C1 + RLO + "医保\u2066"})


class Checker:
    def __init__(self, bao, tmp):
        self.bao, self.tmp, self.failures, self.count = bao, tmp, [], 0

    def run(self, args, stdin=None, cwd=None):
        p = subprocess.run([self.bao] + args, input=stdin, capture_output=True,
                           cwd=cwd or self.tmp, timeout=60)
        return p.returncode, p.stdout, p.stderr

    def expect(self, name, problems):
        self.count += 1
        status = "ok  " if not problems else "FAIL"
        print(f"{status} {name}")
        for p in problems:
            print(f"     {p}")
        if problems:
            self.failures.append(name)


def write(path, text):
    with open(path, "wb") as f:
        f.write(text.encode("utf-8"))


def human(c, name, args, stdin=None, must=(), must_not=(), code=None, cwd=None):
    rc, out, err = c.run(args, stdin, cwd)
    problems = raw_problems(out, "stdout") + raw_problems(err, "stderr")
    both = (out + err).decode("utf-8", "replace")
    if code is not None and rc != code:
        problems.append(f"exit {rc}, expected {code}")
    problems += [f"no {m!r} in the output" for m in must if m not in both]
    problems += [f"{m!r} in the output" for m in must_not if re.search(m, both, re.M)]
    if problems:
        problems.append("output: " + repr(both[:600]))
    c.expect(name, problems)


def check_junit(c, files):
    junit = os.path.join(c.tmp, "junit.xml")
    rc, _, _ = c.run(["test", "--junit", junit] + files)
    problems = [] if rc == 1 else [f"exit {rc}, expected 1"]
    try:
        root = ET.parse(junit).getroot()
    except ET.ParseError as e:
        c.expect("junit: xml.etree parses it", [str(e)])
        return
    names = {tc.get("name") for tc in root.iter("testcase")}
    for want in (PASSING_NAME, FAILING_NAME):
        if escaped(want) not in names:
            problems.append(f"no testcase named {escaped(want)!r} among {sorted(names)!r}")
    suites = {s.get("name") for s in root.iter("testsuite")}
    for f in files:
        shown = escaped(os.fsdecode(f).encode("utf-8", "surrogateescape").decode("utf-8",
                                                                                  "replace"))
        shown = shown.replace("\ufffd", "?")
        if shown not in suites:
            problems.append(f"no testsuite named {shown!r} among {sorted(suites)!r}")
    failures = [f for f in root.iter("failure")]
    if not any(escaped(FAILING_NAME) in (f.get("message") or "") for f in failures):
        problems.append("the failure message does not hold the escaped name")
    with open(junit, "rb") as f:
        problems += raw_problems(f.read().replace(b"\n", b""), "junit.xml")
    c.expect("junit: parses, names round-trip escaped, no raw control", problems)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bao", required=True)
    bao = os.path.abspath(ap.parse_args().bao)
    with tempfile.TemporaryDirectory() as tmp:
        c = Checker(bao, tmp)
        write(os.path.join(tmp, "p.bao"), POLICY)
        write(os.path.join(tmp, "snippet.bao"), SNIPPET)
        # File names: CR, LF, ESC, quotes and markup; one that is not UTF-8; one that fails to check.
        hostile = "name\r\n\x1b[2J <&>\"'.bao"
        write(os.path.join(tmp, hostile), POLICY + UNUSED)
        bad_utf8 = os.fsencode(tmp) + b"/gbk\xd2\xbd\xc1\xc6.bao"
        with open(bad_utf8, "wb") as f:
            f.write((POLICY + UNUSED).encode("utf-8"))
        broken = "broken\x1b.bao"
        write(os.path.join(tmp, broken), SNIPPET)

        check_junit(c, ["p.bao", hostile, bad_utf8, broken])
        human(c, "run --format text --explain: text values and labels escaped",
              ["run", "p.bao", "--format", "text", "--explain", "--input", "-"], CASE.encode(),
              must=["\\u001b]0;pwned\\u0007\\u009b\\u202e医保\\u2066", "甲\\u001b]0;pwned",
                    "回显\\u202e"], code=0)
        human(c, "run: an unknown JSON key is escaped in E0807",
              ["run", "p.bao", "--format", "text", "--input", "-"],
              json.dumps({"k": "a", "note": "x", CLEAR: 1}).encode(),
              must=["error[E0807]", "\\u001b[2J"], code=1)
        rc, out, err = c.run(["run", "p.bao", "--input", "-"], CASE.encode())
        problems = raw_problems(out, "stdout")
        try:
            if json.loads(out)["outputs"]["echo"] != json.loads(CASE)["note"]:
                problems.append("the JSON output does not give back the text")
        except (ValueError, KeyError) as e:
            problems.append(f"not the JSON expected: {e}")
        c.expect("run --format json: parses, round-trips, no raw C1/bidi", problems)
        human(c, "test: names escaped, a \\n cannot forge a line",
              ["test", "p.bao"], must=["fails\\u000aforged.bao", "1 passed, 1 failed"],
              must_not=[r"^forged\.bao"], code=1)
        human(c, "check text: snippet escaped, caret under the error", ["check", "snippet.bao"],
              must=['"\\u001b[2J\\u202e" == "x" then nope'], code=1)
        rc, out, err = c.run(["check", "snippet.bao"])
        lines = err.decode("utf-8", "replace").split("\n")
        row = next((i for i, l in enumerate(lines) if " | output o" in l), None)
        if row is None or lines[row + 1].find("^") != lines[row].find("nope"):
            c.expect("check text: the caret is under `nope`", [repr(lines)])
        else:
            c.expect("check text: the caret is under `nope`", [])
        human(c, "check text: a file name with controls is escaped in file:line:col",
              ["check", hostile],
              must=["name\\u000d\\u000a\\u001b[2J <&>\"'.bao:24:7: warning[W0502]"], must_not=[r"^\x1b"], code=0)
        human(c, "check text: a name that is not UTF-8", ["check", bad_utf8],
              must=["gbk\u04bd??.bao:24:7: warning[W0502]"], code=0)
        human(c, "check: a path that does not exist", ["check", "no\x1b[2J.bao"],
              must=["no\\u001b[2J.bao"], code=2)
        human(c, "run: an --as-of that is no date", ["run", "p.bao", "--input", "-",
                                                     "--as-of", "\x1b[2J"],
              must=["\\u001b[2J"], code=2)
        rc, out, err = c.run(["check", "--format", "json", hostile, "p.bao"])
        problems = raw_problems(out, "stdout")
        try:
            doc = json.loads(out)
            files = [p["file"] for p in doc["policies"]]
            if files != [hostile, "p.bao"]:
                problems.append(f"files {files!r}")
            labels = [d.get("label") for p in doc["policies"] for d in p["declarations"]]
            if "回显" + RLO not in labels:
                problems.append("the label with U+202E does not round-trip")
        except (ValueError, KeyError) as e:
            problems.append(f"not the JSON expected: {e}")
        c.expect("check --format json: parses, round-trips, no raw control", problems)
        print(f"{c.count - len(c.failures)} of {c.count} passed")
        return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
