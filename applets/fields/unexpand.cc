/* @applet unexpand
   @help
Usage: unexpand [OPTION]... [FILE]...
Convert blanks in each FILE to tabs, writing to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all        convert all blanks, instead of just initial blanks
      --first-only  convert only leading sequences of blanks (overrides -a)
  -t, --tabs=N     have tabs N characters apart instead of 8 (enables -a)
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

// Converts one line (without its newline). Blanks are held back until it
// is known whether they reach a tab stop; a run that does becomes one tab,
// except a lone space just before the stop, which stays a space.
void Unexpand(mc::Output& out, std::string_view line, const mc::fields::TabStops& tabs,
              bool all, std::string& pending) {
  std::uint64_t column = 0;
  std::size_t tab_index = 0;
  bool convert = true, prev_blank = true, one_blank_before_stop = false;
  pending.clear();
  std::size_t i = 0;
  for (; i < line.size() && convert; ++i) {
    char c = line[i];
    const bool blank = c == ' ' || c == '\t';
    if (blank) {
      bool past_last;
      std::uint64_t next = tabs.Next(column, &tab_index, &past_last);
      if (past_last) convert = false;
      if (convert) {
        if (c == '\t') {
          column = next;
          if (!pending.empty()) pending[0] = '\t';
        } else {
          ++column;
          if (!(prev_blank && column == next)) {
            // Not yet known whether the held blanks become a tab.
            if (column == next) one_blank_before_stop = true;
            pending.push_back(c);
            prev_blank = true;
            continue;
          }
          // The held blanks and this one reach a stop: one tab.
          c = '\t';
          if (!pending.empty()) pending[0] = '\t';
        }
        // Drop the held blanks, unless it was a lone one just before the
        // previous stop.
        pending.resize(one_blank_before_stop ? 1 : 0);
      }
    } else if (c == '\b') {
      column -= column > 0;
      if (tab_index > 0) --tab_index;
    } else {
      ++column;
    }
    if (!pending.empty()) {
      if (pending.size() > 1 && one_blank_before_stop) pending[0] = '\t';
      out.Write(pending);
      pending.clear();
      one_blank_before_stop = false;
    }
    prev_blank = blank;
    convert = convert && (all || blank);
    out.Put(c);
  }
  if (!pending.empty()) {
    if (pending.size() > 1 && one_blank_before_stop) pending[0] = '\t';
    out.Write(pending);
  }
  out.Write(line.substr(i));
}

}  // namespace

MC_APPLET(unexpand) {
  mc::fields::TabStops tabs;
  bool all = false, first_only = false, tabs_given = false;
  std::optional<std::string> error;
  mc::cli::Parser p(inv);
  p.Flag("-a,--all", all);
  p.Flag("--first-only", first_only);
  p.OnValue("-t,--tabs", [&](const std::string& v) {
    tabs_given = true;
    if (!error) error = tabs.Parse(v);
  });
  std::vector<std::string> files;
  p.OnValue("--obsolete-tabs", [&](const std::string& v) {
    if (!error) error = tabs.Parse(v);
  });
  // The obsolete -N form sets stops without implying -a.
  if (auto rc = p.Parse(mc::fields::ArgsWithObsoleteTabs(inv, "--obsolete-tabs="), &files))
    return *rc;
  if (!error) error = tabs.Finish();
  if (error) {
    mc::Warn(inv, *error);
    return 1;
  }
  if (tabs_given) all = true;
  if (first_only) all = false;
  if (files.empty()) files.push_back("-");

  mc::Output& out = inv.out();
  std::string pending;
  return mc::ForEachInputRecords(inv, files, '\n', [&](mc::LineReader& reader) {
    std::string_view line;
    bool terminated;
    while (reader.Next(line, terminated)) {
      Unexpand(out, line, tabs, all, pending);
      if (terminated) out.Put('\n');
    }
    return true;
  });
}
