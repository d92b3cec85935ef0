/* @applet cut
   @help
Usage: cut OPTION... [FILE]...
Print selected parts of lines from each FILE to standard output.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --bytes=LIST        select only these bytes
  -c, --characters=LIST   select only these characters
  -d, --delimiter=DELIM   use DELIM instead of TAB for field delimiter
  -f, --fields=LIST       select only these fields;  also print any line
                            that contains no delimiter character, unless
                            the -s option is specified
  -n                      (ignored)
      --complement        complement the set of selected bytes, characters
                            or fields
  -s, --only-delimited    do not print lines not containing delimiters
      --output-delimiter=STRING  use STRING as the output delimiter
                            the default is to use the input delimiter
  -z, --zero-terminated    line delimiter is NUL, not newline
      --help        display this help and exit
      --version     output version information and exit

Use one, and only one of -b, -c or -f.  Each LIST is made up of one
range, or many ranges separated by commas.  Selected input is written
in the same order that it is read, and is written exactly once.
Each range is one of:

  N     N'th byte, character or field, counted from 1
  N-    from N'th byte, character or field, to end of line
  N-M   from N'th to M'th (included) byte, character or field
  -M    from first to M'th (included) byte, character or field
*/
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/field_list.h"
#include "applets/support/input.h"
#include "registry/applet.h"

namespace {

using mc::fieldlist::kEnd;
using mc::fieldlist::Range;
using mc::fieldlist::ParseList;

std::vector<Range> Complement(const std::vector<Range>& rs) {
  std::vector<Range> out;
  std::uint64_t next = 1;
  for (const Range& r : rs) {
    if (r.lo > next) out.push_back({next, r.lo - 1});
    if (r.hi == kEnd) return out;
    next = r.hi + 1;
  }
  out.push_back({next, kEnd});
  return out;
}

struct Options {
  std::vector<Range> ranges;
  bool fields = false;
  bool suppress = false;
  char delim = '\t';
  char eol = '\n';
  bool have_out_delim = false;
  std::string out_delim;
};

// Byte mode, a whole line (without its terminator) in one piece: the
// common case, kept on its own fast path.
void CutBytes(mc::Output& out, std::string_view line, const Options& o) {
  const std::size_t n = line.size();
  bool first = true;
  for (const Range& r : o.ranges) {
    if (r.lo > n) break;
    std::size_t lo = static_cast<std::size_t>(r.lo - 1);
    std::size_t hi = r.hi >= n ? n : static_cast<std::size_t>(r.hi);
    if (o.have_out_delim && !first) out.Write(o.out_delim);
    first = false;
    out.Write(line.substr(lo, hi - lo));
  }
  out.Put(o.eol);
}

// Field mode, a whole line in one piece.
void CutFields(mc::Output& out, std::string_view line, const Options& o) {
  const char* p = line.data();
  const char* end = p + line.size();
  const char* d = static_cast<const char*>(std::memchr(p, o.delim, line.size()));
  if (d == nullptr) {
    if (!o.suppress) {
      out.Write(line);
      out.Put(o.eol);
    }
    return;
  }
  bool printed = false;
  std::uint64_t field = 1;
  auto r = o.ranges.begin();
  const auto rend = o.ranges.end();
  for (;;) {
    // [p, d) is field number `field`; d is its delimiter or end.
    while (r != rend && r->hi < field) ++r;
    if (r == rend) break;
    if (r->lo <= field) {
      if (printed) out.Write(o.out_delim);
      out.Write(std::string_view(p, static_cast<std::size_t>(d - p)));
      printed = true;
    }
    if (d == end) break;
    p = d + 1;
    ++field;
    d = static_cast<const char*>(std::memchr(p, o.delim, static_cast<std::size_t>(end - p)));
    if (d == nullptr) d = end;
  }
  out.Put(o.eol);
}

// Records arrive in pieces (mc::LineReader::NextPiece), so a line of any
// length is cut in bounded memory.

// Byte mode: selected byte ranges, written as they go by.
class ByteCutter {
 public:
  ByteCutter(mc::Output& out, const Options& o) : out_(out), o_(o), r_(o.ranges.begin()) {}

  void Piece(std::string_view s) {
    const auto rend = o_.ranges.end();
    while (!s.empty() && r_ != rend) {
      const std::uint64_t lo = r_->lo - 1, hi = r_->hi;  // [lo, hi), 0-based
      if (pos_ + s.size() <= lo) {
        pos_ += s.size();
        return;
      }
      if (pos_ < lo) {
        s.remove_prefix(static_cast<std::size_t>(lo - pos_));
        pos_ = lo;
      }
      if (pos_ == lo) {
        if (o_.have_out_delim && !first_) out_.Write(o_.out_delim);
        first_ = false;
      }
      const std::uint64_t room = hi - pos_;
      const std::size_t take = room < s.size() ? static_cast<std::size_t>(room) : s.size();
      out_.Write(s.substr(0, take));
      pos_ += take;
      s.remove_prefix(take);
      if (pos_ == hi) ++r_;
    }
  }
  void End() {
    out_.Put(o_.eol);
    pos_ = 0;
    first_ = true;
    r_ = o_.ranges.begin();
  }

 private:
  mc::Output& out_;
  const Options& o_;
  std::vector<Range>::const_iterator r_;
  std::uint64_t pos_ = 0;  // bytes of the record seen
  bool first_ = true;
};

// Field mode. Only the first field may need holding: as in GNU cut, it is
// kept until the first delimiter when a line without any delimiter would
// be printed otherwise than the field is (selected with -s, or not
// selected without -s); in the other cases it is written or dropped as it
// goes by.
class FieldCutter {
 public:
  FieldCutter(mc::Output& out, const Options& o) : out_(out), o_(o) {
    const bool first_selected = !o.ranges.empty() && o.ranges.front().lo <= 1;
    hold_first_ = o.suppress != !first_selected;
    Begin();
  }

  // Bytes of the current field (no delimiter inside).
  void Bytes(std::string_view s) {
    if (skip_ || s.empty()) return;
    if (!seen_delim_ && hold_first_) hold_.Append(s);
    else if (selected_) out_.Write(s);
  }
  // A delimiter: the record has one, so a held first field is settled.
  void SawDelimiter() {
    if (seen_delim_) return;
    seen_delim_ = true;
    if (hold_first_ && selected_) out_.Write(hold_.view());
    hold_.clear();
  }
  // The field after a delimiter begins.
  void StartField() {
    ++field_;
    const auto rend = o_.ranges.end();
    while (r_ != rend && r_->hi < field_) ++r_;
    if (r_ == rend) {
      skip_ = true;  // nothing more of this record is selected
      selected_ = false;
      return;
    }
    selected_ = r_->lo <= field_;
    if (selected_) {
      if (printed_) out_.Write(o_.out_delim);
      printed_ = true;
    }
  }
  // A piece of a record whose delimiter is not the line terminator.
  void Piece(std::string_view s) {
    while (!skip_ && !s.empty()) {
      const char* d = static_cast<const char*>(std::memchr(s.data(), o_.delim, s.size()));
      if (d == nullptr) {
        Bytes(s);
        return;
      }
      const std::size_t n = static_cast<std::size_t>(d - s.data());
      Bytes(s.substr(0, n));
      s.remove_prefix(n + 1);
      SawDelimiter();
      StartField();
    }
  }
  void End() {
    if (seen_delim_) {
      out_.Put(o_.eol);
    } else if (!o_.suppress) {  // no delimiter: the whole line
      if (hold_first_) out_.Write(hold_.view());
      out_.Put(o_.eol);
    }
    Begin();
  }

 private:
  void Begin() {
    field_ = 1;
    r_ = o_.ranges.begin();
    selected_ = r_ != o_.ranges.end() && r_->lo <= 1;
    printed_ = selected_;
    seen_delim_ = skip_ = false;
    hold_.clear();
  }

  mc::Output& out_;
  const Options& o_;
  bool hold_first_;
  std::vector<Range>::const_iterator r_;
  std::uint64_t field_ = 1;
  bool selected_ = false, printed_ = false, seen_delim_ = false, skip_ = false;
  mc::HeldRecord hold_;
};

// Field mode when the delimiter is the line terminator: the whole input is
// one line whose fields are the records. A terminator at the very end
// starts no further field.
void CutRecordFields(mc::Output& out, mc::LineReader& reader, const Options& o) {
  FieldCutter cutter(out, o);
  std::string_view piece;
  bool last, terminated, any = false, pending_field = false;
  while (reader.NextPiece(piece, last, terminated)) {
    any = true;
    if (pending_field) {
      cutter.StartField();
      pending_field = false;
    }
    cutter.Bytes(piece);
    if (last && terminated) {
      cutter.SawDelimiter();
      pending_field = true;
    }
  }
  if (any) cutter.End();
}

}  // namespace

MC_APPLET(cut) {
  Options o;
  std::optional<std::string> list;
  bool fields = false, complement = false, delim_given = false, ignored = false;
  std::optional<std::string> error;
  mc::cli::Parser p(inv);
  auto set_list = [&](const std::string& v, bool f) {
    if (list && !error) error = "only one list may be specified";
    list = v;
    fields = f;
  };
  p.OnValue("-b,--bytes", [&](const std::string& v) { set_list(v, false); });
  p.OnValue("-c,--characters", [&](const std::string& v) { set_list(v, false); });
  p.OnValue("-f,--fields", [&](const std::string& v) { set_list(v, true); });
  p.OnValue("-d,--delimiter", [&](const std::string& v) {
    if (v.size() > 1 && !error) error = "the delimiter must be a single character";
    o.delim = v.empty() ? '\0' : v[0];
    delim_given = true;
  });
  p.Flag("-n", ignored);
  p.Flag("--complement", complement);
  p.Flag("-s,--only-delimited", o.suppress);
  p.OnValue("--output-delimiter", [&](const std::string& v) {
    o.have_out_delim = true;
    // An empty STRING means a NUL byte, as in GNU cut.
    o.out_delim = v.empty() ? std::string(1, '\0') : v;
  });
  bool zero = false;
  p.Flag("-z,--zero-terminated", zero);
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (error) return mc::UsageError(inv, *error);
  if (!list) return mc::UsageError(inv, "you must specify a list of bytes, characters, or fields");
  if (delim_given && !fields)
    return mc::UsageError(inv, "an input delimiter may be specified only when operating on fields");
  if (o.suppress && !fields)
    return mc::UsageError(inv,
                          "suppressing non-delimited lines makes sense\n"
                          "\tonly when operating on fields");
  if (auto msg = ParseList(*list, fields, o.ranges)) return mc::UsageError(inv, *msg);
  if (complement) o.ranges = Complement(o.ranges);
  o.fields = fields;
  o.eol = zero ? '\0' : '\n';
  if (!o.have_out_delim) o.out_delim = std::string(1, o.delim);
  if (files.empty()) files.push_back("-");

  mc::Output& out = inv.out();
  ByteCutter bytes(out, o);
  FieldCutter fields_cut(out, o);
  return mc::ForEachInputRecords(inv, files, o.eol, [&](mc::LineReader& reader) {
    std::string_view piece;
    bool last, terminated;
    if (o.fields && o.delim == o.eol) {
      CutRecordFields(out, reader, o);
    } else {
      // A line that arrives in one piece takes the whole-line path; a longer
      // one streams through the cutter, piece by piece.
      auto cut = [&](auto&& whole_line, auto& streaming) {
        bool at_start = true;
        while (reader.NextPiece(piece, last, terminated)) {
          if (at_start && last) {
            whole_line(out, piece, o);
          } else {
            streaming.Piece(piece);
            if (last) streaming.End();
          }
          at_start = last;
        }
      };
      if (o.fields) cut(CutFields, fields_cut);
      else cut(CutBytes, bytes);
    }
    return true;
  });
}
