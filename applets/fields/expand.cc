/* @applet expand
   @help
Usage: expand [OPTION]... [FILE]...
Convert tabs in each FILE to spaces, writing to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -i, --initial    do not convert tabs after non blanks
  -t, --tabs=N     have tabs N characters apart, not 8
  -t, --tabs=LIST  use comma separated list of tab positions.
                     The last specified position can be prefixed with '/'
                     to specify a tab size to use after the last
                     explicitly specified tab stop.  Also a prefix of '+'
                     can be used to align remaining tab stops relative to
                     the last specified tab stop instead of the first column
      --help        display this help and exit
      --version     output version information and exit
*/
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/fields/tabstops.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "registry/applet.h"

namespace {

constexpr std::string_view kSpaces =
    "                                                                ";

void Spaces(mc::Output& out, std::uint64_t n) {
  while (n > 0) {
    std::size_t k = n < kSpaces.size() ? static_cast<std::size_t>(n) : kSpaces.size();
    out.Write(kSpaces.substr(0, k));
    n -= k;
  }
}

}  // namespace

MC_APPLET(expand) {
  mc::fields::TabStops tabs;
  bool initial = false;
  std::optional<std::string> error;
  mc::cli::Parser p(inv);
  p.Flag("-i,--initial", initial);
  p.OnValue("-t,--tabs", [&](const std::string& v) {
    if (!error) error = tabs.Parse(v);
  });
  std::vector<std::string> files;
  if (auto rc = p.Parse(mc::fields::ArgsWithObsoleteTabs(inv), &files)) return *rc;
  if (!error) error = tabs.Finish();
  if (error) {
    mc::Warn(inv, *error);
    return 1;
  }
  if (files.empty()) files.push_back("-");

  // Lines arrive in pieces (mc::LineReader::NextPiece); the column, the
  // tab stop index and -i's state carry across them.
  mc::Output& out = inv.out();
  std::uint64_t column = 0;
  std::size_t tab_index = 0;
  bool convert = true;
  return mc::ForEachInputRecords(inv, files, '\n', [&](mc::LineReader& reader) {
    std::string_view piece;
    bool last, terminated;
    while (reader.NextPiece(piece, last, terminated)) {
      if (!convert || (last && column == 0 &&
                       std::memchr(piece.data(), '\t', piece.size()) == nullptr)) {
        out.Write(piece);  // nothing here to convert
      } else {
        std::size_t run = 0;  // start of the plain run not yet written
        for (std::size_t i = 0; i < piece.size(); ++i) {
          const char c = piece[i];
          if (c == '\t' && convert) {
            out.Write(piece.substr(run, i - run));
            run = i + 1;
            bool past_last;
            std::uint64_t next = tabs.Next(column, &tab_index, &past_last);
            if (past_last) next = column + 1;
            Spaces(out, next - column);
            column = next;
            continue;
          }
          if (c == '\b') {
            column -= column > 0;
          } else {
            ++column;
          }
          if (initial && c != ' ' && c != '\t') convert = false;
        }
        out.Write(piece.substr(run));
      }
      if (last) {
        if (terminated) out.Put('\n');
        column = 0;
        tab_index = 0;
        convert = true;
      }
    }
    return true;
  });
}
