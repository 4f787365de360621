#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the repository's own
# policies and cases. Generated, never committed.
#
#   tests/fuzz/make_corpus.sh [OUT_DIR]      # default: build-fuzz/fuzz-seeds
#
# OUT_DIR/parse, OUT_DIR/check  every tests/golden/**/*.bao (with its `# ----
#                               expected` block stripped), policies/**/*.bao,
#                               tests/bench/assistance.bao, tests/fuzz/policies/*.bao
# OUT_DIR/eval                  for each policy of tests/fuzz/eval_policies.txt and
#                               each JSON case known for it (a *.json beside it, the
#                               `# INPUT:` lines of golden files that run it): the
#                               selector byte (its index; again with bit 6 for
#                               --as-of) then the JSON; and the 0x80 form
#                               "policy\n---\njson"
# OUT_DIR/json_input            every JSON case above (all of them exercise the reader)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$root/build-fuzz/fuzz-seeds}"
mkdir -p "$out"
python3 - "$root" "$out" <<'PY'
import hashlib, os, re, shlex, sys
from pathlib import Path

root, out = Path(sys.argv[1]), Path(sys.argv[2])
MARK = "# ---- expected (bao tests/golden/run_golden.py --autoupdate) ----"
dirs = {n: out / n for n in ("parse", "check", "eval", "json_input", "api")}
made = {n: set() for n in dirs}
for d in dirs.values():
    d.mkdir(parents=True, exist_ok=True)

# Seeds are named by their SHA-1 and written atomically, and only seeds that
# are no longer made are removed, so runs of several targets at once (which
# each call this script) never see a half-written or vanished file.
def put(kind, data: bytes):
    name = hashlib.sha1(data).hexdigest()
    made[kind].add(name)
    path = dirs[kind] / name
    if path.exists():
        return
    tmp = dirs[kind] / f".{name}.{os.getpid()}.tmp"
    tmp.write_bytes(data)
    os.replace(tmp, path)

def strip_expected(data: bytes) -> bytes:
    i = data.find(MARK.encode())
    return data if i < 0 else data[:i]

def rel(p: Path) -> str:
    # Not resolve(): tests/fuzz may be a symbolic link into another checkout.
    return Path(os.path.normpath(p)).relative_to(root).as_posix()

policies = sorted(root.glob("tests/golden/**/*.bao")) + sorted(root.glob("policies/**/*.bao")) \
    + [root / "tests/bench/assistance.bao"] + sorted(root.glob("tests/fuzz/policies/*.bao"))
texts = {}
for p in policies:
    data = strip_expected(p.read_bytes())
    texts[rel(p)] = data
    put("parse", data)
    put("check", data)

# JSON cases, keyed by the policy they are for.
cases = {}
def add_case(policy_rel, data: bytes):
    cases.setdefault(policy_rel, []).append(data)

for p in sorted(root.glob("policies/**/*.json")) + sorted(root.glob("tests/fuzz/policies/*.json")):
    for b in sorted(p.parent.glob("*.bao")):
        add_case(rel(b), p.read_bytes())
for p in sorted(root.glob("tests/golden/**/*.bao")):
    lines = strip_expected(p.read_bytes()).decode("utf-8", "replace").splitlines()
    args = next((l[len("# ARGS:"):].strip() for l in lines if l.startswith("# ARGS:")), "")
    inputs = [l[len("# INPUT:"):] for l in lines if l.startswith("# INPUT:")]
    if not inputs:
        continue
    inputs = [s[1:] if s.startswith(" ") else s for s in inputs]
    try:
        argv = shlex.split(args)
    except ValueError:
        continue
    if len(argv) < 2 or argv[0] != "run":
        continue
    target = p if argv[1] == "%s" else p.parent / argv[1]
    if target.is_file():
        add_case(rel(target), "\n".join(inputs).encode())

listed = [l.strip() for l in (root / "tests/fuzz/eval_policies.txt").read_text().splitlines()
          if l.strip() and not l.startswith("#")]
n_eval = 0
for i, pol in enumerate(listed):
    for case in cases.get(pol, [b"{}"]):
        put("eval", bytes([i]) + case)
        put("eval", bytes([i | 0x40]) + case)
        text = texts.get(pol) or strip_expected((root / pol).read_bytes())
        put("eval", b"\x80" + text.rstrip(b"\n") + b"\n---\n" + case)
        n_eval += 3
for pol, cs in cases.items():
    for case in cs:
        put("json_input", case)

# fuzz_api reads its bytes as a sequence of calls: a few fixed sequences,
# plus every byte value once, start it off.
for i in range(256):
    put("api", bytes([i]) * 24)
put("api", bytes(range(256)))

for k, d in dirs.items():
    for f in d.iterdir():
        if f.name not in made[k] and not f.name.startswith("."):
            f.unlink(missing_ok=True)
    print(f"make_corpus: {k}: {len(list(d.iterdir()))} seeds in {d}")
PY
