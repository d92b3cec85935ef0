#!/bin/sh
# The generator rejects what would make a broken table, naming the labels.
. "$(dirname "$0")/lib.sh"
gen=$MC
data=$(dirname "$0")/testdata
out=$("$gen" --cc "$WORK/t.cc" --manifest "$WORK/m.tsv" //x:a="$data/dup_a.cc" //y:b="$data/dup_b.cc" 2>&1; echo "rc=$?")
check "duplicate names fail, naming both labels" \
  "registry_gen: applet name 'dupe' is declared twice: by //x:a and by //y:b
rc=1" "$out"
out=$("$gen" --cc "$WORK/t.cc" --manifest "$WORK/m.tsv" //z:c="$data/bad_frontmatter.cc" 2>&1; echo "rc=$?")
check "unknown front-matter key fails" "rc=1" "$(echo "$out" | tail -n1)"
check "message names the line" "yes" "$(echo "$out" | grep -q '@colour blue' && echo yes)"
"$gen" --cc "$WORK/t.cc" --manifest "$WORK/m.tsv" //x:a="$data/dup_a.cc" 2>&1
check "manifest row" "dupe	usr/bin	//x:a" "$(cat "$WORK/m.tsv")"
finish
