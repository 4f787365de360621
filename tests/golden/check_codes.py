#!/usr/bin/env python3
"""Guards the diagnostic registry: every code in lang/diag/kinds.def whose
severity is not `retired` must appear in the CHECK lines of at least one
golden test (tests/golden/**/*.bao) as the code of a diagnostic that bao
printed: `error[E0101]` or `warning[W0501]` in text, `"code": "E0101"` in
JSON, `"ruleId": "E0101"` in a SARIF result. (A SARIF log lists every kind
as a rule of its driver, so a bare mention of the code proves nothing.)
Lists the codes that do not, and exits 1.

A few codes can only come from a host's misuse of the C++ API, never from the
command line (API_ONLY below): each of those must instead be asserted by a
unit test under lang/ as `DiagKind::<name>` inside a CHECK.
"""

import argparse
import re
import sys
from pathlib import Path

DIAG = re.compile(r"^DIAG\(\s*(\w+)\s*,\s*(\w+)\s*,\s*(\w+)\s*,", re.MULTILINE)
ENC = dict(encoding="utf-8", errors="surrogateescape")
API_ONLY = {"E0850"}
# Codes whose input cannot be written in a golden file (which is UTF-8
# itself): each must be asserted by a unit test as `"CODE"` inside a CHECK.
UNIT_ONLY = {"E1103"}


def live_codes(kinds_def):
    """(code, name) of each kind in kinds.def whose severity is not `retired`."""
    kinds = DIAG.findall(kinds_def.read_text(**ENC))
    if not kinds:
        sys.exit(f"no DIAG(...) lines found in {kinds_def}")
    return [(code, name) for code, name, severity in kinds if severity != "retired"]


def checked_text(golden_dir):
    """All CHECK lines of all golden files, as one string."""
    return "\n".join(line for f in sorted(golden_dir.rglob("*.bao"))
                     for line in f.read_text(**ENC).split("\n")
                     if line.startswith("# CHECK:"))


def main():
    root = Path(__file__).resolve().parents[2]
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kinds", type=Path, default=root / "lang/diag/kinds.def")
    ap.add_argument("--golden", type=Path, default=root / "tests/golden")
    opts = ap.parse_args()
    text = checked_text(opts.golden)
    units = "\n".join(f.read_text(**ENC) for d in ("lang", "tools")
                      for f in sorted((root / d).rglob("*_test.cpp")))

    def covered(code, name):
        if code in API_ONLY:
            return re.search(rf"CHECK[^;]*(?:DiagKind::{name}\b|\"{code}\")", units)
        if code in UNIT_ONLY:
            return re.search(rf'CHECK[^;]*{code}', units)
        return re.search(rf'\[{code}\]|"(?:code|ruleId)": "{code}"', text)

    missing = [(code, name) for code, name in live_codes(opts.kinds) if not covered(code, name)]
    if missing:
        print(f"{len(missing)} diagnostic code(s) appear in no golden test's CHECK lines:")
        for code, name in missing:
            print(f"  {code} {name}")
        print("add a golden test under tests/golden/ that produces each one")
        return 1
    print("every live diagnostic code has a golden test")
    return 0


if __name__ == "__main__":
    sys.exit(main())
