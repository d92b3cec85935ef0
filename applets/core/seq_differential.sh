#!/bin/sh
# Bazel entry for seq_differential.py.
exec python3 "$(dirname "$0")/seq_differential.py" "$@"
