/* @applet uniq
   @help
Usage: uniq [OPTION]... [INPUT [OUTPUT]]
Filter adjacent matching lines from INPUT (or standard input),
writing to OUTPUT (or standard output).

With no options, matching lines are merged to the first occurrence.

Mandatory arguments to long options are mandatory for short options too.
  -c, --count           prefix lines by the number of occurrences
  -d, --repeated        only print duplicate lines, one for each group
  -D                    print all duplicate lines
      --all-repeated[=METHOD]  like -D, but allow separating groups
                                 with an empty line;
                                 METHOD={none(default),prepend,separate}
  -f, --skip-fields=N   avoid comparing the first N fields
      --group[=METHOD]  show all items, separating groups with an empty line;
                          METHOD={separate(default),prepend,append,both}
  -i, --ignore-case     ignore differences in case when comparing
  -s, --skip-chars=N    avoid comparing the first N characters
  -u, --unique          only print unique lines
  -z, --zero-terminated     line delimiter is NUL, not newline
  -w, --check-chars=N   compare no more than N characters in lines
      --help        display this help and exit
      --version     output version information and exit

A field is a run of blanks (usually spaces and/or TABs), then non-blank
characters.  Fields are skipped before chars.

Note: 'uniq' does not detect repeated lines unless they are adjacent.
You may want to sort the input first, or use 'sort -u' without 'uniq'.
*/
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

enum class Delimit { kNone, kPrepend, kSeparate, kAppend, kBoth };

struct Settings {
  std::size_t skip_fields = 0, skip_chars = 0, check_chars = SIZE_MAX;
  bool ignore_case = false, count = false;
  bool out_unique = true, out_first = true, out_later = false;  // -d -u -D
  bool all_repeated = false;                        // -D
  Delimit delimit = Delimit::kNone;                 // for -D
  bool grouping = false;                            // --group
  Delimit group = Delimit::kSeparate;
  char delim = '\n';
};

inline bool FieldSep(unsigned char c) { return c == ' ' || c == '\t' || c == '\n'; }

// The part of a line that is compared.
std::string_view Compared(std::string_view l, const Settings& s) {
  std::size_t i = 0, n = l.size();
  for (std::size_t f = 0; f < s.skip_fields && i < n; ++f) {
    while (i < n && FieldSep(static_cast<unsigned char>(l[i]))) ++i;
    while (i < n && !FieldSep(static_cast<unsigned char>(l[i]))) ++i;
  }
  i += std::min(s.skip_chars, n - i);
  std::string_view r = l.substr(i);
  if (r.size() > s.check_chars) r = r.substr(0, s.check_chars);
  return r;
}

bool Same(std::string_view a, std::string_view b, bool icase) {
  if (a.size() != b.size()) return false;
  if (!icase) return std::memcmp(a.data(), b.data(), a.size()) == 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]), y = static_cast<unsigned char>(b[i]);
    if (x >= 'A' && x <= 'Z') x = static_cast<unsigned char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<unsigned char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

void PutCount(mc::Output& out, std::uintmax_t n) {
  char buf[32];
  int len = 0;
  char digits[24];
  do digits[len++] = static_cast<char>('0' + n % 10);
  while ((n /= 10) != 0);
  int k = 0;
  for (int i = len; i < 7; ++i) buf[k++] = ' ';
  while (len) buf[k++] = digits[--len];
  buf[k++] = ' ';
  out.Write(std::string_view(buf, static_cast<std::size_t>(k)));
}

void PutLine(mc::Output& out, std::string_view line, char delim) {
  out.Write(line);
  out.Put(delim);
}

// Parses -f/-s/-w values: a huge number means "all".
bool Size(const std::string& v, std::size_t& out) {
  std::uintmax_t n;
  switch (mc::ParseUnsigned(v, n)) {
    case mc::NumError::kOk:
      out = n > SIZE_MAX ? SIZE_MAX : static_cast<std::size_t>(n);
      return true;
    case mc::NumError::kOverflow:
      out = SIZE_MAX;
      return true;
    default:
      return false;
  }
}

constexpr mc::Choice kAllRepeated[] = {
    {"none", int(Delimit::kNone)}, {"prepend", int(Delimit::kPrepend)}, {"separate", int(Delimit::kSeparate)}};
constexpr mc::Choice kGroup[] = {{"prepend", int(Delimit::kPrepend)},
                                 {"append", int(Delimit::kAppend)},
                                 {"separate", int(Delimit::kSeparate)},
                                 {"both", int(Delimit::kBoth)}};

}  // namespace

MC_APPLET(uniq) {
  Settings s;
  bool d = false, u = false;
  std::string bad;  // first invalid option argument, reported after parsing
  mc::cli::Parser p(inv);
  p.Flag("-c,--count", s.count);
  p.OnFlag("-d,--repeated", [&] { d = true; });
  p.OnFlag("-D", [&] {
    s.all_repeated = true;
  });
  bool argmatch_failed = false;
  p.OptionalValue("--all-repeated", [&](std::optional<std::string_view> v) {
    s.all_repeated = true;
    if (!v) {
      s.delimit = Delimit::kNone;
      return;
    }
    if (auto r = mc::ArgMatch(inv, *v, "--all-repeated", kAllRepeated)) s.delimit = Delimit(*r);
    else argmatch_failed = true;
  });
  p.OptionalValue("--group", [&](std::optional<std::string_view> v) {
    s.grouping = true;
    if (!v) {
      s.group = Delimit::kSeparate;
      return;
    }
    if (auto r = mc::ArgMatch(inv, *v, "--group", kGroup)) s.group = Delimit(*r);
    else argmatch_failed = true;
  });
  p.OnValue("-f,--skip-fields", [&](const std::string& v) {
    if (!Size(v, s.skip_fields) && bad.empty()) bad = v + ": invalid number of fields to skip";
  });
  p.OnValue("-s,--skip-chars", [&](const std::string& v) {
    if (!Size(v, s.skip_chars) && bad.empty()) bad = v + ": invalid number of bytes to skip";
  });
  p.OnValue("-w,--check-chars", [&](const std::string& v) {
    if (!Size(v, s.check_chars) && bad.empty()) bad = v + ": invalid number of bytes to compare";
  });
  p.Flag("-i,--ignore-case", s.ignore_case);
  p.OnFlag("-u,--unique", [&] { u = true; });
  p.OnFlag("-z,--zero-terminated", [&] { s.delim = '\0'; });

  // Obsolete forms: -N skips N fields, +N skips N characters.
  std::vector<std::string> args;
  bool ended = false, takes_value = false;
  for (char* a : inv.args()) {
    std::string arg(a);
    bool value = takes_value;
    takes_value = false;
    if (value) {
      args.push_back(std::move(arg));
      continue;
    }
    if (!ended && arg == "--") ended = true;
    if (!ended && arg.size() >= 2 && arg[0] == '-') {
      // Does this option need the next argument as its value?
      if (arg[1] != '-') {
        std::size_t i = 1;
        while (i < arg.size() && std::strchr("cdDiuz", arg[i]) != nullptr) ++i;
        takes_value = i == arg.size() - 1 && std::strchr("fsw", arg[i]) != nullptr;
      } else if (arg.find('=') == std::string::npos && arg.size() > 2) {
        for (const char* l : {"--skip-fields", "--skip-chars", "--check-chars"})
          if (std::string_view(l).substr(0, arg.size()) == arg) takes_value = true;
      }
    }
    bool digits = arg.size() > 1 && arg.find_first_not_of("0123456789", 1) == std::string::npos;
    if (!ended && digits && arg[0] == '-') {
      args.push_back("-f");
      args.push_back(arg.substr(1));
    } else if (!ended && digits && arg[0] == '+' && !inv.posixly_correct()) {
      args.push_back("-s");
      args.push_back(arg.substr(1));
    } else {
      args.push_back(std::move(arg));
    }
  }
  std::vector<std::string> operands;
  if (auto rc = p.Parse(args, &operands)) return *rc;
  if (argmatch_failed) return mc::UsageError(inv, "");
  if (!bad.empty()) {
    mc::Warn(inv, bad);
    return 1;
  }
  if (operands.size() > 2) return mc::UsageError(inv, "extra operand " + mc::Quote(operands[2]));
  if (s.grouping && (s.count || d || u || s.all_repeated))
    return mc::UsageError(inv, "--group is mutually exclusive with -c/-d/-D/-u");
  if (s.count && s.all_repeated)
    return mc::UsageError(inv, "printing all duplicated lines and repeat counts is meaningless");
  if (d || s.all_repeated) s.out_unique = false;
  if (s.all_repeated) s.out_later = true;
  if (u) s.out_first = false;

  std::string in_name = operands.empty() ? "-" : operands[0];
  int in = mc::OpenInput(inv, in_name);
  if (in < 0) return 1;
  int out_fd = -1;
  std::unique_ptr<mc::Output> file_out;
  if (operands.size() == 2 && operands[1] != "-") {
    out_fd = ::open(operands[1].c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (out_fd < 0) {
      mc::WarnErrno(inv, mc::QuoteName(operands[1]), errno);
      mc::CloseInput(inv, in);
      return 1;
    }
    file_out = std::make_unique<mc::Output>(out_fd);
  }
  mc::Output& out = file_out ? *file_out : inv.out();
  const char delim = s.delim;

  mc::LineReader reader(in, delim);
  // The first line of the current group, taken over from the reader
  // (without a copy when it is long).
  mc::HeldRecord prev_rec;
  std::string_view prev;
  std::string_view prev_key;  // its compared part
  bool have_prev = false;
  std::uintmax_t group_size = 0;
  bool first_group_out = true;  // for -D / --group separators
  std::string_view line;

  int status = 0;
  try {
    if (s.grouping) {
      while (reader.Next(line)) {
        std::string_view key = Compared(line, s);
        bool same = have_prev && Same(prev_key, key, s.ignore_case);
        if (!same) {
          if (have_prev || s.group == Delimit::kPrepend || s.group == Delimit::kBoth)
            out.Put(delim);
          prev = reader.Keep(line, prev_rec);  // the group's first line is kept for comparisons
          prev_key = Compared(prev, s);
          have_prev = true;
        }
        PutLine(out, line, delim);
      }
      if (have_prev && (s.group == Delimit::kAppend || s.group == Delimit::kBoth))
        out.Put(delim);
    } else {
      // GNU's model: a group's lines are "later repeated" (followed by an
      // equal line) or its last line; lines are written with the count of
      // matches seen so far.
      auto write = [&](std::string_view l, bool match, std::uintmax_t n) {
        if (!(n == 0 ? s.out_unique : !match ? s.out_first : s.out_later)) return;
        if (s.count) PutCount(out, n + 1);
        PutLine(out, l, delim);
      };
      if (reader.Next(line)) {
        prev = reader.Keep(line, prev_rec);
        prev_key = Compared(prev, s);
        have_prev = true;
      }
      while (have_prev && reader.Next(line)) {
        bool match = Same(prev_key, Compared(line, s), s.ignore_case);
        if (match) ++group_size;
        if (s.delimit != Delimit::kNone) {
          if (!match) {
            if (group_size) first_group_out = false;
          } else if (group_size == 1) {
            if (s.delimit == Delimit::kPrepend || (s.delimit == Delimit::kSeparate && !first_group_out))
              out.Put(delim);
          }
        }
        if (!match || s.out_later) {
          write(prev, match, group_size);
          prev = reader.Keep(line, prev_rec);
          prev_key = Compared(prev, s);
          if (!match) group_size = 0;
        }
      }
      if (have_prev) write(prev, false, group_size);
    }
    if (reader.error() != 0) {
      mc::Warn(inv, "error reading " + mc::Quote(in_name));
      status = 1;
    }
    if (file_out) file_out->Flush();
  } catch (const mc::WriteError& e) {
    if (!file_out) throw;
    mc::WarnErrno(inv, "write error", e.error);
    status = 1;
  }
  mc::CloseInput(inv, in);
  if (out_fd >= 0 && ::close(out_fd) != 0 && status == 0) {
    mc::WarnErrno(inv, mc::QuoteName(operands[1]), errno);
    status = 1;
  }
  return status;
}
