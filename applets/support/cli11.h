// CLI11 without static initializers, iostreams or locales. Included by
// applets/support/cli.cc only.
//
// 1. Debian's CLI11 2.1 includes <iostream>, and with libstdc++ every
//    translation unit that includes it gets a static std::ios_base::Init
//    object: an .init_array entry and stream set-up on every exec.
// 2. Validators.hpp defines eight ready-made validator objects at namespace
//    scope (ExistingFile, Number, ...), each built with std::function and
//    std::string at start-up: heap allocations on every exec of every
//    applet. We use none of them, so the macros below turn their definitions
//    into function declarations ("const T ExistingFile_unused();"), which
//    construct nothing.
// 3. CLI11 builds text with std::stringstream (help formatter, config
//    writer, join, to_string), reads config files with std::ifstream and
//    trims names with std::isspace(c, std::locale()). App's constructor
//    installs the formatter and the config reader, whose virtual members are
//    therefore always linked, and trim runs on every option we declare.
//    Through them libstdc++'s whole stream and locale machinery (28 facets,
//    time_get/money_get, gettext, iconv, scanf, strftime: about 0.6 MB) was
//    linked into the binary and the classic locale was built at each start.
//    We never let CLI11 print, format help or read a config file (help,
//    errors and values are ours), so while CLI11's headers are read the
//    stream and locale names below stand for a small string builder and the
//    C library's <cctype>. The standard headers are included first, so the
//    renaming touches CLI11's own text only.
#pragma once

// Everything CLI11's headers include, before any name is redefined.
#include <sys/stat.h>
#include <sys/types.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <functional>
#include <iomanip>
#include <istream>
#include <iterator>
#include <limits>
#include <locale>
#include <map>
#include <memory>
#include <numeric>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#ifndef _GLIBCXX_IOSTREAM
#define _GLIBCXX_IOSTREAM 1  // <iostream> itself: its Init object is what we avoid
#endif

// The stand-ins live in namespace std because CLI11 spells them std::NAME.
namespace std {

// A string builder with the few stream operations CLI11's code applies to
// its string streams. Field widths (setw) and manipulators are accepted and
// ignored: nothing CLI11 formats with them is ever shown.
class mc_cli11_text {
 public:
  mc_cli11_text() = default;
  explicit mc_cli11_text(const string& s) : text_(s) {}
  string str() const { return text_; }
  void str(const string& s) {
    text_ = s;
    pos_ = 0;
  }
  bool good() const { return !failed_; }
  bool fail() const { return failed_; }
  explicit operator bool() const { return !failed_; }

  mc_cli11_text& operator<<(const string& s) { return Append(s); }
  mc_cli11_text& operator<<(string_view s) { return Append(s); }
  mc_cli11_text& operator<<(const char* s) { return Append(s); }
  mc_cli11_text& operator<<(char c) { return Append(string_view(&c, 1)); }
  template <typename T>
    requires(is_integral_v<T> && !is_same_v<T, char> && !is_same_v<T, bool>)
  mc_cli11_text& operator<<(T v) {
    char buf[24];
    auto r = to_chars(buf, buf + sizeof buf, v);
    return Append(string_view(buf, static_cast<size_t>(r.ptr - buf)));
  }
  mc_cli11_text& operator<<(bool v) { return Append(v ? "1" : "0"); }
  mc_cli11_text& operator<<(double v) {
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%g", v);
    return Append(string_view(buf, n > 0 ? static_cast<size_t>(n) : 0));
  }
  mc_cli11_text& operator<<(_Setw) { return *this; }
  mc_cli11_text& operator<<(ios_base& (*)(ios_base&)) { return *this; }
  mc_cli11_text& operator<<(mc_cli11_text& (*manip)(mc_cli11_text&)) { return manip(*this); }

  mc_cli11_text& put(char c) { return *this << c; }
  size_t tellp() const { return text_.size(); }
  // What is left to read; from_stream asks rdbuf()->in_avail().
  const mc_cli11_text* rdbuf() const { return this; }
  streamsize in_avail() const { return static_cast<streamsize>(text_.size() - pos_); }

  // One line (up to delim) from what str() was given, as std::getline.
  mc_cli11_text& ReadLine(string& line, char delim) {
    if (pos_ >= text_.size()) {
      failed_ = true;
      return *this;
    }
    size_t end = text_.find(delim, pos_);
    if (end == string::npos) end = text_.size();
    line.assign(text_, pos_, end - pos_);
    pos_ = end < text_.size() ? end + 1 : end;
    return *this;
  }

 private:
  mc_cli11_text& Append(string_view s) {
    text_.append(s);
    return *this;
  }
  string text_;
  size_t pos_ = 0;
  bool failed_ = false;
};

inline mc_cli11_text& getline(mc_cli11_text& in, string& line, char delim = '\n') {
  return in.ReadLine(line, delim);
}
inline mc_cli11_text& mc_cli11_endl(mc_cli11_text& s) { return s << '\n'; }
inline mc_cli11_text& mc_cli11_flush(mc_cli11_text& s) { return s; }

// Config files are never read (no config option is declared): opening one
// fails, as for a missing file.
class mc_cli11_nofile : public mc_cli11_text {
 public:
  explicit mc_cli11_nofile(const string&) { str(string()); }
  bool good() const { return false; }
};

// Declared for the signatures that name them (App::exit's defaults, the
// timer); never defined, because nothing we link uses them.
extern mc_cli11_text mc_cli11_cout;
extern mc_cli11_text mc_cli11_cerr;

// std::isspace(c, std::locale()) and friends: the C locale's <cctype>.
struct mc_cli11_locale {};
template <typename C>
bool isspace(C c, const mc_cli11_locale&) {
  return ::isspace(static_cast<unsigned char>(c)) != 0;
}
template <typename C>
bool isalpha(C c, const mc_cli11_locale&) {
  return ::isalpha(static_cast<unsigned char>(c)) != 0;
}
template <typename C>
C tolower(C c, const mc_cli11_locale&) {
  return static_cast<C>(::tolower(static_cast<unsigned char>(c)));
}

}  // namespace std

#define CLI11_HAS_FILESYSTEM 0
#define stringstream mc_cli11_text
#define ostringstream mc_cli11_text
#define istringstream mc_cli11_text
#define ostream mc_cli11_text
#define istream mc_cli11_text
#define ifstream mc_cli11_nofile
#define cout mc_cli11_cout
#define cerr mc_cli11_cerr
#define endl mc_cli11_endl
#define flush mc_cli11_flush
#define locale mc_cli11_locale

#define ExistingFile ExistingFile_unused()
#define ExistingDirectory ExistingDirectory_unused()
#define ExistingPath ExistingPath_unused()
#define NonexistentPath NonexistentPath_unused()
#define ValidIPV4 ValidIPV4_unused()
#define Number(...) Number_unused()
#define NonNegativeNumber(...) NonNegativeNumber_unused()
#define PositiveNumber(...) PositiveNumber_unused()
// CLI.hpp's headers one by one, so that App's default help formatter and
// config-file reader can be stand-ins (below).
#include <CLI/Version.hpp>
#include <CLI/Macros.hpp>
#include <CLI/StringTools.hpp>
#include <CLI/Error.hpp>
#include <CLI/TypeTools.hpp>
#include <CLI/Split.hpp>
#include <CLI/ConfigFwd.hpp>
#include <CLI/Validators.hpp>
#include <CLI/FormatterFwd.hpp>
#include <CLI/Option.hpp>

namespace CLI {
// Every App is built with a help formatter and a TOML config-file reader
// whose virtual functions (about 25 KB) are linked through the vtables even
// though nothing calls them: our help text is the applet's own and no
// applet reads config files. App.hpp constructs these instead.
class mc_cli11_NoFormatter : public FormatterBase {
 public:
  std::string make_help(const App*, std::string, AppFormatMode) const override { return {}; }
};
class mc_cli11_NoConfig : public Config {
 public:
  std::string to_config(const App*, bool, bool, std::string) const override { return {}; }
  std::vector<ConfigItem> from_config(std::istream&) const override { return {}; }
};
}  // namespace CLI

#define Formatter mc_cli11_NoFormatter
#define ConfigTOML mc_cli11_NoConfig
#include <CLI/App.hpp>
#undef Formatter
#undef ConfigTOML
#include <CLI/Config.hpp>
#include <CLI/Formatter.hpp>
#undef ExistingFile
#undef ExistingDirectory
#undef ExistingPath
#undef NonexistentPath
#undef ValidIPV4
#undef Number
#undef NonNegativeNumber
#undef PositiveNumber

#undef stringstream
#undef ostringstream
#undef istringstream
#undef ostream
#undef istream
#undef ifstream
#undef cout
#undef cerr
#undef endl
#undef flush
#undef locale
