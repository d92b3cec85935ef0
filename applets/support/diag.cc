#include "applets/support/diag.h"

#include <cstring>

#include "applets/support/output.h"

namespace mc {

namespace {

void WriteErr(const Invocation& inv, std::string_view a, std::string_view b = {},
              std::string_view c = {}) {
  std::string line;
  line.reserve(inv.prog().size() + a.size() + b.size() + c.size() + 4);
  line.append(inv.prog()).append(": ").append(a).append(b).append(c).push_back('\n');
  WriteAll(inv.err_fd(), line.data(), line.size());  // nothing to do if stderr fails
}

bool NeedsQuoting(std::string_view s) {
  if (s.empty()) return true;
  for (unsigned char c : s) {
    if (c < 0x20 || c >= 0x7f) return true;
    if (std::strchr(" !\"#$&'()*;<=>?[\\]^`{|}~", c) != nullptr) return true;
  }
  return false;
}

// Shell quoting as GNU's shell_escape_quoting_style: single quotes, with
// control and non-ASCII bytes as $'\ooo' segments.
std::string ShellQuote(std::string_view s) {
  std::string out = "'";
  bool in_dollar = false;
  for (unsigned char c : s) {
    bool special = c < 0x20 || c == 0x7f || c >= 0x80;
    if (special) {
      if (!in_dollar) {
        out += "'$'";
        in_dollar = true;
      }
      switch (c) {
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\v': out += "\\v"; break;
        case 0x1b: out += "\\E"; break;
        default: {
          char buf[5] = {'\\', static_cast<char>('0' + (c >> 6)), static_cast<char>('0' + ((c >> 3) & 7)),
                         static_cast<char>('0' + (c & 7)), 0};
          out += buf;
        }
      }
      continue;
    }
    if (in_dollar) {
      out += "''";
      in_dollar = false;
    }
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '\'';
  return out;
}

}  // namespace

std::string_view ErrorText(int err) {
  // strerror() would consult the locale; the C messages are what we want.
  return std::string_view(strerrordesc_np(err) ? strerrordesc_np(err) : "Unknown error");
}

void Warn(const Invocation& inv, std::string_view msg) { WriteErr(inv, msg); }

void WarnErrno(const Invocation& inv, std::string_view what, int err) {
  WriteErr(inv, what, ": ", ErrorText(err));
}

int UsageError(const Invocation& inv, std::string_view msg) {
  if (!msg.empty()) WriteErr(inv, msg);
  std::string line = "Try '";
  line.append(inv.prog()).append(" --help' for more information.\n");
  WriteAll(inv.err_fd(), line.data(), line.size());
  return inv.failure_code();
}

std::string QuoteName(std::string_view name) {
  return NeedsQuoting(name) ? ShellQuote(name) : std::string(name);
}

std::string Quote(std::string_view s) {
  bool plain = true;
  for (unsigned char c : s)
    if (c < 0x20 || c >= 0x7f || c == '\'') plain = false;
  if (plain) return "'" + std::string(s) + "'";
  return ShellQuote(s);
}

}  // namespace mc
