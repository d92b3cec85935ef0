#include "applets/support/output.h"

#include <cerrno>
#include <cstdlib>
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

void Output::Allocate() {
  buf_.reset(new char[kBufferSize]);
  if (fd_ != 1) return;
  // GNU stdbuf's setting for standard output (set by our stdbuf applet).
  const char* v = std::getenv("_STDBUF_O");
  if (v == nullptr || *v == '\0') return;
  if ((v[0] == 'L' || v[0] == '0') && v[1] == '\0') {
    mode_ = v[0];
    limit_ = 0;
    return;
  }
  std::size_t size = 0;
  for (; *v >= '0' && *v <= '9'; ++v) {
    size = size * 10 + static_cast<std::size_t>(*v - '0');
    if (size >= kBufferSize) break;
  }
  // stdbuf passes a plain byte count; anything else keeps the default.
  if (*v == '\0' && size > 0 && size < kBufferSize) limit_ = size;
}

void Output::CommitSlow(std::size_t n) {
  if (mode_ == 'L') {
    if (std::memchr(buf_.get() + used_ - n, '\n', n)) Flush();
  } else {
    Flush();
  }
}

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
  if (mode_ == '0' || s.size() >= kBufferSize) {
    WriteDirect(s);
    return;
  }
  if (kBufferSize - used_ < s.size()) Flush();
  std::memcpy(buf_.get() + used_, s.data(), s.size());
  used_ += s.size();
  if (mode_ == 'L' ? std::memchr(s.data(), '\n', s.size()) != nullptr : used_ >= limit_) Flush();
}

}  // namespace mc
