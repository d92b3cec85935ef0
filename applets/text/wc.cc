/* @applet wc
   @help
Usage: wc [OPTION]... [FILE]...
  or:  wc [OPTION]... --files0-from=F
Print newline, word, and byte counts for each FILE, and a total line if
more than one FILE is specified.  A word is a non-zero-length sequence of
printable characters delimited by white space.

With no FILE, or when FILE is -, read standard input.

The options below may be used to select which counts are printed, always in
the following order: newline, word, character, byte, maximum line length.
  -c, --bytes            print the byte counts
  -m, --chars            print the character counts
  -l, --lines            print the newline counts
      --files0-from=F    read input from the files specified by
                           NUL-terminated names in file F;
                           If F is - then read names from standard input
  -L, --max-line-length  print the maximum display width
  -w, --words            print the word counts
      --total=WHEN       when to print a line with total counts;
                           WHEN can be: auto, always, only, never
      --help        display this help and exit
      --version     output version information and exit

In a UTF-8 locale (LC_ALL, LC_CTYPE or LANG names a UTF-8 codeset)
characters are decoded as UTF-8: bytes that are not valid UTF-8 count as
bytes but not as characters, and wide characters count two columns for -L.
In other locales, such as C, each byte is a character.
*/
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/files0.h"
#include "applets/support/input.h"
#include "applets/support/locale.h"
#include "applets/support/utf8.h"
#include "applets/text/scan.h"
#include "applets/text/textio.h"
#include "registry/applet.h"

namespace {

struct Want {
  bool lines = false, words = false, chars = false, bytes = false, maxlen = false;
  int count() const { return lines + words + chars + bytes + maxlen; }
};

struct Counts {
  std::uint64_t lines = 0, words = 0, chars = 0, bytes = 0, maxlen = 0;
};

constexpr std::size_t kBlock = mc::text::kIoBlock;
constexpr std::size_t kCarry = 64;  // room for an incomplete UTF-8 sequence; keeps reads aligned

class Counter {
 public:
  Counter(const Want& w, bool utf8) : w_(w), utf8_(utf8), buf_(mc::text::NewIoBuffer(kCarry + kBlock)) {}

  // Counts fd from its current offset. Returns 0 or the errno of a failed
  // read (the counts so far are kept).
  int Count(int fd, Counts& c) {
    if (!w_.lines && !w_.words && !w_.chars && !w_.maxlen) return CountBytes(fd, c);
    const bool scalar_only = w_.maxlen;
    const bool need_ascii_check = w_.chars || w_.words;
    std::size_t carry = 0;
    in_word_ = false;
    linepos_ = 0;
    int err = 0;
    for (;;) {
      char* data = buf_.get() + kCarry - carry;
      long r = mc::ReadSome(fd, buf_.get() + kCarry, kBlock);
      if (r < 0) {
        err = errno;
        break;
      }
      if (r == 0) break;
      const std::size_t got = static_cast<std::size_t>(r);
      c.bytes += got;
      const std::size_t n = carry + got;
      carry = 0;
      if (!scalar_only && (!need_ascii_check || mc::text::IsAscii(data, n))) {
        if (w_.words) {
          mc::text::CountAsciiWords(data, n, in_word_, &c.words, &c.lines);
        } else if (w_.lines) {
          c.lines += mc::text::CountByte(data, n, '\n');
        }
        c.chars += n;
        continue;
      }
      carry = Scalar(reinterpret_cast<const unsigned char*>(data), n, false, c);
      // Keep an incomplete sequence for the next block.
      std::memmove(buf_.get() + kCarry - carry, data + n - carry, carry);
    }
    if (carry) Scalar(reinterpret_cast<const unsigned char*>(buf_.get() + kCarry - carry), carry, true, c);
    if (linepos_ > c.maxlen) c.maxlen = linepos_;
    return err;
  }

 private:
  int CountBytes(int fd, Counts& c) {
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
      // Skip to near the end and read the rest: the last part of the size
      // is read for real, in case the size is only an estimate (sysfs).
      off_t pos = ::lseek(fd, 0, SEEK_CUR);
      off_t blk = st.st_blksize > 0 ? st.st_blksize : 512;
      off_t hi = st.st_size - st.st_size % (blk + 1);
      if (pos >= 0 && pos < hi && ::lseek(fd, hi, SEEK_SET) == hi)
        c.bytes += static_cast<std::uint64_t>(hi - pos);
    }
    for (;;) {
      long r = mc::ReadSome(fd, buf_.get(), kBlock);
      if (r < 0) return errno;
      if (r == 0) return 0;
      c.bytes += static_cast<std::uint64_t>(r);
    }
  }

  // The general path: UTF-8 characters, words, line widths. Returns the
  // number of trailing bytes that form an incomplete sequence (kept for the
  // next block) unless at_eof.
  std::size_t Scalar(const unsigned char* p, std::size_t n, bool at_eof, Counts& c) {
    std::uint64_t lines = 0, words = 0, chars = 0;
    std::uint64_t pos = linepos_, maxlen = c.maxlen;
    bool in_word = in_word_;
    std::size_t i = 0;
    while (i < n) {
      unsigned char b = p[i];
      if (b < 0x80) {
        ++i;
        ++chars;
        if (b >= 0x21 && b <= 0x7e) {
          ++pos;
          words += !in_word;
          in_word = true;
          continue;
        }
        switch (b) {
          case '\n':
            ++lines;
            [[fallthrough]];
          case '\r':
          case '\f':
            if (pos > maxlen) maxlen = pos;
            pos = 0;
            in_word = false;
            break;
          case '\t':
            pos += 8 - pos % 8;
            in_word = false;
            break;
          case ' ':
            ++pos;
            in_word = false;
            break;
          case '\v':
            in_word = false;
            break;
          default:
            break;  // other controls: no width, no effect on words
        }
        continue;
      }
      if (!utf8_) {  // single-byte locale: a non-ASCII byte is a non-printable character
        ++i;
        ++chars;
        continue;
      }
      char32_t cp;
      int len = mc::DecodeUtf8(p + i, n - i, cp);
      if (len < 0) {
        if (!at_eof) break;  // incomplete: wait for the next block
        len = 0;
      }
      if (len == 0) {  // an invalid byte: neither a character nor a word
        ++i;
        continue;
      }
      i += static_cast<std::size_t>(len);
      ++chars;
      int width = mc::CharWidth(cp);
      if (width < 0) continue;
      pos += static_cast<unsigned>(width);
      if (mc::IsWideSpace(cp)) {
        in_word = false;
      } else {
        words += !in_word;
        in_word = true;
      }
    }
    c.lines += lines;
    c.words += words;
    c.chars += chars;
    c.maxlen = maxlen;
    linepos_ = pos;
    in_word_ = in_word;
    return n - i;
  }

  Want w_;
  bool utf8_;
  mc::text::IoBuffer buf_;
  bool in_word_ = false;
  std::uint64_t linepos_ = 0;
};

enum class Total { kAuto, kAlways, kOnly, kNever };

class Printer {
 public:
  Printer(mc::Invocation& inv, const Want& w) : inv_(inv), w_(w) {}
  void set_width(int w) { width_ = w; }

  void Line(const Counts& c, const std::string* name) {
    char* p = inv_.out().Reserve(5 * 24 + 4);
    char* start = p;
    bool first = true;
    auto num = [&](std::uint64_t v) {
      char digits[24];
      int len = 0;
      do digits[len++] = static_cast<char>('0' + v % 10);
      while ((v /= 10) != 0);
      if (!first) *p++ = ' ';
      first = false;
      for (int pad = width_ - len; pad > 0; --pad) *p++ = ' ';
      while (len) *p++ = digits[--len];
    };
    if (w_.lines) num(c.lines);
    if (w_.words) num(c.words);
    if (w_.chars) num(c.chars);
    if (w_.bytes) num(c.bytes);
    if (w_.maxlen) num(c.maxlen);
    inv_.out().Commit(static_cast<std::size_t>(p - start));
    if (name != nullptr) {
      inv_.out().Put(' ');
      if (name->find('\n') != std::string::npos) inv_.out().Write(mc::QuoteName(*name));
      else inv_.out().Write(*name);
    }
    inv_.out().Put('\n');
  }

 private:
  mc::Invocation& inv_;
  Want w_;
  int width_ = 1;
};

// GNU's column width: enough digits for the total size of the regular
// files among the inputs, at least 7 when some input is not a regular file.
// An input that cannot be examined (missing, or stdin closed) adds nothing.
int NumberWidth(const mc::Invocation& inv, const std::vector<std::string>& names) {
  std::uintmax_t regular_total = 0;
  int minimum = 1;
  const bool stdin_closed = mc::StdinWasClosed(inv);
  for (const auto& name : names) {
    struct stat st;
    if (name == "-" && stdin_closed) continue;
    int rc = name == "-" ? ::fstat(inv.in_fd(), &st) : ::stat(name.c_str(), &st);
    if (rc != 0) continue;
    if (S_ISREG(st.st_mode)) regular_total += static_cast<std::uintmax_t>(st.st_size);
    else minimum = 7;
  }
  int width = 1;
  for (; regular_total >= 10; regular_total /= 10) ++width;
  return width < minimum ? minimum : width;
}

}  // namespace

MC_APPLET(wc) {
  Want w;
  std::optional<std::string> files0;
  Total total = Total::kAuto;
  std::optional<int> total_error;
  mc::cli::Parser p(inv);
  p.Flag("-c,--bytes", w.bytes);
  p.Flag("-m,--chars", w.chars);
  p.Flag("-l,--lines", w.lines);
  p.Flag("-L,--max-line-length", w.maxlen);
  p.Flag("-w,--words", w.words);
  p.OnValue("--files0-from", [&](const std::string& v) { files0 = v; });
  // Each --total is checked as it is seen (argmatch in GNU's option loop),
  // so a bad value is an error even when a later one is good.
  std::optional<std::string> total_error_msg;
  p.OnValue("--total", [&](const std::string& total_arg) {
    if (total_error_msg) return;
    static constexpr mc::Choice kWhen[] = {{"auto", int(Total::kAuto)},
                                           {"always", int(Total::kAlways)},
                                           {"only", int(Total::kOnly)},
                                           {"never", int(Total::kNever)}};
    int r = mc::MatchChoice(total_arg, kWhen);
    if (r >= 0) total = Total(r);
    else total_error_msg = mc::ChoiceError(total_arg, "--total", kWhen, r);
  });
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (total_error_msg) return mc::UsageError(inv, *total_error_msg);
  if (w.count() == 0) w.lines = w.words = w.bytes = true;

  // The list of inputs: operands, or the names read from --files0-from.
  bool stream_names = false;  // names read one at a time from a non-regular list
  int list_fd = -1;
  std::optional<mc::Files0List> list;
  if (files0) {
    if (!files.empty()) return mc::Files0WithOperands(inv, files.front());
    list_fd = mc::text::OpenForReading(inv, *files0);
    if (list_fd < 0) return 1;
    list.emplace(*files0, list_fd);
    struct stat st;
    if (::fstat(list_fd, &st) == 0 && S_ISREG(st.st_mode)) {
      // A regular list is read whole first, as GNU, for the column width.
      for (std::string_view name; list->Next(name);) files.emplace_back(name);
      if (list->error() != 0) {
        mc::WarnErrno(inv, mc::QuoteName(*files0) + ": read error", list->error());
        mc::CloseInput(inv, list_fd);
        return 1;
      }
      mc::CloseInput(inv, list_fd);
      list_fd = -1;
    } else {
      stream_names = true;
    }
  }
  const bool no_operands = !files0 && files.empty();
  if (no_operands) files.push_back("-");

  Printer printer(inv, w);
  if (total == Total::kOnly || stream_names ||
      (files.size() == 1 && w.count() == 1))
    printer.set_width(1);
  else
    printer.set_width(NumberWidth(inv, files));

  Counter counter(w, mc::Utf8Ctype(inv));
  Counts sum;
  int status = 0;
  std::uint64_t processed = 0;
  const bool per_file = total != Total::kOnly;

  auto one = [&](const std::string& name, std::uint64_t number) {
    ++processed;
    // Messages come after the lines already printed, as with GNU's error().
    inv.out().Flush();
    if (list) {
      if (std::string problem = list->Problem(name, number); !problem.empty()) {
        mc::Warn(inv, problem);
        status = 1;
        return;
      }
    }
    int fd = mc::OpenInput(inv, name);
    if (fd < 0) {
      status = 1;
      return;
    }
    Counts c;
    if (int err = counter.Count(fd, c)) {
      mc::WarnErrno(inv, mc::QuoteName(name), err);
      status = 1;
    }
    mc::CloseInput(inv, fd);
    sum.lines += c.lines;
    sum.words += c.words;
    sum.chars += c.chars;
    sum.bytes += c.bytes;
    if (c.maxlen > sum.maxlen) sum.maxlen = c.maxlen;
    if (per_file) printer.Line(c, no_operands ? nullptr : &name);
  };

  if (stream_names) {
    for (std::string_view name; list->Next(name);) one(std::string(name), list->number());
    if (list->error() != 0) {
      mc::WarnErrno(inv, mc::QuoteName(*files0) + ": read error", list->error());
      status = 1;
    }
    mc::CloseInput(inv, list_fd);
  } else {
    std::uint64_t number = 0;
    for (const auto& name : files) one(name, ++number);
  }

  bool print_total = false;
  switch (total) {
    case Total::kAuto: print_total = processed > 1; break;
    case Total::kAlways: print_total = true; break;
    case Total::kOnly: print_total = true; break;
    case Total::kNever: print_total = false; break;
  }
  if (print_total) {
    const std::string kTotal = "total";
    printer.Line(sum, total == Total::kOnly ? nullptr : &kTotal);
  }
  return status;
}
