#!/usr/bin/env bash
# Throughput benchmark: our applets against GNU coreutils, BusyBox, uutils
# (and the zstd CLI; ripgrep on the grep rows) on the same generated
# inputs, in one run.
#
#   ./scripts/bench.sh [--size MB] [--runs N] [--only REGEX] [--bin MULTICALL]
#   ./scripts/bench.sh --startup [--runs N] [--bin MULTICALL]
#
# --startup measures what every exec costs instead: page faults and
# task-clock of each applet on empty input (perf stat -r N, default 100),
# ours next to BusyBox's and GNU's same applet and a gcc -O2 -static empty
# main (the floor), then a configure-like shell loop run with each tool set
# first in PATH. Ratios are to BusyBox.
#
# Inputs are deterministic and cached in $BENCH_DIR (default
# /tmp/multicall-bench): text.txt (~SIZE MB of words in lines), numbers.txt
# (2 million integers), sorted.txt (text.txt sorted bytewise). Each
# benchmark runs every tool once per round, alternating, for N rounds; the
# table shows the median wall time, the ratio to GNU (lower is faster), the
# fastest peer and our ratio to it, and peak memory (KiB) of ours and GNU's.
# Everything runs with LC_ALL=C. Machines here are noisy: read ratios.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
size=200 runs=5 only=. bin= startup=0
while [ $# -gt 0 ]; do
  case $1 in
    --startup) startup=1; shift ;;
    --size) size=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    *) echo "usage: $0 [--size MB] [--runs N] [--only REGEX] [--bin MULTICALL] | --startup [--runs N] [--bin MULTICALL]" >&2; exit 2 ;;
  esac
done
export LC_ALL=C
"$root/scripts/setup.sh" --bench
mkdir -p "$root/.cache"
if [ -z "$bin" ]; then
  if ! (cd "$root" && bazel build -c opt //multicall:multicall >"$root/.cache/bench-build.log" 2>&1); then
    tail -n 30 "$root/.cache/bench-build.log" >&2
    exit 1
  fi
  bin=$root/bazel-bin/multicall/multicall
fi
data=${BENCH_DIR:-/tmp/multicall-bench}
mkdir -p "$data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/ours"
cp "$bin" "$work/ours/multicall"
"$work/ours/multicall" --install "$work/ours" >/dev/null
[ "$startup" = 1 ] && exec "$root/scripts/bench_startup.sh" "$work/ours" "$([ "$runs" = 5 ] && echo 100 || echo "$runs")"

# Deterministic inputs from the MINSTD generator in awk (x * 48271 mod
# 2^31-1: every product is exact in a double, so every awk gives the same
# bytes and the text does not fall into a short cycle).
text=$data/text-v2-$size.txt
if [ ! -s "$text" ]; then
  echo "generating $text ..." >&2
  awk -v mb="$size" 'BEGIN {
    split("the of and to in is was for on that with as by at from his it an were are which this be or has had not but first one their its new after who they have two her she been other when there all during into school time may years more most only over city some world would where later up such used many can state about national out known university united then made", w, " ")
    nw = 0; for (k in w) nw++
    x = 12345; target = mb * 1048576; n = 0
    while (n < target) {
      x = (x * 48271) % 2147483647; len = 3 + x % 12; line = ""
      for (i = 0; i < len; i++) {
        x = (x * 48271) % 2147483647
        word = w[1 + int(x / 65536) % nw]
        if (x % 7 == 0) word = word (x % 1000)
        line = (i ? line " " : "") word
      }
      print line; n += length(line) + 1
    }
  }' >"$text.tmp" && mv "$text.tmp" "$text"
fi
numbers=$data/numbers-v2.txt
if [ ! -s "$numbers" ]; then
  awk 'BEGIN { x = 7; for (i = 0; i < 2000000; i++) { x = (x * 48271) % 2147483647; print x % 100000000 - 50000000 } }' >"$numbers"
fi
sorted=$data/sorted-v2-$size.txt
[ -s "$sorted" ] || /usr/bin/sort "$text" >"$sorted"

# Tools: a name and how to run applet X ("%" is the applet name).
declare -A prefix=(
  [ours]="$work/ours/%"
  [gnu]="/usr/bin/%"
  [busybox]="busybox %"
  [uutils]="/usr/lib/cargo/bin/coreutils/%"
)
tools=(ours gnu busybox uutils)

text20=$data/text-v2-20.txt
# factor: 2,500 consecutive integers from each of 10^18, 10^21, 10^24 and
# 10^30 (60 to 100 bits; consecutive integers factor like random ones).
factors=$data/factor-v1.txt
[ -s "$factors" ] || for s in 1000000000000000000 1000000000000000000000 1000000000000000000000000 1000000000000000000000000000000; do
  /usr/bin/seq "$s" inf | head -n 2500
done >"$factors"
# numfmt: 1,000,000 integers below 2^31.
numfmt_in=$data/numfmt-v1.txt
[ -s "$numfmt_in" ] || awk 'BEGIN { x = 11; for (i = 0; i < 1000000; i++) { x = (x * 48271) % 2147483647; printf "%d\n", x } }' >"$numfmt_in"
tree=$data/tree-100k
words=$data/words-1000.txt
epochs=$data/epochs-1m.txt

# Benchmarks: label | applet | arguments (after the applet name; @@ is a
# pipe) | stdin file | set-up command run before each timed run (untimed).
# "zstd" rows compare with the zstd CLI in the gnu column.
benches=(
  "cat|cat|$text|"
  "cat to a pipe|cat|$text @@ cat >/dev/null|"
  "wc -l|wc|-l $text|"
  "wc|wc|$text|"
  "wc -w|wc|-w $text|"
  "head -n 1000000|head|-n 1000000 $text|"
  "tail -n 1000000|tail|-n 1000000 $text|"
  "tr a-z A-Z|tr|a-z A-Z|$text"
  "cut -d' ' -f2|cut|-d' ' -f2 $text|"
  "uniq -c (sorted)|uniq|-c $sorted|"
  "sort|sort|$text|"
  "sort -n|sort|-n $numbers|"
  "sort -u|sort|-u $text|"
  "tac|tac|$text|"
  "md5sum|md5sum|$text|"
  "sha1sum|sha1sum|$text|"
  "sha256sum|sha256sum|$text|"
  "sha512sum|sha512sum|$text|"
  "b2sum|b2sum|$text|"
  "base64|base64|$text|"
  "base64 -d|base64|-d $text.b64|"
  "zstd -3|zstd|-3 -c $text|"
  "zstd -3 -T2|zstd|-3 -T2 -c $text|"
  "zstd -19 (20 MB)|zstd|-19 -c $text20|"
  "zstd -d|zstd|-d -c $text.zst|"
  "rm -rf (100k files)|rm|-rf $work/tree||rm -rf $work/tree; /usr/bin/cp -a $tree $work/tree"
  "grep literal|grep|university $text @@ cat >/dev/null|"
  "grep -i literal|grep|-i UNIVERSITY $text @@ cat >/dev/null|"
  "grep ERE w/ literal|grep|-E 'national [a-z]+ university' $text @@ cat >/dev/null|"
  "grep ERE no literal|grep|-E '[a-z]+[0-9]{3}\$' $text @@ cat >/dev/null|"
  "grep -w|grep|-w city $text @@ cat >/dev/null|"
  "grep -c|grep|-c the $text @@ cat >/dev/null|"
  "grep -v|grep|-v the $text @@ cat >/dev/null|"
  "grep -F -f 1000 words|grep|-F -f $words $text @@ cat >/dev/null|"
  "diff (50 MB, scattered)|diff|$diff_a $diff_b @@ cat >/dev/null|"
  "factor (10k 60-100 bit)|factor||$factors"
  "numfmt --to=iec (1M)|numfmt|--to=iec|$numfmt_in"
  "date -f (1M epochs)|date|-u -f $epochs +%s|"
)
# grep rows: the uutils column holds ripgrep (rg) instead (its -E is
# --encoding: dropped, rg's syntax is an ERE already). Output goes to a
# pipe: with stdout on /dev/null GNU grep (and ours) stop at the first match.
# 1000 words for grep -F -f: some from the text's vocabulary, most not.
[ -s "$words" ] || awk 'BEGIN { x = 99; for (i = 0; i < 1000; i++) { w = ""; x = (x * 48271) % 2147483647; n = 5 + x % 6
  for (j = 0; j < n; j++) { x = (x * 48271) % 2147483647; w = w sprintf("%c", 97 + x % 26) }
  if (i % 50 == 0) w = "school" (i / 50); print w } }' >"$words"
# date -f: 1M lines of @EPOCH (BusyBox's date has no -f: no column).
[ -s "$epochs" ] || awk 'BEGIN { x = 3; for (i = 0; i < 1000000; i++) { x = (x * 48271) % 2147483647; print "@" x } }' >"$epochs"
[ -s "$text.b64" ] || /usr/bin/base64 "$text" >"$text.b64"
[ -s "$text20" ] || head -c 20000000 "$text" >"$text20"
[ -s "$text.zst" ] || zstd -q -3 -c "$text" >"$text.zst"
# diff: the first ~50 MB of text.txt against a copy with every 2,000th line
# changed, every 3,001st deleted and a line inserted after every 5,003rd.
diff_a=$data/diff-a-v1.txt diff_b=$data/diff-b-v1.txt
if [ ! -s "$diff_b" ] && [[ "diff (50 MB, scattered)" =~ $only ]]; then
  head -c 50000000 "$text" | sed '$d' >"$diff_a"
  awk '{ if (NR % 2000 == 0) print "changed " NR; else if (NR % 3001 != 0) print } NR % 5003 == 0 { print "inserted " NR }' "$diff_a" >"$diff_b"
fi
# A tree of 100,000 empty files in 100 directories, copied afresh (by GNU
# cp, untimed) before each timed rm -rf.
if [ ! -d "$tree" ] && [[ "rm -rf (100k files)" =~ $only ]]; then
  mkdir -p "$tree.tmp"
  (cd "$tree.tmp" && for d in $(seq -w 0 99); do mkdir "d$d" && (cd "d$d" && seq -w 0 999 | sed 's/^/f/' | xargs touch); done)
  mv "$tree.tmp" "$tree"
fi

# Runs a command line once; prints "SECONDS KIB" (or "- -" when the tool
# lacks the applet or fails).
measure() {
  local cmd=$1 in=$2 t0 t1
  [ -n "$in" ] || in=/dev/null
  t0=$(date +%s%N)
  if ! /usr/bin/time -o "$work/mem" -f %M sh -c "$cmd" <"$in" >/dev/null 2>"$work/err"; then
    echo "- -"
    return
  fi
  t1=$(date +%s%N)
  echo "$(( (t1 - t0) / 1000000 )) $(tail -n1 "$work/mem")"
}

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else print a[int((NR + 1) / 2)] }'; }

printf '%-20s %9s %9s %9s %9s %8s %9s %8s %10s %10s\n' benchmark ours_ms gnu_ms busybox uutils/rg ours/gnu fastest ours/fast ours_KiB gnu_KiB
for b in "${benches[@]}"; do
  IFS='|' read -r label applet args stdin_file setup <<<"$b"
  [[ $label =~ $only ]] || continue
  declare -A times=() mems=()
  for tool in "${tools[@]}"; do : >"$work/t.$tool"; : >"$work/m.$tool"; done
  for ((r = 0; r < runs; r++)); do
    for tool in "${tools[@]}"; do
      p=${prefix[$tool]}
      if [ "$applet" = zstd ]; then
        case $tool in gnu) p="/usr/bin/%" ;; ours) ;; *) continue ;; esac
      fi
      if [ "$applet" = grep ] && [ "$tool" = uutils ]; then p=rg; fi
      exe=${p//%/$applet}
      first=${exe%% *}
      [ -x "$first" ] || command -v "$first" >/dev/null || continue
      if [ "$tool" = busybox ] && [ "$applet" = date ]; then continue; fi
      if [ "$tool" = busybox ] && ! busybox --list | grep -x "$applet" >/dev/null; then continue; fi
      [ -z "$setup" ] || sh -c "$setup"
      a=$args
      [ "$exe" = rg ] && a=${a/-E /}
      read -r ms kib < <(measure "$exe ${a//@@/|}" "$stdin_file")
      [ "$ms" = - ] && continue
      echo "$ms" >>"$work/t.$tool"
      echo "$kib" >>"$work/m.$tool"
    done
  done
  for tool in "${tools[@]}"; do
    times[$tool]=$(median <"$work/t.$tool")
    mems[$tool]=$(median <"$work/m.$tool")
  done
  best=- bestname=-
  for tool in gnu busybox uutils; do
    t=${times[$tool]}
    [ "$t" = - ] && continue
    if [ "$best" = - ] || [ "$t" -lt "$best" ]; then best=$t bestname=$tool; fi
  done
  ratio() { if [ "$1" = - ] || [ "$2" = - ] || [ "$2" = 0 ]; then echo -; else awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; fi; }
  printf '%-20s %9s %9s %9s %9s %8s %9s %8s %10s %10s\n' "$label" "${times[ours]}" "${times[gnu]}" \
    "${times[busybox]}" "${times[uutils]}" "$(ratio "${times[ours]}" "${times[gnu]}")" "$bestname" \
    "$(ratio "${times[ours]}" "$best")" "${mems[ours]}" "${mems[gnu]}"
done
