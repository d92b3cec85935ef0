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
// name, as in util-linux. Custom formats (-e, -f) are not supported.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
    long r = mc::ReadSome(fd_, p + got, n - got);
    if (r > 0) {
      got += static_cast<std::size_t>(r);
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

}  // namespace

MC_APPLET(hexdump) {
  std::vector<Format> formats;
  bool no_squeeze = false;
  std::string length_text, skip_text;
  bool length_given = false, skip_given = false;
  mc::cli::Parser p(inv);
  p.OnFlag("-b,--one-byte-octal", [&] { formats.push_back(Format::kOctalBytes); });
  p.OnFlag("-c,--one-byte-char", [&] { formats.push_back(Format::kChars); });
  p.OnFlag("-C,--canonical", [&] { formats.push_back(Format::kCanonical); });
  p.OnFlag("-d,--two-bytes-decimal", [&] { formats.push_back(Format::kDecimal); });
  p.OnFlag("-o,--two-bytes-octal", [&] { formats.push_back(Format::kOctal); });
  p.OnFlag("-x,--two-bytes-hex", [&] { formats.push_back(Format::kHex); });
  p.OnValue("-n,--length", [&](const std::string& v) {
    length_text = v;
    length_given = true;
  });
  p.OnValue("-s,--skip", [&](const std::string& v) {
    skip_text = v;
    skip_given = true;
  });
  p.Flag("-v,--no-squeezing", no_squeeze);
  // Colors only apply to -e format strings, which we do not support: the
  // option is accepted and has no effect on the built-in formats.
  p.OptionalValue("-L,--color", [](std::optional<std::string_view>) {});
  bool help = false, version = false;
  p.Flag("-h", help);
  p.Flag("-V", version);
  std::vector<std::string> operands;
  if (auto rc = p.Parse(&operands)) return *rc;
  if (help) return mc::cli::PrintHelp(inv);
  if (version) return mc::cli::PrintVersion(inv);

  std::uint64_t length = UINT64_MAX, skip = 0;
  if (length_given && !ParseSize(length_text, length)) {
    mc::Warn(inv, "failed to parse length: " + mc::Quote(length_text) + ": Invalid argument");
    return 1;
  }
  if (skip_given && !ParseSize(skip_text, skip)) {
    mc::Warn(inv, "failed to parse offset: " + mc::Quote(skip_text) + ": Invalid argument");
    return 1;
  }
  if (formats.empty()) formats.push_back(Format::kDefault);

  Stream in(inv, operands);
  std::uint64_t address = 0;
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
