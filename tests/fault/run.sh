#!/bin/sh
# Fault injection for the applets that write files:
#
#   tests/fault/run.sh MULTICALL
#
# Each writer runs onto a full 1 MiB tmpfs and into a read-only directory
# (a tmpfs remounted read-only, since root ignores permission bits): it must
# report the error, exit non-zero, leave no partial output where GNU leaves
# none, and never remove an input. sort is killed with SIGKILL while it has
# temporary files; a second run must not use them, and its temporary files
# must be 0600. Needs root (mount); skips with a message otherwise. Runs
# outside Bazel (its sandbox forbids mounts): scripts/test.sh calls it.
# Ends with "N passed, N failed".
set -u
MC=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
LC_ALL=C
export LC_ALL
if [ "$(id -u)" != 0 ]; then
  echo "fault: skipped (needs root to mount a tmpfs)"
  echo "0 passed, 0 failed"
  exit 0
fi
work=$(mktemp -d)
full=$work/full
ro=$work/ro
bin=$work/bin
cleanup() {
  umount "$full" 2>/dev/null
  umount "$ro" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$full" "$ro" "$bin" "$work/in"
if ! mount -t tmpfs -o size=1m tmpfs "$full" 2>/dev/null || ! mount -t tmpfs -o size=1m tmpfs "$ro" 2>/dev/null; then
  echo "fault: skipped (mount -t tmpfs is not permitted here)"
  echo "0 passed, 0 failed"
  exit 0
fi
# Contents for rm and rmdir to fail on once the tmpfs is read-only.
mkdir -p "$ro/keep/sub" "$ro/empty" && echo data >"$ro/keep/sub/f" && echo data >"$ro/file"
mount -o remount,ro "$ro" || { echo "fault: cannot remount read-only"; exit 1; }
cp "$MC" "$bin/multicall"
"$bin/multicall" --install --symlink "$bin" >/dev/null || exit 1
PATH=$bin:$PATH
export PATH
passed=0
failed=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    printf 'FAIL: %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3"
  fi
}
# 2 MiB of text: larger than the full tmpfs.
big=$work/in/big
seq 1 300000 >"$big"
bigsum=$(cksum <"$big")
fill() {  # leaves the tmpfs with no free blocks
  rm -rf "${full:?}"/*
  head -c 2M /dev/zero >"$full/filler" 2>/dev/null
}
# run NAME DIR CMD...: runs CMD in DIR; records rc and stderr.
run() {
  d=$1
  shift
  (cd "$d" && "$@") >"$work/out" 2>"$work/err" </dev/null
  rc=$?
}
nonzero() { [ "$rc" != 0 ] && [ -s "$work/err" ] && echo yes || echo "no: rc=$rc err=$(head -c 200 "$work/err")"; }
absent() { [ ! -e "$1" ] && echo yes || echo "no: $1 left ($(wc -c <"$1") bytes)"; }
intact() { [ -f "$big" ] && [ "$(cksum <"$big")" = "$bigsum" ] && echo yes || echo "no: input changed or removed"; }

# --- full file system -----------------------------------------------------
fill; run "$full" split -l 1000 "$big"
check "split onto a full fs: error" yes "$(nonzero)"
fill; run "$full" csplit -s "$big" 100000 200000
check "csplit onto a full fs: error" yes "$(nonzero)"
check "csplit onto a full fs: pieces removed (as GNU)" yes "$(absent "$full/xx00")"
fill; run "$full" sort -o "$full/sorted" "$big"
check "sort -o onto a full fs: error" yes "$(nonzero)"
check "sort -o onto a full fs: rc 2" 2 "$rc"
fill; run "$full" sh -c "tee '$full/t' <'$big' >/dev/null"
check "tee onto a full fs: error" yes "$(nonzero)"
fill; run "$full" zstd -q -1 "$big" -o "$full/big.zst"
check "zstd -o onto a full fs: error" yes "$(nonzero)"
check "zstd -o onto a full fs: partial output removed" yes "$(absent "$full/big.zst")"
check "zstd -o onto a full fs: input kept" yes "$(intact)"
fill; run "$full" zstd -q -1 --rm "$big" -o "$full/big.zst"
check "zstd --rm onto a full fs: error" yes "$(nonzero)"
check "zstd --rm onto a full fs: input kept" yes "$(intact)"
zstd_in=$work/in/small.zst
head -c 3M /dev/zero | "$bin/zstd" -q -c >"$zstd_in"
fill; run "$full" zstd -q -d --rm "$zstd_in" -o "$full/small"
check "zstd -d --rm onto a full fs: error" yes "$(nonzero)"
check "zstd -d --rm onto a full fs: partial output removed" yes "$(absent "$full/small")"
check "zstd -d --rm onto a full fs: input kept" yes "$([ -s "$zstd_in" ] && echo yes || echo no)"
fill; run "$full" sh -c "cat '$big' >'$full/c'"
check "cat onto a full fs: error" yes "$(nonzero)"
fill; run "$work" cp "$big" "$full/copy"
check "cp onto a full fs: error" yes "$(nonzero)"
check "cp onto a full fs: says why" yes "$(grep -q "error writing.*No space left on device" "$work/err" && echo yes || head -c 200 "$work/err")"
check "cp onto a full fs: input kept" yes "$(intact)"
fill; run "$work" install "$big" "$full/inst"
check "install onto a full fs: error" yes "$(nonzero)"
check "install onto a full fs: input kept" yes "$(intact)"
# mv to another file system (the tmpfs) copies, then removes the source;
# when the copy fails the source stays.
cp "$big" "$work/in/tomove"
fill; run "$work" mv "$work/in/tomove" "$full/moved"
check "mv across file systems onto a full fs: error" yes "$(nonzero)"
check "mv across file systems onto a full fs: source kept" yes "$([ -s "$work/in/tomove" ] && echo yes || echo no)"
rm -rf "${full:?}"/*
mkdir -p "$work/in/tree/sub" && echo x >"$work/in/tree/sub/f"
run "$work" mv "$work/in/tree" "$full/tree"
check "mv a tree across file systems: moved" "x gone" "$(cat "$full/tree/sub/f") $([ -e "$work/in/tree" ] && echo kept || echo gone)"
rm -rf "${full:?}"/*

# --- read-only directory --------------------------------------------------
run "$ro" split -l 1000 "$big"
check "split into a read-only dir: error" yes "$(nonzero)"
run "$ro" csplit -s "$big" 100000
check "csplit into a read-only dir: error" yes "$(nonzero)"
run "$ro" sort -o "$ro/sorted" "$big"
check "sort -o into a read-only dir: rc 2" 2 "$rc"
run "$ro" tee "$ro/t"
check "tee into a read-only dir: error" yes "$(nonzero)"
run "$work" zstd -q --rm "$big" -o "$ro/big.zst"
check "zstd --rm into a read-only dir: error" yes "$(nonzero)"
check "zstd --rm into a read-only dir: input kept" yes "$(intact)"
run "$work" zstd -q "$big" -o "$ro/"
check "zstd -o a read-only directory: error" yes "$(nonzero)"
erofs() { grep -q 'Read-only file system' "$work/err" && echo yes || echo "no: $(head -c 200 "$work/err")"; }
run "$work" rm "$ro/file"
check "rm in a read-only dir: error" yes "$(nonzero)"
check "rm in a read-only dir: says why" yes "$(erofs)"
check "rm in a read-only dir: file kept" yes "$([ -s "$ro/file" ] && echo yes || echo no)"
run "$work" rm -rf "$ro/keep"
check "rm -rf in a read-only fs: error" yes "$(nonzero)"
check "rm -rf in a read-only fs: says why" yes "$(erofs)"
check "rm -rf in a read-only fs: tree kept" yes "$([ -s "$ro/keep/sub/f" ] && echo yes || echo no)"
run "$work" mkdir "$ro/new"
check "mkdir in a read-only dir: error" yes "$(nonzero)"
check "mkdir in a read-only dir: says why" yes "$(erofs)"
run "$work" mkdir -p "$ro/a/b"
check "mkdir -p in a read-only dir: error" yes "$(nonzero)"
run "$work" rmdir "$ro/empty"
check "rmdir in a read-only dir: error" yes "$(nonzero)"
check "rmdir in a read-only dir: says why" yes "$(erofs)"
run "$work" mkfifo "$ro/p"
check "mkfifo in a read-only dir: error" yes "$(nonzero)"
run "$work" unlink "$ro/file"
check "unlink in a read-only dir: error" yes "$(nonzero)"
run "$work" link "$ro/file" "$ro/file2"
check "link in a read-only dir: error" yes "$(nonzero)"

# --- sort -o onto its own input -------------------------------------------
cp "$big" "$work/self"
sort "$big" >"$work/expect"
run "$work" sort -o "$work/self" "$work/self"
check "sort -o F F: sorted in place" yes "$(cmp -s "$work/self" "$work/expect" && echo yes || echo no)"
cp "$big" "$work/self"
run "$work" sort -m -o "$work/self" "$work/self" "$work/self"
check "sort -m -o F F F: rc 0" 0 "$rc"

# --- sort killed with SIGKILL while spilling --------------------------------
tmp=$work/tmp
mkdir "$tmp"
seq 1 2000000 | sort -R --random-source="$big" >"$work/shuffled" 2>/dev/null || seq 2000000 -1 1 >"$work/shuffled"
sort -n "$work/shuffled" >"$work/sorted_ref"
sort -n -S 1M -T "$tmp" "$work/shuffled" >/dev/null &
pid=$!
modes=
i=0
while [ $i -lt 200 ]; do
  modes=$(find "$tmp" -type f -exec stat -c '%a' {} + 2>/dev/null | sort -u | tr '\n' ' ')
  [ -n "$modes" ] && break
  sleep 0.05
  i=$((i + 1))
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check "sort temporary files are 0600" "600 " "$modes"
left=$(find "$tmp" -type f | wc -l)
echo "note: sort killed with SIGKILL left $left temporary file(s) (as GNU, it cannot clean up)"
# Poison what was left, then sort again into the same -T directory.
find "$tmp" -type f -exec sh -c 'echo poison >"$1"' _ {} \;
run "$work" sort -n -S 1M -T "$tmp" -o "$work/second" "$work/shuffled"
check "second sort after SIGKILL: rc 0" 0 "$rc"
check "second sort after SIGKILL: ignores stale temporary files" yes \
  "$(cmp -s "$work/second" "$work/sorted_ref" && echo yes || echo no)"
check "second sort after SIGKILL: leaves no new temporary file" "$left" "$(find "$tmp" -type f | wc -l)"

echo "fault: $passed passed, $failed failed"
[ "$failed" = 0 ]
