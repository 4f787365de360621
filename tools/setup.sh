#!/usr/bin/env bash
# Installs everything Bao's build and tests need on a fresh Debian 12 machine.
# Idempotent: when every package is already installed it does nothing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build python3
  tao-pegtl-dev libfmt-dev librange-v3-dev libboost-dev
  doctest-dev nlohmann-json3-dev libcli11-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev libssl-dev
)

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
