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
  // head's and tail's xstrtoumax suffix set (coreutils 9.1).
  NumError e = ParseScaled(s, 10, "bkKmMGTPEZY0", out);
  return e == NumError::kInvalidSuffix ? NumError::kInvalid : e;
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
