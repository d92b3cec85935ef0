#!/bin/sh
# Properties of the built binary: fully static, no more static initializers
# than the recorded baseline, runs in an empty root, few start-up syscalls.
. "$(dirname "$0")/lib.sh"
baseline=$(cat "$(dirname "$0")/init_array_baseline.txt")

# Sanitizer builds (--config=asan/ubsan set MC_SANITIZE) link dynamically,
# and the runtimes add initializers and start-up work:
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
# crt's frame_dummy and libstdc++'s exception emergency pool and error
# categories. Our code adds none: no allocator set-up, no CPU probe (see
# applets/support/hash/cpu.cc), no stream or locale objects (see
# applets/support/cli11.h for how CLI11's are kept out).
size=$(readelf -SW "$MC" | awk '$2 == ".init_array" { print $6 }')
entries=$(( 0x${size:-0} / 8 ))
check ".init_array entries <= baseline ($baseline)" "yes" "$([ "$entries" -le "$baseline" ] && echo yes || echo "no: $entries")"

check "no libstdc++ locale or iostream code linked" "" "$(nm -C "$MC" 2>/dev/null | grep -E ' std::(locale::|basic_ostream<|basic_istream<|time_get<|money_get<)' | head -3)"

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

# Start-up does what a static hello does and nothing more: glibc's own
# set-up (brk, arch_prctl, set_tid_address, set_robust_list, rseq,
# prlimit64, readlink of /proc/self/exe, getrandom, mprotect), our one poll
# of fds 0-2, then the applet's own I/O on its standard fds. No file opened,
# no /proc or /sys read beyond glibc's, no clock read, no thread, no
# signal set-up, no memory mapped before there is input to hold.
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
  mkdir "$WORK/links"
  for a in true cat sort wc head sha256sum; do ln -s "$MC" "$WORK/links/$a"; done
  hello='execve|brk|arch_prctl|set_tid_address|set_robust_list|rseq|prlimit64|readlink|getrandom|mprotect|poll|exit_group'
  strace -f -o "$WORK/trace" "$WORK/links/true" 2>/dev/null
  check "true: only a static hello's system calls and the fd check" "" \
    "$(grep -vE "^[0-9]+ +($hello)\(|^[0-9]+ +\+\+\+" "$WORK/trace")"
  # Applets that read no input: a static hello's calls and nothing else.
  for cmd in "test" "test -n x" "[ x = x ]"; do
    set -- $cmd
    [ -e "$WORK/links/$1" ] || ln -s "$MC" "$WORK/links/$1"
    a=$1; shift
    strace -f -o "$WORK/trace" "$WORK/links/$a" "$@" </dev/null >/dev/null 2>&1
    check "$cmd: only a static hello's system calls" "" \
      "$(grep -vE "^[0-9]+ +($hello)\(|^[0-9]+ +\+\+\+" "$WORK/trace")"
  done
  # Users, groups and host names come from our own parsers: no NSS
  # configuration or module is ever opened.
  for cmd in "id" "id root" "groups" "whoami" "logname" "hostid" "hostname -f"; do
    set -- $cmd
    [ -e "$WORK/links/$1" ] || ln -s "$MC" "$WORK/links/$1"
    a=$1; shift
    strace -f -e trace=open,openat -o "$WORK/trace" "$WORK/links/$a" "$@" </dev/null >/dev/null 2>&1
    check "$cmd: no NSS" "" "$(grep -E "nsswitch|libnss|\.so" "$WORK/trace")"
  done
  for a in cat wc head sha256sum sort; do
    strace -f -o "$WORK/trace" "$WORK/links/$a" </dev/null >/dev/null 2>&1
    # The applet's I/O: fstat, fcntl, read and write of fds 0 and 1, its buffer.
    check "$a </dev/null: no start-up work beyond I/O on fds 0 and 1" "" \
      "$(grep -vE "^[0-9]+ +($hello)\(|^[0-9]+ +\+\+\+|^[0-9]+ +(newfstatat|fstat|fcntl|read|write|lseek|fadvise64)\([01],|^[0-9]+ +(mmap|munmap)\(|^[0-9]+ +rt_sigprocmask\(" "$WORK/trace")"
    check "$a </dev/null: no file opened, no clock, no thread" "" \
      "$(grep -E "open|clock_gettime|clone|access\(|/sys/" "$WORK/trace")"
  done
  # sort sizes its memory budget and thread count only once there is
  # input: empty input maps nothing (its first block comes from the heap),
  # asks for no CPU count, memory size or limit, and makes no temporary
  # directory.
  strace -f -o "$WORK/trace" "$WORK/links/sort" -r </dev/null >/dev/null 2>&1
  check "sort -r </dev/null: no mapping, no sizing, no thread, no temporary directory" "" \
    "$(grep -E "mmap|sysinfo|sched_getaffinity|prlimit64\(0, RLIMIT_(AS|DATA|RSS)|clone|mkdir" "$WORK/trace")"
fi
finish
