#!/bin/sh
# Bazel entry for the differential scripts here: run.sh SCRIPT ARGS...
# (python3 is installed by scripts/setup.sh).
script=$1
shift
exec python3 "$(dirname "$0")/$script" "$@"
