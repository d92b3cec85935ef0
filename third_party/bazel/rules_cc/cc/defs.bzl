"""Re-exports Bazel 4's native C++ rules under @rules_cc//cc:defs.bzl.

Debian's bazel-rules-cc targets newer Bazel releases; this stand-in keeps
BUILD files (ours and @bazel_tools') written against the usual load path
working offline.
"""

cc_binary = native.cc_binary
cc_import = native.cc_import
cc_library = native.cc_library
cc_proto_library = native.cc_proto_library
cc_test = native.cc_test
cc_toolchain = native.cc_toolchain
cc_toolchain_suite = native.cc_toolchain_suite
objc_library = native.objc_library
