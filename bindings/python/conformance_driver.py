"""Conformance driver (tests/conformance/README.md) through the Python binding:

    /usr/bin/python3 conformance_driver.py PACKAGE_DIR POLICY CASE [--root DIR]... \
        [--as-of YYYY-MM-DD] [--explain]

PACKAGE_DIR is the folder holding the `bao` package (build/bindings/python).
Prints exactly what `bao run POLICY --input CASE --format json` prints.
"""
import sys


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    sys.path.insert(0, argv[0])
    import bao

    policy_file, case_file, rest = argv[1], argv[2], argv[3:]
    roots, as_of, explain = [], None, False
    i = 0
    while i < len(rest):
        if rest[i] == "--root" and i + 1 < len(rest):
            roots.append(rest[i + 1])
            i += 2
        elif rest[i] == "--as-of" and i + 1 < len(rest):
            as_of = rest[i + 1]
            i += 2
        elif rest[i] == "--explain":
            explain = True
            i += 1
        else:
            sys.stderr.write(f"conformance_driver: unknown argument {rest[i]!r}\n")
            return 2
    try:
        policy = bao.Policy.from_file(policy_file, roots=roots)
    except bao.PolicyError as e:
        sys.stderr.write(e.message + "\n")
        return 2 if e.code == "E0005" else 1
    with open(case_file, "rb") as f:
        case = f.read()
    try:
        ok, text = policy.evaluate_json(case, as_of=as_of, explain=explain)
    except ValueError as e:  # --as-of that is not a date: a usage error
        sys.stderr.write(f"conformance_driver: {e}\n")
        return 2
    sys.stdout.buffer.write(text.encode("utf-8", "surrogateescape"))
    sys.stdout.flush()
    if not ok:
        sys.stderr.write("evaluation failed (see the JSON error on stdout)\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
