#!/usr/bin/env bash
# Start-up cost of each applet: scripts/bench.sh --startup runs this.
#
#   scripts/bench_startup.sh LINKDIR [RUNS]
#
# LINKDIR holds our binary and one link per applet. For each applet on empty
# input: page faults and task-clock (ms) from `perf stat -r RUNS`, ours,
# BusyBox's and GNU's (/usr/bin), and the floor: a gcc -O2 -static empty
# main. Then a configure-like loop (basename, dirname, echo|cut|tr,
# seq|sort -r|head|wc -c; 300 iterations under sh) with each tool set first
# in PATH. The page cache is warm for all (each binary runs once before it is
# measured). Machines here are noisy: read the ratios, measured in one run.
set -euo pipefail
ours=$1 runs=${2:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v perf >/dev/null || { echo "bench_startup: perf is missing (apt-get install linux-perf)" >&2; exit 1; }

printf 'int main(void) { return 0; }\n' >"$work/empty.c"
gcc -O2 -static -o "$work/empty" "$work/empty.c"

# applet and arguments; all read an empty stdin.
mkdir "$work/d"
cases=("true" "echo x" "cat" "wc" "sort -r" "sha256sum" "head" "tail" "cut -f1"
       "tr a b" "uniq" "base64" "basename a/b" "dirname a/b" "seq 0" "md5sum" "od" "tac"
       "test -e /" "date +%s" "mkdir -p $work/d" "ls $work/d" "grep x" "sed p"
       "find $work/d" "xargs" "stat $work/d" "readlink $work/d" "expr 1 + 1" "diff $work/d $work/d"
       "cp $work/empty.c $work/d/c" "dd count=0")

mkdir "$work/bb" "$work/gnu"
bb_applets=$(busybox --list 2>/dev/null || true)
for c in "${cases[@]}" cut tr sort head wc seq; do  # the loop uses the last six
  a=${c%% *}
  # (no `busybox --list | grep -q`: under pipefail grep's early exit is a
  # SIGPIPE failure, and the link would go missing at random)
  [ -e "$work/bb/$a" ] || ! grep -qx "$a" <<<"$bb_applets" || ln -s "$(command -v busybox)" "$work/bb/$a"
  [ -e "$work/gnu/$a" ] || [ ! -x "/usr/bin/$a" ] || ln -s "/usr/bin/$a" "$work/gnu/$a"
done

# "FAULTS MS" of one command line on empty input.
stat_of() {
  "$@" </dev/null >/dev/null 2>&1 || true  # warm the page cache
  perf stat -x, -e page-faults,task-clock -r "$runs" "$@" </dev/null 2>&1 >/dev/null |
    awk -F, '/page-faults/ { f = $1 } /task-clock/ { t = $1 } END { printf "%s %.3f\n", f, t }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }

read -r ff ft < <(stat_of "$work/empty")
printf '%-14s %7s %8s %7s %8s %7s %8s %9s %9s\n' applet faults ms bb_flt bb_ms gnu_flt gnu_ms flt/bb ms/bb
printf '%-14s %7s %8s\n' "(floor)" "$ff" "$ft"
for c in "${cases[@]}"; do
  read -r -a argv <<<"$c"
  a=${argv[0]} rest=("${argv[@]:1}")
  read -r of ot < <(stat_of "$ours/$a" "${rest[@]}")
  bf=- bt=- gf=- gt=-
  [ -e "$work/bb/$a" ] && read -r bf bt < <(stat_of "$work/bb/$a" "${rest[@]}")
  [ -e "$work/gnu/$a" ] && read -r gf gt < <(stat_of "$work/gnu/$a" "${rest[@]}")
  label=${c//"$work"/\$W}  # $W: the scratch directory
  printf '%-14s %7s %8s %7s %8s %7s %8s %9s %9s\n' "$label" "$of" "$ot" "$bf" "$bt" "$gf" "$gt" \
    "$(ratio "$of" "$bf")" "$(ratio "$ot" "$bt")"
done

loop() {  # the configure-like loop with $1 first in PATH; prints seconds
  local t0 t1
  t0=$(date +%s%N)
  PATH="$1:$PATH" sh -c '
    i=0
    while [ $i -lt 300 ]; do
      basename /usr/src/pkg/file.c .c >/dev/null
      dirname /usr/src/pkg/file.c >/dev/null
      echo Hello-World | cut -d- -f2 | tr a-z A-Z >/dev/null
      seq 20 | sort -r | head -n 3 | wc -c >/dev/null
      i=$((i + 1))
    done'
  t1=$(date +%s%N)
  awk -v n=$((t1 - t0)) 'BEGIN { printf "%.2f", n / 1e9 }'
}
o=$(loop "$ours") b=$(loop "$work/bb") g=$(loop "$work/gnu")
echo
printf 'configure-like loop (300 iterations): ours %s s, BusyBox %s s, GNU %s s; ours/BusyBox %s\n' \
  "$o" "$b" "$g" "$(ratio "$o" "$b")"
