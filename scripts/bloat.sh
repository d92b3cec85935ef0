#!/usr/bin/env bash
# ./scripts/bloat.sh [--check | --update]
#
# What each applet costs on disk. Builds (-c opt, as shipped) the full
# binary, the shared base (//multicall:base: dispatcher, runtime and one
# applet that does nothing) and, for every applet and applet set, a binary
# holding only it (the NAME_alone targets that registry/defs.bzl declares),
# strips them all and prints, in stripped bytes:
#   base      the shared base;
#   APPLET    its marginal bytes: its binary alone minus the base, that is
#             its own code plus everything it pulls in that the base lacks;
#   AREA/     the same for each area's applet set (what its applets share
#             shows as the set costing less than the sum of its applets);
#   total     the full binary, and what sharing saves against base + sum.
#
# --check compares with scripts/size_budget.txt and fails (exit 1) when the
# base, the total or an applet exceeds its budget, or an applet has none:
# growth must be deliberate, by --update, which rewrites the budget file
# from this build with 2 % headroom (rounded up to 256 bytes; an applet
# smaller than the base has a negative marginal size and budget).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mode=${1:-report}
budget_file=scripts/size_budget.txt
case "$mode" in report|--check|--update) ;; *) echo "usage: $0 [--check|--update]" >&2; exit 2 ;; esac

bazel build -c opt //multicall:multicall //multicall:base >&2
bin=$(bazel info -c opt bazel-bin 2>/dev/null)
manifest=$bin/multicall/multicall.manifest.tsv
# One row per applet (aliases share their applet's label): name and label.
mapfile -t rows < <(awk -F'\t' '!seen[$3]++ { print $1 "\t" $3 }' "$manifest" | sort)
# Applet sets: the packages' own sets (//applets/AREA:AREA), where declared.
mapfile -t sets < <(bazel query 'attr(tags, "manual", kind("cc_binary", //applets/...))' 2>/dev/null |
  sed -n 's|^\(//applets/\([^:]*\)\):\2_alone$|\1:\2|p' | sort)
targets=()
for r in "${rows[@]}"; do targets+=("${r#*$'\t'}_alone"); done
for s in "${sets[@]}"; do targets+=("${s}_alone"); done
bazel build -c opt "${targets[@]}" >&2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stripped() {  # stripped size of the binary of LABEL
  local label=$1 pkg name
  pkg=${label#//}; pkg=${pkg%%:*}; name=${label##*:}
  strip -o "$tmp/s" "$bin/$pkg/$name"
  stat -c %s "$tmp/s"
  rm -f "$tmp/s"
}
base=$(stripped //multicall:base)
total=$(stripped //multicall:multicall)
declare -A cost
sum=0
for r in "${rows[@]}"; do
  name=${r%%$'\t'*}; label=${r#*$'\t'}
  cost[$name]=$(( $(stripped "${label}_alone") - base ))
  sum=$((sum + cost[$name]))
done
report=$tmp/report
{
  printf '%-14s %9d\n' base "$base"
  for s in "${sets[@]}"; do
    area=${s#//applets/}; area=${area%%:*}
    printf '%-14s %9d\n' "$area/" $(( $(stripped "${s}_alone") - base ))
  done
  for name in "${!cost[@]}"; do printf '%-14s %9d\n' "$name" "${cost[$name]}"; done | sort -k2,2nr
  printf '%-14s %9d\n' total "$total"
} >"$report"

case "$mode" in
  report)
    echo "stripped bytes, -c opt; applets and areas: marginal over the base"
    cat "$report"
    echo "sum of applet marginals: $sum; base + sum - total (saved by sharing): $((base + sum - total))"
    ;;
  --update)
    {
      echo "# Size budgets in stripped bytes (-c opt), checked by scripts/bloat.sh --check."
      echo "# base and total: whole binaries; an applet: its marginal bytes over the base."
      echo "# Written by scripts/bloat.sh --update (2 % headroom); raise a line only on purpose."
      # Headroom is 2 % of the size's magnitude: an applet that needs less
      # than the base (no option parser, say) has a negative marginal size.
      grep -v '/ ' "$report" | awk '{ h = $2 < 0 ? -$2 : $2; v = $2 + h * 0.02
        q = int(v / 256); if (q * 256 < v) q++; print $1, q * 256 }'
    } >"$budget_file"
    echo "wrote $budget_file"
    ;;
  --check)
    fail=0
    while read -r name bytes; do
      case "$name" in */) continue ;; esac
      limit=$(awk -v n="$name" '$1 == n { print $2 }' "$budget_file")
      if [ -z "$limit" ]; then
        echo "FAIL: $name ($bytes bytes) has no budget in $budget_file (scripts/bloat.sh --update)"
        fail=1
      elif [ "$bytes" -gt "$limit" ]; then
        echo "FAIL: $name is $bytes bytes, over its budget of $limit ($budget_file)"
        fail=1
      fi
    done <"$report"
    [ "$fail" = 0 ] && echo "size budgets: all within $budget_file (base $base, total $total bytes)"
    exit "$fail"
    ;;
esac
