/* @applet strings
   @install usr/bin
   @help
Usage: strings [option(s)] [file(s)]
 Display printable strings in [file(s)] (stdin by default)
 The options are:
  -a - --all                Scan the entire file, not just the data section [default]
  -d --data                 Only scan the data sections in the file
  -f --print-file-name      Print the name of the file before each string
  -n <number>               Locate & print any sequence of at least <number>
    --bytes=<number>         displayable characters.  (The default is 4).
  -t --radix={o,d,x}        Print the location of the string in base 8, 10 or 16
  -w --include-all-whitespace Include all whitespace as valid string characters
  -o                        An alias for --radix=o
  -T --target=<BFDNAME>     Specify the binary file format
  -e --encoding={s,S,b,l,B,L} Select character size and endianness:
                            s = 7-bit, S = 8-bit, {b,l} = 16-bit, {B,L} = 32-bit
  -s --output-separator=<string> String used to separate strings in output.
  -h --help                 Display this information
  -v -V --version           Print the program's version number
*/
// binutils strings on any file as a plain byte stream (its -a, the
// default): every file is scanned whole, object files included, and -d
// and -T change nothing. Characters of 1, 2 or 4 bytes (-e), an offset
// in bytes (-t), binutils' resumption one byte into a 16/32-bit character
// that ended a string. --unicode/-U and @FILE are not supported.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

constexpr long kEof = -1;

struct Options {
  std::uintmax_t min = 4;
  char radix = 0;  // 'o', 'd', 'x' or none
  char encoding = 's';
  bool all_whitespace = false;
  bool print_names = false;
  const std::string* separator = nullptr;
};

class Scanner {
 public:
  Scanner(int fd, const Options& o) : fd_(fd), o_(o) {
    bytes_ = o.encoding == 'b' || o.encoding == 'l' ? 2 : o.encoding == 'B' || o.encoding == 'L' ? 4 : 1;
  }

  int error() const { return error_; }

  void Run(mc::Output& out, std::string_view name) {
    std::vector<char> head(o_.min);
    for (;;) {
      std::uint64_t start;
      std::uintmax_t i;
    retry:
      start = address_;
      for (i = 0; i < o_.min; i++) {
        long c = Char();
        if (c == kEof) return;
        if (!Graphic(c)) {
          Unget(c);  // try again one byte further
          goto retry;
        }
        head[i] = static_cast<char>(c);
      }
      if (o_.print_names) {
        out.Write(name);
        out.Write(": ");
      }
      if (o_.radix) {
        char buf[32];
        const char* f = o_.radix == 'o' ? "%7llo " : o_.radix == 'd' ? "%7lld " : "%7llx ";
        int n = std::snprintf(buf, sizeof buf, f, static_cast<unsigned long long>(start));
        out.Write(std::string_view(buf, n));
      }
      out.Write(std::string_view(head.data(), head.size()));
      for (;;) {
        long c = Char();
        if (c == kEof) break;
        if (!Graphic(c)) {
          Unget(c);
          break;
        }
        out.Put(static_cast<char>(c));
      }
      if (o_.separator) out.Write(*o_.separator);
      else out.Put('\n');
    }
  }

 private:
  bool Graphic(long c) const {
    if (c < 0 || c > 255) return false;
    if (c == '\t' || (c >= 0x20 && c < 0x7f)) return true;
    if (o_.encoding == 'S' && c > 127) return true;
    return o_.all_whitespace && (c == ' ' || (c >= '\t' && c <= '\r'));
  }

  int Byte() {
    if (pushed_ > 0) return pushback_[--pushed_];
    if (pos_ == end_) {
      if (eof_) return -1;
      long n = mc::ReadSome(fd_, buf_, sizeof buf_);
      if (n <= 0) {
        if (n < 0) error_ = errno;
        eof_ = true;
        return -1;
      }
      pos_ = 0;
      end_ = static_cast<std::size_t>(n);
    }
    return static_cast<unsigned char>(buf_[pos_++]);
  }

  long Char() {
    unsigned char b[4];
    for (int i = 0; i < bytes_; i++) {
      int c = Byte();
      if (c < 0) return kEof;
      b[i] = static_cast<unsigned char>(c);
      address_++;
    }
    switch (o_.encoding) {
      case 'b': return (b[0] << 8) | b[1];
      case 'l': return (b[1] << 8) | b[0];
      case 'B': return (static_cast<long>(b[0]) << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
      case 'L': return (static_cast<long>(b[3]) << 24) | (b[2] << 16) | (b[1] << 8) | b[0];
      default: return b[0];
    }
  }

  // A character that is not graphic: its bytes after the first are read
  // again (binutils' unget_part_char).
  void Unget(long c) {
    if (bytes_ == 1) return;
    unsigned char b[4];
    switch (o_.encoding) {
      case 'b': b[0] = c & 0xff; break;
      case 'l': b[0] = (c >> 8) & 0xff; break;
      case 'B': b[0] = (c >> 16) & 0xff, b[1] = (c >> 8) & 0xff, b[2] = c & 0xff; break;
      default: b[0] = (c >> 8) & 0xff, b[1] = (c >> 16) & 0xff, b[2] = (c >> 24) & 0xff; break;
    }
    for (int i = bytes_ - 2; i >= 0; i--) pushback_[pushed_++] = b[i];
    address_ -= static_cast<std::uint64_t>(bytes_ - 1);
  }

  int fd_;
  const Options& o_;
  int bytes_;
  char buf_[64 * 1024];
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  int error_ = 0;
  unsigned char pushback_[8];
  int pushed_ = 0;
  std::uint64_t address_ = 0;
};

// binutils prints its usage text to stderr for any bad option or value.
int Usage(mc::Invocation& inv, std::string_view msg) {
  if (!msg.empty()) mc::Warn(inv, msg);
  std::string help = inv.help_text();
  mc::WriteAll(inv.err_fd(), help.data(), help.size());
  return 1;
}

}  // namespace

MC_APPLET(strings) {
  mc::cli::Parser p(inv);
  Options o;
  bool help = false, version = false, ignored = false;
  std::string separator;
  auto bad = [&](std::string_view msg) { p.Stop(Usage(inv, msg)); };
  auto set_min = [&](const std::string& v) {
    std::intmax_t n = 0;
    if (mc::ParseSigned(v, n) != mc::NumError::kOk) mc::Die(inv, "invalid integer argument " + v);
    if (n < 1) mc::Die(inv, "invalid minimum string length " + v);
    o.min = static_cast<std::uintmax_t>(n);
  };
  p.Flag("-a,--all", ignored);
  p.Flag("-d,--data", ignored);
  p.OnValue("-T,--target", [&](const std::string&) {});
  p.Flag("-f,--print-file-name", o.print_names);
  p.OnValue("-n,--bytes", set_min);
  p.OnValue("-t,--radix", [&](const std::string& v) {
    if (v.size() != 1 || (v[0] != 'o' && v[0] != 'd' && v[0] != 'x')) return bad("");
    o.radix = v[0];
  });
  p.OnFlag("-o", [&] { o.radix = 'o'; });
  p.Flag("-w,--include-all-whitespace", o.all_whitespace);
  p.OnValue("-e,--encoding", [&](const std::string& v) {
    if (v.size() != 1 || std::string_view("sSbBlL").find(v[0]) == std::string_view::npos) return bad("");
    o.encoding = v[0];
  });
  p.OnValue("-s,--output-separator", [&](const std::string& v) {
    separator = v;
    o.separator = &separator;
  });
  p.Flag("-h", help);
  p.Flag("-v,-V", version);
  p.OnUsageError([&](std::string_view msg) { return Usage(inv, msg); });
  // -NUMBER is -n NUMBER.
  std::vector<std::string> args;
  for (char* a : inv.args()) {
    std::string_view s = a;
    bool digits = s.size() > 1 && s[0] == '-' && s.find_first_not_of("0123456789", 1) == std::string_view::npos;
    args.push_back(digits ? "--bytes=" + std::string(s.substr(1)) : std::string(s));
  }
  std::vector<std::string> files;
  if (auto rc = p.Parse(args, &files)) return *rc;
  if (help) return mc::cli::PrintHelp(inv);
  if (version) return mc::cli::PrintVersion(inv);

  mc::Output& out = inv.out();
  if (files.empty()) {
    Scanner s(inv.in_fd(), o);
    s.Run(out, "{standard input}");
    if (s.error()) {
      mc::WarnErrno(inv, "{standard input}", s.error());
      return 1;
    }
    return 0;
  }
  int status = 0;
  for (const std::string& f : files) {
    struct stat st;
    if (::stat(f.c_str(), &st) != 0) {
      if (errno == ENOENT) mc::Warn(inv, mc::Quote(f) + ": No such file");
      else mc::WarnErrno(inv, mc::Quote(f), errno);
      status = 1;
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      mc::Warn(inv, "Warning: " + mc::Quote(f) + " is a directory");
      status = 1;
      continue;
    }
    int fd = ::open(f.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      mc::WarnErrno(inv, f, errno);
      status = 1;
      continue;
    }
    Scanner s(fd, o);
    s.Run(out, f);
    if (s.error()) {
      mc::WarnErrno(inv, f, s.error());
      status = 1;
    }
    ::close(fd);
  }
  return status;
}
