// Reading inputs: operands opened with GNU's "-" convention, reads that
// retry on EINTR, and a line reader for delimiter-separated records of any
// length (NUL bytes included).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/invocation.h"

namespace mc {

inline constexpr std::size_t kReadBlock = 128 * 1024;

// Opens an input operand; "-" is the invocation's stdin. On failure reports
// "PROG: NAME: strerror" and returns -1.
int OpenInput(const Invocation& inv, std::string_view name);
// Closes what OpenInput returned (stdin is left open).
void CloseInput(const Invocation& inv, int fd);

// read() retrying on EINTR. Returns bytes read, 0 at EOF, -1 with errno.
long ReadSome(int fd, void* buf, std::size_t n);
// Reads until n bytes or EOF. Returns bytes read or -1 with errno.
long ReadFull(int fd, void* buf, std::size_t n);

// Yields records ended by a delimiter ('\n', or '\0' for -z). The last
// record may lack its delimiter. Views stay valid until the next call.
class LineReader {
 public:
  explicit LineReader(int fd, char delim = '\n');

  // false at end of input or on a read error (see error()).
  bool Next(std::string_view& record, bool& terminated);
  bool Next(std::string_view& record) {
    bool t;
    return Next(record, t);
  }
  // The errno of a failed read, or 0.
  int error() const { return error_; }

 private:
  bool Fill();

  int fd_;
  char delim_;
  std::unique_ptr<char[]> buf_;
  std::size_t cap_, begin_ = 0, end_ = 0;
  bool eof_ = false;
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
