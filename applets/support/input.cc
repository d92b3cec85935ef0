#include "applets/support/input.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "applets/support/diag.h"

namespace mc {

int OpenInput(const Invocation& inv, std::string_view name) {
  if (name == "-") return inv.in_fd();
  std::string path(name);
  int fd;
  do {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) WarnErrno(inv, QuoteName(name), errno);
  return fd;
}

void CloseInput(const Invocation& inv, int fd) {
  if (fd >= 0 && fd != inv.in_fd()) ::close(fd);
}

void ReportReadError(const Invocation& inv, std::string_view name, int err) {
  WarnErrno(inv, QuoteName(name), err);
}

long ReadSome(int fd, void* buf, std::size_t n) {
  for (;;) {
    ssize_t r = ::read(fd, buf, n);
    if (r >= 0 || errno != EINTR) return r;
  }
}

long ReadFull(int fd, void* buf, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    long r = ReadSome(fd, static_cast<char*>(buf) + got, n - got);
    if (r < 0) return -1;
    if (r == 0) break;
    got += static_cast<std::size_t>(r);
  }
  return static_cast<long>(got);
}

LineReader::LineReader(int fd, char delim)
    : fd_(fd), delim_(delim), buf_(new char[kReadBlock]), cap_(kReadBlock) {}

bool LineReader::Fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == cap_) {  // one record fills the buffer: grow it
    std::unique_ptr<char[]> bigger(new char[cap_ * 2]);
    std::memcpy(bigger.get(), buf_.get(), end_);
    buf_ = std::move(bigger);
    cap_ *= 2;
  }
  long r = ReadSome(fd_, buf_.get() + end_, cap_ - end_);
  if (r <= 0) {
    if (r < 0) error_ = errno;
    eof_ = true;
    return false;
  }
  end_ += static_cast<std::size_t>(r);
  return true;
}

bool LineReader::Next(std::string_view& record, bool& terminated) {
  std::size_t scanned = begin_;
  for (;;) {
    const char* base = buf_.get();
    const void* hit = std::memchr(base + scanned, delim_, end_ - scanned);
    if (hit != nullptr) {
      const char* p = static_cast<const char*>(hit);
      record = std::string_view(base + begin_, static_cast<std::size_t>(p - (base + begin_)));
      begin_ = static_cast<std::size_t>(p - base) + 1;
      terminated = true;
      return true;
    }
    std::size_t pending = end_ - begin_;
    if (!Fill()) {
      if (end_ > begin_) {
        record = std::string_view(buf_.get() + begin_, end_ - begin_);
        begin_ = end_;
        terminated = false;
        return true;
      }
      return false;
    }
    scanned = begin_ + pending;
  }
}

}  // namespace mc
