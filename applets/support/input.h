// Reading inputs: operands opened with GNU's "-" convention, reads that
// retry on EINTR, and a line reader for delimiter-separated records of any
// length (NUL bytes included).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "applets/support/invocation.h"

namespace mc {

inline constexpr std::size_t kReadBlock = 128 * 1024;

// Opens an input operand; "-" is the invocation's stdin. On failure reports
// "PROG: NAME: strerror" and returns -1.
int OpenInput(const Invocation& inv, std::string_view name);
// Whether standard input was closed when the process started: the
// dispatcher then holds fd 0 open write-only on /dev/null (so that no file
// takes its place), which this recognises, as it does a closed fd.
bool StdinWasClosed(const Invocation& inv);
// Closes what OpenInput returned (stdin is left open).
void CloseInput(const Invocation& inv, int fd);

// read() retrying on EINTR. Returns bytes read, 0 at EOF, -1 with errno.
long ReadSome(int fd, void* buf, std::size_t n);
// Reads until n bytes or EOF. Returns bytes read or -1 with errno.
long ReadFull(int fd, void* buf, std::size_t n);

// Bytes in storage of their own: small buffers come from malloc, large
// ones are private mappings, so that growing a large one is a remap (no
// copy, and never the old and the new contents resident at once) and
// freeing it gives the memory back. Running out of memory throws
// std::bad_alloc (the applet runner reports "memory exhausted").
class ByteBuffer {
 public:
  ByteBuffer() = default;
  ~ByteBuffer() { Release(); }
  ByteBuffer(ByteBuffer&& o) noexcept : data_(o.data_), cap_(o.cap_) {
    o.data_ = nullptr;
    o.cap_ = 0;
  }
  ByteBuffer& operator=(ByteBuffer&& o) noexcept {
    swap(o);
    return *this;
  }
  ByteBuffer(const ByteBuffer&) = delete;
  ByteBuffer& operator=(const ByteBuffer&) = delete;

  char* data() const { return data_; }
  std::size_t capacity() const { return cap_; }
  // Capacity for at least n bytes (growing at least twofold); the first
  // `keep` bytes are preserved.
  void Reserve(std::size_t n, std::size_t keep);
  void swap(ByteBuffer& o) noexcept {
    std::swap(data_, o.data_);
    std::swap(cap_, o.cap_);
  }

 private:
  void Release() noexcept;

  char* data_ = nullptr;
  std::size_t cap_ = 0;
};

// A record kept while its reader moves on (uniq's previous line, join's
// lines, csplit's held lines), or any growing run of bytes. A long record
// is taken over from the reader without copying (LineReader::Keep).
// A record kept past the reader's next call. Its bytes are followed by a
// NUL, so C interfaces that look for one (regexec, even with REG_STARTEND,
// under the sanitizers' interceptors) stay inside the buffer.
class HeldRecord {
 public:
  std::string_view view() const { return {buf_.data() + off_, size_}; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() {
    off_ = size_ = 0;
    if (buf_.capacity() > 0) buf_.data()[0] = '\0';
  }
  void Assign(std::string_view s) {
    clear();
    Append(s);
  }
  void Append(std::string_view s);
  void swap(HeldRecord& o) noexcept {
    buf_.swap(o.buf_);
    std::swap(off_, o.off_);
    std::swap(size_, o.size_);
  }

 private:
  friend class LineReader;
  ByteBuffer buf_;
  std::size_t off_ = 0, size_ = 0;
};

// Yields records ended by a delimiter ('\n', or '\0' for -z). The last
// record may lack its delimiter. Views stay valid until the next call.
//
// Next() holds a whole record in memory, however long. Filters that can
// work on part of a record use NextPiece() instead, which hands the record
// out in pieces of at most one read block, so memory stays bounded.
class LineReader {
 public:
  explicit LineReader(int fd, char delim = '\n');

  // false at end of input or on a read error (see error()).
  bool Next(std::string_view& record, bool& terminated);
  bool Next(std::string_view& record) {
    bool t;
    return Next(record, t);
  }

  // The next piece of the current record (or the first piece of the next
  // record), without the delimiter. `last` says the piece ends the record;
  // `terminated` then says whether a delimiter ended it (else the input
  // did). A record may end in an empty piece. false at end of input or on
  // a read error, and only between records. Views stay valid until the
  // next call. NextPiece() and Next() may be mixed at record boundaries.
  bool NextPiece(std::string_view& piece, bool& last, bool& terminated);

  // Moves the record the last Next() returned into `into` (whose old
  // contents are dropped) and returns its view there. A long record
  // changes hands without a copy: the reader takes `into`'s storage for
  // the bytes it has read ahead.
  std::string_view Keep(std::string_view record, HeldRecord& into);

  // The errno of a failed read, or 0.
  int error() const { return error_; }

 private:
  bool Fill();
  bool FillSome();

  int fd_;
  char delim_;
  ByteBuffer buf_;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  bool in_record_ = false;  // NextPiece() has handed out part of a record
  int error_ = 0;
};

// "PROG: NAME: strerror" for a failed read of an operand.
void ReportReadError(const Invocation& inv, std::string_view name, int err);

// The loop of the record filters (cut, fold, expand, unexpand, ...): for
// each operand ("-" is stdin) opens it, calls fn(reader) with a LineReader
// for `delim`, reports a read error as "PROG: NAME: strerror" and closes
// it. An operand that cannot be opened is reported and skipped. fn returns
// false to stop before the remaining operands. Returns 0, or 1 if any
// operand could not be opened or read.
template <class Fn>
int ForEachInputRecords(const Invocation& inv, const std::vector<std::string>& operands, char delim, Fn&& fn) {
  int status = 0;
  for (const auto& name : operands) {
    const int fd = OpenInput(inv, name);
    if (fd < 0) {
      status = 1;
      continue;
    }
    LineReader reader(fd, delim);
    const bool go_on = fn(reader);
    if (reader.error() != 0) {
      ReportReadError(inv, name, reader.error());
      status = 1;
    }
    CloseInput(inv, fd);
    if (!go_on) break;
  }
  return status;
}

}  // namespace mc
