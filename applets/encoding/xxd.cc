/* @applet xxd
   @failcode 3
   @help
Usage: xxd [options] [infile [outfile]]
    or
       xxd -r [-s [-]offset] [-c cols] [-ps] [infile [outfile]]
Options:
    -a          toggle autoskip: A single '*' replaces nul-lines. Default off.
    -b          binary digit dump (incompatible with -ps,-i,-r). Default hex.
    -C          capitalize variable names in C include file style (-i).
    -c cols     format <cols> octets per line. Default 16 (-i: 12, -ps: 30).
    -E          show characters in EBCDIC. Default ASCII.
    -e          little-endian dump (incompatible with -ps,-i,-r).
    -g bytes    number of octets per group in normal output. Default 2 (-e: 4).
    -h          print this summary.
    -i          output in C include file style.
    -l len      stop after <len> octets.
    -n name     set the variable name used in C include output (-i).
    -o off      add <off> to the displayed file position.
    -ps         output in postscript plain hexdump style.
    -r          reverse operation: convert (or patch) hexdump into binary.
    -r -s off   revert with <off> added to file positions found in hexdump.
    -d          show offset in decimal instead of hex.
    -s [+][-]seek  start at <seek> bytes abs. (or +: rel.) infile offset.
    -u          use upper case hex letters.
    -v          show version.
*/
// A hex dump compatible with vim's xxd (2022-01-14): the same option
// syntax (single-dash words, abbreviations, values attached or separate,
// C-style numbers), output byte for byte, and exit codes (1 usage, 2 input,
// 3 output, 4 seek, 5 backward seek in -r).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "registry/applet.h"

namespace {

enum class Type { kNormal, kPostscript, kInclude, kBits, kLittle };

constexpr int kMaxCols = 256;

// -E: the character xxd shows for each byte read as EBCDIC ('.' when it has
// no printable ASCII counterpart).
constexpr char kEbcdic[] =
    "................................................................ ...........<(+|&.........!$*);~"
    "-/.........,%_>?.........`:#@'=\".abcdefghi.......jklmnopqr^.......stuvwxyz...[...............]."
    ".{ABCDEFGHI......}JKLMNOPQR......\\.STUVWXYZ......0123456789......";
static_assert(sizeof kEbcdic == 257);

struct Config {
  Type type = Type::kNormal;
  bool autoskip = false, capitalize = false, decimal = false, upper = false, ebcdic = false;
  int revert = 0;
  long cols = 0, group = -1, length = -1;
  long seek = 0;
  bool relseek = false, negseek = false;
  unsigned long display_offset = 0;
  const char* varname = nullptr;
};

// Buffered input over a descriptor, byte at a time.
class Reader {
 public:
  explicit Reader(int fd) : fd_(fd), buf_(new unsigned char[mc::kReadBlock]) {}
  int Get() {
    if (pos_ == end_ && !Fill()) return -1;
    return buf_[pos_++];
  }
  int error() const { return error_; }

 private:
  bool Fill() {
    if (eof_) return false;
    long n = mc::ReadSome(fd_, buf_.get(), mc::kReadBlock);
    if (n <= 0) {
      if (n < 0) error_ = errno;
      eof_ = true;
      return false;
    }
    pos_ = 0;
    end_ = static_cast<std::size_t>(n);
    return true;
  }
  int fd_;
  std::unique_ptr<unsigned char[]> buf_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  int error_ = 0;
};

// Output to stdout (the invocation's buffered stream) or to a file operand.
class Sink {
 public:
  Sink(mc::Output& out, int fd) : out_(out), fd_(fd) {}
  void Write(std::string_view s) {
    if (fd_ < 0) {
      out_.Write(s);
      return;
    }
    if (buf_.size() + s.size() > (1 << 16)) Flush();
    buf_.append(s);
  }
  void Put(char c) { Write(std::string_view(&c, 1)); }
  void Flush() {
    if (fd_ < 0) {
      out_.Flush();
      return;
    }
    if (buf_.empty()) return;
    if (int err = mc::WriteAll(fd_, buf_.data(), buf_.size())) throw mc::WriteError{err};
    buf_.clear();
  }
  // Moves the output position by delta; false when not seekable.
  bool SeekBy(long long delta) {
    Flush();
    int fd = fd_ < 0 ? out_.fd() : fd_;
    return ::lseek(fd, static_cast<off_t>(delta), SEEK_CUR) >= 0;
  }

 private:
  mc::Output& out_;
  int fd_;
  std::string buf_;
};

int HexValue(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int Fail(mc::Invocation& inv, int code, std::string_view msg) {
  mc::Warn(inv, msg);
  return code;
}

// xxd -r: turns a dump (or with -p a plain hex stream) back into bytes.
int Revert(mc::Invocation& inv, Reader& in, Sink& out, const Config& c, long cols, long long base) {
  bool plain = c.type == Type::kPostscript;
  bool skip_garbage = true;
  int n1 = -1, n2 = 0, n3;
  long p = cols;
  long long have = 0, want = 0;
  int ch;
  while ((ch = in.Get()) != -1) {
    if (ch == '\r') continue;
    if (plain && (ch == ' ' || ch == '\n' || ch == '\t')) continue;
    n3 = n2;
    n2 = n1;
    n1 = HexValue(ch);
    if (n1 == -1 && skip_garbage) continue;
    skip_garbage = false;
    if (!plain && p >= cols) {  // reading the offset field
      if (n1 < 0) {
        p = 0;
        continue;
      }
      want = (want << 4) | n1;
      continue;
    }
    if (base + want != have) {
      if (base + want > have && out.SeekBy(base + want - have)) {
        have = base + want;
      } else if (base + want < have) {
        if (!out.SeekBy(base + want - have)) return Fail(inv, 5, "Sorry, cannot seek backwards.");
        have = base + want;
      } else {
        for (; have < base + want; ++have) out.Put('\0');
      }
    }
    bool eol = ch == '\n';
    if (n2 >= 0 && n1 >= 0) {
      out.Put(static_cast<char>((n2 << 4) | n1));
      ++have;
      ++want;
      n1 = -1;
      if (!plain && ++p >= cols) {
        while ((ch = in.Get()) != -1 && ch != '\n') {
        }
        eol = true;
      }
    } else if (n1 < 0 && n2 < 0 && n3 < 0) {
      // Garbage: skip the rest of the line.
      if (!eol)
        while ((ch = in.Get()) != -1 && ch != '\n') {
        }
      eol = true;
    }
    if (eol) {
      if (!plain) want = 0;
      p = cols;
      skip_garbage = true;
      n1 = -1;
    }
  }
  if (in.error()) return Fail(inv, 2, mc::ErrorText(in.error()));
  out.Flush();
  return 0;
}

// Parses a number as strtol(s, NULL, 0) does (garbage after it ignored).
long Number(const char* s) { return std::strtol(s, nullptr, 0); }

}  // namespace

MC_APPLET(xxd) {
  Config c;
  auto args = inv.args();
  std::size_t i = 0;
  // xxd prints its whole usage to stderr here; we print the usual hint.
  auto usage = [&]() {
    mc::UsageError(inv, "");
    return 1;
  };
  // Takes the value of option `opt` (e.g. "-c") whose long spelling
  // continues with `rest` ("ols"): attached ("-c8") or the next argument.
  auto value = [&](const char* pp, const char* rest, const char** out) -> bool {
    std::size_t rl = std::strlen(rest);
    if (pp[2] && std::strncmp(rest, pp + 2, rl) != 0) {
      *out = pp + 2;
      return true;
    }
    if (i + 1 >= args.size()) return false;
    *out = args[++i];
    return true;
  };
  for (; i < args.size(); ++i) {
    const char* arg = args[i];
    if (std::strcmp(arg, "--help") == 0) return mc::cli::PrintHelp(inv);
    if (std::strcmp(arg, "--version") == 0) return mc::cli::PrintVersion(inv);
    const char* pp = arg + (std::strncmp(arg, "--", 2) == 0 && arg[2]);
    auto is = [&](const char* o) { return std::strncmp(pp, o, 2) == 0; };
    const char* v = nullptr;
    if (is("-a")) c.autoskip = !c.autoskip;
    else if (is("-b")) c.type = Type::kBits;
    else if (is("-e")) c.type = Type::kLittle;
    else if (is("-u")) c.upper = true;
    else if (is("-p")) c.type = Type::kPostscript;
    else if (is("-i")) c.type = Type::kInclude;
    else if (is("-C")) c.capitalize = true;
    else if (is("-d")) c.decimal = true;
    else if (is("-r")) ++c.revert;
    else if (is("-E")) c.ebcdic = true;
    else if (is("-h")) return mc::cli::PrintHelp(inv);
    else if (is("-v")) return mc::cli::PrintVersion(inv);
    else if (is("-c")) {
      if (pp[2] && std::strncmp("apitalize", pp + 2, 9) == 0) {
        c.capitalize = true;
      } else {
        if (!value(pp, "ols", &v)) return usage();
        c.cols = Number(v);
      }
    } else if (is("-g")) {
      if (!value(pp, "roup", &v)) return usage();
      c.group = Number(v);
    } else if (is("-o")) {
      if (!value(pp, "ffset", &v)) return usage();
      bool rel = v[0] == '+';
      bool neg = v[rel] == '-';
      unsigned long off = std::strtoul(v + rel + neg, nullptr, 0);
      c.display_offset = neg ? 0UL - off : off;
    } else if (is("-s")) {
      c.relseek = c.negseek = false;
      if (pp[2] && std::strncmp("kip", pp + 2, 3) != 0 && std::strncmp("eek", pp + 2, 3) != 0) {
        v = pp + 2;
      } else {
        if (i + 1 >= args.size()) return usage();
        v = args[++i];
      }
      c.relseek = v[0] == '+';
      c.negseek = v[c.relseek] == '-';
      c.seek = Number(v + c.relseek + c.negseek);
    } else if (is("-l")) {
      if (!value(pp, "en", &v)) return usage();
      c.length = Number(v);
    } else if (is("-n")) {
      if (!value(pp, "ame", &v)) return usage();
      c.varname = v;
    } else if (std::strcmp(pp, "--") == 0) {
      ++i;
      break;
    } else if (pp[0] == '-' && pp[1]) {
      return usage();
    } else {
      break;
    }
  }
  std::size_t operands = args.size() - i;
  if (operands > 2) return usage();
  const char* infile = operands >= 1 ? args[i] : "-";
  const char* outfile = operands >= 2 ? args[i + 1] : "-";

  long cols = c.cols;
  if (cols == 0) {
    switch (c.type) {
      case Type::kPostscript: cols = 30; break;
      case Type::kInclude: cols = 12; break;
      case Type::kBits: cols = 6; break;
      default: cols = 16; break;
    }
  }
  long group = c.group;
  if (group < 0) {
    switch (c.type) {
      case Type::kBits: group = 1; break;
      case Type::kNormal: group = 2; break;
      case Type::kLittle: group = 4; break;
      default: group = 0; break;
    }
  }
  bool line_format = c.type == Type::kNormal || c.type == Type::kBits || c.type == Type::kLittle;
  if ((c.type == Type::kPostscript && cols < 0) || (c.type != Type::kPostscript && cols < 1) ||
      (line_format && cols > kMaxCols))
    return Fail(inv, 1, "invalid number of columns (max. 256).");
  if (group < 1 || group > cols) group = cols;
  else if (c.type == Type::kLittle && (group & (group - 1)))
    return Fail(inv, 1, "number of octets per group must be a power of 2 with -e.");

  int in_fd;
  if (std::strcmp(infile, "-") == 0) {
    in_fd = inv.in_fd();
  } else {
    in_fd = ::open(infile, O_RDONLY | O_CLOEXEC);
    if (in_fd < 0) {
      mc::WarnErrno(inv, infile, errno);
      return 2;
    }
  }
  struct Closer {
    mc::Invocation& inv;
    int in, out;
    ~Closer() {
      mc::CloseInput(inv, in);
      if (out >= 0) ::close(out);
    }
  } closer{inv, in_fd, -1};
  if (std::strcmp(outfile, "-") != 0) {
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (c.revert ? 0 : O_TRUNC);
    closer.out = ::open(outfile, flags, 0666);
    if (closer.out < 0) {
      mc::WarnErrno(inv, outfile, errno);
      return 3;
    }
  }
  Sink out(inv.out(), closer.out);
  Reader in(in_fd);

  if (c.revert) {
    if (c.type != Type::kNormal && c.type != Type::kPostscript)
      return Fail(inv, 255, "Sorry, cannot revert this type of hexdump");
    return Revert(inv, in, out, c, cols, c.negseek ? -c.seek : c.seek);
  }

  // Seek: absolute, relative (+) or from the end (-); read and discard
  // when the input cannot seek.
  long long seekoff = c.seek;
  if (c.seek || c.negseek || !c.relseek) {
    off_t r = c.relseek ? ::lseek(in_fd, c.negseek ? -c.seek : c.seek, SEEK_CUR)
                        : ::lseek(in_fd, c.negseek ? -c.seek : c.seek, c.negseek ? SEEK_END : SEEK_SET);
    if (r < 0 && c.negseek) return Fail(inv, 4, "Sorry, cannot seek.");
    if (r >= 0) {
      seekoff = r;
    } else {
      for (long s = c.seek; s > 0; --s)
        if (in.Get() == -1) return Fail(inv, 4, "Sorry, cannot seek.");
    }
  }

  const char* hex = c.upper ? "0123456789ABCDEF" : "0123456789abcdef";
  long long n = 0;
  int ch;
  auto more = [&]() { return (c.length < 0 || n < c.length) && (ch = in.Get()) != -1; };

  if (c.type == Type::kInclude) {
    std::string name;
    const char* var = c.varname;
    if (var == nullptr && in_fd != inv.in_fd()) var = infile;
    if (var != nullptr) {
      if (std::isdigit(static_cast<unsigned char>(var[0]))) name = "__";
      for (const char* q = var; *q; ++q) {
        unsigned char u = static_cast<unsigned char>(*q);
        name.push_back(std::isalnum(u) ? static_cast<char>(c.capitalize ? std::toupper(u) : u) : '_');
      }
      out.Write("unsigned char " + name + "[] = {\n");
    }
    char buf[16];
    while (more()) {
      const char* sep = n % cols ? ", " : (n == 0 ? "  " : ",\n  ");
      out.Write(sep);
      buf[0] = '0';
      buf[1] = c.upper ? 'X' : 'x';
      buf[2] = hex[ch >> 4];
      buf[3] = hex[ch & 15];
      out.Write(std::string_view(buf, 4));
      ++n;
    }
    if (in.error()) return Fail(inv, 2, mc::ErrorText(in.error()));
    if (n) out.Put('\n');
    if (var != nullptr) {
      out.Write("};\nunsigned int " + name + (c.capitalize ? "_LEN" : "_len") + " = " + std::to_string(n) + ";\n");
    }
    out.Flush();
    return 0;
  }

  if (c.type == Type::kPostscript) {
    long p = cols;
    while (more()) {
      char pair[2] = {hex[ch >> 4], hex[ch & 15]};
      out.Write(std::string_view(pair, 2));
      ++n;
      if (cols > 0 && !--p) {
        out.Put('\n');
        p = cols;
      }
    }
    if (in.error()) return Fail(inv, 2, mc::ErrorText(in.error()));
    if (cols == 0 || p < cols) out.Put('\n');
    out.Flush();
    return 0;
  }

  // Line formats: normal, -b bits, -e little-endian.
  const long group_len = c.type == Type::kBits ? 8 * group + 1 : 2 * group + 1;
  std::string line(static_cast<std::size_t>(12 + 20 + 9 * kMaxCols + kMaxCols + 8), ' ');
  long p = 0;
  std::size_t addr_len = 0, end = 0;
  bool nonzero = false;
  // Autoskip (-a) state: runs of all-zero lines become one '*'.
  int zero_seen = 0;
  std::string held;
  auto emit = [&](std::string_view l, int nz) {
    if (!c.autoskip) {
      out.Write(l);
      return;
    }
    if (!nz && zero_seen == 1) held.assign(l);
    if (nz || !zero_seen++) {
      if (nz) {
        if (nz < 0) --zero_seen;
        if (zero_seen == 2) out.Write(held);
        if (zero_seen > 2) out.Write("*\n");
      }
      if (nz >= 0 || zero_seen > 0) out.Write(l);
      if (nz) zero_seen = 0;
    }
  };
  while (more()) {
    if (p == 0) {
      char addr[32];
      unsigned long pos = static_cast<unsigned long>(n + seekoff) + c.display_offset;
      int len = std::snprintf(addr, sizeof addr, c.decimal ? "%08ld:" : "%08lx:", pos);
      addr_len = static_cast<std::size_t>(len);
      std::size_t used = addr_len + 4 + static_cast<std::size_t>((group_len * cols) / group + cols);
      std::fill(line.begin(), line.begin() + static_cast<long>(std::min(used, line.size())), ' ');
      std::memcpy(line.data(), addr, addr_len);
    }
    long x = c.type == Type::kLittle ? p ^ (group - 1) : p;
    std::size_t col = addr_len + 1 + static_cast<std::size_t>((group_len * x) / group);
    if (c.type == Type::kBits) {
      for (int b = 7; b >= 0; --b) line[col++] = (ch >> b) & 1 ? '1' : '0';
    } else {
      line[col] = hex[ch >> 4];
      line[col + 1] = hex[ch & 15];
    }
    if (ch) nonzero = true;
    col = addr_len + 3 + static_cast<std::size_t>((group_len * cols - 1) / group + p);
    if (c.ebcdic) line[col++] = kEbcdic[ch];
    else line[col++] = ch > 31 && ch < 127 ? static_cast<char>(ch) : '.';
    end = col;
    ++n;
    if (++p == cols) {
      line[end] = '\n';
      emit(std::string_view(line.data(), end + 1), c.autoskip ? nonzero : 1);
      nonzero = false;
      p = 0;
    }
  }
  if (in.error()) {
    out.Flush();
    return Fail(inv, 2, mc::ErrorText(in.error()));
  }
  if (p) {
    line[end] = '\n';
    emit(std::string_view(line.data(), end + 1), 1);
  } else if (c.autoskip && n > 0) {
    emit(std::string_view(line.data(), end + 1), -1);
  }
  out.Flush();
  return 0;
}
