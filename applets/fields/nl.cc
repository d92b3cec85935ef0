/* @applet nl
   @help
Usage: nl [OPTION]... [FILE]...
Write each FILE to standard output, with line numbers added.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  -b, --body-numbering=STYLE      use STYLE for numbering body lines
  -d, --section-delimiter=CC      use CC for logical page delimiters
  -f, --footer-numbering=STYLE    use STYLE for numbering footer lines
  -h, --header-numbering=STYLE    use STYLE for numbering header lines
  -i, --line-increment=NUMBER     line number increment at each line
  -l, --join-blank-lines=NUMBER   group of NUMBER empty lines counted as one
  -n, --number-format=FORMAT      insert line numbers according to FORMAT
  -p, --no-renumber               do not reset line numbers for each section
  -s, --number-separator=STRING   add STRING after (possible) line number
  -v, --starting-line-number=NUMBER  first line number for each section
  -w, --number-width=NUMBER       use NUMBER columns for line numbers
      --help        display this help and exit
      --version     output version information and exit

Default options are: -bt -d'\:' -fn -hn -i1 -l1 -n'rn' -s<TAB> -v1 -w6

CC are two delimiter characters used to construct logical page delimiters;
a missing second character implies ':'.  As a GNU extension one can specify
more than two characters, and also specifying the empty string (-d '')
disables section matching.

STYLE is one of:

  a      number all lines
  t      number only nonempty lines
  n      number no lines
  pBRE   number only lines that contain a match for the basic regular
         expression, BRE

FORMAT is one of:

  ln     left justified, no leading zeros
  rn     right justified, no leading zeros
  rz     right justified, leading zeros
*/
#include <regex.h>

#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

struct Regex {
  regex_t re;
  bool compiled = false;
  ~Regex() {
    if (compiled) regfree(&re);
  }
};

struct Style {
  char kind = 'n';  // a t n p
  std::shared_ptr<Regex> regex;
};

enum class Format { kLn, kRn, kRz };

void Pad(mc::Output& out, char c, std::uint64_t n) {
  char buf[256];
  for (char& b : buf) b = c;
  while (n > 0) {
    std::size_t k = n < sizeof buf ? static_cast<std::size_t>(n) : sizeof buf;
    out.Write(std::string_view(buf, k));
    n -= k;
  }
}

}  // namespace

MC_APPLET(nl) {
  Style styles[3];  // header, body, footer
  styles[1].kind = 't';
  std::string delim = "\\:";
  std::intmax_t increment = 1, start = 1;
  std::uintmax_t blank_join = 1, width = 6;
  Format format = Format::kRn;
  bool no_renumber = false;
  std::string separator = "\t";
  std::optional<std::string> usage_error, error;

  auto set_style = [&](int which, const std::string& v, const char* what) {
    Style s;
    if (v == "a" || v == "t" || v == "n") {
      s.kind = v[0];
    } else if (!v.empty() && v[0] == 'p') {
      s.kind = 'p';
      s.regex = std::make_shared<Regex>();
      int rc = regcomp(&s.regex->re, v.c_str() + 1, REG_NOSUB);
      if (rc != 0) {
        char msg[256];
        regerror(rc, &s.regex->re, msg, sizeof msg);
        if (!error && !usage_error) error = msg;
        return;
      }
      s.regex->compiled = true;
    } else {
      if (!usage_error && !error)
        usage_error = std::string("invalid ") + what + " numbering style: " + mc::Quote(v);
      return;
    }
    styles[which] = s;
  };
  auto number_error = [&](const std::string& what, const std::string& v, mc::NumError e,
                          bool range) {
    if (error || usage_error) return;
    std::string msg = "invalid " + what + ": " + mc::Quote(v);
    if (e == mc::NumError::kOverflow) msg += ": Value too large for defined data type";
    else if (range) msg += ": Numerical result out of range";
    error = msg;
  };
  auto positive = [&](const std::string& what, const std::string& v, std::uintmax_t max,
                      std::uintmax_t& out) {
    std::intmax_t n;
    mc::NumError e = mc::ParseSigned(v, n);
    if (e == mc::NumError::kInvalid) return number_error(what, v, e, false);
    if (e == mc::NumError::kOverflow && n > 0) return number_error(what, v, e, false);
    if (n < 1) return number_error(what, v, mc::NumError::kOk, true);
    if (static_cast<std::uintmax_t>(n) > max)
      return number_error(what, v, mc::NumError::kOverflow, false);
    out = static_cast<std::uintmax_t>(n);
  };
  auto signed_value = [&](const std::string& what, const std::string& v, std::intmax_t& out) {
    mc::NumError e = mc::ParseSigned(v, out);
    if (e != mc::NumError::kOk) number_error(what, v, e, false);
  };

  mc::cli::Parser p(inv);
  // In GNU's order, which an ambiguity message lists.
  p.OnValue("-h,--header-numbering",
            [&](const std::string& v) { set_style(0, v, "header"); });
  p.OnValue("-b,--body-numbering",
            [&](const std::string& v) { set_style(1, v, "body"); });
  p.OnValue("-f,--footer-numbering",
            [&](const std::string& v) { set_style(2, v, "footer"); });
  p.OnValue("-v,--starting-line-number", [&](const std::string& v) {
    signed_value("starting line number", v, start);
  });
  p.OnValue("-i,--line-increment", [&](const std::string& v) {
    signed_value("line number increment", v, increment);
  });
  p.Flag("-p,--no-renumber", no_renumber);
  p.OnValue("-l,--join-blank-lines", [&](const std::string& v) {
    positive("line number of blank lines", v, UINTMAX_MAX, blank_join);
  });
  p.OnValue("-s,--number-separator", [&](const std::string& v) { separator = v; });
  p.OnValue("-w,--number-width", [&](const std::string& v) {
    positive("line number field width", v, INT_MAX, width);
  });
  p.OnValue("-n,--number-format", [&](const std::string& v) {
    if (v == "ln") format = Format::kLn;
    else if (v == "rn") format = Format::kRn;
    else if (v == "rz") format = Format::kRz;
    else if (!usage_error && !error) usage_error = "invalid line numbering format: " + mc::Quote(v);
  });
  p.OnValue("-d,--section-delimiter", [&](const std::string& v) {
    delim = v;
    if (delim.size() == 1) delim += ':';
  });
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (usage_error) return mc::UsageError(inv, *usage_error);
  if (error) {
    mc::Warn(inv, *error);
    return 1;
  }
  if (files.empty()) files.push_back("-");

  const std::string footer_delim = delim;
  const std::string body_delim = delim + delim;
  const std::string header_delim = delim + delim + delim;

  mc::Output& out = inv.out();
  std::intmax_t line_no = start;
  bool overflow = false;
  int section = 1;
  std::uintmax_t blank_run = 0;

  auto print_number = [&]() -> bool {
    if (overflow) return false;
    char digits[32];
    int len = 0;
    std::uintmax_t mag = line_no < 0 ? 0 - static_cast<std::uintmax_t>(line_no)
                                     : static_cast<std::uintmax_t>(line_no);
    do digits[len++] = static_cast<char>('0' + mag % 10);
    while ((mag /= 10) != 0);
    const bool neg = line_no < 0;
    const std::uint64_t used = static_cast<std::uint64_t>(len) + neg;
    const std::uint64_t pad = width > used ? width - used : 0;
    if (format == Format::kRn) Pad(out, ' ', pad);
    if (neg) out.Put('-');
    if (format == Format::kRz) Pad(out, '0', pad);
    while (len) out.Put(digits[--len]);
    if (format == Format::kLn) Pad(out, ' ', pad);
    out.Write(separator);
    if (__builtin_add_overflow(line_no, increment, &line_no)) overflow = true;
    return true;
  };

  bool fatal = false;
  const int status = mc::ForEachInputRecords(inv, files, '\n', [&](mc::LineReader& reader) {
    std::string_view line;
    while (reader.Next(line)) {
      if (!delim.empty()) {
        int next = -1;
        if (line == header_delim) next = 0;
        else if (line == body_delim) next = 1;
        else if (line == footer_delim) next = 2;
        if (next >= 0) {
          section = next;
          if (!no_renumber) {
            line_no = start;
            overflow = false;
          }
          blank_run = 0;
          out.Put('\n');
          continue;
        }
      }
      const Style& st = styles[section];
      bool number = false;
      switch (st.kind) {
        case 'a':
          if (line.empty() && blank_join > 1) {
            number = ++blank_run == blank_join;
            if (number) blank_run = 0;
          } else {
            blank_run = 0;
            number = true;
          }
          break;
        case 't': number = !line.empty(); break;
        case 'p': {
          std::string s(line);
          number = regexec(&st.regex->re, s.c_str(), 0, nullptr, 0) == 0;
          break;
        }
        default: break;
      }
      if (number) {
        if (!print_number()) {
          mc::Warn(inv, "line number overflow");
          fatal = true;
          break;
        }
      } else {
        Pad(out, ' ', width + separator.size());
      }
      out.Write(line);
      out.Put('\n');  // added to a last line without one, as GNU nl does
    }
    return !fatal;
  });
  if (fatal) return 1;
  return status;
}
