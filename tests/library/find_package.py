#!/usr/bin/env python3
"""library/find_package: a separate project builds against the installed package.

Installs the current build into a temporary prefix (`cmake --install`),
checks what was installed, then configures tests/consumer/ with
find_package(bao 0.1 REQUIRED) three times: against the prefix with
bao::bao (libbao.so) and with bao::bao_static (libbao.a), and against the
build tree's export (build/package) with bao::bao. Each consumer loads a
policy, evaluates one case and must print exactly what
`bao run POLICY --input CASE --format json` prints. Fails if find_package,
the build or the run fails, or if a byte differs.
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

POLICY = "policies/cn/js/suqian/assistance.bao"
CASE = "policies/cn/js/suqian/inpatient_dibao.json"


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def text(r):
    return (r.stdout.decode(errors="replace") + r.stderr.decode(errors="replace")).strip()


class Failed(Exception):
    pass


def check(ok, msg, r=None):
    if not ok:
        raise Failed(msg + ("\n---- output ----\n" + text(r) if r is not None else ""))


def needed(readelf, exe):
    out = run([readelf, "-d", exe]).stdout.decode()
    return [l.split("[", 1)[1].rstrip("]") for l in out.splitlines() if "(NEEDED)" in l]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True, help="the repository root")
    ap.add_argument("--build", required=True, help="the build folder to install")
    ap.add_argument("--bao", required=True, help="the build's bao command")
    ap.add_argument("--cmake", required=True)
    ap.add_argument("--generator", required=True)
    ap.add_argument("--make-program", default="")
    ap.add_argument("--cxx", required=True)
    ap.add_argument("--version", required=True, help="the project version, e.g. 0.1.0")
    ap.add_argument("--headers", required=True, help="the headers to install, comma-separated")
    ap.add_argument("--readelf", default="readelf")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    source = pathlib.Path(args.source)
    major = args.version.split(".")[0]

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="bao-consumer-"))
    try:
        prefix = tmp / "prefix"
        r = run([args.cmake, "--install", args.build, "--prefix", str(prefix)])
        check(r.returncode == 0, "cmake --install failed", r)

        # What was installed.
        lib = prefix / "lib"
        for f in ("libbao.a", "libbao.so", f"libbao.so.{major}", f"libbao.so.{args.version}",
                  "cmake/bao/baoConfig.cmake", "cmake/bao/baoConfigVersion.cmake",
                  "cmake/bao/baoTargets.cmake"):
            check((lib / f).exists(), f"not installed: lib/{f}")
        check((prefix / "bin" / "bao").exists(), "not installed: bin/bao")
        include = prefix / "include" / "bao"
        installed = sorted(p.relative_to(include).as_posix()
                           for p in include.rglob("*") if p.is_file())
        wanted = sorted(h for h in args.headers.split(",") if h)
        check(installed == wanted, f"installed headers {installed}, expected {wanted}")

        expected = run([args.bao, "run", str(source / POLICY), "--input", str(source / CASE),
                        "--format", "json"])
        check(expected.returncode == 0 and expected.stdout, "bao run failed", expected)
        r = run([str(prefix / "bin" / "bao"), "run", str(source / POLICY), "--input",
                 str(source / CASE), "--format", "json"])
        check(r.returncode == 0 and r.stdout == expected.stdout,
              "the installed bao prints something else than the build's", r)

        variants = [
            ("shared", "bao::bao", [f"-DCMAKE_PREFIX_PATH={prefix}"], lib / "cmake" / "bao"),
            ("static", "bao::bao_static", [f"-DCMAKE_PREFIX_PATH={prefix}"], lib / "cmake" / "bao"),
            ("build-tree", "bao::bao", [f"-Dbao_DIR={pathlib.Path(args.build) / 'package'}"],
             pathlib.Path(args.build) / "package"),
        ]
        for name, target, where, bao_dir in variants:
            build = tmp / f"consumer-{name}"
            configure = [args.cmake, "-S", str(source / "tests" / "consumer"), "-B", str(build),
                         "-G", args.generator, f"-DCMAKE_CXX_COMPILER={args.cxx}",
                         "-DCMAKE_BUILD_TYPE=Release", f"-DBAO_CONSUMER_TARGET={target}",
                         "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF",
                         "-DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF"] + where
            if args.make_program:
                configure.append(f"-DCMAKE_MAKE_PROGRAM={args.make_program}")
            r = run(configure)
            check(r.returncode == 0, f"{name}: find_package(bao 0.1) or configuring failed", r)
            found = [l.split("bao_DIR: ", 1)[1] for l in text(r).splitlines() if "bao_DIR: " in l]
            check(len(found) == 1 and os.path.realpath(found[0]) == os.path.realpath(bao_dir),
                  f"{name}: bao found elsewhere than {bao_dir}", r)
            r = run([args.cmake, "--build", str(build)])
            check(r.returncode == 0, f"{name}: building the consumer failed", r)
            exe = build / "consumer"
            libs = needed(args.readelf, exe)
            if name == "static":
                check(not any(l.startswith("libbao") for l in libs),
                      f"{name}: the consumer needs {libs}, it should hold libbao.a")
            else:
                check(f"libbao.so.{major}" in libs, f"{name}: the consumer needs {libs}, "
                      f"not libbao.so.{major}")
            r = run([str(exe), str(source / POLICY), str(source / CASE)])
            check(r.returncode == 0, f"{name}: the consumer failed", r)
            check(r.stdout == expected.stdout,
                  f"{name}: the consumer printed\n{r.stdout.decode(errors='replace')}\n"
                  f"bao run prints\n{expected.stdout.decode(errors='replace')}")
            print(f"ok: {name} ({target}) prints what bao run prints")
        return 0
    except Failed as e:
        print(f"FAIL: {e}")
        return 1
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
