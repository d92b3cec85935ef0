// GNU's --files0-from=F (wc, sort): the input names are read from F, each
// ended by a NUL (the last may lack it); F "-" is standard input. The
// applet opens F and decides what a bad name costs (wc warns and goes on,
// sort stops); the messages are shared.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "applets/support/input.h"
#include "applets/support/invocation.h"

namespace mc {

// Operands given with --files0-from: GNU's "extra operand 'X'",
// "file operands cannot be combined with --files0-from" and the "Try"
// line. Returns the applet's failure status.
int Files0WithOperands(const Invocation& inv, std::string_view operand);

class Files0List {
 public:
  // FROM is the name as given (for messages); FD is open on it.
  Files0List(std::string_view from, int fd) : from_(from), reader_(fd, '\0') {}

  // The next name; false at the end or on a read error (see error()).
  // The view stays valid until the next call.
  bool Next(std::string_view& name);
  // The number of the name Next() returned last, from 1.
  std::uint64_t number() const { return number_; }
  int error() const { return reader_.error(); }

  // What is wrong with NAME, the list's name number N, in GNU's words
  // ("F:N: invalid zero-length file name"), or "" when nothing is.
  std::string Problem(std::string_view name, std::uint64_t n) const;

 private:
  std::string from_;
  LineReader reader_;
  std::uint64_t number_ = 0;
};

}  // namespace mc
