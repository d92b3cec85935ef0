#!/usr/bin/env bash
# ./scripts/install.sh [PREFIX]
# Installs the build dependencies if missing, builds the optimized static
# binary and installs PREFIX/bin/multicall (stripped) plus one hard link per
# applet, and PREFIX/share/{bash-completion,zsh,fish,man} files for them.
# PREFIX defaults to ./out. Re-running replaces the binary and its
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
# Shell completions and man pages, generated from the help texts. bash and
# fish load a completion file by command name: one link per applet name to
# the whole script; zsh reads the #compdef line of one file.
share=$prefix/share
mkdir -p "$share/bash-completion/completions" "$share/zsh/site-functions" \
  "$share/fish/vendor_completions.d" "$share/man/man1"
"$bin/multicall" --completions bash >"$share/bash-completion/completions/multicall"
"$bin/multicall" --completions zsh >"$share/zsh/site-functions/_multicall"
"$bin/multicall" --completions fish >"$share/fish/vendor_completions.d/multicall.fish"
"$bin/multicall" --list | while IFS= read -r name; do
  ln -sfn multicall "$share/bash-completion/completions/$name"
  ln -sfn multicall.fish "$share/fish/vendor_completions.d/$name.fish"
  "$bin/multicall" --man "$name" | gzip -9n >"$share/man/man1/$name.1.gz"
done
echo "installed $bin/multicall ($(stat -c %s "$bin/multicall") bytes, $("$bin/multicall" --list | wc -l) applets)"
echo "to use it: export PATH=\"$bin:\$PATH\""
