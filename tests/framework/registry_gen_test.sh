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
# A family source: one applet per SOURCE#APPLET, help from a template.
"$gen" --cc "$WORK/t.cc" --manifest "$WORK/m.tsv" //f:hi="$data/family.cc#hi" //f:bye="$data/family.cc#bye" 2>&1
check "family manifest" "bye	usr/bin	//f:bye
ciao	usr/bin	//f:bye
hi	usr/bin	//f:hi" "$(cat "$WORK/m.tsv")"
# The help blob (stored raw below 4 KiB), as text.
help=$(sed -n '/kHelp\[\] = {/,/};/p' "$WORK/t.cc" | sed '1d' | tr -cs '0-9' '\n' | awk 'NF{printf "%c", $1+0}')
check "template filled in" "Usage: bye [NAME]
Say goodbye to NAME.
Usage: hi [NAME]
Say hello to NAME." "$help"
out=$("$gen" --cc "$WORK/t.cc" --manifest "$WORK/m.tsv" //f:x="$data/family.cc" 2>&1; echo "rc=$?")
check "a family source needs #APPLET" "yes" "$(echo "$out" | grep -q 'declares several applets' && echo yes)"
out=$("$gen" --cc "$WORK/t.cc" --manifest "$WORK/m.tsv" //f:x="$data/family.cc#nope" 2>&1; echo "rc=$?")
check "unknown family member" "yes" "$(echo "$out" | grep -q "declares no applet 'nope'" && echo yes)"
out=$("$gen" --cc "$WORK/t.cc" --manifest "$WORK/m.tsv" //f:odd="$data/family.cc#odd" 2>&1; echo "rc=$?")
check "a template key left unset fails" "yes" "$(echo "$out" | grep -q "sets no @var word" && echo yes)"
finish
