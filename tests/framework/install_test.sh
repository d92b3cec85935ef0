#!/bin/sh
# multicall --install / --uninstall (user-asks.md list (b), items 11-17).
. "$(dirname "$0")/lib.sh"
cd "$WORK"
mkdir bin
cp "$MC" bin/multicall
M=$WORK/bin/multicall
n=$("$M" --list | wc -l)

mkdir d1
check "install into an empty dir" "0" "$("$M" --install d1 >/dev/null; echo $?)"
check "one link per name" "$n" "$(ls d1 | wc -l)"
check "hard links by default" "$(stat -c %i "$M")" "$(stat -c %i d1/cat)"
check "links run" "hi" "$(d1/echo hi)"
check "second run: exit 0" "0" "$("$M" --install d1 >out; echo $?)"
check "second run changes nothing" "installed 0 links" "$(cut -d' ' -f1-3 out)"

mkdir d2
printf 'user data\n' >d2/cat
"$M" --install d2 >/dev/null 2>err
check "user file: non-zero exit" "1" "$("$M" --install d2 >/dev/null 2>&1; echo $?)"
check "user file kept" "user data" "$(cat d2/cat)"
check "user file named" "yes" "$(grep -q "d2/cat" err && echo yes)"
check "other links still made" "hi" "$(d2/echo hi)"
check "--force replaces" "0" "$("$M" --install --force d2 >/dev/null 2>&1; echo $?)"
check "replaced by a link" "$(stat -c %i "$M")" "$(stat -c %i d2/cat)"
check "no temporary files left" "" "$(ls -a d2 | grep multicall-install)"

check "missing dir: non-zero" "1" "$("$M" --install "$WORK/nonexistent" >/dev/null 2>err; echo $?)"
check "missing dir: one message" "1" "$(wc -l <err)"
check "no dir refused" "1" "$("$M" --install >/dev/null 2>&1; echo $?)"
check "a file as dir refused" "1" "$("$M" --install "$M" >/dev/null 2>&1; echo $?)"

mkdir d3
"$M" --install --symlink d3 >/dev/null
check "symlink mode: absolute target" "$M" "$(readlink d3/cat)"
check "symlinks run" "hi" "$(d3/echo hi)"

mkdir -p rel/bin rel/links
cp "$M" rel/bin/multicall
rel/bin/multicall --install --relative rel/links >/dev/null
check "relative symlink" "../bin/multicall" "$(readlink rel/links/cat)"
mv rel moved
check "relative links survive a move" "hi" "$(moved/links/echo hi)"

# Hard links across filesystems fall back to symlinks with a message.
if [ -d /dev/shm ] && [ "$(stat -c %d /dev/shm)" != "$(stat -c %d "$WORK")" ]; then
  x=$(mktemp -d /dev/shm/mc.XXXXXX)
  "$M" --install "$x" >/dev/null 2>err
  check "EXDEV falls back to symlinks" "$M" "$(readlink "$x/cat")"
  check "EXDEV says so" "yes" "$(grep -q 'symbolic links instead' err && echo yes)"
  rm -rf "$x"
fi

mkdir d4
"$M" --install d4 >/dev/null
printf 'mine\n' >d4/cat.tmp && rm d4/cat && mv d4/cat.tmp d4/cat
ln -sf /usr/bin/env d4/env
ln -s /bin/true d4/true.keep
"$M" --uninstall d4 >/dev/null
check "uninstall keeps a user file" "mine" "$(cat d4/cat)"
check "uninstall keeps a foreign symlink" "/usr/bin/env" "$(readlink d4/env)"
check "uninstall removes our links" "cat env true.keep" "$(ls d4 | tr '\n' ' ' | sed 's/ $//')"
"$M" --uninstall d3 >/dev/null
check "uninstall removes our symlinks" "" "$(ls d3)"
check "uninstall missing dir" "1" "$("$M" --uninstall "$WORK/none" >/dev/null 2>&1; echo $?)"
check "binary survives uninstall of its own dir" "0" "$("$M" --install bin >/dev/null; "$M" --uninstall bin >/dev/null; "$M" true; echo $?)"
finish
