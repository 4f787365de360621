#!/usr/bin/env python3
"""layering/bar: an #include that runs back up the stage chain fails the build.

Copies the build's inputs (CMakeLists.txt, cmake/, lang/, stdlib/, tools/)
into a temporary folder and configures them, then:

1. the unmodified copy passes every stage's layering check (target bao_layers);
2. with `#include "lang/eval/evaluator.hpp"` added to lang/check/compose.cpp,
   building target bao_check fails before any file of lang/check compiles,
   with the message that names the file, the line and the rule.

Nothing is compiled, so it takes seconds. Fails if either outcome differs.
"""
import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile

VICTIM = "lang/check/compose.cpp"
BAD_INCLUDE = '#include "lang/eval/evaluator.hpp"'


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def fail(msg, output=""):
    print(f"FAIL: {msg}")
    if output:
        print("---- output ----")
        print(output)
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True, help="the repository root")
    ap.add_argument("--cmake", required=True)
    ap.add_argument("--generator", required=True)
    ap.add_argument("--make-program", default="")
    ap.add_argument("--cxx", required=True)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    source = pathlib.Path(args.source)

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="bao-layering-"))
    try:
        src, build = tmp / "src", tmp / "build"
        src.mkdir()
        shutil.copy2(source / "CMakeLists.txt", src)
        for d in ("cmake", "lang", "stdlib", "tools"):
            shutil.copytree(source / d, src / d, ignore=shutil.ignore_patterns("__pycache__"))

        configure = [args.cmake, "-S", str(src), "-B", str(build), "-G", args.generator,
                     f"-DCMAKE_CXX_COMPILER={args.cxx}", "-DBAO_BUILD_TESTS=OFF",
                     "-DBAO_BUILD_BENCH=OFF"]
        if args.make_program:
            configure.append(f"-DCMAKE_MAKE_PROGRAM={args.make_program}")
        r = run(configure)
        if r.returncode != 0:
            fail("configuring the copy failed", r.stdout)

        # 1. The tree as it is passes the same check.
        r = run([args.cmake, "--build", str(build), "--target", "bao_layers"])
        if r.returncode != 0:
            fail("the unmodified tree fails the layering check", r.stdout)
        print("ok: the unmodified tree passes every stage's layering check")

        # 2. lang/check including lang/eval fails the build of lang/check.
        victim = src / VICTIM
        lines = victim.read_text(encoding="utf-8").splitlines(keepends=True)
        last_include = max(i for i, l in enumerate(lines) if l.startswith("#include"))
        lines.insert(last_include + 1, BAD_INCLUDE + "\n")
        victim.write_text("".join(lines), encoding="utf-8")
        number = last_include + 2
        expected = (f"{VICTIM}:{number}: lang/check may not include lang/eval "
                    f"(allowed: base source diag syntax)")

        r = run([args.cmake, "--build", str(build), "--target", "bao_check"])
        if r.returncode == 0:
            fail(f"building bao_check succeeded with {BAD_INCLUDE} in {VICTIM}", r.stdout)
        if expected not in r.stdout:
            fail(f"the build failed, but without the message\n  {expected}", r.stdout)
        if "Building CXX object" in r.stdout:
            fail("a file of lang/check was compiled before the layering check failed", r.stdout)
        print(f"ok: building bao_check fails with\n  {expected}")
        print("---- the failing build ----")
        print(r.stdout.strip())
        return 0
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
