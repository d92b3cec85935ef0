// CLI11 without static initializers. Included by applets/support/cli.cc only.
//
// 1. Debian's CLI11 2.1 includes <iostream>, and with libstdc++ every
//    translation unit that includes it gets a static std::ios_base::Init
//    object: an .init_array entry and stream set-up on every exec. We never
//    let CLI11 print (help, errors and exit are ours), so the stream objects
//    only need to be declared, exactly as <iostream> declares them.
// 2. Validators.hpp defines eight ready-made validator objects at namespace
//    scope (ExistingFile, Number, ...), each built with std::function and
//    std::string at start-up: heap allocations, and page faults in a fresh
//    allocator, on every exec of every applet. We use none of them, so the
//    macros below turn their definitions into function declarations
//    ("const T ExistingFile_unused();"), which construct nothing.
#pragma once

#include <istream>
#include <ostream>

#ifndef _GLIBCXX_IOSTREAM
#define _GLIBCXX_IOSTREAM 1
namespace std {
extern istream cin;
extern ostream cout;
extern ostream cerr;
extern ostream clog;
}  // namespace std
#endif

#define ExistingFile ExistingFile_unused()
#define ExistingDirectory ExistingDirectory_unused()
#define ExistingPath ExistingPath_unused()
#define NonexistentPath NonexistentPath_unused()
#define ValidIPV4 ValidIPV4_unused()
#define Number(...) Number_unused()
#define NonNegativeNumber(...) NonNegativeNumber_unused()
#define PositiveNumber(...) PositiveNumber_unused()
#include <CLI/CLI.hpp>
#undef ExistingFile
#undef ExistingDirectory
#undef ExistingPath
#undef NonexistentPath
#undef ValidIPV4
#undef Number
#undef NonNegativeNumber
#undef PositiveNumber
