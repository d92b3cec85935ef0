/* @applet cmp
   @failcode 2
   @help
Usage: cmp [OPTION]... FILE1 [FILE2 [SKIP1 [SKIP2]]]
Compare two files byte by byte.

The optional SKIP1 and SKIP2 specify the number of bytes to skip
at the beginning of each file (zero by default).

Mandatory arguments to long options are mandatory for short options too.
  -b, --print-bytes          print differing bytes
  -i, --ignore-initial=SKIP         skip first SKIP bytes of both inputs
  -i, --ignore-initial=SKIP1:SKIP2  skip first SKIP1 bytes of FILE1 and
                                      first SKIP2 bytes of FILE2
  -l, --verbose              output byte numbers and differing byte values
  -n, --bytes=LIMIT          compare at most LIMIT bytes
  -s, --quiet, --silent      suppress all normal output
      --help                 display this help and exit
  -v, --version              output version information and exit

SKIP values may be followed by the following multiplicative suffixes:
kB 1000, K 1024, MB 1,000,000, M 1,048,576,
GB 1,000,000,000, G 1,073,741,824, and so on for T, P, E, Z, Y.

If a FILE is '-' or missing, read standard input.
Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.
*/
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "applets/support/locale.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

constexpr int kTrouble = 2;
constexpr std::uintmax_t kMaxOffset = INT64_MAX;

// diffutils prefixes its "Try" line with the program name.
int TryHelp(mc::Invocation& inv, std::string_view msg) {
  if (!msg.empty()) mc::Warn(inv, msg);
  mc::Warn(inv, "Try 'cmp --help' for more information.");
  return kTrouble;
}

// xstrtoumax(s, base 0, "kKMGTPEZY0"): 0x.. is hex, 0.. octal. With a
// nonzero `stop` the number may end at that character (the ':' of
// SKIP1:SKIP2), where *rest then starts.
bool ParseCount(std::string_view s, char stop, std::uintmax_t& out, std::string_view* rest) {
  std::string_view tail;
  const mc::NumError e = mc::ParseScaled(s, 0, "kKMGTPEZY0", out, &tail);
  const bool at_stop = e == mc::NumError::kInvalidSuffix && stop != '\0' && tail.front() == stop;
  if (e != mc::NumError::kOk && !at_stop) return false;
  if (rest) *rest = tail;
  return true;
}

// Up to 4 bytes: c printed as GNU cmp -b does (M- and ^ notation).
std::string Printable(unsigned char c) {
  std::string s;
  if (c >= 128) {
    s = "M-";
    c = static_cast<unsigned char>(c - 128);
  }
  if (c < 32) {
    s += '^';
    s += static_cast<char>(c + 64);
  } else if (c == 127) {
    s += "^?";
  } else {
    s += static_cast<char>(c);
  }
  return s;
}

std::size_t CountNewlines(const unsigned char* p, std::size_t n) {
  std::size_t count = 0, i = 0;
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  for (; i + 16 <= n; i += 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    count += static_cast<std::size_t>(
        __builtin_popcount(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)))));
  }
#endif
  for (; i < n; ++i) count += p[i] == '\n';
  return count;
}

// Skips n bytes of fd: seeks where possible, else reads them. Returns
// false with errno on a read error.
bool Skip(int fd, std::uintmax_t n, unsigned char* buf, std::size_t cap) {
  if (n == 0) return true;
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    if (::lseek(fd, static_cast<off_t>(n), SEEK_CUR) >= 0) return true;
  }
  while (n > 0) {
    long got = mc::ReadSome(fd, buf, n < cap ? static_cast<std::size_t>(n) : cap);
    if (got < 0) return false;
    if (got == 0) break;
    n -= static_cast<std::uintmax_t>(got);
  }
  return true;
}

enum class Mode { kFirst, kAll, kStatus };

struct Args {
  bool print_bytes = false;
  Mode mode = Mode::kFirst;
  bool verbose = false, silent = false;
  std::uintmax_t limit = UINTMAX_MAX;
  std::uintmax_t skip[2] = {0, 0};
  std::vector<std::string> operands;
};

bool SetSkip(std::string_view arg, std::uintmax_t skip[2], bool both) {
  std::string_view rest;
  std::uintmax_t v;
  if (!ParseCount(arg, both ? ':' : '\0', v, &rest) || v > kMaxOffset)
    return false;
  if (skip[0] < v) skip[0] = v;
  if (!both) return true;
  if (rest.empty()) {
    if (skip[1] < v) skip[1] = v;
    return true;
  }
  rest.remove_prefix(1);
  if (!ParseCount(rest, '\0', v, nullptr) || v > kMaxOffset) return false;
  if (skip[1] < v) skip[1] = v;
  return true;
}

// Returns a status to exit with, or -1. diffutils words its usage errors
// differently from coreutils ("cmp: Try ..."), and -v is --version.
int ParseArgs(mc::Invocation& inv, Args& a) {
  mc::cli::Parser p(inv);
  // Two options to getopt (print-chars is the obsolete -c), so "--print" is
  // ambiguous, as with diffutils.
  p.Flag("-b,--print-bytes", a.print_bytes);
  p.Flag("-c,--print-chars", a.print_bytes);
  p.OnValue("-i,--ignore-initial", [&](const std::string& v) {
    if (!SetSkip(v, a.skip, true)) p.Stop(TryHelp(inv, "invalid --ignore-initial value '" + v + "'"));
  });
  p.Flag("-l,--verbose", a.verbose);
  p.OnValue("-n,--bytes", [&](const std::string& v) {
    std::uintmax_t n;
    if (!ParseCount(v, '\0', n, nullptr)) p.Stop(TryHelp(inv, "invalid --bytes value '" + v + "'"));
    else if (n < a.limit) a.limit = n;
  });
  p.Flag("-s,--quiet,--silent", a.silent);
  p.OnFlag("-v", [&] { p.Stop(mc::cli::PrintVersion(inv)); });
  p.OnUsageError([&](std::string_view msg) { return TryHelp(inv, msg); });
  if (auto rc = p.Parse(&a.operands)) return *rc;
  return -1;
}

struct Input {
  std::string name;
  int fd = -1;
  struct stat st {};
  bool have_stat = false;
};

std::string Num(std::uintmax_t v) { return std::to_string(v); }

// POSIX has cmp say "char" in the C locale; diffutils says "byte" in any
// other (hard) locale.
std::string_view UnitWord(const mc::Invocation& inv) {
  return mc::HardLocale(inv, "LC_MESSAGES") ? "byte" : "char";
}

}  // namespace

MC_APPLET(cmp) {
  inv.set_write_error_label("standard output");
  Args a;
  if (int rc = ParseArgs(inv, a); rc >= 0) return rc;
  if (a.verbose && a.silent) return TryHelp(inv, "options -l and -s are incompatible");
  a.mode = a.silent ? Mode::kStatus : a.verbose ? Mode::kAll : Mode::kFirst;
  if (a.operands.empty()) return TryHelp(inv, "missing operand after 'cmp'");
  for (std::size_t f = 2; f < a.operands.size() && f < 4; ++f) {
    std::uintmax_t v;
    if (!ParseCount(a.operands[f], '\0', v, nullptr) || v > kMaxOffset)
      return TryHelp(inv, "invalid --ignore-initial value '" + a.operands[f] + "'");
    if (a.skip[f - 2] < v) a.skip[f - 2] = v;
  }
  if (a.operands.size() > 4) return TryHelp(inv, "extra operand '" + a.operands[4] + "'");
  Input in[2];
  in[0].name = a.operands[0];
  in[1].name = a.operands.size() > 1 ? a.operands[1] : "-";
  if (in[0].name == "-" && in[1].name == "-" && a.skip[0] == a.skip[1]) return 0;
  auto close_all = [&] {
    for (auto& x : in)
      if (x.fd >= 0) mc::CloseInput(inv, x.fd);
  };
  for (auto& x : in) {
    x.fd = mc::OpenInput(inv, x.name);
    if (x.fd < 0) {
      close_all();
      return kTrouble;
    }
    x.have_stat = ::fstat(x.fd, &x.st) == 0;
  }
  // The same file at the same offset is equal to itself.
  if (in[0].have_stat && in[1].have_stat && in[0].st.st_dev == in[1].st.st_dev &&
      in[0].st.st_ino == in[1].st.st_ino && a.skip[0] == a.skip[1] &&
      ::lseek(in[0].fd, 0, SEEK_CUR) == ::lseek(in[1].fd, 0, SEEK_CUR)) {
    close_all();
    return 0;
  }
  const std::size_t kBlock = 256 * 1024;
  std::unique_ptr<unsigned char[]> buf0(new unsigned char[kBlock]), buf1(new unsigned char[kBlock]);
  for (int f = 0; f < 2; ++f) {
    if (!Skip(in[f].fd, a.skip[f], buf0.get(), kBlock)) {
      mc::WarnErrno(inv, mc::QuoteName(in[f].name), errno);
      close_all();
      return kTrouble;
    }
  }
  // Regular files of different sizes differ: -s need not read them.
  std::uintmax_t remaining[2] = {UINTMAX_MAX, UINTMAX_MAX};
  for (int f = 0; f < 2; ++f) {
    if (in[f].have_stat && S_ISREG(in[f].st.st_mode)) {
      off_t pos = ::lseek(in[f].fd, 0, SEEK_CUR);
      std::uintmax_t size = static_cast<std::uintmax_t>(in[f].st.st_size);
      std::uintmax_t p = pos < 0 ? 0 : static_cast<std::uintmax_t>(pos);
      remaining[f] = size > p ? size - p : 0;
    }
  }
  if (a.mode == Mode::kStatus && remaining[0] != UINTMAX_MAX && remaining[1] != UINTMAX_MAX &&
      remaining[0] != remaining[1] && std::min(remaining[0], remaining[1]) < a.limit) {
    close_all();
    return 1;
  }
  // Width of the offsets -l prints: digits of the largest possible offset.
  int width = 1;
  if (a.mode == Mode::kAll) {
    std::uintmax_t most = std::min<std::uintmax_t>(a.limit, kMaxOffset);
    for (auto r : remaining) most = std::min(most, r);
    while ((most /= 10) != 0) ++width;
  }

  mc::Output& out = inv.out();
  std::uintmax_t offset = 0;  // bytes compared equal (or reported) so far
  std::uintmax_t lines = 0;   // newlines among them
  bool last_was_newline = false;
  std::uintmax_t left = a.limit;
  int status = 0;
  bool differ = false;
  while (left > 0) {
    std::size_t want = left < kBlock ? static_cast<std::size_t>(left) : kBlock;
    long n0 = mc::ReadFull(in[0].fd, buf0.get(), want);
    if (n0 < 0) {
      mc::WarnErrno(inv, mc::QuoteName(in[0].name), errno);
      status = kTrouble;
      break;
    }
    long n1 = mc::ReadFull(in[1].fd, buf1.get(), want);
    if (n1 < 0) {
      mc::WarnErrno(inv, mc::QuoteName(in[1].name), errno);
      status = kTrouble;
      break;
    }
    std::size_t common = static_cast<std::size_t>(n0 < n1 ? n0 : n1);
    const unsigned char* p0 = buf0.get();
    const unsigned char* p1 = buf1.get();
    if (a.mode == Mode::kAll) {
      for (std::size_t i = 0; i < common;) {
        if (std::memcmp(p0 + i, p1 + i, common - i) == 0) break;
        while (p0[i] == p1[i]) ++i;
        std::string line = Num(offset + i + 1);
        if (line.size() < static_cast<std::size_t>(width)) line.insert(0, width - line.size(), ' ');
        char oct[16];
        std::snprintf(oct, sizeof oct, " %3o ", p0[i]);
        line += oct;
        if (a.print_bytes) {
          std::string c = Printable(p0[i]);
          c.resize(std::max<std::size_t>(c.size(), 4), ' ');
          line += c + " ";
        }
        std::snprintf(oct, sizeof oct, "%3o", p1[i]);
        line += oct;
        if (a.print_bytes) line += " " + Printable(p1[i]);
        line += '\n';
        out.Write(line);
        differ = true;
        ++i;
      }
    } else if (std::memcmp(p0, p1, common) != 0) {
      std::size_t i = 0;
      while (p0[i] == p1[i]) ++i;
      if (a.mode == Mode::kFirst) {
        lines += CountNewlines(p0, i);
        std::string msg = in[0].name + " " + in[1].name + " differ: " + std::string(a.print_bytes ? "byte" : UnitWord(inv)) + " " + Num(offset + i + 1) +
                          ", line " + Num(lines + 1);
        if (a.print_bytes) {
          char oct[8];
          std::snprintf(oct, sizeof oct, "%3o", p0[i]);
          msg += std::string(" is ") + oct + " " + Printable(p0[i]);
          std::snprintf(oct, sizeof oct, "%3o", p1[i]);
          msg += std::string(" ") + oct + " " + Printable(p1[i]);
        }
        msg += '\n';
        out.Write(msg);
      }
      status = 1;
      break;
    }
    if (a.mode == Mode::kFirst) {
      lines += CountNewlines(p0, common);
      if (common > 0) last_was_newline = p0[common - 1] == '\n';
    }
    offset += common;
    left -= common;
    if (static_cast<std::size_t>(n0) != static_cast<std::size_t>(n1)) {
      // One input ended first.
      std::string_view shorter = n0 < n1 ? in[0].name : in[1].name;
      if (a.mode != Mode::kStatus) {
        out.Flush();
        std::string msg = "EOF on " + std::string(shorter);
        if (offset == 0) {
          msg += " which is empty";
        } else {
          msg += " after byte " + Num(offset);
          if (a.mode == Mode::kFirst)
            msg += last_was_newline ? ", line " + Num(lines) : ", in line " + Num(lines + 1);
        }
        mc::Warn(inv, msg);
      }
      status = 1;
      break;
    }
    if (static_cast<std::size_t>(n0) < want) break;  // both ended together
  }
  if (status == 0 && differ) status = 1;
  close_all();
  return status;
}
