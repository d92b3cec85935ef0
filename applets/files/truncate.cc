/* @applet truncate
   @install usr/bin
   @help
Usage: truncate OPTION... FILE...
Shrink or extend the size of each FILE to the specified size

A FILE argument that does not exist is created.

If a FILE is larger than the specified size, the extra data is lost.
If a FILE is shorter, it is extended and the sparse extended part (hole)
reads as zero bytes.

Mandatory arguments to long options are mandatory for short options too.
  -c, --no-create        do not create any files
  -o, --io-blocks        treat SIZE as number of IO blocks instead of bytes
  -r, --reference=RFILE  base size on RFILE
  -s, --size=SIZE        set or adjust the file size by SIZE bytes
      --help        display this help and exit
      --version     output version information and exit

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

SIZE may also be prefixed by one of the following modifying characters:
'+' extend by, '-' reduce by, '<' at most, '>' at least,
'/' round down to multiple of, '%' round up to multiple of.
*/
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

// How -s relates to the current size: '=' absolute, else its prefix.
struct Size {
  char mode = '=';
  std::intmax_t value = 0;
};

std::string Decimal(std::intmax_t v) {
  char buf[24];
  int n = 0;
  bool neg = v < 0;
  std::uintmax_t u = neg ? 0 - static_cast<std::uintmax_t>(v) : static_cast<std::uintmax_t>(v);
  do buf[n++] = static_cast<char>('0' + u % 10);
  while (u /= 10);
  std::string s = neg ? "-" : "";
  while (n) s += buf[--n];
  return s;
}

}  // namespace

MC_APPLET(truncate) {
  mc::cli::Parser p(inv);
  bool no_create = false, blocks = false;
  std::optional<std::string> size_arg, ref;
  p.Flag("-c,--no-create", no_create);
  p.Flag("-o,--io-blocks", blocks);
  p.OnValue("-r,--reference", [&](const std::string& v) { ref = v; });
  p.OnValue("-s,--size", [&](const std::string& v) { size_arg = v; });
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;

  Size size;
  if (size_arg) {
    std::string_view s = *size_arg;
    while (!s.empty() && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r'))) s.remove_prefix(1);
    if (!s.empty() && std::string_view("+-<>/%").find(s[0]) != std::string_view::npos) {
      size.mode = s[0];
      s.remove_prefix(1);
    }
    std::uintmax_t v = 0;
    mc::NumError e = mc::NumError::kInvalid;
    bool blank = !s.empty() && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r'));
    if (!blank && (s.empty() || s[0] != '+')) e = mc::ParseScaled(s, 10, "EgGkKmMPtTYZ0", v);
    if (e == mc::NumError::kOk && v > static_cast<std::uintmax_t>(std::numeric_limits<std::intmax_t>::max()))
      e = mc::NumError::kOverflow;
    if (e == mc::NumError::kOverflow) {
      mc::Warn(inv, "Invalid number: " + mc::QuoteC(*size_arg) + ": " +
                        std::string(mc::ErrorText(EOVERFLOW)));
      return 1;
    }
    if (e != mc::NumError::kOk) {
      mc::Warn(inv, "Invalid number: " + mc::QuoteC(*size_arg));
      return 1;
    }
    size.value = static_cast<std::intmax_t>(v);
    if (size.mode == '-') size.value = -size.value;
    if ((size.mode == '/' || size.mode == '%') && size.value == 0) {
      mc::Warn(inv, "division by zero");
      return 1;
    }
  }
  if (!size_arg && !ref) return mc::UsageError(inv, "you must specify either '--size' or '--reference'");
  if (size_arg && ref && size.mode == '=')
    return mc::UsageError(inv, "you must specify a relative '--size' with '--reference'");
  if (blocks && !size_arg)
    return mc::UsageError(inv, "'--io-blocks' was specified but '--size' was not");
  if (files.empty()) return mc::UsageError(inv, "missing file operand");

  std::intmax_t ref_size = -1;
  if (ref) {
    struct stat st;
    int fd = ::open(ref->c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    bool ok = fd >= 0 && ::fstat(fd, &st) == 0;
    int err = errno;
    if (ok) {
      if (S_ISREG(st.st_mode)) ref_size = st.st_size;
      else {
        off_t end = ::lseek(fd, 0, SEEK_END);
        if (end >= 0) ref_size = end;
        else ok = false, err = errno;
      }
    }
    if (fd >= 0) ::close(fd);
    if (!ok) {
      mc::Warn(inv, "cannot stat " + mc::Quote(*ref) + ": " + std::string(mc::ErrorText(err)));
      return 1;
    }
    if (!size_arg) size.value = ref_size;
  }

  int status = 0;
  for (const std::string& f : files) {
    int fd = ::open(f.c_str(), O_WRONLY | O_CLOEXEC | O_NONBLOCK | (no_create ? 0 : O_CREAT), 0666);
    if (fd < 0) {
      if (no_create && errno == ENOENT) continue;
      mc::Warn(inv, "cannot open " + mc::Quote(f) + " for writing: " + std::string(mc::ErrorText(errno)));
      status = 1;
      continue;
    }
    auto fail = [&](const std::string& msg) {
      mc::Warn(inv, msg);
      status = 1;
      ::close(fd);
    };
    struct stat st;
    if (::fstat(fd, &st) != 0) {
      fail("cannot fstat " + mc::Quote(f) + ": " + std::string(mc::ErrorText(errno)));
      continue;
    }
    std::intmax_t want = size.value;
    if (blocks) {
      std::intmax_t bs = st.st_blksize > 0 ? st.st_blksize : 512;
      if (__builtin_mul_overflow(want, bs, &want)) {
        fail("overflow in " + Decimal(size.value) + " * " + Decimal(bs) +
             " byte blocks for file " + mc::Quote(f));
        continue;
      }
    }
    if (size.mode != '=') {
      std::intmax_t cur = ref_size;
      if (cur < 0) {
        if (S_ISREG(st.st_mode)) {
          cur = st.st_size;
        } else {
          off_t end = ::lseek(fd, 0, SEEK_END);
          if (end < 0) {
            fail("cannot get the size of " + mc::Quote(f) + ": " + std::string(mc::ErrorText(errno)));
            continue;
          }
          cur = end;
        }
      }
      bool overflow = false;
      switch (size.mode) {
        case '<': want = cur < want ? cur : want; break;
        case '>': want = cur > want ? cur : want; break;
        case '/': want = cur / want * want; break;
        case '%': {
          std::intmax_t r = cur % want;
          std::intmax_t up = 0;
          overflow = __builtin_add_overflow(cur, r ? want - r : 0, &up);
          if (overflow) {
            fail("overflow rounding up size of file " + mc::Quote(f));
          }
          want = up;
          break;
        }
        default:
          overflow = __builtin_add_overflow(cur, want, &want);
          if (overflow) fail("overflow extending size of file " + mc::Quote(f));
      }
      if (overflow) continue;
      if (want < 0) want = 0;
    }
    if (::ftruncate(fd, want) != 0) {
      fail("failed to truncate " + mc::Quote(f) + " at " + Decimal(want) + " bytes: " +
           std::string(mc::ErrorText(errno)));
      continue;
    }
    ::close(fd);
  }
  return status;
}
