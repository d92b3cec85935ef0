/* @applet od
   @help
Usage: od [OPTION]... [FILE]...
  or:  od [-abcdfilosx]... [FILE] [[+]OFFSET[.][b]]
  or:  od --traditional [OPTION]... [FILE] [[+]OFFSET[.][b] [+][LABEL][.][b]]

Write an unambiguous representation, octal bytes by default,
of FILE to standard output.  With more than one FILE argument,
concatenate them in the listed order to form the input.

With no FILE, or when FILE is -, read standard input.

If first and second call formats both apply, the second format is assumed
if the last operand begins with + or (if there are 2 operands) a digit.
An OFFSET operand means -j OFFSET.  LABEL is the pseudo-address
at first byte printed, incremented when dump is progressing.
For OFFSET and LABEL, a 0x or 0X prefix indicates hexadecimal;
suffixes may be . for octal and b for multiply by 512.

Mandatory arguments to long options are mandatory for short options too.
  -A, --address-radix=RADIX   output format for file offsets; RADIX is one
                                of [doxn], for Decimal, Octal, Hex or None
      --endian={big|little}   swap input bytes according the specified order
  -j, --skip-bytes=BYTES      skip BYTES input bytes first
  -N, --read-bytes=BYTES      limit dump to BYTES input bytes
  -S BYTES, --strings[=BYTES]  output strings of at least BYTES graphic chars;
                                3 is implied when BYTES is not specified
  -t, --format=TYPE           select output format or formats
  -v, --output-duplicates     do not use * to mark line suppression
  -w[BYTES], --width[=BYTES]  output BYTES bytes per output line;
                                32 is implied when BYTES is not specified
      --traditional           accept arguments in third form above
      --help        display this help and exit
      --version     output version information and exit


Traditional format specifications may be intermixed; they accumulate:
  -a   same as -t a,  select named characters, ignoring high-order bit
  -b   same as -t o1, select octal bytes
  -c   same as -t c,  select printable characters or backslash escapes
  -d   same as -t u2, select unsigned decimal 2-byte units
  -f   same as -t fF, select floats
  -i   same as -t dI, select decimal ints
  -l   same as -t dL, select decimal longs
  -o   same as -t o2, select octal 2-byte units
  -s   same as -t d2, select decimal 2-byte units
  -x   same as -t x2, select hexadecimal 2-byte units


TYPE is made up of one or more of these specifications:
  a          named character, ignoring high-order bit
  c          printable character or backslash escape
  d[SIZE]    signed decimal, SIZE bytes per integer
  f[SIZE]    floating point, SIZE bytes per float
  o[SIZE]    octal, SIZE bytes per integer
  u[SIZE]    unsigned decimal, SIZE bytes per integer
  x[SIZE]    hexadecimal, SIZE bytes per integer

SIZE is a number.  For TYPE in [doux], SIZE may also be C for
sizeof(char), S for sizeof(short), I for sizeof(int) or L for
sizeof(long).  If TYPE is f, SIZE may also be F for sizeof(float), D
for sizeof(double) or L for sizeof(long double).

Adding a z suffix to any type displays printable characters at the end of
each output line.


BYTES is hex with 0x or 0X prefix, and may have a multiplier suffix:
  b    512
  KB   1000
  K    1024
  MB   1000*1000
  M    1024*1024
and so on for G, T, P, E, Z, Y.
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.
*/
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cfloat>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

struct Spec {
  char kind;  // a c d u o x f
  int size;
  bool trailer;
  int field_width;
  int pad_width = 0;
};

int IntWidth(char kind, int size) {
  static constexpr int kOct[] = {0, 3, 6, 0, 11, 0, 0, 0, 22};
  static constexpr int kHex[] = {0, 2, 4, 0, 8, 0, 0, 0, 16};
  static constexpr int kSigned[] = {0, 4, 6, 0, 11, 0, 0, 0, 20};
  static constexpr int kUnsigned[] = {0, 3, 5, 0, 10, 0, 0, 0, 20};
  switch (kind) {
    case 'o': return kOct[size];
    case 'x': return kHex[size];
    case 'd': return kSigned[size];
    default: return kUnsigned[size];
  }
}

// Parses one -t argument into specs; false with a message on error.
bool ParseType(std::string_view s, std::vector<Spec>& specs, std::string& err) {
  std::string quoted = "'" + std::string(s) + "'";
  std::size_t i = 0;
  while (i < s.size()) {
    char kind = s[i++];
    Spec spec{kind, 1, false, 3};
    switch (kind) {
      case 'a':
      case 'c':
        break;
      case 'd':
      case 'o':
      case 'u':
      case 'x': {
        int size = 4;
        if (i < s.size() && s[i] >= '0' && s[i] <= '9') {
          unsigned long long v = 0;
          while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            v = std::min<unsigned long long>(v * 10 + static_cast<unsigned>(s[i] - '0'), 1u << 20);
            ++i;
          }
          if (v != 1 && v != 2 && v != 4 && v != 8) {
            err = "invalid type string " + quoted + ";\nthis system doesn't provide a " +
                  std::to_string(v) + "-byte integral type";
            return false;
          }
          size = static_cast<int>(v);
        } else if (i < s.size() && std::strchr("CSIL", s[i]) != nullptr) {
          size = s[i] == 'C' ? 1 : s[i] == 'S' ? 2 : s[i] == 'I' ? 4 : 8;
          ++i;
        }
        spec.size = size;
        spec.field_width = IntWidth(kind, size);
        break;
      }
      case 'f': {
        int size = 8;
        if (i < s.size() && s[i] >= '0' && s[i] <= '9') {
          unsigned long long v = 0;
          while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            v = std::min<unsigned long long>(v * 10 + static_cast<unsigned>(s[i] - '0'), 1u << 20);
            ++i;
          }
          if (v != 4 && v != 8 && v != 16) {
            err = "invalid type string " + quoted + ";\nthis system doesn't provide a " +
                  std::to_string(v) + "-byte floating point type";
            return false;
          }
          size = static_cast<int>(v);
        } else if (i < s.size() && std::strchr("FDL", s[i]) != nullptr) {
          size = s[i] == 'F' ? 4 : s[i] == 'D' ? 8 : 16;
          ++i;
        }
        spec.size = size;
        spec.field_width = size == 4 ? 15 : size == 8 ? 24 : 29;
        break;
      }
      default:
        err = std::string("invalid character '") + kind + "' in type string " + quoted;
        return false;
    }
    if (i < s.size() && s[i] == 'z') {
      spec.trailer = true;
      ++i;
    }
    specs.push_back(spec);
  }
  return true;
}

// xstrtoumax(s, base 0, "bEGKkMmPTYZ0") as od uses for -j, -N, -S, -w.
enum class Num { kOk, kInvalid, kSuffix, kOverflow };
Num ParseBytes(std::string_view s, std::uintmax_t& out) {
  switch (mc::ParseScaled(s, 0, "bEGKkMmPTYZ0", out)) {
    case mc::NumError::kOk: return Num::kOk;
    case mc::NumError::kOverflow: return Num::kOverflow;
    case mc::NumError::kInvalidSuffix: return Num::kSuffix;
    default: return Num::kInvalid;
  }
}

// parse_old_offset: [+]OFFSET[b|B], octal unless 0x, decimal with '.'.
bool ParseOldOffset(std::string_view s, std::uintmax_t& out) {
  if (s.empty()) return false;
  if (s[0] == '+') s.remove_prefix(1);
  unsigned base = 8;
  if (s.find('.') != std::string_view::npos) base = 10;
  else if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) base = 16;
  std::size_t i = 0;
  if (base == 16) i = 2;
  std::size_t start = i;
  std::uintmax_t v = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    unsigned d;
    if (c >= '0' && c <= '9') d = static_cast<unsigned>(c - '0');
    else if (base == 16 && c >= 'a' && c <= 'f') d = static_cast<unsigned>(c - 'a' + 10);
    else if (base == 16 && c >= 'A' && c <= 'F') d = static_cast<unsigned>(c - 'A' + 10);
    else break;
    if (d >= base) return false;
    if (v > (UINTMAX_MAX - d) / base) return false;
    v = v * base + d;
  }
  if (i == start) return false;
  std::string_view suf = s.substr(i);
  if (suf == "b") {
    if (v > UINTMAX_MAX / 512) return false;
    v *= 512;
  } else if (suf == "B") {
    if (v > UINTMAX_MAX / 1024) return false;
    v *= 1024;
  } else if (!suf.empty()) {
    return false;
  }
  out = v;
  return true;
}

// Shortest "%.*g" that reads back as the same value (gnulib ftoastr).
template <class T>
std::string FloatText(T x) {
  char buf[64];
  int min_prec, max_prec;
  const char* fmt;
  if constexpr (sizeof(T) == sizeof(float)) {
    min_prec = (x != 0 && (x < FLT_MIN && x > -FLT_MIN)) ? 1 : FLT_DIG;
    max_prec = 9;
    fmt = "%.*g";
  } else if constexpr (sizeof(T) == sizeof(double)) {
    min_prec = (x != 0 && (x < DBL_MIN && x > -DBL_MIN)) ? 1 : DBL_DIG;
    max_prec = 17;
    fmt = "%.*g";
  } else {
    min_prec = (x != 0 && (x < LDBL_MIN && x > -LDBL_MIN)) ? 1 : LDBL_DIG;
    max_prec = 21;
    fmt = "%.*Lg";
  }
  for (int prec = min_prec;; ++prec) {
    if constexpr (sizeof(T) == sizeof(float) || sizeof(T) == sizeof(double)) {
      std::snprintf(buf, sizeof buf, fmt, prec, static_cast<double>(x));
      if (prec >= max_prec) break;
      if constexpr (sizeof(T) == sizeof(float)) {
        if (std::strtof(buf, nullptr) == x) break;
      } else {
        if (std::strtod(buf, nullptr) == x) break;
      }
    } else {
      std::snprintf(buf, sizeof buf, fmt, prec, x);
      if (prec >= max_prec || std::strtold(buf, nullptr) == x) break;
    }
    if (x != x) break;
  }
  return buf;
}

constexpr const char* kNames[] = {
    "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs",  "ht",  "nl",
    "vt",  "ff",  "cr",  "so",  "si",  "dle", "dc1", "dc2", "dc3", "dc4", "nak",
    "syn", "etb", "can", "em",  "sub", "esc", "fs",  "gs",  "rs",  "us",  "sp"};

// The concatenated inputs, read as one stream.
class Inputs {
 public:
  Inputs(mc::Invocation& inv, std::vector<std::string> names) : inv_(inv), names_(std::move(names)) {}
  ~Inputs() { Close(); }

  // Opens the next file that can be opened; false when none is left.
  bool OpenNext() {
    Close();
    while (next_ < names_.size()) {
      current_ = names_[next_++];
      inv_.out().Flush();
      fd_ = mc::OpenInput(inv_, current_);
      if (fd_ >= 0) return true;
      ok_ = false;
    }
    return false;
  }

  // Skips n bytes across the inputs; false if they ran out first.
  bool Skip(std::uintmax_t n, char* buf, std::size_t cap) {
    while (n > 0) {
      if (fd_ < 0 && !OpenNext()) return false;
      struct stat st;
      if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
        off_t pos = ::lseek(fd_, 0, SEEK_CUR);
        if (pos >= 0) {
          std::uintmax_t left = st.st_size > pos ? static_cast<std::uintmax_t>(st.st_size - pos) : 0;
          if (n >= left) {
            n -= left;
            OpenNext();
            continue;
          }
          if (::lseek(fd_, static_cast<off_t>(n), SEEK_CUR) >= 0) return true;
        }
      }
      while (n > 0) {
        long got = mc::ReadSome(fd_, buf, n < cap ? static_cast<std::size_t>(n) : cap);
        if (got < 0) {
          int err = errno;
          mc::WarnErrno(inv_, mc::QuoteName(current_), err);
          ok_ = false;
          got = 0;
        }
        if (got == 0) {
          OpenNext();
          break;
        }
        n -= static_cast<std::uintmax_t>(got);
      }
    }
    return true;
  }

  // Reads up to n bytes, crossing files; returns the count (< n at end).
  std::size_t Read(char* buf, std::size_t n) {
    std::size_t got = 0;
    while (got < n) {
      if (fd_ < 0 && !OpenNext()) break;
      long r = mc::ReadSome(fd_, buf + got, n - got);
      if (r < 0) {
        int err = errno;
        mc::WarnErrno(inv_, mc::QuoteName(current_), err);
        ok_ = false;
        r = 0;
      }
      if (r == 0) {
        Close();
        continue;
      }
      got += static_cast<std::size_t>(r);
    }
    return got;
  }

  bool ok() const { return ok_; }

 private:
  void Close() {
    if (fd_ >= 0) mc::CloseInput(inv_, fd_);
    fd_ = -1;
  }

  mc::Invocation& inv_;
  std::vector<std::string> names_;
  std::size_t next_ = 0;
  std::string current_;
  int fd_ = -1;
  bool ok_ = true;
};

class Dumper {
 public:
  Dumper(mc::Output& out, std::vector<Spec> specs, int bytes_per_block, char radix, bool swap)
      : out_(out), specs_(std::move(specs)), bpb_(bytes_per_block), radix_(radix), swap_(swap) {
    address_width_ = radix == 'n' ? 0 : radix == 'x' ? 6 : 7;
    int width_per_block = 0;
    for (const Spec& s : specs_)
      width_per_block = std::max(width_per_block, (s.field_width + 1) * (bpb_ / s.size));
    for (Spec& s : specs_) s.pad_width = width_per_block - (s.field_width + 1) * (bpb_ / s.size);
  }

  void set_label(std::uintmax_t label) {
    has_label_ = true;
    label_ = label;
  }

  void Address(std::uintmax_t a, std::string& line) const {
    if (radix_ == 'n') return;
    AppendNumber(line, a);
    if (has_label_) {
      line += " (";
      AppendNumber(line, a - start_ + label_);
      line += ')';
    }
  }
  void set_start(std::uintmax_t s) { start_ = s; }

  void AppendNumber(std::string& line, std::uintmax_t a) const {
    char buf[32];
    int n = radix_ == 'd'   ? std::snprintf(buf, sizeof buf, "%0*ju", address_width_, a)
            : radix_ == 'x' ? std::snprintf(buf, sizeof buf, "%0*jx", address_width_, a)
                            : std::snprintf(buf, sizeof buf, "%0*jo", address_width_, a);
    line.append(buf, static_cast<std::size_t>(n));
  }

  void Block(std::uintmax_t offset, std::size_t n, const unsigned char* prev, const unsigned char* cur,
             bool abbreviate) {
    if (abbreviate && !first_ && n == static_cast<std::size_t>(bpb_) &&
        std::memcmp(prev, cur, static_cast<std::size_t>(bpb_)) == 0) {
      if (!prev_equal_) {
        out_.Write("*\n");
        prev_equal_ = true;
      }
      first_ = false;
      return;
    }
    prev_equal_ = false;
    first_ = false;
    line_.clear();
    for (std::size_t k = 0; k < specs_.size(); ++k) {
      const Spec& s = specs_[k];
      if (k == 0) Address(offset, line_);
      else line_.append(static_cast<std::size_t>(address_width_), ' ');
      int fields = bpb_ / s.size;
      int blank = static_cast<int>((static_cast<std::size_t>(bpb_) - n) / static_cast<std::size_t>(s.size));
      Fields(s, fields, blank, cur);
      if (s.trailer) {
        int pad = s.pad_width * blank / fields;
        line_.append(static_cast<std::size_t>(blank * (s.field_width + 1) + pad), ' ');
        line_ += "  >";
        for (std::size_t b = 0; b < n; ++b) {
          unsigned char c = cur[b];
          line_ += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '.';
        }
        line_ += '<';
      }
      line_ += '\n';
    }
    out_.Write(line_);
  }

  void End(std::uintmax_t offset) {
    if (radix_ == 'n') return;
    line_.clear();
    Address(offset, line_);
    line_ += '\n';
    out_.Write(line_);
  }

 private:
  std::uintmax_t Load(const unsigned char* p, int size) const {
    unsigned char tmp[8];
    std::memcpy(tmp, p, static_cast<std::size_t>(size));
    if (swap_) std::reverse(tmp, tmp + size);
    switch (size) {
      case 1: return tmp[0];
      case 2: {
        std::uint16_t v;
        std::memcpy(&v, tmp, 2);
        return v;
      }
      case 4: {
        std::uint32_t v;
        std::memcpy(&v, tmp, 4);
        return v;
      }
      default: {
        std::uint64_t v;
        std::memcpy(&v, tmp, 8);
        return v;
      }
    }
  }

  static std::intmax_t SignExtend(std::uintmax_t v, int size) {
    switch (size) {
      case 1: return static_cast<std::int8_t>(v);
      case 2: return static_cast<std::int16_t>(v);
      case 4: return static_cast<std::int32_t>(v);
      default: return static_cast<std::int64_t>(v);
    }
  }

  void Field(int width, std::string_view text) {
    line_ += ' ';
    if (static_cast<int>(text.size()) < width - 1)
      line_.append(static_cast<std::size_t>(width - 1) - text.size(), ' ');
    line_ += text;
  }

  void Fields(const Spec& s, int fields, int blank, const unsigned char* p) {
    int pad_remaining = s.pad_width;
    char buf[64];
    for (int i = fields; i > blank; --i, p += s.size) {
      int next_pad = s.pad_width * (i - 1) / fields;
      int width = pad_remaining - next_pad + s.field_width + 1;  // includes the separator
      pad_remaining = next_pad;
      switch (s.kind) {
        case 'x':
        case 'o': {
          // Fast path for the common one-byte hex dump.
          std::uintmax_t v = Load(p, s.size);
          if (s.kind == 'x' && s.size == 1 && width == 3) {
            static constexpr char kHex[] = "0123456789abcdef";
            char t[3] = {' ', kHex[v >> 4], kHex[v & 15]};
            line_.append(t, 3);
            continue;
          }
          int n = std::snprintf(buf, sizeof buf, s.kind == 'x' ? "%0*jx" : "%0*jo", s.field_width, v);
          Field(width, std::string_view(buf, static_cast<std::size_t>(n)));
          break;
        }
        case 'u': {
          int n = std::snprintf(buf, sizeof buf, "%ju", Load(p, s.size));
          Field(width, std::string_view(buf, static_cast<std::size_t>(n)));
          break;
        }
        case 'd': {
          int n = std::snprintf(buf, sizeof buf, "%jd", SignExtend(Load(p, s.size), s.size));
          Field(width, std::string_view(buf, static_cast<std::size_t>(n)));
          break;
        }
        case 'f': {
          unsigned char tmp[16] = {};
          std::memcpy(tmp, p, static_cast<std::size_t>(s.size));
          if (swap_) std::reverse(tmp, tmp + s.size);
          std::string t;
          if (s.size == 4) {
            float f;
            std::memcpy(&f, tmp, 4);
            t = FloatText(f);
          } else if (s.size == 8) {
            double d;
            std::memcpy(&d, tmp, 8);
            t = FloatText(d);
          } else {
            long double ld;
            std::memcpy(&ld, tmp, sizeof ld < 16 ? sizeof ld : 16);
            t = FloatText(ld);
          }
          Field(width, t);
          break;
        }
        case 'a': {
          unsigned char c = *p & 0x7f;
          if (c <= 32) {
            Field(width, kNames[c]);
          } else if (c == 127) {
            Field(width, "del");
          } else {
            char t = static_cast<char>(c);
            Field(width, std::string_view(&t, 1));
          }
          break;
        }
        case 'c': {
          unsigned char c = *p;
          const char* e = nullptr;
          switch (c) {
            case '\0': e = "\\0"; break;
            case '\a': e = "\\a"; break;
            case '\b': e = "\\b"; break;
            case '\f': e = "\\f"; break;
            case '\n': e = "\\n"; break;
            case '\r': e = "\\r"; break;
            case '\t': e = "\\t"; break;
            case '\v': e = "\\v"; break;
          }
          if (e) {
            Field(width, e);
          } else if (c >= 0x20 && c < 0x7f) {
            char t = static_cast<char>(c);
            Field(width, std::string_view(&t, 1));
          } else {
            int n = std::snprintf(buf, sizeof buf, "%03o", c);
            Field(width, std::string_view(buf, static_cast<std::size_t>(n)));
          }
          break;
        }
      }
    }
  }

  mc::Output& out_;
  std::vector<Spec> specs_;
  int bpb_;
  char radix_;
  bool swap_;
  int address_width_;
  bool first_ = true, prev_equal_ = false;
  bool has_label_ = false;
  std::uintmax_t label_ = 0, start_ = 0;
  std::string line_;
};

}  // namespace

MC_APPLET(od) {
  std::vector<Spec> specs;
  // Each option value is checked as it is seen, as GNU does, so a bad
  // value is an error even when a later occurrence would override it. The
  // first failure is kept and reported once parsing is done.
  std::string error;
  bool bad = false;
  bool usage = false;  // the failure is a usage error (argmatch's shape)
  auto fail = [&](std::string msg) {
    if (bad) return;
    bad = true;
    error = std::move(msg);
  };
  bool modern = false;
  char radix = 'o';
  bool swap = false;
  std::uintmax_t skip = 0, limit = 0, string_min = 3, desired_width = 0;
  bool width_given = false;
  bool have_limit = false, strings = false, verbose = false, traditional = false;

  // A byte count for option opt (the spelling GNU names: the short form or
  // the full long name).
  auto number = [&](const char* opt, std::string_view v, std::uintmax_t& out) {
    switch (ParseBytes(v, out)) {
      case Num::kOk: return;
      case Num::kOverflow:
        fail(std::string(opt) + " argument " + mc::Quote(v) + " too large");
        return;
      case Num::kSuffix:
        fail(std::string("invalid suffix in ") + opt + " argument " + mc::Quote(v));
        return;
      default: fail(std::string("invalid ") + opt + " argument " + mc::Quote(v)); return;
    }
  };

  mc::cli::Parser p(inv);
  auto add = [&](std::string_view type) {
    if (bad) return;
    if (!ParseType(type, specs, error)) bad = true;
  };
  p.OnValue("-A,--address-radix", [&](const std::string& v) {
    modern = true;
    if (v.size() == 1 && std::strchr("doxn", v[0]) != nullptr)
      radix = v[0];
    else
      fail("invalid output address radix '" + v + "'; it must be one character from [doxn]");
  });
  p.OnValue("-t,--format", [&](const std::string& v) {
    modern = true;
    add(v);
  });
  struct Trad {
    const char* name;
    const char* type;
  };
  static constexpr Trad kTrad[] = {{"-a", "a"},  {"-b", "o1"}, {"-c", "c"},  {"-d", "u2"},
                                   {"-f", "fF"}, {"-i", "dI"}, {"-l", "dL"}, {"-o", "o2"},
                                   {"-s", "d2"}, {"-x", "x2"}, {"-D", "u4"}, {"-e", "fD"},
                                   {"-F", "fD"}, {"-h", "x2"}, {"-H", "x4"}, {"-I", "dL"},
                                   {"-L", "dL"}, {"-O", "o4"}, {"-X", "x4"}, {"-B", "o2"}};
  for (const Trad& t : kTrad) {
    std::string_view type = t.type;
    p.OnFlag(t.name, [&add, type] { add(type); });
  }
  // Short and long spellings are separate so that a message names the one used.
  for (const char* name : {"-j", "--skip-bytes"}) {
    p.OnValue(name, [&, name](const std::string& v) {
      modern = true;
      number(name, v, skip);
    });
  }
  for (const char* name : {"-N", "--read-bytes"}) {
    p.OnValue(name, [&, name](const std::string& v) {
      modern = true;
      have_limit = true;
      number(name, v, limit);
    });
  }
  p.OnValue("-S", [&](const std::string& v) {
    modern = true;
    strings = true;
    number("-S", v, string_min);
  });
  p.OptionalValue("--strings", [&](std::optional<std::string_view> v) {
    modern = true;
    strings = true;
    string_min = 3;
    if (v) number("--strings", *v, string_min);
  });
  for (const char* name : {"-w", "--width"}) {
    p.OptionalValue(name, [&, name](std::optional<std::string_view> v) {
      modern = true;
      width_given = true;
      desired_width = 32;
      if (v && !v->empty()) number(name, *v, desired_width);
    });
  }
  p.OnFlag("-v,--output-duplicates", [&] {
    modern = true;
    verbose = true;
  });
  p.OnValue("--endian", [&](const std::string& v) {
    modern = true;
    static constexpr mc::Choice kEndian[] = {{"little", 0}, {"big", 1}};
    int r = mc::MatchChoice(v, kEndian);
    if (r >= 0) {
      swap = r == 1;
    } else if (!bad) {
      fail(mc::ChoiceError(v, "--endian", kEndian, r));
      usage = true;
    }
  });
  p.Flag("--traditional", traditional);
  std::vector<std::string> operands;
  if (auto rc = p.Parse(&operands)) return *rc;
  if (bad) {
    mc::Warn(inv, error);
    return usage ? mc::UsageError(inv, "") : 1;
  }
  if (strings && !specs.empty()) {
    mc::Warn(inv, "no type may be specified when dumping strings");
    return 1;
  }

  // Old-style offset (and label) operands.
  bool has_label = false;
  std::uintmax_t label = 0;
  if (!modern || traditional) {
    std::uintmax_t o1, o2;
    if (operands.size() == 1) {
      if ((traditional || operands[0][0] == '+') && ParseOldOffset(operands[0], o1)) {
        skip = o1;
        operands.clear();
      }
    } else if (operands.size() == 2) {
      if ((traditional || operands[1][0] == '+' || (operands[1][0] >= '0' && operands[1][0] <= '9')) &&
          ParseOldOffset(operands[1], o2)) {
        if (traditional && ParseOldOffset(operands[0], o1)) {
          skip = o1;
          has_label = true;
          label = o2;
          operands.clear();
        } else {
          skip = o2;
          operands.pop_back();
        }
      }
    } else if (operands.size() == 3) {
      if (traditional && ParseOldOffset(operands[1], o1) && ParseOldOffset(operands[2], o2)) {
        skip = o1;
        has_label = true;
        label = o2;
        operands.resize(1);
      }
    }
    if (traditional && operands.size() > 1) {
      mc::Warn(inv, "extra operand " + mc::Quote(operands[1]));
      return mc::UsageError(inv, "compatibility mode supports at most one file");
    }
  }
  if (operands.empty()) operands.push_back("-");

  if (specs.empty()) ParseType("o2", specs, error);
  int lcm = 1;
  for (const Spec& s : specs) lcm = std::lcm(lcm, s.size);
  int bytes_per_block;
  if (width_given) {
    if (desired_width != 0 && desired_width % static_cast<std::uintmax_t>(lcm) == 0 &&
        desired_width <= (1u << 24)) {
      bytes_per_block = static_cast<int>(desired_width);
    } else {
      mc::Warn(inv, "warning: invalid width " + std::to_string(desired_width) + "; using " +
                        std::to_string(lcm) + " instead");
      bytes_per_block = lcm;
    }
  } else {
    bytes_per_block = lcm < 16 ? lcm * (16 / lcm) : lcm;
  }

  Inputs in(inv, operands);
  if (!in.OpenNext()) return 1;
  std::unique_ptr<char[]> scratch(new char[mc::kReadBlock]);
  if (!in.Skip(skip, scratch.get(), mc::kReadBlock)) {
    mc::Warn(inv, "cannot skip past end of combined input");
    return 1;
  }
  mc::Output& out = inv.out();
  const bool limited = have_limit;
  std::uintmax_t left = limit;

  if (strings) {
    // Printable runs of at least string_min bytes ended by a NUL.
    std::uintmax_t address = skip;
    std::string run;
    std::size_t bufn = 0, bufpos = 0;
    auto next = [&](int& c) -> bool {
      if (limited && left == 0) return false;
      if (bufpos == bufn) {
        std::size_t want = mc::kReadBlock;
        if (limited && left < want) want = static_cast<std::size_t>(left);
        bufn = in.Read(scratch.get(), want);
        bufpos = 0;
        if (bufn == 0) return false;
      }
      c = static_cast<unsigned char>(scratch[bufpos++]);
      if (limited) --left;
      ++address;
      return true;
    };
    std::string line;
    int c;
    while (next(c)) {
      if (c >= 0x20 && c < 0x7f) {
        run += static_cast<char>(c);
        continue;
      }
      if (c == 0 && run.size() >= string_min) {
        line.clear();
        if (radix != 'n') {
          char buf[32];
          int w = radix == 'x' ? 6 : 7;
          std::uintmax_t a = address - run.size() - 1;
          int n = radix == 'd'   ? std::snprintf(buf, sizeof buf, "%0*ju ", w, a)
                  : radix == 'x' ? std::snprintf(buf, sizeof buf, "%0*jx ", w, a)
                                 : std::snprintf(buf, sizeof buf, "%0*jo ", w, a);
          line.append(buf, static_cast<std::size_t>(n));
        }
        line += run;
        line += '\n';
        out.Write(line);
      }
      run.clear();
    }
    return in.ok() ? 0 : 1;
  }

  Dumper dump(out, specs, bytes_per_block, radix, swap);
  if (has_label) {
    dump.set_label(label);
    dump.set_start(skip);
  }
  const std::size_t bpb = static_cast<std::size_t>(bytes_per_block);
  // Read many blocks at a time; keep the previous block for '*' lines.
  const std::size_t chunk_blocks = std::max<std::size_t>(1, mc::kReadBlock / bpb);
  std::unique_ptr<unsigned char[]> buf(new unsigned char[(chunk_blocks + 1) * bpb + 16]);
  unsigned char* prev = buf.get();  // first bpb bytes: the previous block
  unsigned char* data = buf.get() + bpb;
  std::uintmax_t offset = skip;
  bool have_prev = false;
  for (;;) {
    std::size_t want = chunk_blocks * bpb;
    if (limited && left < want) want = static_cast<std::size_t>(left);
    std::size_t n = in.Read(reinterpret_cast<char*>(data), want);
    if (limited) left -= n;
    std::size_t full = n / bpb * bpb;
    for (std::size_t b = 0; b < full; b += bpb) {
      const unsigned char* prev_block = b == 0 ? prev : data + b - bpb;
      dump.Block(offset, bpb, have_prev ? prev_block : data + b, data + b, !verbose);
      have_prev = true;
      offset += bpb;
    }
    if (full > 0) std::memcpy(prev, data + full - bpb, bpb);
    if (n < want || n == 0 || (limited && left == 0)) {
      std::size_t rest = n - full;
      if (rest > 0) {
        std::memmove(data, data + full, rest);
        std::memset(data + rest, 0, bpb - rest + 16);
        dump.Block(offset, rest, prev, data, !verbose);
        offset += rest;
      }
      break;
    }
    if (full != n) {
      // A short read mid-stream cannot happen (Read fills until EOF).
      break;
    }
  }
  dump.End(offset);
  return in.ok() ? 0 : 1;
}
