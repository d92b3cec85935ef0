#!/bin/sh
# argv[0] dispatch and the multiplexer commands (user-asks.md list (b),
# items 1-10, 19-26 that concern the dispatcher).
. "$(dirname "$0")/lib.sh"
cd "$WORK"
mkdir bin other
cp "$MC" bin/multicall
M=$WORK/bin/multicall
printf 'hello\n' >f

ln -s multicall bin/cat
check "symlink by path" "hello" "$(bin/cat f)"
check "symlink by absolute path" "hello" "$("$WORK/bin/cat" f)"
check "symlink through PATH" "hello" "$(PATH="$WORK/bin:$PATH" cat f)"
ln bin/multicall other/cat
check "hard link" "hello" "$(other/cat f)"
check "multicall APPLET" "hello" "$("$M" cat f)"
check "exec -a NAME" "hello" "$(bash -c 'exec -a cat "$0" f' "$M")"
check "exec -a -NAME (login dash)" "hello" "$(bash -c 'exec -a -cat "$0" f' "$M")"
check "exec -a /dir/NAME" "hello" "$(bash -c 'exec -a /some/dir/cat "$0" f' "$M")"

ln -s multicall bin/nosuch
out=$(bin/nosuch 2>err; echo "rc=$?")
check "unknown name: exit 127, nothing on stdout" "rc=127" "$out"
check "unknown name: message" "nosuch: applet not found" "$(cat err)"
ln -s multicall bin/xcat
check "no suffix matching" "127" "$(bin/xcat f >/dev/null 2>&1; echo $?)"

ln -s cat bin/mycat
check "symlink chain by path" "hello" "$(bin/mycat f)"
check "symlink chain through PATH" "hello" "$(cd other && PATH="$WORK/bin:$PATH" mycat ../f)"
ln -s loop2 bin/loop1
ln -s loop1 bin/loop2
check "symlink loop ends" "127" "$(bin/loop1 f >/dev/null 2>&1; echo $?)"

cp "$M" bin/multicall-static
check "multiplexer name prefix" "hello" "$(bin/multicall-static cat f)"
check "multicall runs a path's basename (shebang style)" "hello" "$("$M" /usr/local/bin/cat f)"
mkdir shebang && printf '#!%s\nignored\n' "$M" >shebang/echo && chmod +x shebang/echo
# The kernel runs "multicall shebang/echo x": the script's name picks the applet.
check "shebang script named after an applet" "x" "$(shebang/echo x)"
if command -v python3 >/dev/null; then
  check "execve through /proc/self/fd" "hello" "$(python3 -c 'import os,sys;fd=os.open(sys.argv[1],os.O_RDONLY);os.execve(f"/proc/self/fd/{fd}",["cat","f"],{})' "$M")"
fi

check "no arguments: usage, exit 0" "0" "$("$M" >out; echo $?)"
check "usage lists applets" "yes" "$(grep -q 'Applets:' out && grep -q cat out && echo yes)"
"$M" --list >list
check "--list sorted" "" "$(LC_ALL=C sort -c list 2>&1)"
check "--list unique" "" "$(LC_ALL=C uniq -d list)"
check "--list has cat" "cat" "$(grep -x cat list)"
check "--list-full" "bin/cat" "$("$M" --list-full | grep -x '.*/cat')"
check "--list | head -1: no EPIPE noise" "" "$("$M" --list 2>&1 >/dev/null | head -n1; "$M" --list 2>&1 | head -n1 >/dev/null)"
check "--list to a full disk" "1" "$("$M" --list >/dev/full 2>/dev/null; echo $?)"
check "--help APPLET" "Usage: cat [OPTION]... [FILE]..." "$("$M" --help cat | head -n1)"
check "--help unknown" "127" "$("$M" --help nosuch >/dev/null 2>&1; echo $?)"
check "--version" "multicall" "$("$M" --version | cut -d' ' -f1)"
check "unknown multiplexer option" "1" "$("$M" --bogus >/dev/null 2>&1; echo $?)"
check "APPLET --version" "cat (multicall)" "$(bin/cat --version | cut -d' ' -f1-2)"
check "APPLET --help | head -c1" "U" "$(bin/cat --help 2>&1 | head -c1)"
finish
