#!/usr/bin/env bash
# Installs what building and testing multicall needs, if it is missing:
# Debian packages (Bazel, the libraries, the tools tests compare against)
# and the Debian source of zstd (unpacked into the git-ignored .cache/).
# Safe to re-run: it does nothing when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

build_pkgs=(bazel-bootstrap bazel-rules-java g++ binutils lld libcli11-dev libzstd-dev catch2 dpkg-dev)
# Reference tools the tests compare with (GNU coreutils is always there).
test_pkgs=(zstd xxd bsdextrautils python3 util-linux zsh fish groff-base man-db gzip dos2unix sharutils)
want=("${build_pkgs[@]}" "${test_pkgs[@]}")
[ "${1:-}" = "--bench" ] && want+=(busybox-static rust-coreutils hyperfine time linux-perf ripgrep)
# scripts/fuzz.sh and ./scripts/test.sh --sanitize: clang with libFuzzer and
# the sanitizer runtimes (gcc's libasan/libubsan come with g++).
[ "${1:-}" = "--fuzz" ] && want+=(clang libclang-rt-dev)

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

# Debian source packages we build ourselves, unpacked (patches applied) into
# .cache/NAME-src with .cache/NAME linking to the tree. deb-src entries are
# added once, mirroring the binary ones, if the system has none.
deb_src_ready=0
fetch_source() {  # fetch_source SRC_PACKAGE[=VERSION] NAME FILE_THAT_PROVES_IT
  local pkg=${1%%=*} name=$2 probe=$3 dir
  [ -f ".cache/$name/$probe" ] && return 0
  if [ "$deb_src_ready" = 0 ]; then
    if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
      if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources |
          sudo_ tee /etc/apt/sources.list.d/multicall-deb-src.sources >/dev/null
      else
        grep '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' |
          sudo_ tee /etc/apt/sources.list.d/multicall-deb-src.list >/dev/null
      fi
      updated=0
    fi
    [ "$updated" = 1 ] || sudo_ apt-get update -qq
    updated=1
    deb_src_ready=1
  fi
  rm -rf ".cache/$name-src"  # leftovers of an earlier attempt
  mkdir -p ".cache/$name-src"
  (cd ".cache/$name-src" && apt-get source -qq "$1" >/dev/null 2>&1) || {
    echo "setup: could not fetch the Debian source of $1" >&2
    return 1
  }
  dir=$(find ".cache/$name-src" -mindepth 1 -maxdepth 1 -type d -name "$pkg-*" | sort | tail -n1)
  ln -sfn "${dir#.cache/}" ".cache/$name"
  if [ ! -f ".cache/$name/$probe" ]; then
    echo "setup: $pkg's source has no $probe (got: ${dir:-nothing})" >&2
    exit 1
  fi
}

# zstd: Debian's libzstd.a is built without ZSTD_MULTITHREAD (no -T), so
# we build its compression code from source (third_party/zstd/zstd.BUILD);
# decompression stays the installed libzstd.a's. The two must be the same
# upstream release: take the installed version's source, or else the newest
# one the archive serves with the same upstream version (a security update's
# source is not always served; its fixes are in the libzstd.a we link).
zstd_installed=$(dpkg-query -W -f='${source:Version}' libzstd-dev)
zstd_upstream=${zstd_installed%-*}
zstd_upstream=${zstd_upstream#*:}
if [ ! -f .cache/zstd/lib/zstd.h ]; then
  fetched=0
  for v in "$zstd_installed" $(apt-cache showsrc libzstd 2>/dev/null | sed -n 's/^Version: //p' | sort -rV); do
    vu=${v%-*}
    [ "${vu#*:}" = "$zstd_upstream" ] || continue
    if fetch_source "libzstd=$v" zstd lib/zstd.h 2>/dev/null; then
      fetched=1
      break
    fi
  done
  if [ "$fetched" = 0 ]; then
    echo "setup: could not fetch a Debian source of libzstd $zstd_upstream (installed: $zstd_installed)" >&2
    exit 1
  fi
fi
zstd_cached=$(sed -n '1s/^[^(]*(\([^)]*\)).*/\1/p' .cache/zstd/debian/changelog 2>/dev/null)
zstd_cached_upstream=${zstd_cached%-*}
if [ "${zstd_cached_upstream#*:}" != "$zstd_upstream" ]; then
  echo "setup: .cache/zstd holds libzstd ${zstd_cached:-unknown}, not upstream $zstd_upstream as libzstd-dev;" >&2
  echo "setup: remove .cache/zstd and .cache/zstd-src to fetch the matching source" >&2
  exit 1
fi
