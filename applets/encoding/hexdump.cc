/* @applet hexdump
   @help
Usage: hexdump [options] <file>...

Display file contents in hexadecimal, decimal, octal, or ascii.

Options:
 -b, --one-byte-octal      one-byte octal display
 -c, --one-byte-char       one-byte character display
 -C, --canonical           canonical hex+ASCII display
 -d, --two-bytes-decimal   two-byte decimal display
 -o, --two-bytes-octal     two-byte octal display
 -x, --two-bytes-hex       two-byte hexadecimal display
 -L, --color[=<mode>]      interpret color formatting specifiers
                             colors are enabled by default
 -e, --format <format>     format string to be used for displaying data
 -f, --format-file <file>  file that contains format strings
 -n, --length <length>     interpret only length bytes of input
 -s, --skip <offset>       skip offset bytes from the beginning
 -v, --no-squeezing        output identical lines

 -h, --help                display this help
 -V, --version             display version

Arguments:
 <length> and <offset> arguments may be followed by the suffixes for
   GiB, TiB, PiB, EiB, ZiB, and YiB (the "iB" is optional)
*/
// util-linux hexdump's built-in formats, byte for byte: the default
// 16-bit hex words, -b -c -C -d -o -x (several may be combined; each block
// is shown in every format given), "*" for repeated blocks unless -v, -n,
// -s, and the final address line. Inputs are concatenated; "-" is a file
// name, as in util-linux. -e and -f add format strings (see FormatEngine).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "registry/applet.h"

namespace {

enum class Format { kDefault, kOctalBytes, kChars, kCanonical, kDecimal, kOctal, kHex };

constexpr std::size_t kBlock = 16;

// util-linux strtosize: base-0 number with optional K/M/G/... suffix
// (binary, "iB" optional; "B" alone after the letter means powers of 1000).
bool ParseSize(std::string_view s, std::uint64_t& out) {
  std::string str(s);
  if (str.empty() || str[0] == '-') return false;
  char* end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(str.c_str(), &end, 0);
  if (end == str.c_str() || errno != 0) return false;
  std::string_view suf(end);
  if (suf.empty()) {
    out = v;
    return true;
  }
  static constexpr char kUnits[] = "KMGTPEZY";
  const char* u = std::strchr(kUnits, suf[0] & ~0x20);
  if (u == nullptr || suf[0] == '\0') return false;
  suf.remove_prefix(1);
  unsigned base = 1024;
  if (suf == "iB" || suf.empty()) base = 1024;
  else if (suf == "B") base = 1000;
  else return false;
  int power = static_cast<int>(u - kUnits) + 1;
  for (int i = 0; i < power; ++i) {
    if (v > UINT64_MAX / base) return false;
    v *= base;
  }
  out = v;
  return true;
}

// Input: the operands concatenated (or stdin), with -s applied.
class Stream {
 public:
  Stream(mc::Invocation& inv, std::vector<std::string> names) : inv_(inv), names_(std::move(names)) {}

  // Skips `skip` bytes; false (after a message) when a seek fails.
  bool Skip(std::uint64_t skip, std::uint64_t& address);
  // Fills up to n bytes; returns the count (0 at the end of all input).
  std::size_t Read(unsigned char* p, std::size_t n);
  // Opens (and closes) every input not yet opened, for their messages.
  void OpenRest() {
    while (Open()) {
      if (fd_ != inv_.in_fd()) ::close(fd_);
      fd_ = -1;
    }
  }
  bool failed() const { return failed_; }
  bool all_failed() const { return !names_.empty() && opened_ == 0; }

 private:
  bool Open();  // opens the next input; false when none is left

  mc::Invocation& inv_;
  std::vector<std::string> names_;
  std::size_t next_ = 0;
  int fd_ = -1;
  bool failed_ = false;
  std::size_t opened_ = 0;
  bool stdin_done_ = false;
  std::unique_ptr<unsigned char[]> buf_;  // read ahead in large blocks
  std::size_t pos_ = 0, end_ = 0;
};

bool Stream::Open() {
  if (names_.empty()) {
    if (stdin_done_) return false;
    stdin_done_ = true;
    fd_ = inv_.in_fd();
    return true;
  }
  while (next_ < names_.size()) {
    const std::string& name = names_[next_++];
    int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      mc::WarnErrno(inv_, name, errno);
      failed_ = true;
      continue;
    }
    ++opened_;
    fd_ = fd;
    return true;
  }
  return false;
}

bool Stream::Skip(std::uint64_t skip, std::uint64_t& address) {
  while (skip > 0) {
    if (fd_ < 0 && !Open()) return true;
    struct stat st;
    if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) {
      std::uint64_t size = static_cast<std::uint64_t>(st.st_size);
      if (skip >= size) {  // skip the whole file
        skip -= size;
        address += size;
        if (fd_ != inv_.in_fd()) ::close(fd_);
        fd_ = -1;
        continue;
      }
    }
    if (::lseek(fd_, static_cast<off_t>(skip), SEEK_CUR) < 0) {
      int err = errno;
      mc::WarnErrno(inv_, fd_ == inv_.in_fd() && names_.empty() ? "stdin" : names_[next_ - 1], err);
      return false;
    }
    address += skip;
    skip = 0;
  }
  return true;
}

std::size_t Stream::Read(unsigned char* p, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    if (fd_ < 0 && !Open()) break;
    if (pos_ < end_) {  // buffered data first
      std::size_t take = std::min(n - got, end_ - pos_);
      std::memcpy(p + got, buf_.get() + pos_, take);
      pos_ += take;
      got += take;
      continue;
    }
    if (!buf_) buf_.reset(new unsigned char[mc::kReadBlock]);
    long r = mc::ReadSome(fd_, buf_.get(), mc::kReadBlock);
    if (r > 0) {
      pos_ = 0;
      end_ = static_cast<std::size_t>(r);
      continue;
    }
    if (r < 0) {
      const std::string& name = names_.empty() ? std::string("stdin") : names_[next_ - 1];
      mc::WarnErrno(inv_, name, errno);
      failed_ = true;
    }
    if (fd_ != inv_.in_fd()) ::close(fd_);
    fd_ = -1;
  }
  return got;
}

void Hex(char* out, unsigned v, int width, int base) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int i = width - 1; i >= 0; --i) {
    out[i] = kDigits[v % static_cast<unsigned>(base)];
    v /= static_cast<unsigned>(base);
  }
}

// One line of `f` for block b (n valid bytes) at address addr.
void Render(std::string& line, Format f, const unsigned char* b, std::size_t n, std::uint64_t addr) {
  char buf[64];
  line.clear();
  if (f == Format::kCanonical) {
    std::snprintf(buf, sizeof buf, "%08llx ", static_cast<unsigned long long>(addr));
    line += buf;
    for (std::size_t i = 0; i < kBlock; ++i) {
      if (i == 8) line += ' ';
      line += ' ';
      if (i < n) {
        Hex(buf, b[i], 2, 16);
        line.append(buf, 2);
      } else {
        line += "  ";
      }
    }
    line += "  |";
    for (std::size_t i = 0; i < n; ++i) line += b[i] >= 0x20 && b[i] < 0x7f ? static_cast<char>(b[i]) : '.';
    line += "|\n";
    return;
  }
  std::snprintf(buf, sizeof buf, "%07llx", static_cast<unsigned long long>(addr));
  line += buf;
  if (f == Format::kOctalBytes || f == Format::kChars) {
    for (std::size_t i = 0; i < kBlock; ++i) {
      line += ' ';
      if (i >= n) {
        line += "   ";
        continue;
      }
      unsigned char c = b[i];
      if (f == Format::kOctalBytes) {
        Hex(buf, c, 3, 8);
        line.append(buf, 3);
        continue;
      }
      const char* esc = nullptr;
      switch (c) {
        case '\0': esc = " \\0"; break;
        case '\a': esc = " \\a"; break;
        case '\b': esc = " \\b"; break;
        case '\f': esc = " \\f"; break;
        case '\n': esc = " \\n"; break;
        case '\r': esc = " \\r"; break;
        case '\t': esc = " \\t"; break;
        case '\v': esc = " \\v"; break;
        default: break;
      }
      if (esc != nullptr) {
        line += esc;
      } else if (c >= 0x20 && c < 0x7f) {
        line += "  ";
        line += static_cast<char>(c);
      } else {
        Hex(buf, c, 3, 8);
        line.append(buf, 3);
      }
    }
    line += '\n';
    return;
  }
  // Two-byte units, little-endian, the last one zero-padded.
  for (std::size_t i = 0; i < kBlock; i += 2) {
    int width;
    const char* lead;
    int digits, base;
    switch (f) {
      case Format::kDecimal: lead = "   ", digits = 5, base = 10; break;
      case Format::kOctal: lead = "  ", digits = 6, base = 8; break;
      case Format::kHex: lead = "    ", digits = 4, base = 16; break;
      default: lead = " ", digits = 4, base = 16; break;
    }
    width = static_cast<int>(std::strlen(lead)) + digits;
    if (i >= n) {
      line.append(static_cast<std::size_t>(width), ' ');
      continue;
    }
    unsigned v = b[i] | (i + 1 < n ? static_cast<unsigned>(b[i + 1]) << 8 : 0u);
    line += lead;
    Hex(buf, v, digits, base);
    line.append(buf, static_cast<std::size_t>(digits));
  }
  line += '\n';
}


// ---------------------------------------------------------------------------
// -e/-f format strings, with util-linux (BSD) hexdump's semantics: each
// format string is applied to every block (the largest amount of data any
// format string interprets); units are [iterations][/byte_count] "format";
// the last iteration of a repeated unit drops its final white space; data
// missing at the end prints as blanks of the conversion's width; %_A is
// printed once at the end.

enum class Kind { kText, kAddress, kBlank, kC, kChar, kDouble, kInt, kPrintable, kString, kAsciiName, kUint };

struct Piece {
  Kind kind = Kind::kText;
  std::string fmt;          // printf format with at most one conversion
  std::size_t conv = 0;     // index of the conversion character in fmt
  std::size_t bcnt = 0;     // bytes this piece interprets
  std::size_t nospace = std::string::npos;  // dropped on a unit's last iteration
};

struct Unit {
  std::size_t reps = 1;
  bool set_reps = false;
  std::size_t bcnt = 0;
  std::string fmt;
  std::vector<Piece> pieces;
  bool ignore = false;  // holds %_A: printed only at the end
};

struct FormatString {
  std::vector<Unit> units;
  std::size_t bcnt = 0;
};

struct FormatError {
  std::string message;
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string Unescape(const std::string& s) {
  std::string o;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      o += s[i];
      continue;
    }
    char c = s[++i];
    switch (c) {
      case 'a': o += '\a'; break;
      case 'b': o += '\b'; break;
      case 'f': o += '\f'; break;
      case 'n': o += '\n'; break;
      case 'r': o += '\r'; break;
      case 't': o += '\t'; break;
      case 'v': o += '\v'; break;
      default: o += c; break;
    }
  }
  return o;
}

// Parses one format string into units (throws FormatError).
FormatString ParseFormat(const std::string& text) {
  FormatString fs;
  std::size_t p = 0;
  const std::size_t n = text.size();
  auto at = [&](std::size_t i) { return i < n ? text[i] : '\0'; };
  auto bad = [&]() { throw FormatError{"bad format {" + text + "}"}; };
  // A count as util-linux 2.38 reads it: strtoul ("bad format" when it
  // overflows), then kept in an int, so larger values wrap (4294967297 is
  // 1; 2147483648 is negative).
  auto count = [&](std::size_t from, std::size_t to) -> std::int32_t {
    std::uint64_t v = 0;
    for (std::size_t i = from; i < to; ++i) {
      const unsigned d = static_cast<unsigned>(text[i] - '0');
      if (v > (UINT64_MAX - d) / 10) bad();
      v = v * 10 + d;
    }
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
  };
  for (;;) {
    while (p < n && IsSpace(text[p])) ++p;
    if (p >= n) break;
    Unit u;
    if (IsDigit(at(p))) {
      std::size_t s = p;
      while (IsDigit(at(p))) ++p;
      if (!IsSpace(at(p)) && at(p) != '/') bad();
      const std::int32_t r = count(s, p);
      u.reps = r > 0 ? static_cast<std::size_t>(r) : 0;  // none: the unit prints nothing
      u.set_reps = true;
      for (++p; IsSpace(at(p)); ++p) {
      }
    }
    if (at(p) == '/') {
      ++p;
      while (IsSpace(at(p))) ++p;
    }
    if (IsDigit(at(p))) {
      std::size_t s = p;
      while (IsDigit(at(p))) ++p;
      if (!IsSpace(at(p))) bad();
      const std::int32_t b = count(s, p);
      // A negative count fits no conversion ("bad byte count" below).
      u.bcnt = b >= 0 ? static_cast<std::size_t>(b) : 3;
      for (++p; IsSpace(at(p)); ++p) {
      }
    }
    if (at(p) != '"') bad();
    std::size_t s = ++p;
    while (at(p) != '"') {
      if (p >= n) bad();
      ++p;
    }
    u.fmt = Unescape(text.substr(s, p - s));
    ++p;
    fs.units.push_back(std::move(u));
  }
  return fs;
}

// Bytes a unit interprets per iteration when no byte count is given.
std::size_t UnitSize(const Unit& u) {
  if (u.bcnt) return u.bcnt;
  std::size_t bcnt = 0;
  const std::string& f = u.fmt;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') continue;
    std::size_t prec = 0;
    ++i;
    while (i < f.size() && std::strchr("#-+ 0123456789", f[i]) && f[i]) ++i;
    if (i < f.size() && f[i] == '.' && i + 1 < f.size() && IsDigit(f[i + 1])) {
      ++i;
      prec = std::strtoul(f.c_str() + i, nullptr, 10);
      while (i < f.size() && IsDigit(f[i])) ++i;
    }
    if (i >= f.size()) break;
    switch (f[i]) {
      case 'c': bcnt += 1; break;
      case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': bcnt += 4; break;
      case 'e': case 'E': case 'f': case 'g': case 'G': bcnt += 8; break;
      case 's': bcnt += prec; break;
      case '_':
        if (i + 1 < f.size() && std::strchr("cpu", f[i + 1])) bcnt += 1;
        break;
      default: break;
    }
  }
  return bcnt;
}

// Splits a unit's format into pieces with one conversion each.
void Rewrite(Unit& u, bool& has_end) {
  const std::string& f = u.fmt;
  std::size_t pos = 0;
  int nconv = 0;
  while (pos < f.size()) {
    Piece pr;
    std::size_t p1 = f.find('%', pos);
    if (p1 == std::string::npos) {
      pr.kind = Kind::kText;
      pr.fmt = f.substr(pos);
      u.pieces.push_back(std::move(pr));
      break;
    }
    enum { kNotOkay, kUseBcnt, kUsePrec } sokay;
    std::size_t prec = 0;
    std::size_t q = p1 + 1;
    if (u.bcnt) {
      sokay = kUseBcnt;
      while (q < f.size() && std::strchr(".#-+ 0123456789", f[q]) && f[q]) ++q;
    } else {
      while (q < f.size() && std::strchr("#-+ 0123456789", f[q]) && f[q]) ++q;
      if (q < f.size() && f[q] == '.' && q + 1 < f.size() && IsDigit(f[q + 1])) {
        sokay = kUsePrec;
        ++q;
        prec = std::strtoul(f.c_str() + q, nullptr, 10);
        while (q < f.size() && IsDigit(f[q])) ++q;
      } else {
        sokay = kNotOkay;
      }
    }
    char cc = q < f.size() ? f[q] : '\0';
    std::size_t end = q + 1;
    std::string conv(1, cc);
    auto badcnt = [&](const std::string& c) {
      throw FormatError{"bad byte count for conversion character " + c};
    };
    auto badconv = [&](const std::string& c) { throw FormatError{"bad conversion character %" + c}; };
    switch (cc) {
      case 'c':
        pr.kind = Kind::kChar;
        if (u.bcnt > 1) badcnt("c");
        pr.bcnt = 1;
        break;
      case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
        pr.kind = (cc == 'd' || cc == 'i') ? Kind::kInt : Kind::kUint;
        conv = std::string("ll") + cc;
        if (u.bcnt == 0 || u.bcnt == 4) pr.bcnt = 4;
        else if (u.bcnt == 1 || u.bcnt == 2 || u.bcnt == 8) pr.bcnt = u.bcnt;
        else badcnt(std::string(1, cc));
        break;
      case 'e': case 'E': case 'f': case 'g': case 'G':
        pr.kind = Kind::kDouble;
        if (u.bcnt == 0 || u.bcnt == 8) pr.bcnt = 8;
        else if (u.bcnt == 4) pr.bcnt = 4;
        else badcnt(std::string(1, cc));
        break;
      case 's':
        pr.kind = Kind::kString;
        if (sokay == kNotOkay) throw FormatError{"%s requires a precision or a byte count"};
        pr.bcnt = sokay == kUseBcnt ? u.bcnt : prec;
        break;
      case '_': {
        char c1 = q + 1 < f.size() ? f[q + 1] : '\0';
        ++end;
        switch (c1) {
          case 'A':
            has_end = true;
            u.ignore = true;
            [[fallthrough]];
          case 'a': {
            pr.kind = Kind::kAddress;
            char c2 = q + 2 < f.size() ? f[q + 2] : '\0';
            ++end;
            if (c2 != 'd' && c2 != 'o' && c2 != 'x') badconv(std::string("_") + c1 + c2);
            conv = std::string("ll") + c2;
            break;
          }
          case 'c':
            pr.kind = Kind::kC;
            conv = "c";
            if (u.bcnt > 1) badcnt("_c");
            pr.bcnt = 1;
            break;
          case 'p':
            pr.kind = Kind::kPrintable;
            conv = "c";
            if (u.bcnt > 1) badcnt("_p");
            pr.bcnt = 1;
            break;
          case 'u':
            pr.kind = Kind::kAsciiName;
            conv = "c";
            if (u.bcnt > 1) badcnt("_u");
            pr.bcnt = 1;
            break;
          default: badconv(std::string("_") + c1);
        }
        break;
      }
      default: badconv(std::string(1, cc));
    }
    pr.fmt = f.substr(pos, q - pos) + conv;
    pr.conv = q - pos;
    pos = std::min(end, f.size());
    if (pr.kind != Kind::kAddress && u.bcnt && nconv++)
      throw FormatError{"byte count with multiple conversion characters"};
    u.pieces.push_back(std::move(pr));
  }
  if (!u.bcnt)
    for (const Piece& pr : u.pieces) u.bcnt += pr.bcnt;
}

template <class... A>
void Printf(std::string& out, const std::string& fmt, A... args) {
  int len = std::snprintf(nullptr, 0, fmt.c_str(), args...);
  if (len <= 0) return;
  std::size_t old = out.size();
  out.resize(old + static_cast<std::size_t>(len) + 1);
  std::snprintf(out.data() + old, static_cast<std::size_t>(len) + 1, fmt.c_str(), args...);
  out.resize(old + static_cast<std::size_t>(len));
}

// The conversion with a different conversion character (conv_c, conv_u).
std::string WithConv(const Piece& pr, const char* c) {
  std::size_t len = pr.fmt.size() - pr.conv;
  return pr.fmt.substr(0, pr.conv) + c + pr.fmt.substr(pr.conv + len);
}

// Turns a piece into blanks of its width (BSD bpad).
void Blank(Piece& pr) {
  std::string head = pr.fmt.substr(0, pr.conv);
  std::size_t pct = head.find('%');
  std::string flags_etc = head.substr(pct + 1), kept;
  std::size_t i = 0;
  while (i < flags_etc.size() && std::strchr("-0+ #", flags_etc[i])) ++i;
  kept = flags_etc.substr(i);
  pr.fmt = head.substr(0, pct + 1) + kept + "s";
  pr.conv = pr.fmt.size() - 1;
  if (pr.nospace != std::string::npos) pr.nospace = std::string::npos;
  pr.kind = Kind::kBlank;
}

void PrintPiece(std::string& out, const Piece& pr, const std::string& fmt, const unsigned char* bp,
                std::uint64_t address) {
  static constexpr const char* kNames[] = {"nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel",
                                           "bs",  "ht",  "lf",  "vt",  "ff",  "cr",  "so",  "si",
                                           "dle", "dc1", "dc2", "dc3", "dc4", "nak", "syn", "etb",
                                           "can", "em",  "sub", "esc", "fs",  "gs",  "rs",  "us"};
  Piece p = pr;
  p.fmt = fmt;
  switch (pr.kind) {
    case Kind::kText: out += fmt; break;
    case Kind::kAddress: Printf(out, fmt, static_cast<long long>(address)); break;
    case Kind::kBlank: Printf(out, fmt, ""); break;
    case Kind::kChar: Printf(out, fmt, static_cast<int>(*bp)); break;
    case Kind::kPrintable: Printf(out, fmt, (*bp >= 0x20 && *bp < 0x7f) ? static_cast<int>(*bp) : '.'); break;
    case Kind::kC: {
      const char* esc = nullptr;
      switch (*bp) {
        case '\0': esc = "\\0"; break;
        case '\a': esc = "\\a"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\v': esc = "\\v"; break;
        default: break;
      }
      if (esc) {
        Printf(out, WithConv(p, "s"), esc);
      } else if (*bp >= 0x20 && *bp < 0x7f) {
        Printf(out, WithConv(p, "c"), static_cast<int>(*bp));
      } else {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%03o", static_cast<unsigned>(*bp));
        Printf(out, WithConv(p, "s"), buf);
      }
      break;
    }
    case Kind::kAsciiName:
      if (*bp <= 0x1f) Printf(out, WithConv(p, "s"), kNames[*bp]);
      else if (*bp == 0x7f) Printf(out, WithConv(p, "s"), "del");
      else if (*bp < 0x7f) Printf(out, WithConv(p, "c"), static_cast<int>(*bp));
      else Printf(out, WithConv(p, "x"), static_cast<unsigned>(*bp));
      break;
    case Kind::kDouble:
      if (pr.bcnt == 4) {
        float f;
        std::memcpy(&f, bp, 4);
        Printf(out, fmt, static_cast<double>(f));
      } else {
        double d;
        std::memcpy(&d, bp, 8);
        Printf(out, fmt, d);
      }
      break;
    case Kind::kInt:
    case Kind::kUint: {
      std::uint64_t v = 0;
      std::memcpy(&v, bp, pr.bcnt);  // little-endian hosts, as util-linux
      long long sv;
      switch (pr.bcnt) {
        case 1: sv = static_cast<signed char>(v); break;
        case 2: sv = static_cast<std::int16_t>(v); break;
        case 4: sv = static_cast<std::int32_t>(v); break;
        default: sv = static_cast<long long>(v); break;
      }
      if (pr.kind == Kind::kInt) Printf(out, fmt, sv);
      else Printf(out, fmt, static_cast<unsigned long long>(v));
      break;
    }
    case Kind::kString: {
      std::size_t len = 0;
      while (len < pr.bcnt && bp[len]) ++len;
      Printf(out, fmt, std::string(reinterpret_cast<const char*>(bp), len).c_str());
      break;
    }
  }
}

class FormatEngine {
 public:
  static constexpr std::size_t kMaxBlock = std::size_t{64} << 20;
  // Parses the format strings (throws FormatError) and sets up the block.
  explicit FormatEngine(const std::vector<std::string>& formats) {
    for (const std::string& f : formats) fs_.push_back(ParseFormat(f));
    for (std::size_t i = 0; i < fs_.size(); ++i) {
      FormatString& fs = fs_[i];
      fs.bcnt = 0;
      for (const Unit& u : fs.units) fs.bcnt += UnitSize(u) * u.reps;
      // The block is held twice in memory (for squeezing): a count that
      // would need gigabytes is refused rather than allocated (util-linux
      // allocates it; a wrapped 99999999999 there takes 1.2 GB).
      if (fs.bcnt > kMaxBlock) throw FormatError{"bad format {" + formats[i] + "}: block too large"};
      if (fs.bcnt > block_) block_ = fs.bcnt;
    }
    for (FormatString& fs : fs_) {
      for (Unit& u : fs.units) {
        bool has_end = false;
        Rewrite(u, has_end);
        if (has_end) end_unit_ = &u;
      }
      for (std::size_t k = 0; k < fs.units.size(); ++k) {
        Unit& u = fs.units[k];
        if (k + 1 == fs.units.size() && fs.bcnt < block_ && !u.set_reps && u.bcnt)
          u.reps += (block_ - fs.bcnt) / u.bcnt;
        if (u.reps > 1 && !u.pieces.empty()) {
          Piece& last = u.pieces.back();
          if (!last.fmt.empty() && IsSpace(last.fmt.back())) last.nospace = last.fmt.size() - 1;
        }
      }
    }
  }
  std::size_t block() const { return block_; }

  // Displays one block (zero-filled past `valid` bytes) at `address`.
  void Display(std::string& out, const unsigned char* bp, std::uint64_t address, std::size_t valid, bool partial) {
    std::uint64_t eaddress = address + valid;
    for (FormatString& fs : fs_) {
      std::uint64_t a = address;
      const unsigned char* p = bp;
      for (Unit& u : fs.units) {
        if (u.ignore) break;
        for (std::size_t cnt = u.reps; cnt; --cnt) {
          for (Piece& pr : u.pieces) {
            if (partial && a >= eaddress && pr.kind != Kind::kText && pr.kind != Kind::kBlank) Blank(pr);
            std::string fmt = pr.fmt;
            if (cnt == 1 && pr.nospace != std::string::npos) fmt.resize(pr.nospace);
            PrintPiece(out, pr, fmt, p, a);
            a += pr.bcnt;
            p += pr.bcnt;
          }
        }
      }
    }
  }

  // The %_A unit, once at the end.
  void End(std::string& out, std::uint64_t eaddress) {
    if (end_unit_ == nullptr) return;
    for (const Piece& pr : end_unit_->pieces) {
      if (pr.kind == Kind::kAddress) Printf(out, pr.fmt, static_cast<long long>(eaddress));
      else if (pr.kind == Kind::kText) out += pr.fmt;
    }
  }

 private:
  std::vector<FormatString> fs_;
  std::size_t block_ = 0;
  Unit* end_unit_ = nullptr;
};

// util-linux's built-in formats as format strings (used with -e/-f).
void BuiltinFormats(Format f, std::vector<std::string>& out) {
  switch (f) {
    case Format::kOctalBytes:
      out.push_back("\"%07.7_Ax\n\"");
      out.push_back("\"%07.7_ax \" 16/1 \"%03o \" \"\\n\"");
      break;
    case Format::kChars:
      out.push_back("\"%07.7_Ax\n\"");
      out.push_back("\"%07.7_ax \" 16/1 \"%3_c \" \"\\n\"");
      break;
    case Format::kCanonical:
      out.push_back("\"%08.8_Ax\n\"");
      out.push_back("\"%08.8_ax  \" 8/1 \"%02x \" \"  \" 8/1 \"%02x \" ");
      out.push_back("\"  |\" 16/1 \"%_p\" \"|\\n\"");
      break;
    case Format::kDecimal:
      out.push_back("\"%07.7_Ax\n\"");
      out.push_back("\"%07.7_ax \" 8/2 \"  %05u \" \"\\n\"");
      break;
    case Format::kOctal:
      out.push_back("\"%07.7_Ax\n\"");
      out.push_back("\"%07.7_ax \" 8/2 \" %06o \" \"\\n\"");
      break;
    case Format::kHex:
      out.push_back("\"%07.7_Ax\n\"");
      out.push_back("\"%07.7_ax \" 8/2 \"   %04x \" \"\\n\"");
      break;
    case Format::kDefault:
      out.push_back("\"%07.7_Ax\n\"");
      out.push_back("\"%07.7_ax \" 8/2 \"%04x \" \"\\n\"");
      break;
  }
}

}  // namespace

MC_APPLET(hexdump) {
  std::vector<Format> formats;
  // Every format in option order, as format strings; used when -e or -f
  // appears (the built-in renderer handles the built-in formats alone).
  std::vector<std::string> format_strings;
  bool custom = false;
  // util-linux checks each option value as it is seen: the first failure
  // is kept and reported once parsing is done (a later -n 1 does not
  // excuse -n x).
  std::string first_error;
  auto fail = [&first_error](std::string msg) {
    if (first_error.empty()) first_error = std::move(msg);
  };
  bool no_squeeze = false;
  std::uint64_t length = UINT64_MAX, skip = 0;
  mc::cli::Parser p(inv);
  p.OnFlag("-b,--one-byte-octal", [&] {
    formats.push_back(Format::kOctalBytes);
    BuiltinFormats(Format::kOctalBytes, format_strings);
  });
  p.OnFlag("-c,--one-byte-char", [&] {
    formats.push_back(Format::kChars);
    BuiltinFormats(Format::kChars, format_strings);
  });
  p.OnFlag("-C,--canonical", [&] {
    formats.push_back(Format::kCanonical);
    BuiltinFormats(Format::kCanonical, format_strings);
  });
  p.OnFlag("-d,--two-bytes-decimal", [&] {
    formats.push_back(Format::kDecimal);
    BuiltinFormats(Format::kDecimal, format_strings);
  });
  p.OnFlag("-o,--two-bytes-octal", [&] {
    formats.push_back(Format::kOctal);
    BuiltinFormats(Format::kOctal, format_strings);
  });
  p.OnFlag("-x,--two-bytes-hex", [&] {
    formats.push_back(Format::kHex);
    BuiltinFormats(Format::kHex, format_strings);
  });
  p.OnValue("-n,--length", [&](const std::string& v) {
    if (!ParseSize(v, length)) fail("failed to parse length: " + mc::Quote(v) + ": Invalid argument");
  });
  p.OnValue("-s,--skip", [&](const std::string& v) {
    if (!ParseSize(v, skip)) fail("failed to parse offset: " + mc::Quote(v) + ": Invalid argument");
  });
  p.Flag("-v,--no-squeezing", no_squeeze);
  p.OnValue("-e,--format", [&](const std::string& v) {
    custom = true;
    format_strings.push_back(v);
  });
  p.OnValue("-f,--format-file", [&](const std::string& name) {
    custom = true;
    int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      fail("can't read " + name + ": " + std::string(mc::ErrorText(errno)));
      return;
    }
    mc::LineReader lines(fd);
    std::string_view line;
    while (lines.Next(line)) {
      std::size_t i = 0;
      while (i < line.size() && IsSpace(line[i])) ++i;
      if (i == line.size() || line[i] == '#') continue;
      format_strings.emplace_back(line.substr(i));
    }
    ::close(fd);
  });
  // Colors only apply to -e format strings, which we do not support: a
  // valid mode (auto, never, always in any case, as util-linux) has no
  // effect on the built-in formats.
  p.OptionalValue("-L,--color", [&](std::optional<std::string_view> v) {
    if (!v) return;
    std::string mode(*v);
    for (char& c : mode) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (mode != "auto" && mode != "never" && mode != "always")
      fail("unsupported color mode: " + mc::Quote(*v));
  });
  bool help = false, version = false;
  p.Flag("-h", help);
  p.Flag("-V", version);
  std::vector<std::string> operands;
  if (auto rc = p.Parse(&operands)) return *rc;
  if (help) return mc::cli::PrintHelp(inv);
  if (version) return mc::cli::PrintVersion(inv);

  if (!first_error.empty()) {
    mc::Warn(inv, first_error);
    return 1;
  }
  if (formats.empty()) formats.push_back(Format::kDefault);

  Stream in(inv, operands);
  std::uint64_t address = 0;
  if (custom) {
    std::unique_ptr<FormatEngine> engine;
    try {
      engine = std::make_unique<FormatEngine>(format_strings);
    } catch (const FormatError& e) {
      mc::Warn(inv, e.message);
      return 1;
    }
    std::size_t block = engine->block();
    if (!in.Skip(skip, address)) return 1;
    std::string text;
    if (block == 0) {  // nothing reads data: only %_A (after -s) is shown
      in.OpenRest();
      if (address > 0) engine->End(text, address);
      inv.out().Write(text);
      if (in.all_failed()) {
        mc::Warn(inv, "all input file arguments failed");
        return 1;
      }
      return in.failed() ? 1 : 0;
    }
    std::vector<unsigned char> cur(block + 16), prev(block + 16);
    bool have_prev = false, starred = false;
    mc::Output& out = inv.out();
    while (length > 0) {
      std::size_t want = length < block ? static_cast<std::size_t>(length) : block;
      std::size_t n = in.Read(cur.data(), want);
      if (n == 0) break;
      length -= n;
      if (!no_squeeze && n == block && have_prev && std::memcmp(cur.data(), prev.data(), block) == 0) {
        if (!starred) out.Write("*\n");
        starred = true;
      } else {
        starred = false;
        std::memset(cur.data() + n, 0, cur.size() - n);
        text.clear();
        engine->Display(text, cur.data(), address, n, n < block);
        out.Write(text);
      }
      std::memcpy(prev.data(), cur.data(), n);
      have_prev = n == block;
      address += n;
    }
    if (address > 0) {
      text.clear();
      engine->End(text, address);
      out.Write(text);
    }
    if (in.all_failed()) {
      mc::Warn(inv, "all input file arguments failed");
      return 1;
    }
    return in.failed() ? 1 : 0;
  }
  if (!in.Skip(skip, address)) return 1;

  mc::Output& out = inv.out();
  unsigned char cur[kBlock], prev[kBlock];
  bool have_prev = false, starred = false;
  std::string line;
  while (length > 0) {
    std::size_t want = length < kBlock ? static_cast<std::size_t>(length) : kBlock;
    std::size_t n = in.Read(cur, want);
    if (n == 0) break;
    length -= n;
    if (!no_squeeze && n == kBlock && have_prev && std::memcmp(cur, prev, kBlock) == 0) {
      if (!starred) out.Write("*\n");
      starred = true;
    } else {
      starred = false;
      for (Format f : formats) {
        Render(line, f, cur, n, address);
        out.Write(line);
      }
    }
    std::memcpy(prev, cur, n);
    have_prev = n == kBlock;
    address += n;
  }
  if (address > 0) {
    char buf[32];
    bool wide = formats.back() == Format::kCanonical;
    std::snprintf(buf, sizeof buf, wide ? "%08llx\n" : "%07llx\n", static_cast<unsigned long long>(address));
    out.Write(buf);
  }
  if (in.all_failed()) {
    mc::Warn(inv, "all input file arguments failed");
    return 1;
  }
  return in.failed() ? 1 : 0;
}
