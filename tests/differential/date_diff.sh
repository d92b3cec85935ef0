#!/bin/sh
# Bazel entry for date_diff.py.
exec python3 "$(dirname "$0")/date_diff.py" "$@"
