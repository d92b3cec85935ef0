#!/usr/bin/env bash
# ./scripts/install.sh [PREFIX]
# Installs the build dependencies if missing, builds the optimized static
# binary and installs PREFIX/bin/multicall (stripped) plus one hard link per
# applet. PREFIX defaults to ./out. Re-running replaces the binary and its
# links; files in PREFIX/bin that are not ours are left alone.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
prefix=${1:-$root/out}
"$root/scripts/setup.sh"
cd "$root"
bazel build -c opt //multicall:multicall
mkdir -p "$prefix/bin"
bin=$(cd "$prefix/bin" && pwd)
# Links made by an earlier install point at the old binary's inode: remove
# them first (only links resolving to that binary are touched).
if [ -x "$bin/multicall" ]; then "$bin/multicall" --uninstall "$bin" >/dev/null || true; fi
tmp=$(mktemp "$bin/.multicall.XXXXXX")
strip -o "$tmp" bazel-bin/multicall/multicall
chmod 0755 "$tmp"
mv -f "$tmp" "$bin/multicall"
"$bin/multicall" --install "$bin"
echo "installed $bin/multicall ($(stat -c %s "$bin/multicall") bytes, $("$bin/multicall" --list | wc -l) applets)"
echo "to use it: export PATH=\"$bin:\$PATH\""
