#!/usr/bin/env bash
# Installs what building and testing multicall needs, if it is missing:
# Debian packages (Bazel, the libraries, the tools tests compare against)
# and mimalloc's Debian source (unpacked into the git-ignored .cache/).
# Safe to re-run: it does nothing when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

build_pkgs=(bazel-bootstrap bazel-rules-java g++ binutils libcli11-dev libabsl-dev libzstd-dev catch2 dpkg-dev)
# Reference tools the tests compare with (GNU coreutils is always there).
test_pkgs=(zstd xxd bsdextrautils python3 util-linux)
want=("${build_pkgs[@]}" "${test_pkgs[@]}")
[ "${1:-}" = "--bench" ] && want+=(busybox-static rust-coreutils hyperfine time)

sudo_() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
updated=0
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_ apt-get update -qq
  updated=1
  sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# mimalloc: Debian ships it only as a shared library; we build its source.
if [ ! -f .cache/mimalloc/src/static.c ]; then
  if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    src=/etc/apt/sources.list.d/multicall-deb-src.sources
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | sudo_ tee "$src" >/dev/null
    else
      grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | sudo_ tee /etc/apt/sources.list.d/multicall-deb-src.list >/dev/null
    fi
    updated=0
  fi
  [ "$updated" = 1 ] || sudo_ apt-get update -qq
  mkdir -p .cache/mimalloc-src
  (cd .cache/mimalloc-src && apt-get source -qq mimalloc >/dev/null 2>&1) || {
    echo "setup: could not fetch mimalloc's Debian source" >&2
    exit 1
  }
  dir=$(find .cache/mimalloc-src -mindepth 1 -maxdepth 1 -type d -name 'mimalloc-*' | head -n1)
  ln -sfn "${dir#.cache/}" .cache/mimalloc
  if [ ! -f .cache/mimalloc/src/static.c ]; then
    echo "setup: mimalloc's source has no src/static.c (got: ${dir:-nothing})" >&2
    exit 1
  fi
fi
