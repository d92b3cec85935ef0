#!/bin/sh
# Bazel entry for test_expr.py.
exec python3 "$(dirname "$0")/test_expr.py" "$@"
