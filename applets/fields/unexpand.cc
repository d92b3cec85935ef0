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

// Converts lines that arrive in pieces (mc::LineReader::NextPiece). Blanks
// are held back until it is known whether they reach a tab stop; a run that
// does becomes one tab, except a lone space just before the stop, which
// stays a space. The state of the current line carries across pieces.
class Unexpander {
 public:
  Unexpander(const mc::fields::TabStops& tabs, bool all) : tabs_(tabs), all_(all) {}

  void Piece(mc::Output& out, std::string_view line) {
    std::size_t i = 0;
    for (; i < line.size() && convert_; ++i) {
      char c = line[i];
      const bool blank = c == ' ' || c == '\t';
      if (blank) {
        bool past_last;
        std::uint64_t next = tabs_.Next(column_, &tab_index_, &past_last);
        if (past_last) convert_ = false;
        if (convert_) {
          if (c == '\t') {
            column_ = next;
            if (!pending_.empty()) pending_[0] = '\t';
          } else {
            ++column_;
            if (!(prev_blank_ && column_ == next)) {
              // Not yet known whether the held blanks become a tab.
              if (column_ == next) one_blank_before_stop_ = true;
              pending_.push_back(c);
              prev_blank_ = true;
              continue;
            }
            // The held blanks and this one reach a stop: one tab.
            c = '\t';
            if (!pending_.empty()) pending_[0] = '\t';
          }
          // Drop the held blanks, unless it was a lone one just before the
          // previous stop.
          pending_.resize(one_blank_before_stop_ ? 1 : 0);
        }
      } else if (c == '\b') {
        column_ -= column_ > 0;
        if (tab_index_ > 0) --tab_index_;
      } else {
        ++column_;
      }
      if (!pending_.empty()) {
        if (pending_.size() > 1 && one_blank_before_stop_) pending_[0] = '\t';
        out.Write(pending_);
        pending_.clear();
        one_blank_before_stop_ = false;
      }
      prev_blank_ = blank;
      convert_ = convert_ && (all_ || blank);
      out.Put(c);
    }
    if (!convert_) FlushPending(out);
    out.Write(line.substr(i));
  }

  void End(mc::Output& out) {
    FlushPending(out);
    column_ = 0;
    tab_index_ = 0;
    convert_ = prev_blank_ = true;
    one_blank_before_stop_ = false;
  }

 private:
  void FlushPending(mc::Output& out) {
    if (pending_.empty()) return;
    if (pending_.size() > 1 && one_blank_before_stop_) pending_[0] = '\t';
    out.Write(pending_);
    pending_.clear();
  }

  const mc::fields::TabStops& tabs_;
  const bool all_;
  std::uint64_t column_ = 0;
  std::size_t tab_index_ = 0;
  bool convert_ = true, prev_blank_ = true, one_blank_before_stop_ = false;
  std::string pending_;
};

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
  Unexpander unexpander(tabs, all);
  return mc::ForEachInputRecords(inv, files, '\n', [&](mc::LineReader& reader) {
    std::string_view piece;
    bool last, terminated;
    while (reader.NextPiece(piece, last, terminated)) {
      unexpander.Piece(out, piece);
      if (last) {
        unexpander.End(out);
        if (terminated) out.Put('\n');
      }
    }
    return true;
  });
}
