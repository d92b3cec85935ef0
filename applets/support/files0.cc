#include "applets/support/files0.h"

#include "applets/support/diag.h"

namespace mc {

int Files0WithOperands(const Invocation& inv, std::string_view operand) {
  Warn(inv, "extra operand " + Quote(operand));
  inv.FlushOutputForMessage();
  static constexpr std::string_view kLine = "file operands cannot be combined with --files0-from\n";
  WriteAll(inv.err_fd(), kLine.data(), kLine.size());
  return UsageError(inv, "");
}

bool Files0List::Next(std::string_view& name) {
  if (!reader_.Next(name)) return false;
  ++number_;
  return true;
}

std::string Files0List::Problem(std::string_view name, std::uint64_t n) const {
  if (name == "-" && from_ == "-")
    return "when reading file names from stdin, no file name of '-' allowed";
  if (!name.empty()) return {};
  std::string msg = QuoteName(from_);
  msg.push_back(':');
  char digits[24];
  char* p = digits + sizeof digits;
  do *--p = static_cast<char>('0' + n % 10);
  while ((n /= 10) != 0);
  msg.append(p, digits + sizeof digits).append(": invalid zero-length file name");
  return msg;
}

}  // namespace mc
