#!/usr/bin/env bash
# ./scripts/test.sh — installs what it needs if missing, then builds and runs
# every test: bazel test //... (unit tests, black-box cases through a link
# farm, dispatch/install/static/init_array checks, the example binary) and
# the black-box cases once more against the host's GNU tools (host mode),
# which checks that the expectations are GNU's, the fault injection, and the
# size budgets (scripts/bloat.sh --check). Ends with "N passed, N failed".
#
# ./scripts/test.sh --sanitize first runs the same suite twice, built with
# --config=asan and --config=ubsan (dynamically linked; see README.md).
# The fault-injection script (tests/fault/run.sh: full tmpfs, read-only
# directory, sort killed with SIGKILL) runs outside Bazel, as root only.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# --sanitize-subset (what CI runs, .ci/run) adds only the ASan run of the
# unit tests (but the slowest, zstd's: 3.5 minutes under ASan; seq's
# differential test, 2 minutes, lives in tests/differential), the fuzz seed replays, the framework tests and the black-box
# cases of the parsers the fuzzers cover: the whole suite under ASan takes
# about 23 minutes on 2 busy cores, more than CI's budget for it.
asan_subset=(//applets/... -//applets/compress:compress_test
  //tests/framework/cli:cli_test //tests/fuzz:seeds_test //tests/framework:all //examples:all
  //tests:printf_cases //tests:tr_cases //tests:od_cases //tests:hexdump_cases //tests:base64_cases
  //tests:basenc_cases //tests:xxd_cases //tests:sha256sum_cases //tests:cksum_cases //tests:zstd_cases
  //tests:unzstd_cases //tests:cut_cases //tests:split_cases //tests:csplit_cases //tests:tee_cases)
runs=("//...")
case "${1:-}" in
  --sanitize) runs=("--config=asan //..." "--config=ubsan //..." "//...") ;;
  --sanitize-subset) runs=("--config=asan -- ${asan_subset[*]}" "//...") ;;
esac
# The sanitizer runtimes are gcc's (libasan, libubsan), installed with g++.
"$root/scripts/setup.sh" || exit 1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# The default build runs last, so bazel-bin is its output for the steps below.
for r in "${runs[@]}"; do
  echo "== bazel test $r"
  bazel test --test_output=errors $r 2>&1 | tee -a "$log"
  rc=${PIPESTATUS[0]}
  [ "$rc" = 0 ] || bazel_rc=$rc
done
bazel_rc=${bazel_rc:-0}
passed=$(grep -cE '^//[^ ]+ +(\(cached\) )?PASSED' "$log")
failed=$(grep -cE '^//[^ ]+ +(\(cached\) )?(FAILED|TIMEOUT|NO STATUS)' "$log")
echo "== host mode: the black-box cases against GNU coreutils"
if MC_TEST_HOST=1 sh tests/blackbox/run_cases.sh tests/cases/*.cases; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi
echo "== fault injection: full tmpfs, read-only directory, sort after SIGKILL"
# The default build's binary, whatever configuration ran last.
if sh tests/fault/run.sh "$(bazel info bazel-bin 2>/dev/null)/multicall/multicall"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi
echo "== size budgets: base and every applet's marginal bytes (scripts/bloat.sh --check)"
# Builds -c opt, as shipped; last, because it points bazel-bin at that build.
if "$root/scripts/bloat.sh" --check 2>"$log.bloat"; then
  passed=$((passed + 1))
else
  tail -n 20 "$log.bloat" >&2
  failed=$((failed + 1))
fi
rm -f "$log.bloat"
[ "$bazel_rc" = 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
