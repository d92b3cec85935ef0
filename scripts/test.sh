#!/usr/bin/env bash
# ./scripts/test.sh — installs what it needs if missing, then builds and runs
# every test: bazel test //... (unit tests, black-box cases through a link
# farm, dispatch/install/static/init_array checks, the example binary) and
# the black-box cases once more against the host's GNU tools (host mode),
# which checks that the expectations are GNU's. Ends with "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh" || exit 1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
bazel test --test_output=errors //... 2>&1 | tee "$log"
bazel_rc=${PIPESTATUS[0]}
passed=$(grep -cE '^//[^ ]+ +(\(cached\) )?PASSED' "$log")
failed=$(grep -cE '^//[^ ]+ +(\(cached\) )?(FAILED|TIMEOUT|NO STATUS)' "$log")
echo "== host mode: the black-box cases against GNU coreutils"
if MC_TEST_HOST=1 sh tests/blackbox/run_cases.sh tests/cases/*.cases; then
  passed=$((passed + 1))
else
  failed=$((failed + 1))
fi
[ "$bazel_rc" = 0 ] || [ "$failed" -gt 0 ] || failed=1
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
