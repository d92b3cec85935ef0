/* @applet dircolors
   @install usr/bin
   @help
Usage: dircolors [OPTION]... [FILE]
Output commands to set the LS_COLORS environment variable.

Determine format of output:
  -b, --sh, --bourne-shell    output Bourne shell code to set LS_COLORS
  -c, --csh, --c-shell        output C shell code to set LS_COLORS
  -p, --print-database        output defaults
      --print-ls-colors       output fully escaped colors for display
      --help        display this help and exit
      --version     output version information and exit

If FILE is specified, read it to determine which colors to use for which
file types and extensions.  Otherwise, a precompiled database is used.
For details on the format of these files, run 'dircolors --print-database'.
*/
#include <strings.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "applets/files/colors.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/wildcard.h"
#include "registry/applet.h"

namespace {

enum class Syntax { kUnknown, kBourne, kC };

bool Space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool SameWord(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// Appends s, backslash-escaping ':' and '=' that are not already escaped
// (by '\' or '^') and writing ' for a single-quoted shell word.
void AppendQuoted(std::string& out, std::string_view s) {
  bool need_backslash = true;
  for (char c : s) {
    switch (c) {
      case '\'':
        out += "'\\'";
        need_backslash = true;
        break;
      case '\\':
      case '^':
        need_backslash = !need_backslash;
        break;
      case ':':
      case '=':
        if (need_backslash) out += '\\';
        need_backslash = true;
        break;
      default:
        need_backslash = true;
        break;
    }
    out += c;
  }
}

struct Compiler {
  mc::Invocation& inv;
  bool ls_colors = false;  // --print-ls-colors
  std::string out;

  void Entry(std::string_view prefix, std::string_view item, std::string_view arg) {
    if (ls_colors) {
      out += "\033[";
      out += arg;
      out += 'm';
      out += prefix;
      out += item;
      out += '\t';
      out += arg;
      out += "\033[0m\n";
      return;
    }
    out += prefix;
    AppendQuoted(out, item);
    out += '=';
    AppendQuoted(out, arg);
    out += ':';
  }

  // One database text; NAME labels messages ("FILE:LINE: ...").
  bool Parse(std::string_view text, std::string_view name) {
    const char* term = std::getenv("TERM");
    if (!term || !*term) term = "none";
    const char* colorterm = std::getenv("COLORTERM");
    if (!colorterm) colorterm = "";
    enum { kTermNo, kTermYes, kTermSure, kGlobal } state = kGlobal;
    bool ok = true;
    std::size_t line_no = 0, pos = 0;
    while (pos < text.size()) {
      std::size_t nl = text.find('\n', pos);
      std::size_t end = nl == std::string_view::npos ? text.size() : nl;
      std::string_view line = text.substr(pos, end - pos);
      pos = nl == std::string_view::npos ? text.size() : nl + 1;
      ++line_no;
      // A NUL ends the line as it does for GNU's C strings.
      if (std::size_t z = line.find('\0'); z != std::string_view::npos) line = line.substr(0, z);
      std::size_t i = 0;
      while (i < line.size() && Space(line[i])) ++i;
      if (i == line.size() || line[i] == '#') continue;
      std::size_t k = i;
      while (i < line.size() && !Space(line[i])) ++i;
      std::string_view keyword = line.substr(k, i - k);
      std::string_view arg;
      bool has_arg = false;
      if (i < line.size()) {
        do ++i;
        while (i < line.size() && Space(line[i]));
        if (i < line.size() && line[i] != '#') {
          std::size_t a = i;
          while (i < line.size() && line[i] != '#') ++i;
          std::size_t e = i;
          while (e > a && Space(line[e - 1])) --e;
          arg = line.substr(a, e - a);
          has_arg = true;
        }
      }
      if (!has_arg) {
        mc::Warn(inv, mc::QuoteName(name) + ":" + std::to_string(line_no) +
                          ": invalid line;  missing second token");
        ok = false;
        continue;
      }
      bool unrecognized = false;
      if (SameWord(keyword, "TERM")) {
        if (state != kTermSure) state = mc::WildcardMatch(arg, term) ? kTermSure : kTermNo;
      } else if (SameWord(keyword, "COLORTERM")) {
        if (state != kTermSure) state = mc::WildcardMatch(arg, colorterm) ? kTermSure : kTermNo;
      } else {
        if (state == kTermSure) state = kTermYes;
        if (state != kTermNo) {
          if (keyword[0] == '.') {
            Entry("*", keyword, arg);
          } else if (keyword[0] == '*') {
            Entry("", keyword, arg);
          } else if (SameWord(keyword, "OPTIONS") || SameWord(keyword, "COLOR") ||
                     SameWord(keyword, "EIGHTBIT")) {
            // Slackware's keywords: accepted and ignored.
          } else if (int ind = mc::colors::KeywordIndicator(keyword); ind >= 0) {
            Entry("", mc::colors::kIndNames[ind], arg);
          } else {
            unrecognized = true;
          }
        }
      }
      if (unrecognized && (state == kTermSure || state == kTermYes)) {
        mc::Warn(inv, mc::QuoteName(name) + ":" + std::to_string(line_no) +
                          ": unrecognized keyword " + std::string(keyword));
        ok = false;
      }
    }
    return ok;
  }
};

// Reads all of FILE ("-": standard input). False (reported) on failure.
bool ReadFile(mc::Invocation& inv, const std::string& name, std::string& text) {
  int fd = mc::OpenInput(inv, name);
  if (fd < 0) return false;
  char buf[65536];
  for (;;) {
    long n = mc::ReadSome(fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      // GNU's getline loop ends quietly on a directory.
      if (errno != EISDIR) {
        mc::WarnErrno(inv, mc::QuoteName(name) + ": read error", errno);
        mc::CloseInput(inv, fd);
        return false;
      }
      break;
    }
    text.append(buf, static_cast<std::size_t>(n));
  }
  mc::CloseInput(inv, fd);
  return true;
}

Syntax GuessSyntax() {
  const char* shell = std::getenv("SHELL");
  if (!shell || !*shell) return Syntax::kUnknown;
  std::string_view s(shell);
  std::size_t slash = s.rfind('/');
  if (slash != std::string_view::npos) s.remove_prefix(slash + 1);
  return (s == "csh" || s == "tcsh") ? Syntax::kC : Syntax::kBourne;
}

}  // namespace

MC_APPLET(dircolors) {
  mc::cli::Parser p(inv);
  Syntax syntax = Syntax::kUnknown;
  bool print_db = false, ls_colors = false;
  p.OnFlag("-b,--sh,--bourne-shell", [&] { syntax = Syntax::kBourne; });
  p.OnFlag("-c,--csh,--c-shell", [&] { syntax = Syntax::kC; });
  p.Flag("-p,--print-database", print_db);
  p.Flag("--print-ls-colors", ls_colors);
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if ((print_db || ls_colors) && syntax != Syntax::kUnknown)
    return mc::UsageError(inv,
                          "the options to output non shell syntax,\n"
                          "and to select a shell syntax are mutually exclusive");
  if (print_db && ls_colors)
    return mc::UsageError(inv,
                          "options --print-database and --print-ls-colors are mutually exclusive");
  if (files.size() > (print_db ? 0u : 1u)) {
    std::string msg = "extra operand " + mc::Quote(files[print_db ? 0 : 1]);
    if (print_db) msg += "\nfile operands cannot be combined with --print-database (-p)";
    return mc::UsageError(inv, msg);
  }
  if (print_db) {
    inv.out().Write(mc::colors::Database());
    return 0;
  }
  if (!ls_colors && syntax == Syntax::kUnknown) {
    syntax = GuessSyntax();
    if (syntax == Syntax::kUnknown)
      mc::Die(inv, "no SHELL environment variable, and no shell type option given");
  }
  Compiler c{inv, ls_colors, {}};
  bool ok;
  if (files.empty()) {
    ok = c.Parse(mc::colors::Database(), "<internal>");
  } else {
    std::string text;
    ok = ReadFile(inv, files[0], text) && c.Parse(text, files[0]);
  }
  if (!ok) return 1;
  if (ls_colors) {
    inv.out().Write(c.out);
  } else if (syntax == Syntax::kBourne) {
    inv.out().Write("LS_COLORS='");
    inv.out().Write(c.out);
    inv.out().Write("';\nexport LS_COLORS\n");
  } else {
    inv.out().Write("setenv LS_COLORS '");
    inv.out().Write(c.out);
    inv.out().Write("'\n");
  }
  return 0;
}
