// CLI11 without <iostream>'s static initializer.
//
// Debian's CLI11 2.1 includes <iostream>, and with libstdc++ every
// translation unit that includes it gets a static std::ios_base::Init object:
// one .init_array entry and stream set-up on every exec. We never let CLI11
// print (help, errors and exit are ours), so the stream objects only need to
// be declared, exactly as <iostream> declares them, without the initializer.
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

#include <CLI/CLI.hpp>
