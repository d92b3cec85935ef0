/* @applet pr
   @install usr/bin
   @help
Usage: pr [OPTION]... [FILE]...
Paginate or columnate FILE(s) for printing.

With no FILE, or when FILE is -, read standard input.

Mandatory arguments to long options are mandatory for short options too.
  +FIRST_PAGE[:LAST_PAGE], --pages=FIRST_PAGE[:LAST_PAGE]
                    begin [stop] printing with page FIRST_[LAST_]PAGE
  -c, --show-control-chars
                    use hat notation (^G) and octal backslash notation
  -d, --double-space
                    double space the output
  -D, --date-format=FORMAT
                    use FORMAT for the header date
  -e[CHAR[WIDTH]], --expand-tabs[=CHAR[WIDTH]]
                    expand input CHARs (TABs) to tab WIDTH (8)
  -F, -f, --form-feed
                    use form feeds instead of newlines to separate pages
                    (by a 3-line page header with -F or a 5-line header
                    and trailer without -F)
  -h, --header=HEADER
                    use a centered HEADER instead of filename in page header,
                    -h "" prints a blank line, don't use -h""
  -i[CHAR[WIDTH]], --output-tabs[=CHAR[WIDTH]]
                    replace spaces with CHARs (TABs) to tab WIDTH (8)
  -l, --length=PAGE_LENGTH
                    set the page length to PAGE_LENGTH (66) lines
                    (default number of lines of text 56, and with -F 63).
                    implies -t if PAGE_LENGTH <= 10
  -n[SEP[DIGITS]], --number-lines[=SEP[DIGITS]]
                    number lines, use DIGITS (5) digits, then SEP (TAB),
                    default counting starts with 1st line of input file
  -N, --first-line-number=NUMBER
                    start counting with NUMBER at 1st line of first
                    page printed (see +FIRST_PAGE)
  -o, --indent=MARGIN
                    offset each line with MARGIN (zero) spaces, do not
                    affect -w or -W, MARGIN will be added to PAGE_WIDTH
  -r, --no-file-warnings
                    omit warning when a file cannot be opened
  -t, --omit-header  omit page headers and trailers;
                     implied if PAGE_LENGTH <= 10
  -T, --omit-pagination
                    omit page headers and trailers, eliminate any pagination
                    by form feeds set in input files
  -v, --show-nonprinting
                    use octal backslash notation
  -w, --width=PAGE_WIDTH
                    set page width to PAGE_WIDTH (72) characters for
                    multiple text-column output only, -s[char] turns off (72)
  -W, --page-width=PAGE_WIDTH
                    set page width to PAGE_WIDTH (72) characters always,
                    truncate lines, except -J option is set, no interference
                    with -S or -s
      --help        display this help and exit
      --version     output version information and exit
*/
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "applets/support/time_format.h"
#include "applets/support/tz.h"
#include "registry/applet.h"

namespace {

enum class Ctrl { kRaw, kHat, kOctal };

struct Options {
  std::uintmax_t first_page = 1, last_page = UINTMAX_MAX;
  bool double_space = false, form_feed = false, omit_header = false, omit_pagination = false;
  bool quiet = false, truncate = false;
  std::optional<std::string> header;
  std::string date_format = "%Y-%m-%d %H:%M";
  std::uintmax_t page_length = 66, width = 72, margin = 0;
  bool number = false;
  char number_sep = '\t';
  std::uintmax_t number_digits = 5;
  std::optional<std::uintmax_t> first_number;
  bool expand = false;
  char expand_char = '\t';
  std::uintmax_t expand_width = 8;
  bool out_tabs = false;
  char out_tab_char = '\t';
  std::uintmax_t out_tab_width = 8;
  Ctrl ctrl = Ctrl::kRaw;
};

// Parses "+FIRST[:LAST]"'s text after the '+'.
bool ParsePages(std::string_view s, std::uintmax_t& first, std::uintmax_t& last) {
  std::size_t colon = s.find(':');
  std::uintmax_t f = 0, l = UINTMAX_MAX;
  if (mc::ParseUnsigned(s.substr(0, colon), f) != mc::NumError::kOk || f == 0) return false;
  if (colon != std::string_view::npos) {
    if (mc::ParseUnsigned(s.substr(colon + 1), l) != mc::NumError::kOk || l < f) return false;
  }
  first = f;
  last = l;
  return true;
}

class Pager {
 public:
  Pager(mc::Invocation& inv, const Options& o, mc::tz::LazyZone& zone) : inv_(inv), o_(o), zone_(zone) {
    omit_ = o.omit_header || o.omit_pagination || o.page_length <= 10;
    body_ = omit_ ? o.page_length : o.page_length - 10;
    // Double spacing uses an even number of body lines.
    if (o.double_space && body_ > 1) body_ -= body_ % 2;
  }

  // One file (or standard input, "-"). False when it could not be read.
  bool File(const std::string& name) {
    int fd = -1;
    if (name == "-") {
      fd = 0;
    } else {
      fd = ::open(name.c_str(), O_RDONLY);
      if (fd < 0) {
        if (!o_.quiet) mc::WarnErrno(inv_, mc::QuoteName(name), errno);
        return false;
      }
    }
    struct timespec t {};
    struct stat st;
    if (fd != 0 && fstat(fd, &st) == 0) {
      t = st.st_mtim;
    } else {
      clock_gettime(CLOCK_REALTIME, &t);
    }
    date_.clear();
    mc::timefmt::Format(o_.date_format, mc::timefmt::Breakdown(t.tv_sec, t.tv_nsec, zone_.get()), &date_);
    file_ = o_.header ? *o_.header : (fd == 0 ? std::string() : name);
    page_ = 1;
    used_ = 0;
    started_ = false;
    line_number_ = 1;
    bool ok = true;
    mc::LineReader r(fd, '\n');
    std::string_view rec;
    while (page_ <= o_.last_page && r.Next(rec)) {
      for (;;) {
        std::size_t ff = rec.find('\f');
        if (ff == std::string_view::npos) {
          Line(rec);
          break;
        }
        if (ff > 0) Line(rec.substr(0, ff), true);
        EndPage(true);
        rec.remove_prefix(ff + 1);
        if (rec.empty()) break;
      }
    }
    if (r.error()) {
      mc::WarnErrno(inv_, mc::QuoteName(name), r.error());
      ok = false;
    }
    // GNU counts a page that was just filled as complete (a following,
    // empty one included); a warning only, the status stays 0.
    std::uintmax_t pages = started_ && used_ >= body_ ? page_ + 1 : page_;
    if (started_) EndPage(false);
    if (fd != 0) ::close(fd);
    if (ok && o_.first_page > pages)
      mc::Warn(inv_, "starting page number " + std::to_string(o_.first_page) + " exceeds page count " +
                         std::to_string(pages));
    return ok;
  }

 private:
  bool Shown() const { return page_ >= o_.first_page && page_ <= o_.last_page; }

  void Header() {
    std::string page = "Page " + std::to_string(page_);
    long avail = static_cast<long>(o_.width) - static_cast<long>(Width(date_)) -
                 static_cast<long>(Width(file_)) - static_cast<long>(page.size());
    if (avail < 0) avail = 0;
    long lhs = avail / 2, rhs = avail - lhs;
    std::string m(o_.margin, ' ');
    std::string h = m + "\n\n" + m + date_;
    h.append(lhs > 0 ? lhs : 1, ' ');
    h += file_;
    h.append(rhs > 0 ? rhs : 1, ' ');
    h += page;
    h += "\n\n\n";
    inv_.out().Write(h);
  }

  static std::size_t Width(std::string_view s) {
    std::size_t w = 0;
    for (unsigned char c : s) w += (c & 0xC0) != 0x80;
    return w;
  }

  void Line(std::string_view text, bool before_ff = false) {
    // A full page ends when more text comes (a form feed right after it
    // ends it too, without an empty page).
    if (started_ && used_ + (o_.double_space ? 2 : 1) > body_) EndPage(false);
    if (!started_) {
      started_ = true;
      if (Shown() && !omit_) Header();
    }
    if (Shown()) {
      if (o_.first_number && !numbered_first_) {
        line_number_ = *o_.first_number;
        numbered_first_ = true;
      }
      std::string& l = line_;
      l.assign(o_.margin, ' ');
      std::size_t col = 0;
      if (o_.number) {
        std::uintmax_t n = line_number_, mod = 1;
        for (std::uintmax_t i = 0; i < o_.number_digits && mod <= UINTMAX_MAX / 10; ++i) mod *= 10;
        if (o_.number_digits < 20) n %= mod;
        std::string digits = std::to_string(n);
        if (digits.size() < o_.number_digits) l.append(o_.number_digits - digits.size(), ' ');
        l += digits;
        l += o_.number_sep;
        col = o_.number_digits + 1;
        if (o_.number_sep == '\t') col = (o_.number_digits / 8 + 1) * 8;
      }
      std::size_t text_col = 0;
      auto put = [&](std::string_view s, std::size_t w) {
        if (o_.truncate && col + w > o_.width) return false;
        l += s;
        col += w;
        text_col += w;
        return true;
      };
      for (unsigned char c : text) {
        bool fits;
        if (o_.expand && c == static_cast<unsigned char>(o_.expand_char)) {
          std::size_t w = o_.expand_width - text_col % o_.expand_width;
          fits = put(std::string(w, ' '), w);
        } else if (c == '\t' && o_.expand) {
          std::size_t w = 8 - text_col % 8;
          fits = put(std::string(w, ' '), w);
        } else if (c == '\t') {
          fits = put("\t", 8 - col % 8);
        } else if (c == '\b') {
          l += '\b';
          if (col) --col, --text_col;
          fits = true;
        } else if (o_.ctrl != Ctrl::kRaw && (c < 0x20 || c >= 0x7f)) {
          char buf[5];
          if (o_.ctrl == Ctrl::kHat && c < 0x20) {
            buf[0] = '^';
            buf[1] = static_cast<char>(c + '@');
            fits = put(std::string_view(buf, 2), 2);
          } else if (o_.ctrl == Ctrl::kHat && c == 0x7f) {
            fits = put("^?", 2);
          } else {
            buf[0] = '\\';
            buf[1] = static_cast<char>('0' + (c >> 6));
            buf[2] = static_cast<char>('0' + ((c >> 3) & 7));
            buf[3] = static_cast<char>('0' + (c & 7));
            fits = put(std::string_view(buf, 4), 4);
          }
        } else {
          char ch = static_cast<char>(c);
          fits = put(std::string_view(&ch, 1), (c < 0x20 || c >= 0x7f) ? 0 : 1);
        }
        if (!fits) break;
      }
      if (o_.out_tabs) Tabify(l);
      l += '\n';
      if (o_.double_space && !before_ff) l += '\n';
      inv_.out().Write(l);
    }
    ++line_number_;
    used_ += o_.double_space && !before_ff ? 2 : 1;
  }

  // -i: runs of spaces that reach a tab stop become the tab character.
  void Tabify(std::string& l) const {
    std::string out;
    std::size_t col = 0, spaces = 0;
    for (char c : l) {
      if (c == ' ') {
        ++spaces;
        ++col;
        if (col % o_.out_tab_width == 0) {
          out += spaces > 1 ? std::string(1, o_.out_tab_char) : std::string(" ");
          spaces = 0;
        }
        continue;
      }
      out.append(spaces, ' ');
      spaces = 0;
      out += c;
      col = c == '\t' ? (col / o_.out_tab_width + 1) * o_.out_tab_width : col + 1;
    }
    out.append(spaces, ' ');
    l.swap(out);
  }

  void EndPage(bool by_ff) {
    if (Shown()) {
      if (!started_ && !omit_) {
        // A page that a form feed ends before any text: one empty line.
        Header();
        inv_.out().Put('\n');
        used_ = 1;
      }
      if (!omit_) {
        if (o_.form_feed) {
          // GNU ends a short double-spaced page with one more empty line.
          if (o_.double_space && used_ < body_) inv_.out().Put('\n');
          inv_.out().Put('\f');
        } else {
          std::size_t pad = (used_ < body_ ? body_ - used_ : 0) + 5;
          inv_.out().Write(std::string(pad, '\n'));
        }
      } else if (by_ff && !o_.omit_pagination) {
        inv_.out().Put('\f');
      }
    }
    ++page_;
    used_ = 0;
    started_ = false;
  }

  mc::Invocation& inv_;
  const Options& o_;
  mc::tz::LazyZone& zone_;
  bool omit_;
  std::uintmax_t body_;
  std::string date_, file_, line_;
  std::uintmax_t page_ = 1, used_ = 0, line_number_ = 1;
  bool started_ = false, numbered_first_ = false;
};

// "-n[SEP[DIGITS]]", "-e[CHAR[WIDTH]]", "-i[CHAR[WIDTH]]": a non-digit
// first character is the CHAR, the rest a positive number.
bool CharAndWidth(mc::Invocation& inv, std::string_view opt, std::string_view arg, char& ch,
                  std::uintmax_t& width) {
  if (!arg.empty() && !(arg[0] >= '0' && arg[0] <= '9')) {
    ch = arg[0];
    arg.remove_prefix(1);
  }
  if (arg.empty()) return true;
  std::uintmax_t n = 0;
  mc::NumError e = mc::ParseUnsigned(arg, n);
  if (e != mc::NumError::kOk || n == 0) {
    std::string msg = "'" + std::string(opt) + "' extra characters or invalid number in the argument: " +
                      mc::QuoteC(arg);
    if (e == mc::NumError::kOverflow) msg += ": Value too large for defined data type";
    mc::UsageError(inv, msg);
    return false;
  }
  width = n;
  return true;
}

}  // namespace

MC_APPLET(pr) {
  Options o;
  bool failed = false;
  auto number = [&](std::string_view what, std::string_view arg, std::uintmax_t& out, bool zero_ok) {
    std::uintmax_t n = 0;
    mc::NumError e = mc::ParseUnsigned(arg, n);
    if (e == mc::NumError::kOk && (n > 0 || zero_ok)) {
      out = n;
      return;
    }
    bool range = e == mc::NumError::kOverflow || e == mc::NumError::kOk ||
                 (arg.size() > 1 && arg[0] == '-' && arg.find_first_not_of("0123456789", 1) == std::string_view::npos);
    mc::Die(inv, std::string(what) + mc::QuoteC(arg) + (range ? ": Numerical result out of range" : ""));
  };
  // +FIRST[:LAST] before the options parser sees the arguments.
  std::vector<std::string> args;
  bool dashdash = false;
  for (char* a : inv.args()) {
    std::string_view s(a);
    if (!dashdash && s == "--") dashdash = true;
    if (!dashdash && s.size() > 1 && s[0] == '+') {
      if (ParsePages(s.substr(1), o.first_page, o.last_page)) continue;
      if (s.find(':') == std::string_view::npos)
        mc::Die(inv, "invalid + argument " + mc::QuoteC(s.substr(1)));
    }
    if (!dashdash && s.size() > 1 && s[0] == '-' && s[1] >= '0' && s[1] <= '9') {
      // -COLUMN: only one column is supported.
      if (s != "-1") mc::Die(inv, "multiple columns (-COLUMN) are not supported");
      continue;
    }
    args.emplace_back(s);
  }
  mc::cli::Parser p(inv);
  p.OnValue("--pages", [&](const std::string& v) {
    if (!ParsePages(v, o.first_page, o.last_page)) {
      if (v.find(':') == std::string::npos && v.find_first_not_of("0123456789") == std::string::npos)
        mc::Die(inv, "invalid page range " + mc::QuoteC(v));
      mc::Die(inv, "invalid --pages argument " + mc::QuoteC(v));
    }
  });
  p.OnFlag("-c,--show-control-chars", [&] { o.ctrl = Ctrl::kHat; });
  p.Flag("-d,--double-space", o.double_space);
  p.Value("-D,--date-format", o.date_format);
  p.OptionalValue("-e,--expand-tabs", [&](std::optional<std::string_view> v) {
    o.expand = true;
    if (v && !CharAndWidth(inv, "-e", *v, o.expand_char, o.expand_width)) p.Stop(1);
  });
  p.Flag("-F,-f,--form-feed", o.form_feed);
  p.OnValue("-h,--header", [&](const std::string& v) { o.header = v; });
  p.OptionalValue("-i,--output-tabs", [&](std::optional<std::string_view> v) {
    o.out_tabs = true;
    if (v && !CharAndWidth(inv, "-i", *v, o.out_tab_char, o.out_tab_width)) p.Stop(1);
  });
  p.OnValue("-l,--length", [&](const std::string& v) {
    number("'-l PAGE_LENGTH' invalid number of lines: ", v, o.page_length, false);
  });
  p.OptionalValue("-n,--number-lines", [&](std::optional<std::string_view> v) {
    o.number = true;
    if (v && !CharAndWidth(inv, "-n", *v, o.number_sep, o.number_digits)) p.Stop(1);
  });
  p.OnValue("-N,--first-line-number", [&](const std::string& v) {
    std::uintmax_t n = 0;
    number("'-N NUMBER' invalid starting line number: ", v, n, true);
    o.first_number = n;
  });
  p.OnValue("-o,--indent", [&](const std::string& v) {
    number("'-o MARGIN' invalid line offset: ", v, o.margin, true);
  });
  p.Flag("-r,--no-file-warnings", o.quiet);
  p.Flag("-t,--omit-header", o.omit_header);
  p.Flag("-T,--omit-pagination", o.omit_pagination);
  p.OnFlag("-v,--show-nonprinting", [&] { o.ctrl = Ctrl::kOctal; });
  p.OnValue("-w,--width", [&](const std::string& v) {
    number("'-w PAGE_WIDTH' invalid number of characters: ", v, o.width, false);
  });
  p.OnValue("-W,--page-width", [&](const std::string& v) {
    number("'-W PAGE_WIDTH' invalid number of characters: ", v, o.width, false);
    o.truncate = true;
  });
  std::vector<std::string> files;
  if (auto rc = p.Parse(args, &files)) return *rc;
  if (files.empty()) files.emplace_back("-");
  mc::tz::LazyZone zone(inv.GetEnv("TZ"));
  Pager pager(inv, o, zone);
  for (const std::string& f : files)
    if (!pager.File(f)) failed = true;
  return failed ? 1 : 0;
}
