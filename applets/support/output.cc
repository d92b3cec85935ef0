#include "applets/support/output.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace mc {

int WriteAll(int fd, const void* data, std::size_t n) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    if (w == 0) return ENOSPC;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return 0;
}

void Output::Allocate() { buf_.reset(new char[kBufferSize]); }

char* Output::Reserve(std::size_t n) {
  if (!buf_) Allocate();
  if (kBufferSize - used_ < n) Flush();
  return buf_.get() + used_;
}

void Output::Flush() {
  if (deferred_error_ != 0) {
    // As GNU's close_stdout() after a failed flush: the reason is lost.
    deferred_error_ = 0;
    used_ = 0;
    throw WriteError{0};
  }
  if (used_ == 0) return;
  std::size_t n = used_;
  used_ = 0;
  if (int err = WriteAll(fd_, buf_.get(), n)) throw WriteError{err};
}

void Output::FlushBeforeMessage() noexcept {
  if (used_ == 0 || deferred_error_ != 0) return;
  std::size_t n = used_;
  used_ = 0;
  deferred_error_ = WriteAll(fd_, buf_.get(), n);
}

void Output::WriteDirect(std::string_view s) {
  Flush();
  if (int err = WriteAll(fd_, s.data(), s.size())) throw WriteError{err};
}

void Output::WriteSlow(std::string_view s) {
  if (!buf_) Allocate();
  if (s.size() >= kBufferSize) {
    WriteDirect(s);
    return;
  }
  if (kBufferSize - used_ < s.size()) Flush();
  std::memcpy(buf_.get() + used_, s.data(), s.size());
  used_ += s.size();
}

}  // namespace mc
