#!/usr/bin/env python3
"""Fails when a stage under lang/ includes a header of a stage it may not use.

Run by the build (cmake/BaoStages.cmake) before any file of the stage is
compiled, so `cmake --build` fails on a dependency that runs back up the chain:

  lang/check/foo.cpp:12: lang/check may not include lang/eval (allowed: base source diag syntax)

Checked: every `#include "lang/<stage>/…"` (quotes or angle brackets) of each
file given; an include that climbs out of its folder (`..`) is refused too,
because it would get round the check. On success the stamp file is written.
"""
import argparse
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]')
COMPUTED = re.compile(r'^\s*#\s*include\s*[A-Za-z_]')


def check_file(path, rel, stage, allowed):
    problems = []
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as e:
        return [f"{rel}: cannot read: {e.strerror}"]
    for number, line in enumerate(text.splitlines(), 1):
        m = INCLUDE.match(line)
        if not m:
            if COMPUTED.match(line):
                problems.append(f"{rel}:{number}: lang/{stage}: a computed #include cannot be "
                                f"checked: name the header")
            continue
        target = m.group(2).strip()
        parts = target.split("/")
        if ".." in parts:
            problems.append(f'{rel}:{number}: lang/{stage} may not include "{target}": '
                            f'write #include "lang/<stage>/<file>"')
            continue
        if len(parts) < 3 or parts[0] != "lang":
            continue  # the standard library, third-party headers, stdlib/*.def, same-folder
        used = parts[1]
        if used == stage or used in allowed:
            continue
        problems.append(f"{rel}:{number}: lang/{stage} may not include lang/{used} "
                        f"(allowed: {' '.join(allowed) if allowed else 'nothing'})")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", required=True, help="the source root that holds lang/")
    ap.add_argument("--stage", required=True)
    ap.add_argument("--allowed", default="", help="the stages it may include, comma-separated")
    ap.add_argument("--stamp", required=True, help="written when the stage is clean")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()

    root = pathlib.Path(args.root).resolve()
    allowed = [s for s in args.allowed.split(",") if s]
    problems = []
    for f in args.files:
        path = pathlib.Path(f).resolve()
        try:
            rel = path.relative_to(root).as_posix()
        except ValueError:
            rel = path.as_posix()
        problems += check_file(path, rel, args.stage, allowed)
    stamp = pathlib.Path(args.stamp)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"layering: lang/{args.stage} breaks the stage order "
              f"(see docs/internals.md, 'How the layering is enforced')", file=sys.stderr)
        stamp.unlink(missing_ok=True)
        return 1
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(f"lang/{args.stage}: {len(args.files)} files, allowed: {' '.join(allowed)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
