#!/bin/sh
# multicall --completions bash|zsh|fish and --man APPLET (issue 12): the
# scripts parse in their shells and complete what the help texts document;
# every applet's man page renders without a groff warning.
. "$(dirname "$0")/lib.sh"
cd "$WORK"
M=$MC

"$M" --completions bash >mc.bash
check "bash script parses" "0" "$(bash -n mc.bash 2>&1; echo $?)"
# complete WORD...: what the bash function offers for the last word.
complete_bash() {
  bash -c '. ./mc.bash; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    if [ "$1" = multicall ]; then _multicall_complete_multiplexer multicall
    else _multicall_complete "$1"; fi 2>/dev/null; echo "${COMPREPLY[*]}"' bash "$@"
}
check "sort --nu<TAB>" "--numeric-sort" "$(complete_bash sort --nu)"
check "sort --ke<TAB> (takes an argument)" "--key=" "$(complete_bash sort --ke)"
check "sort --check=<TAB> literal values" "--check=diagnose-first --check=quiet --check=silent" "$(complete_bash sort --check=)"
check "a path name is left to readline" "" "$(complete_bash sort fi)"
check "[ is completed" "--help" "$(complete_bash [ --he)"
check "cut's range table is not an option" "" "$(complete_bash cut -M)"
check "multiplexer: applet names" "sha1sum sha224sum sha256sum sha384sum sha512sum" \
  "$(PATH=$(dirname "$M"):$PATH complete_bash multicall sha)"
check "multiplexer: then the applet's options" "--reverse" "$(complete_bash multicall sort --rev)"

"$M" --completions zsh >_multicall
check "zsh script parses" "0" "$(zsh -n _multicall 2>&1; echo $?)"
# The completion function with zsh's builtins stubbed: what it would offer.
complete_zsh() {
  zsh -c 'compadd() { while [[ $1 == -* && $1 != -- ]]; do shift; [[ $1 == "" ]] && shift; done
      [[ $1 == -- ]] && shift; print -rn -- "$* "; }
    _files() { print -rn -- "FILES "; }
    service=$1 PREFIX=$2 words=("$@") CURRENT=$#; . ./_multicall' zsh "$@"
}
check "zsh: sort --nu" "yes" "$(complete_zsh sort --nu | grep -q -- ' --numeric-sort ' && echo yes)"
check "zsh: --key= without a space" "yes" "$(complete_zsh sort --k | grep -q -- '--key= ' && echo yes)"
check "zsh: files otherwise" "FILES " "$(complete_zsh cat x)"

"$M" --completions fish >mc.fish
check "fish script parses" "0" "$(fish -n mc.fish 2>&1; echo $?)"
check "fish: wc --cha" "yes" "$(fish -N -c 'source mc.fish; complete -C "wc --cha"' 2>/dev/null | grep -q '^--chars' && echo yes)"

check "unknown shell: exit 1" "1" "$("$M" --completions tcsh >/dev/null 2>&1; echo $?)"
check "no shell: exit 1" "1" "$("$M" --completions >/dev/null 2>&1; echo $?)"
check "write error: exit 1" "1" "$("$M" --completions bash >/dev/full 2>/dev/null; echo $?)"

bad=""
for a in $("$M" --list); do
  "$M" --man "$a" >page.1
  grep -q '^\.SH NAME' page.1 || bad="$bad $a(no NAME)"
  w=$(groff -ww -man -Tutf8 -z page.1 2>&1)
  [ -z "$w" ] || bad="$bad $a($w)"
done
check "every man page renders without a warning" "" "$bad"
"$M" --man sort >sort.1
check "man -l shows the options" "yes" \
  "$(MANWIDTH=80 man -l sort.1 2>/dev/null | grep -q -- '-n, --numeric-sort' && echo yes)"
check "--man unknown: 127" "127" "$("$M" --man nope >/dev/null 2>&1; echo $?)"
check "--man without a name: 1" "1" "$("$M" --man >/dev/null 2>&1; echo $?)"
check "--man write error: 1" "1" "$("$M" --man sort >/dev/full 2>/dev/null; echo $?)"
finish
