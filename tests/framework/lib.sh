# Shared by the framework shell tests: check helpers and the summary line.
# MC is the multicall binary (first argument of the test).
set -u
MC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
WORK=$(mktemp -d "${TEST_TMPDIR:-/tmp}/fw.XXXXXX")
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
LC_ALL=C
export LC_ALL
PASSED=0
FAILED=0

# check NAME EXPECTED ACTUAL
check() {
  if [ "$2" = "$3" ]; then
    PASSED=$((PASSED + 1))
  else
    FAILED=$((FAILED + 1))
    printf 'FAIL: %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3"
  fi
}

finish() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" = 0 ]
}
