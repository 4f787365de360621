#!/usr/bin/env bash
# A short run of every fuzz target, one after the other (for CI).
#
#   tests/fuzz/smoke.sh [SECONDS] [BUILD_DIR]    # default 25 s each, build-fuzz
#
# Exits 1 when any target found a problem (all five run regardless), 2 on a
# usage error. Ends with the line `fuzz: N passed, M failed`.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
seconds="${1:-25}"
build="${2:-$here/../../build-fuzz}"
passed=0
failed=0
failures=()
for t in parse check eval json_input api; do
  "$here/run.sh" "$t" "$seconds" "$build"
  case $? in
    0) passed=$((passed + 1)) ;;
    2) exit 2 ;;
    *) failed=$((failed + 1)) && failures+=("fuzz_$t") ;;
  esac
done
[ "$failed" -gt 0 ] && echo "fuzz smoke: findings in ${failures[*]}"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
