#!/bin/sh
# Black-box case runner.
#
#   run_cases.sh [-b MULTICALL] CASEFILE...
#
# Each case file is shell, sourced once per run, calling
#
#   testing NAME COMMAND EXPECTED [INFILE [STDIN]]
#   testing_ours NAME COMMAND EXPECTED [INFILE [STDIN]]   (a documented
#        difference from GNU: skipped in host mode; say why in a comment)
#
# COMMAND runs under sh -c in a fresh directory whose file "input" holds
# INFILE, with STDIN on standard input; its stdout must equal EXPECTED.
# EXPECTED, INFILE and STDIN take printf %b escapes (\n, \t, \0ooo). Append
# "; echo $?" to check the exit status, "2>&1" to check messages (before
# any stdout redirection: "cmd 2>&1 >/dev/full").
#
# Commands find the applets through PATH: a link farm made with
# "multicall --install --symlink" (so argv[0] dispatch is exercised), or with
# MC_TEST_HOST=1 the host's GNU tools, to check that expectations are GNU's.
# Runs in the C locale. Ends with "N passed, N failed".
set -u
bin=
if [ "${1:-}" = "-b" ]; then bin=$2; shift 2; fi
work=$(mktemp -d "${TEST_TMPDIR:-/tmp}/cases.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
if [ "${MC_TEST_HOST:-0}" = 1 ]; then
  mode=host
else
  mode=multicall
  [ -n "$bin" ] || { echo "run_cases.sh: -b MULTICALL is required outside host mode" >&2; exit 2; }
  mkdir "$work/bin"
  cp "$bin" "$work/bin/multicall"
  "$work/bin/multicall" --install --symlink "$work/bin" >/dev/null || exit 1
  PATH="$work/bin:$PATH"
  export PATH
fi
LC_ALL=C
export LC_ALL
unset POSIXLY_CORRECT
passed=0
failed=0
skipped=0
n=0
# Sanitizer builds (MC_SANITIZE, set by --config=asan/ubsan): the runtimes
# write their reports into the case's directory, and a report fails the case
# whatever the command printed.
san_asan=${ASAN_OPTIONS:-}
san_ubsan=${UBSAN_OPTIONS:-}
[ "$mode" = multicall ] || MC_SANITIZE=

testing() {
  n=$((n + 1))
  dir="$work/case$n"
  mkdir "$dir"
  printf '%b' "${4:-}" >"$dir/input"
  printf '%b' "$3" >"$dir/expected"
  printf '%b' "${5:-}" >"$dir/stdin"
  # The sanitizer runtimes reserve terabytes of shadow memory and cannot
  # start under an address-space limit: such cases run in the default build.
  case $2 in *"ulimit -v"*) if [ -n "${MC_SANITIZE:-}" ]; then skipped=$((skipped + 1)); rm -rf "$dir"; return; fi ;; esac
  if [ -n "${MC_SANITIZE:-}" ]; then
    ASAN_OPTIONS="${san_asan:+$san_asan:}log_path=$dir/sanitizer"
    UBSAN_OPTIONS="${san_ubsan:+$san_ubsan:}log_path=$dir/sanitizer"
    export ASAN_OPTIONS UBSAN_OPTIONS
  fi
  (cd "$dir" && sh -c "$2" <"$dir/stdin" >"$dir/actual" 2>"$dir/stderr")
  if [ -n "${MC_SANITIZE:-}" ] && ls "$dir" | grep -q '^sanitizer\.'; then
    failed=$((failed + 1))
    echo "FAIL: $case_file: $1: $MC_SANITIZE report"
    echo "  command: $2"
    cat "$dir"/sanitizer.* | sed 's/^/    /' | head -40
  elif cmp -s "$dir/expected" "$dir/actual"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $case_file: $1"
    echo "  command: $2"
    echo "  expected:"; od -c "$dir/expected" | sed 's/^/    /' | head -20
    echo "  actual:"; od -c "$dir/actual" | sed 's/^/    /' | head -20
    [ -s "$dir/stderr" ] && { echo "  stderr:"; sed 's/^/    /' "$dir/stderr" | head -10; }
  fi
  rm -rf "$dir"
}

testing_ours() {
  if [ "$mode" = host ]; then
    skipped=$((skipped + 1))
    return 0
  fi
  testing "$@"
}

for case_file in "$@"; do
  . "$case_file"
done
echo "$mode: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
