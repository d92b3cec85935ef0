#!/bin/sh
# Properties of the built binary: fully static, no more static initializers
# than the recorded baseline, runs in an empty root, few start-up syscalls.
. "$(dirname "$0")/lib.sh"
baseline=$(cat "$(dirname "$0")/init_array_baseline.txt")

# Sanitizer builds (--config=asan/ubsan set MC_SANITIZE) link dynamically,
# without mimalloc, and the runtimes add initializers and start-up work:
# none of the checks below applies to them.
if [ -n "${MC_SANITIZE:-}" ]; then
  check "$MC_SANITIZE build links the sanitizer runtime" "yes" \
    "$(readelf -dW "$MC" | grep -q "lib${MC_SANITIZE}\.so" && echo yes)"
  echo "note: $MC_SANITIZE build: static, .init_array, allocator and start-up checks skipped"
  finish
  exit
fi

check "no program interpreter" "" "$(readelf -lW "$MC" | grep -i 'interp')"
check "no dynamic section" "" "$(readelf -SW "$MC" | grep -w '.dynamic')"
if command -v file >/dev/null; then
  check "file says statically linked" "yes" "$(file -L "$MC" | grep -q 'statically linked' && echo yes)"
fi

# .init_array: 8 bytes an entry. The baseline (init_array_baseline.txt) is
# crt's frame_dummy, mimalloc's loader hook, libgcc's CPU feature probe
# (__builtin_cpu_supports, for run-time SIMD dispatch) and libstdc++'s own
# locale/error-category/emergency-pool set-up. Our code adds none (see
# applets/support/cli11.h for how CLI11's would be kept out).
size=$(readelf -SW "$MC" | awk '$2 == ".init_array" { print $6 }')
entries=$(( 0x${size:-0} / 8 ))
check ".init_array entries <= baseline ($baseline)" "yes" "$([ "$entries" -le "$baseline" ] && echo yes || echo "no: $entries")"

check "mimalloc is the allocator" "yes" "$(nm "$MC" 2>/dev/null | grep -q ' mi_malloc$' && nm "$MC" | grep -q ' [Tt] malloc$' && echo yes)"

# An otherwise empty root: the binary needs nothing from the system.
root=$WORK/root
mkdir -p "$root"
cp "$MC" "$root/multicall"
if chroot "$root" /multicall true 2>/dev/null; then
  check "runs in an empty root" "hi from an empty root" "$(chroot "$root" /multicall echo hi from an empty root)"
  check "empty root: cat of its own stdin" "x" "$(echo x | chroot "$root" /multicall cat)"
elif command -v unshare >/dev/null && unshare -r chroot "$root" /multicall true 2>/dev/null; then
  check "runs in an empty root (user namespace)" "hi" "$(unshare -r chroot "$root" /multicall echo hi)"
else
  echo "note: chroot is not permitted here; empty-root check skipped"
fi

# Start-up does a handful of syscalls, no locale files, no repeated set-up.
# mimalloc's own initialisation reads /proc/sys/vm/overcommit_memory.
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
  strace -f -o "$WORK/trace" "$MC" true 2>/dev/null
  check "no file opened at start-up" "" "$(grep -E 'open(at)?\(' "$WORK/trace" | grep -v -e ENOENT -e /proc/sys/vm/overcommit_memory)"
  calls=$(grep -vc '^[0-9]* +++\|exited with' "$WORK/trace")
  check "few start-up syscalls (<= 25)" "yes" "$([ "$calls" -le 25 ] && echo yes || echo "no: $calls")"
fi
finish
