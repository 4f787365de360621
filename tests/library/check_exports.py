#!/usr/bin/env python3
"""library/exports: libbao.so exports the public API and nothing else.

Reads the dynamic symbol table (`nm -D --defined-only -C`) and fails when
- a symbol matches no pattern of lang/api/exports.txt (an internal class, a
  std:: instantiation, fmt, nlohmann, PEGTL, Boost …),
- a `required` pattern matches no symbol (bao::Policy::from_file missing),
- the library exports no symbol of namespace bao at all,
- or its SONAME is not libbao.so.<major>.
"""
import argparse
import fnmatch
import re
import subprocess
import sys

# Defined by the linker in every shared object, not by Bao.
LINKER_SYMBOLS = {"_init", "_fini", "_edata", "_end", "__bss_start"}
NEVER = ("fmt::", "nlohmann::", "tao::", "boost::", "bao::detail", "Impl::")


def read_patterns(path):
    allowed, required = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("required "):
                line = line[len("required "):].strip()
                required.append(line)
            allowed.append(line)
    return allowed, required


def exported(nm, lib):
    out = subprocess.run([nm, "-D", "--defined-only", "-C", lib], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    symbols = []
    for line in out.splitlines():
        parts = line.split(" ", 2)
        if len(parts) != 3:
            continue
        kind, name = parts[1], parts[2]
        if kind == "A" or name in LINKER_SYMBOLS:  # version nodes, linker symbols
            continue
        symbols.append(name)
    return symbols


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib", required=True)
    ap.add_argument("--exports", required=True, help="lang/api/exports.txt")
    ap.add_argument("--nm", default="nm")
    ap.add_argument("--readelf", default="readelf")
    ap.add_argument("--soname", required=True, help="expected SONAME, e.g. libbao.so.0")
    args = ap.parse_args()

    allowed, required = read_patterns(args.exports)
    symbols = exported(args.nm, args.lib)
    problems = []

    for s in symbols:
        if any(n in s for n in NEVER):
            problems.append(f"exported, and never may be: {s}")
        elif not any(fnmatch.fnmatchcase(s, p) for p in allowed):
            problems.append(f"exported but matches no pattern of lang/api/exports.txt: {s}")
    for p in required:
        if not any(fnmatch.fnmatchcase(s, p) for s in symbols):
            problems.append(f"required by lang/api/exports.txt but not exported: {p}")
    if not any(s.startswith("bao::") for s in symbols):
        problems.append("libbao.so exports nothing of namespace bao")

    dynamic = subprocess.run([args.readelf, "-d", args.lib], check=True,
                             stdout=subprocess.PIPE, text=True).stdout
    m = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", dynamic)
    if not m or m.group(1) != args.soname:
        problems.append(f"SONAME is {m.group(1) if m else 'missing'}, not {args.soname}")

    for p in problems:
        print(p)
    bao_count = sum(1 for s in symbols if s.startswith("bao::"))
    print(f"{len(symbols)} symbols exported ({bao_count} in namespace bao), "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
