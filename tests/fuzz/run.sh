#!/usr/bin/env bash
# Runs one fuzz target for a given time from its seed corpus.
#
#   tests/fuzz/run.sh TARGET SECONDS [BUILD_DIR]
#
# TARGET is parse, check, eval, json_input or api (or fuzz_parse, …); BUILD_DIR is
# a build configured with -DBAO_FUZZ=ON (default: build-fuzz at the repository
# root). The seeds are rebuilt by make_corpus.sh into BUILD_DIR/fuzz-seeds/;
# what the fuzzer finds interesting accumulates in BUILD_DIR/fuzz-corpus/ and
# is reused by the next run; a crash, leak, timeout or OOM is saved under
# BUILD_DIR/fuzz-artifacts/TARGET/ and the log is BUILD_DIR/fuzz-logs/TARGET.log.
#
# Prints libFuzzer's final stats line; exits 0 when the run found nothing,
# 1 on a finding (with the command that reproduces it), 2 on a usage error.
# BAO_FUZZ_KEEP_GOING=1 keeps fuzzing after a finding (libFuzzer's -fork=1
# with -ignore_crashes etc.), to collect several findings in one long run.
# Extra libFuzzer flags may be given in BAO_FUZZ_FLAGS.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 TARGET SECONDS [BUILD_DIR]   (TARGET: parse check eval json_input api)" >&2
  exit 2
fi
kind="${1#fuzz_}"
seconds="$2"
build="$(cd "${3:-$root/build-fuzz}" 2>/dev/null && pwd)" || {
  echo "run.sh: no build directory ${3:-$root/build-fuzz}" >&2
  exit 2
}
# The policy targets keep tens of thousands of features (PEGTL instantiates a
# function per grammar rule); libFuzzer's entropic scheduler then spends most
# of its time updating feature frequencies, so they run with -entropic=0, which
# measured 3.5 times more executions and more coverage in the same time.
case "$kind" in
  parse | check | eval) max_len=16384 dict="$here/bao.dict" sched=(-entropic=0) ;;
  json_input) max_len=8192 dict="$here/json.dict" sched=() ;;
  api) max_len=4096 dict="" sched=() ;;
  *)
    echo "run.sh: unknown target '$1' (parse, check, eval, json_input, api)" >&2
    exit 2
    ;;
esac
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
  echo "run.sh: SECONDS must be a positive whole number" >&2
  exit 2
fi
bin="$build/tests/fuzz/fuzz_$kind"
if [ ! -x "$bin" ]; then
  echo "run.sh: $bin is missing: configure with -DBAO_FUZZ=ON and build the target bao_fuzz" >&2
  exit 2
fi

seeds="$build/fuzz-seeds"
if ! "$here/make_corpus.sh" "$seeds" >/dev/null; then
  echo "run.sh: make_corpus.sh failed" >&2
  exit 2
fi
corpus="$build/fuzz-corpus/$kind"
artifacts="$build/fuzz-artifacts/$kind"
log="$build/fuzz-logs/$kind.log"
mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
before="$(ls -1 "$artifacts" | wc -l)"

flags=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len"
       ${dict:+-dict="$dict"} -print_final_stats=1 -artifact_prefix="$artifacts/" "${sched[@]}")
if [ "${BAO_FUZZ_KEEP_GOING:-0}" = 1 ]; then
  flags+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
# shellcheck disable=SC2206
flags+=(${BAO_FUZZ_FLAGS:-})
export BAO_FUZZ_REPO="$root"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:quarantine_size_mb=128:symbolize=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

echo "run.sh: $(date -u +%Y-%m-%dT%H:%M:%SZ) fuzz_$kind for ${seconds}s:" \
  "$bin ${flags[*]} $corpus $seeds/$kind"
"$bin" "${flags[@]}" "$corpus" "$seeds/$kind" >"$log" 2>&1
status=$?

# The final stats: libFuzzer's last "#N DONE …" (or, under -fork, last "#N: …")
# line and its stat:: lines.
grep -E '^#[0-9]+[[:space:]:].*(DONE|cov:)' "$log" | tail -1
grep -E '^stat::' "$log" || true
after="$(ls -1 "$artifacts" | wc -l)"
if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
  echo "run.sh: fuzz_$kind FOUND A PROBLEM (exit $status); log: $log"
  grep -E '^==[0-9]+==ERROR|SUMMARY:|runtime error:|fuzz invariant broken|ALARM|out-of-memory|Test unit written' "$log" | head -20
  for a in $(ls -1t "$artifacts" | head -"$((after - before > 0 ? after - before : 1))"); do
    echo "run.sh: reproduce with: BAO_FUZZ_REPO=$root $bin $artifacts/$a"
  done
  exit 1
fi
echo "run.sh: fuzz_$kind: no finding in ${seconds}s"
exit 0
