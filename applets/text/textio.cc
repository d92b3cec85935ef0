#include "applets/text/textio.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "applets/support/diag.h"

namespace mc::text {

int OpenForReading(Invocation& inv, std::string_view name) {
  if (name == "-") return inv.in_fd();
  std::string path(name);
  int fd;
  do fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) {
    int err = errno;
    inv.out().Flush();  // keep stdout and stderr in order, as GNU's unbuffered output

    Warn(inv, "cannot open " + Quote(name) + " for reading: " + std::string(ErrorText(err)));
  }
  return fd;
}

std::string_view DisplayName(std::string_view name) {
  return name == "-" ? std::string_view("standard input") : name;
}

void ReadError(Invocation& inv, std::string_view name, int err) {
  Warn(inv, "error reading " + Quote(DisplayName(name)) + ": " + std::string(ErrorText(err)));
}

NumError ParseCount(std::string_view s, std::uintmax_t& out) {
  // Only these may start a suffix (xstrtoumax's "bkKmMGTPEZYRQ0" set); the
  // rest of the suffix ("B", "iB") is checked by ParseSize.
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))) ++i;
  if (i < s.size() && s[i] == '+') ++i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i < s.size()) {
    static constexpr std::string_view kFirst = "bkKmMGTPEZYRQ";
    if (kFirst.find(s[i]) == std::string_view::npos) return NumError::kInvalid;
    if (s[i] == 'b' && i + 1 != s.size()) return NumError::kInvalid;
  }
  return ParseSize(s, out, true);
}

int CountError(const Invocation& inv, std::string_view what, std::string_view s, NumError e) {
  std::string msg = "invalid number of ";
  msg += what;
  msg += ": ";
  msg += Quote(s);
  if (e == NumError::kOverflow) msg += ": Value too large for defined data type";
  Warn(inv, msg);
  return inv.failure_code();
}

}  // namespace mc::text
