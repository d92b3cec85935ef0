/* @applet csplit
   @help
Usage: csplit [OPTION]... FILE PATTERN...
Output pieces of FILE separated by PATTERN(s) to files 'xx00', 'xx01', ...,
and output byte counts of each piece to standard output.

Read standard input if FILE is -

Mandatory arguments to long options are mandatory for short options too.
  -b, --suffix-format=FORMAT  use sprintf FORMAT instead of %02d
  -f, --prefix=PREFIX        use PREFIX instead of 'xx'
  -k, --keep-files           do not remove output files on errors
      --suppress-matched     suppress the lines matching PATTERN
  -n, --digits=DIGITS        use specified number of digits instead of 2
  -s, --quiet, --silent      do not print counts of output file sizes
  -z, --elide-empty-files    remove empty output files
      --help        display this help and exit
      --version     output version information and exit

Each PATTERN may be:
  INTEGER            copy up to but not including specified line number
  /REGEXP/[OFFSET]   copy up to but not including a matching line
  %REGEXP%[OFFSET]   skip to, but not including a matching line
  {INTEGER}          repeat the previous pattern specified number of times
  {*}                repeat the previous pattern as many times as possible

A line OFFSET is an integer optionally preceded by '+' or '-'
*/
#include <fcntl.h>
#include <regex.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "applets/support/signal_cleanup.h"
#include "registry/applet.h"

namespace {

struct Control {
  std::string arg;  // the pattern as given, for messages
  bool regex = false, ignore = false, forever = false;
  std::uintmax_t lines = 0, repeat = 0;
  std::intmax_t offset = 0;
  std::shared_ptr<regex_t> re;
};

bool ParseInt(std::string_view s, bool allow_sign, std::intmax_t& out) {
  bool neg = false;
  std::size_t i = 0;
  if (allow_sign && i < s.size() && (s[i] == '+' || s[i] == '-')) {
    neg = s[i] == '-';
    ++i;
  }
  if (i == s.size()) return false;
  std::intmax_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    int d = s[i] - '0';
    if (v > (INTMAX_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  out = neg ? -v : v;
  return true;
}

// Checks a -b format: exactly one integer conversion.
bool CheckSuffix(std::string_view f, std::string& err) {
  int count = 0;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') continue;
    if (i + 1 < f.size() && f[i + 1] == '%') {
      ++i;
      continue;
    }
    std::size_t j = i + 1;
    while (j < f.size() && std::strchr("-+ #0'", f[j]) != nullptr && f[j] != '\0') ++j;
    while (j < f.size() && f[j] >= '0' && f[j] <= '9') ++j;
    if (j < f.size() && f[j] == '.') {
      ++j;
      while (j < f.size() && f[j] >= '0' && f[j] <= '9') ++j;
    }
    if (j >= f.size()) {
      err = "missing conversion specifier in suffix";
      return false;
    }
    char c = f[j];
    if (std::strchr("diouxX", c) == nullptr || c == '\0') {
      unsigned char uc = static_cast<unsigned char>(c);
      if (uc >= 0x20 && uc < 0x7f) {
        err = std::string("invalid conversion specifier in suffix: ") + c;
      } else {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\%.3o", uc);
        err = std::string("invalid conversion specifier in suffix: ") + buf;
      }
      return false;
    }
    ++count;
    i = j;
  }
  if (count == 0) {
    err = "missing % conversion specification in suffix";
    return false;
  }
  if (count > 1) {
    err = "too many % conversion specifications in suffix";
    return false;
  }
  return true;
}

class Splitter {
 public:
  Splitter(mc::Invocation& inv, int in_fd) : inv_(inv), reader_(in_fd) {}
  ~Splitter() {
    if (fd_ >= 0) ::close(fd_);
  }

  std::string prefix = "xx", suffix = "%02d";
  bool keep = false, quiet = false, elide = false, suppress = false;

  void Run(const std::vector<Control>& controls) {
    for (const Control& c : controls) {
      for (std::uintmax_t rep = 0; c.forever || rep <= c.repeat; ++rep) {
        if (c.regex) Regexp(c, rep);
        else LineCount(c, rep);
      }
    }
    CreateFile();
    if (pending_) RemoveLine();
    DumpRest();
    CloseFile();
  }

 private:
  // Lines first_ .. first_ + buffered - 1 are held (read, not yet removed);
  // pieces are written as soon as their lines are known, so only lines a
  // pattern may still need (a negative offset) stay in memory.
  bool Have(std::uintmax_t n) {
    while (first_ + buf_.size() <= n) {
      if (eof_) return false;
      std::string_view rec;
      bool terminated;
      if (!reader_.Next(rec, terminated)) {
        eof_ = true;
        if (reader_.error() != 0) {
          mc::WarnErrno(inv_, "read error", reader_.error());
          Fatal();
        }
        return false;
      }
      // Held with its newline; a long line is taken over from the reader
      // without a copy.
      mc::HeldRecord line;
      reader_.Keep(std::string_view(rec.data(), rec.size() + (terminated ? 1 : 0)), line);
      buf_.push_back(std::move(line));
    }
    return true;
  }
  std::string_view Line(std::uintmax_t n) const {  // 1-based, buffered
    return buf_[static_cast<std::size_t>(n - first_)].view();
  }
  // Removes the next line from the input; its number, or 0 at the end.
  // Save() may then write it.
  std::uintmax_t RemoveLine() {
    if (!Have(first_)) return 0;
    removed_.swap(buf_.front());
    buf_.pop_front();
    return first_++;
  }

  void CreateFile() {
    char num[64];
    std::snprintf(num, sizeof num, suffix.c_str(), static_cast<unsigned>(files_));
    name_ = prefix + num;
    // Unless -k, a fatal signal removes every piece, as GNU does: opening
    // a piece and registering it is one step for the handler.
    mc::sigcleanup::BlockSignals block;
    int fd = ::open(name_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd >= 0 && !keep) on_signal_.Add(name_);
    if (fd < 0) {
      int err = errno;
      inv_.out().Flush();
      mc::WarnErrno(inv_, mc::QuoteName(name_), err);
      Fatal();
    }
    fd_ = fd;
    ++files_;
    bytes_ = 0;
  }

  void Save(std::uintmax_t) {
    std::string_view l = removed_.view();
    if (l.size() >= mc::kReadBlock) {  // a long line goes out without a copy
      FlushFile();
      WriteOut(l);
      bytes_ += l.size();
      return;
    }
    pending_out_.append(l);
    bytes_ += l.size();
    if (pending_out_.size() >= mc::kReadBlock) FlushFile();
  }

  void FlushFile() {
    if (pending_out_.empty() || fd_ < 0) return;
    WriteOut(pending_out_);
    pending_out_.clear();
  }

  void WriteOut(std::string_view data) {
    if (fd_ < 0) return;
    int err = mc::WriteAll(fd_, data.data(), data.size());
    if (err != 0) {
      mc::WarnErrno(inv_, mc::QuoteName(name_), err);
      ::close(fd_);
      fd_ = -1;
      Fatal();
    }
  }

  void CloseFile() {
    if (fd_ < 0) return;
    FlushFile();
    if (::close(fd_) != 0) {
      fd_ = -1;
      mc::WarnErrno(inv_, mc::QuoteName(name_), errno);
      Fatal();
    }
    fd_ = -1;
    if (bytes_ == 0 && elide) {
      mc::sigcleanup::BlockSignals block;
      if (::unlink(name_.c_str()) != 0 && errno != ENOENT) mc::WarnErrno(inv_, mc::QuoteName(name_), errno);
      if (!keep) on_signal_.ForgetLast();
      --files_;
    } else if (!quiet) {
      inv_.out().Write(std::to_string(bytes_) + "\n");
    }
  }

  void DumpRest() {
    for (std::uintmax_t n; (n = RemoveLine()) != 0;) Save(n);
  }

  // Removes the files made so far (unless -k) and ends the run.
  [[noreturn]] void Fatal() {
    CloseFile();
    if (!keep) {
      for (unsigned i = 0; i < files_; ++i) {
        char num[64];
        std::snprintf(num, sizeof num, suffix.c_str(), i);
        std::string n = prefix + num;
        if (::unlink(n.c_str()) != 0 && errno != ENOENT) mc::WarnErrno(inv_, mc::QuoteName(n), errno);
      }
    }
    throw mc::Exit{1};
  }

  [[noreturn]] void LineError(const Control& c, std::uintmax_t rep) {
    std::string msg = mc::Quote(std::to_string(c.lines)) + ": line number out of range";
    if (rep) msg += " on repetition " + std::to_string(rep);
    mc::Warn(inv_, msg);
    Fatal();
  }

  void LineCount(const Control& c, std::uintmax_t rep) {
    std::uintmax_t last = c.lines * (rep + 1);
    CreateFile();
    if (pending_) {
      RemoveLine();
      pending_ = false;
    }
    if (suppress && !Have(first_)) LineError(c, rep);
    if (!Have(first_)) {
      // GNU stops here without cleaning up.
      mc::Die(inv_, "input disappeared");
    }
    for (std::uintmax_t n = first_; n++ < last;) {
      std::uintmax_t l = RemoveLine();
      if (l == 0) LineError(c, rep);
      Save(l);
    }
    CloseFile();
    // With --suppress-matched the line at the split point goes at once.
    if (suppress) RemoveLine();
    else if (!Have(first_)) LineError(c, rep);
  }

  bool Matches(const Control& c, std::uintmax_t n) {
    std::string_view l = Line(n);
    if (!l.empty() && l.back() == '\n') l.remove_suffix(1);
    regmatch_t m[1];
    m[0].rm_so = 0;
    m[0].rm_eo = static_cast<regoff_t>(l.size());
    return regexec(c.re.get(), l.data(), 1, m, REG_STARTEND) == 0;
  }

  void Regexp(const Control& c, std::uintmax_t rep) {
    if (!c.ignore) CreateFile();
    if (pending_) {
      RemoveLine();
      pending_ = false;
    }
    std::uintmax_t n = std::max(current_ + 1, first_);
    for (;; ++n) {
      if (!Have(n)) {
        if (c.forever) {
          if (!c.ignore) {
            DumpRest();
            CloseFile();
          }
          throw mc::Exit{0};  // {*} ran to the end
        }
        std::string msg = mc::QuoteC(c.arg) + ": match not found";
        if (rep) msg += " on repetition " + std::to_string(rep);
        mc::Warn(inv_, msg);
        if (!c.ignore) {
          DumpRest();
          CloseFile();
        }
        Fatal();
      }
      if (Matches(c, n)) break;
      // With no backward offset, lines before the match are settled.
      if (c.offset >= 0) {
        while (first_ <= n) {
          std::uintmax_t l = RemoveLine();
          if (!c.ignore) Save(l);
        }
      }
    }
    current_ = n;
    std::intmax_t break_line = static_cast<std::intmax_t>(n) + c.offset;
    if (static_cast<std::intmax_t>(first_) > break_line) {
      inv_.out().Flush();  // as GNU error() does
      mc::Warn(inv_, mc::QuoteC(c.arg) + ": line number out of range");
      Fatal();
    }
    std::uintmax_t count = static_cast<std::uintmax_t>(break_line) - first_;
    for (std::uintmax_t i = 0; i < count; ++i) {
      std::uintmax_t l = RemoveLine();
      if (l == 0) {
        inv_.out().Flush();  // as GNU error() does
        mc::Warn(inv_, mc::QuoteC(c.arg) + ": line number out of range");
        Fatal();
      }
      if (!c.ignore) Save(l);
    }
    if (!c.ignore) CloseFile();
    if (c.offset > 0) current_ = static_cast<std::uintmax_t>(break_line);
    pending_ = suppress;
  }

  mc::Invocation& inv_;
  mc::LineReader reader_;
  std::deque<mc::HeldRecord> buf_;
  mc::HeldRecord removed_;
  bool eof_ = false;
  std::uintmax_t first_ = 1, current_ = 0;
  bool pending_ = false;  // drop the next line (--suppress-matched)
  int fd_ = -1;
  std::string name_, pending_out_;
  std::uintmax_t bytes_ = 0;
  unsigned files_ = 0;
  // The pieces a fatal signal removes (none with -k); forgotten, so kept,
  // when the Splitter goes away.
  mc::sigcleanup::Paths on_signal_;
};

}  // namespace

MC_APPLET(csplit) {
  // GNU csplit's size lines stay buffered past its error messages (only a
  // few errors flush them first, done explicitly below).
  inv.set_flush_before_messages(false);
  std::string prefix = "xx", suffix;
  bool have_suffix = false, have_digits = false;
  bool keep = false, quiet = false, elide = false, suppress = false;
  mc::cli::Parser p(inv);
  p.OnValue("-b,--suffix-format", [&](const std::string& v) {
    suffix = v;
    have_suffix = true;
  });
  p.Value("-f,--prefix", prefix);
  p.Flag("-k,--keep-files", keep);
  p.Flag("--suppress-matched", suppress);
  // Each -n is checked as it is seen (GNU's xdectoimax): "-n x -n 2" fails.
  std::optional<std::string> digits_error;
  int digits = 2;
  p.OnValue("-n,--digits", [&](const std::string& v) {
    have_digits = true;
    if (digits_error) return;
    std::intmax_t n;
    mc::NumError e = mc::ParseSigned(v, n);
    std::string msg = "invalid number: " + mc::QuoteC(v);
    if (e == mc::NumError::kOverflow || (e == mc::NumError::kOk && (n > INT_MAX || n < INT_MIN / 2)))
      digits_error = msg + ": Value too large for defined data type";
    else if (e == mc::NumError::kOk && n < 0)
      digits_error = msg + ": Numerical result out of range";
    else if (e != mc::NumError::kOk || n > 1000)
      // Wider than any file name can be (GNU fails later, on the name).
      digits_error = msg;
    else
      digits = static_cast<int>(n);
  });
  p.Flag("-s,--quiet,--silent", quiet);
  p.Flag("-z,--elide-empty-files", elide);
  std::vector<std::string> operands;
  if (auto rc = p.Parse(&operands)) return *rc;

  if (digits_error) {
    mc::Warn(inv, *digits_error);
    return 1;
  }
  if (have_digits && !have_suffix) suffix = "%0" + std::to_string(digits) + "u";
  if (!have_suffix && !have_digits) suffix = "%02u";
  if (have_suffix) {
    std::string err;
    if (!CheckSuffix(suffix, err)) {
      mc::Warn(inv, err);
      return 1;
    }
  }
  if (operands.empty()) return mc::UsageError(inv, "missing operand");
  if (operands.size() == 1) return mc::UsageError(inv, "missing operand after " + mc::Quote(operands[0]));

  // Patterns.
  std::vector<Control> controls;
  bool have_last_line = false;
  std::uintmax_t last_line = 0;
  for (std::size_t i = 1; i < operands.size(); ++i) {
    const std::string& a = operands[i];
    if (!a.empty() && (a[0] == '/' || a[0] == '%')) {
      char delim = a[0];
      std::size_t close = a.rfind(delim);
      if (close == 0) {
        mc::Warn(inv, a + ": closing delimiter '" + delim + "' missing");
        return 1;
      }
      Control c;
      c.arg = a;
      c.regex = true;
      c.ignore = delim == '%';
      std::string tail = a.substr(close + 1);
      if (!tail.empty() && !ParseInt(tail, true, c.offset)) {
        mc::Warn(inv, mc::QuoteC(a) + ": integer expected after delimiter");
        return 1;
      }
      std::string pattern = a.substr(1, close - 1);
      c.re = std::shared_ptr<regex_t>(new regex_t, [](regex_t* r) {
        regfree(r);
        delete r;
      });
      int rc = regcomp(c.re.get(), pattern.c_str(), REG_NOSUB);
      if (rc != 0) {
        char msg[256];
        regerror(rc, c.re.get(), msg, sizeof msg);
        // Keep regfree from running on a failed compile.
        c.re = std::shared_ptr<regex_t>(new regex_t, [](regex_t* r) { delete r; });
        mc::Warn(inv, mc::QuoteC(a) + ": invalid regular expression: " + msg);
        return 1;
      }
      controls.push_back(std::move(c));
    } else if (!a.empty() && a[0] == '{') {
      if (controls.empty()) {
        mc::Warn(inv, mc::QuoteC(a) + ": invalid pattern");
        return 1;
      }
      std::size_t close = a.find('}');
      if (close == std::string::npos) {
        mc::Warn(inv, mc::QuoteC(a) + ": '}' is required in repeat count");
        return 1;
      }
      std::string inner = a.substr(1, close - 1);
      Control& prev = controls.back();
      if (inner == "*") {
        prev.forever = true;
      } else {
        std::intmax_t v;
        if (!ParseInt(inner, false, v) || close + 1 != a.size()) {
          mc::Warn(inv, mc::QuoteC(a.substr(0, close)) + "}: integer required between '{' and '}'");
          return 1;
        }
        prev.repeat = static_cast<std::uintmax_t>(v);
      }
    } else {
      std::intmax_t v;
      if (!ParseInt(a, false, v)) {
        mc::Warn(inv, mc::QuoteC(a) + ": invalid pattern");
        return 1;
      }
      if (v == 0) {
        mc::Warn(inv, a + ": line number must be greater than zero");
        return 1;
      }
      std::uintmax_t line = static_cast<std::uintmax_t>(v);
      if (have_last_line && line < last_line) {
        mc::Warn(inv, "line number " + mc::QuoteC(a) + " is smaller than preceding line number, " +
                          std::to_string(last_line));
        return 1;
      }
      if (have_last_line && line == last_line)
        mc::Warn(inv, "warning: line number " + mc::QuoteC(a) + " is the same as preceding line number");
      have_last_line = true;
      last_line = line;
      Control c;
      c.arg = a;
      c.lines = line;
      controls.push_back(std::move(c));
    }
  }

  const std::string& file = operands[0];
  int fd;
  if (file == "-") {
    fd = inv.in_fd();
  } else {
    fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      mc::WarnErrno(inv, "cannot open " + mc::Quote(file) + " for reading", errno);
      return 1;
    }
  }
  struct Closer {
    int fd, keep;
    ~Closer() {
      if (fd != keep) ::close(fd);
    }
  } closer{fd, inv.in_fd()};
  Splitter s(inv, fd);
  s.prefix = prefix;
  s.suffix = suffix;
  s.keep = keep;
  s.quiet = quiet;
  s.elide = elide;
  s.suppress = suppress;
  s.Run(controls);
  return 0;
}
