#!/usr/bin/env bash
# Installs what Bao needs on a fresh Debian 12 machine. Idempotent: when
# every package is already installed it does nothing.
#   tools/setup.sh        the core: build the library and `bao`, run it
#   tools/setup.sh --all  also what the full test suite needs: the Python
#                         binding (pybind11, pytest, pandas) and the Java
#                         binding (a JDK, JUnit 5)
set -euo pipefail

packages=(
  build-essential cmake ninja-build python3
  tao-pegtl-dev libfmt-dev librange-v3-dev libboost-dev
  doctest-dev nlohmann-json3-dev libcli11-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev libssl-dev
)
if [ "${1:-}" = "--all" ]; then
  packages+=(
    python3-dev pybind11-dev python3-pybind11 python3-pytest python3-pandas python3-numpy
    openjdk-17-jdk-headless junit5
  )
elif [ -n "${1:-}" ]; then
  echo "usage: tools/setup.sh [--all]" >&2
  exit 2
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
echo "setup.sh: installing ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
