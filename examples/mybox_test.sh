#!/bin/sh
# The example binary holds exactly its three applets, and they work.
. "$(dirname "$0")/../tests/framework/lib.sh"
check "applet list" "cat echo greet" "$("$MC" --list | tr '\n' ' ' | sed 's/ $//')"
check "own applet" "hello, bob" "$("$MC" greet bob)"
check "own applet option" "HELLO, WORLD" "$("$MC" greet -u)"
check "own applet help" "Usage: greet [-u] [NAME]..." "$("$MC" greet --help | head -n1)"
check "project applet" "x" "$(echo x | "$MC" cat)"
check "not included" "127" "$("$MC" sort </dev/null >/dev/null 2>&1; echo $?)"
mkdir "$WORK/bin" && cp "$MC" "$WORK/bin/mybox" && "$WORK/bin/mybox" --install --symlink "$WORK/bin" >/dev/null
check "through its links" "hello, world" "$("$WORK/bin/greet")"
finish
