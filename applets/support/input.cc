#include "applets/support/input.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

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

bool StdinWasClosed(const Invocation& inv) {
  const int flags = ::fcntl(inv.in_fd(), F_GETFL);
  if (flags < 0) return true;
  if ((flags & O_ACCMODE) != O_WRONLY) return false;
  struct stat st;
  return ::fstat(inv.in_fd(), &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 &&
         minor(st.st_rdev) == 3;
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

namespace {

// Buffers from this size up are mappings of their own.
constexpr std::size_t kMapThreshold = std::size_t{1} << 20;
constexpr std::size_t kPage = 4096;

}  // namespace

void ByteBuffer::Release() noexcept {
  if (data_ == nullptr) return;
  if (cap_ >= kMapThreshold) ::munmap(data_, cap_);
  else std::free(data_);
  data_ = nullptr;
  cap_ = 0;
}

void ByteBuffer::Reserve(std::size_t n, std::size_t keep) {
  if (n <= cap_) return;
  std::size_t want = cap_ > SIZE_MAX / 2 ? SIZE_MAX : cap_ * 2;
  if (want < n) want = n;
  if (want < kMapThreshold) {
    char* p = static_cast<char*>(std::malloc(want));
    if (p == nullptr) throw std::bad_alloc();
    if (keep > 0) std::memcpy(p, data_, keep);
    std::free(data_);
    data_ = p;
    cap_ = want;
    return;
  }
  if (want > SIZE_MAX - kPage) throw std::bad_alloc();
  want = (want + kPage - 1) / kPage * kPage;
  void* p;
  if (cap_ >= kMapThreshold) {
    p = ::mremap(data_, cap_, want, MREMAP_MAYMOVE);
    if (p == MAP_FAILED) throw std::bad_alloc();
  } else {
    p = ::mmap(nullptr, want, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    if (keep > 0) std::memcpy(p, data_, keep);
    std::free(data_);
  }
  data_ = static_cast<char*>(p);
  cap_ = want;
}

void HeldRecord::Append(std::string_view s) {
  const std::size_t used = off_ + size_;
  if (s.size() >= buf_.capacity() - used) {  // room for s and a NUL
    if (s.size() >= SIZE_MAX - used) throw std::bad_alloc();
    buf_.Reserve(used + s.size() + 1, used);
  }
  if (!s.empty()) std::memcpy(buf_.data() + used, s.data(), s.size());
  size_ += s.size();
  buf_.data()[off_ + size_] = '\0';
}

LineReader::LineReader(int fd, char delim) : fd_(fd), delim_(delim) {
  buf_.Reserve(kReadBlock, 0);
}

bool LineReader::Fill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buf_.capacity()) buf_.Reserve(end_ + 1, end_);  // one record fills the buffer
  long r = ReadSome(fd_, buf_.data() + end_, buf_.capacity() - end_);
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
    const char* base = buf_.data();
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
        record = std::string_view(buf_.data() + begin_, end_ - begin_);
        begin_ = end_;
        terminated = false;
        return true;
      }
      return false;
    }
    scanned = begin_ + pending;
  }
}

bool LineReader::NextPiece(std::string_view& piece, bool& last, bool& terminated) {
  for (;;) {
    if (begin_ < end_) {
      const char* base = buf_.data();
      const void* hit = std::memchr(base + begin_, delim_, end_ - begin_);
      if (hit != nullptr) {
        const char* p = static_cast<const char*>(hit);
        piece = std::string_view(base + begin_, static_cast<std::size_t>(p - (base + begin_)));
        begin_ = static_cast<std::size_t>(p - base) + 1;
        last = terminated = true;
        in_record_ = false;
        return true;
      }
      // No delimiter in what is buffered: hand all of it out.
      piece = std::string_view(base + begin_, end_ - begin_);
      begin_ = end_;
      last = terminated = false;
      in_record_ = true;
      return true;
    }
    // Nothing is buffered, so Fill() reuses the buffer without growing it.
    if (!Fill()) {
      if (!in_record_) return false;
      piece = std::string_view();
      last = true;
      terminated = false;
      in_record_ = false;
      return true;
    }
  }
}

std::string_view LineReader::Keep(std::string_view record, HeldRecord& into) {
  const bool fills_buffer = record.data() + record.size() >= buf_.data() + buf_.capacity();
  if (buf_.capacity() <= kReadBlock || fills_buffer) {  // (no room for the NUL: copy)
    into.Assign(record);
    return into.view();
  }
  // A grown buffer holds a long record: hand the buffer over and carry on
  // in `into`'s old storage with the bytes read ahead.
  ByteBuffer fresh;
  fresh.swap(into.buf_);
  const std::size_t ahead = end_ - begin_;
  fresh.Reserve(ahead > kReadBlock ? ahead : kReadBlock, 0);
  if (ahead > 0) std::memcpy(fresh.data(), buf_.data() + begin_, ahead);
  into.off_ = static_cast<std::size_t>(record.data() - buf_.data());
  into.size_ = record.size();
  into.buf_.swap(buf_);
  into.buf_.data()[into.off_ + into.size_] = '\0';  // the read-ahead went to `fresh`
  buf_.swap(fresh);
  begin_ = 0;
  end_ = ahead;
  return into.view();
}

}  // namespace mc
