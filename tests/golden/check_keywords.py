#!/usr/bin/env python3
"""Checks that the reserved words listed in docs/language.md ("Reserved words
cannot be used as names") are exactly the grammar's own list (`struct keyword`
in lang/syntax/grammar.hpp), so the docs cannot fall behind the parser.
Prints what is missing or extra; exits 1 on a difference."""
import argparse
import re
import sys


def grammar_words(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"struct keyword\b(.*?)\{\};", text, re.S)
    if not m:
        sys.exit(f"{path}: no `struct keyword` found")
    return re.findall(r'TAO_PEGTL_STRING\("([a-z_]+)"\)', m.group(1))


def doc_words(path):
    text = open(path, encoding="utf-8").read()
    m = re.search(r"\*\*Reserved words\*\*[^\n]*\n\n```text\n(.*?)```", text, re.S)
    if not m:
        sys.exit(f"{path}: no reserved-word block after **Reserved words**")
    return m.group(1).split()


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--grammar", required=True)
    ap.add_argument("--docs", required=True)
    a = ap.parse_args()
    g, d = grammar_words(a.grammar), doc_words(a.docs)
    bad = False
    for w in sorted(set(g) - set(d)):
        print(f"{a.docs}: reserved word `{w}` is not listed")
        bad = True
    for w in sorted(set(d) - set(g)):
        print(f"{a.docs}: `{w}` is listed but the grammar does not reserve it")
        bad = True
    for w in sorted({w for w in d if d.count(w) > 1}):
        print(f"{a.docs}: `{w}` is listed twice")
        bad = True
    if not bad:
        print(f"{len(g)} reserved words, the same in the grammar and the docs")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
