// Buffered standard output with GNU close_stdout semantics: a failed write
// throws WriteError, which the applet runner reports as
// "PROG: write error: REASON" (or the applet's own label) with the applet's
// failure status. Applets therefore never continue writing into a dead pipe
// or a full disk.
//
// Standard output (fd 1) is fully buffered unless GNU stdbuf's variable
// _STDBUF_O asks otherwise ("L": flushed at each newline, "0": not
// buffered, a size: flushed when that much is pending); our stdbuf applet
// sets it. It is read once, lazily, with the first write.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

namespace mc {

struct WriteError {
  int error;  // errno; 0 when the failure was earlier and its reason is lost
};

class Output {
 public:
  static constexpr std::size_t kBufferSize = 128 * 1024;

  explicit Output(int fd) : fd_(fd) {}
  Output(const Output&) = delete;
  Output& operator=(const Output&) = delete;

  int fd() const { return fd_; }

  void Write(std::string_view s) {
    if (used_ + s.size() <= limit_ && buf_) {
      __builtin_memcpy(buf_.get() + used_, s.data(), s.size());
      used_ += s.size();
      return;
    }
    WriteSlow(s);
  }
  void Put(char c) {
    if (used_ < limit_ && buf_) {
      buf_[used_++] = c;
      return;
    }
    WriteSlow(std::string_view(&c, 1));
  }

  // Space for at least n bytes (n <= kBufferSize) to format into; then
  // Commit() the bytes actually used.
  char* Reserve(std::size_t n);
  void Commit(std::size_t n) {
    used_ += n;
    if (used_ >= limit_) CommitSlow(n);
  }

  // Writes all pending bytes; throws WriteError on failure.
  void Flush();
  // Writes pending bytes so that a message on stderr comes after them, as
  // GNU's error() does. Never throws: a failure is kept and thrown by the
  // next Flush() (at the latest when the applet ends), without its reason,
  // which GNU's stdio loses too ("PROG: write error").
  void FlushBeforeMessage() noexcept;
  // Flushes, then writes s without copying (for large blocks).
  void WriteDirect(std::string_view s);

 private:
  void WriteSlow(std::string_view s);
  void CommitSlow(std::size_t n);
  void Allocate();

  int fd_;
  std::size_t used_ = 0;
  // The inline paths buffer up to limit_ bytes: kBufferSize, a stdbuf
  // size, or 0 so that line-buffered and unbuffered output take the slow
  // path (which flushes as asked).
  std::size_t limit_ = kBufferSize;
  char mode_ = 'F';  // 'F' full, 'L' line, '0' none
  int deferred_error_ = 0;  // errno of a failed FlushBeforeMessage()
  std::unique_ptr<char[]> buf_;
};

// Writes all of [data, data+n) to fd, retrying on EINTR and short writes.
// Returns 0 or the errno of the failure.
int WriteAll(int fd, const void* data, std::size_t n);

}  // namespace mc
