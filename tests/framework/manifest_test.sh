#!/bin/sh
# The build's manifest (name, install dir, label) matches what the binary
# lists, so scripts/install.sh-style tools and the binary agree.
. "$(dirname "$0")/lib.sh"
manifest=$2
check "--list equals the manifest's names" "$(cut -f1 "$manifest")" "$("$MC" --list)"
check "--list-full equals the manifest's dirs and names" \
  "$(awk -F'\t' '{ print $2 "/" $1 }' "$manifest")" "$("$MC" --list-full)"
finish
