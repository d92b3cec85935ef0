#!/bin/sh
# Bazel entry for differential.py (python3 is installed by scripts/setup.sh).
exec python3 "$(dirname "$0")/differential.py" "$@"
