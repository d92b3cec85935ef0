#include "applets/support/diag.h"

#include <cstring>

#include "applets/support/output.h"

namespace mc {

namespace {

void WriteErr(const Invocation& inv, std::string_view a, std::string_view b = {},
              std::string_view c = {}) {
  inv.FlushOutputForMessage();
  std::string line;
  line.reserve(inv.prog().size() + a.size() + b.size() + c.size() + 4);
  line.append(inv.prog()).append(": ").append(a).append(b).append(c).push_back('\n');
  WriteAll(inv.err_fd(), line.data(), line.size());  // nothing to do if stderr fails
}

// Whether GNU's quotef() would quote the name: shell metacharacters, '#'
// and '~' at the start, ':' (the colon variant), controls and non-ASCII.
bool NeedsQuoting(std::string_view s) {
  if (s.empty()) return true;
  if (s[0] == '#' || s[0] == '~') return true;
  for (unsigned char c : s) {
    if (c < 0x20 || c >= 0x7f) return true;
    if (std::strchr(" !\"$&'()*:;<=>?[\\^`|", c) != nullptr) return true;
  }
  return false;
}

bool Printable(unsigned char c) { return c >= 0x20 && c < 0x7f; }

// GNU's shell_escape_always quoting: "it's" when double quotes suffice,
// else single quotes with control and non-ASCII bytes as $'\ooo' segments.
std::string ShellQuote(std::string_view s) {
  bool has_single = false, has_control = false, double_unsafe = false;
  for (unsigned char c : s) {
    if (c == '\'') has_single = true;
    else if (!Printable(c)) has_control = true;
    else if (c == '"' || c == '$' || c == '`' || c == '\\' || c == '!') double_unsafe = true;
  }
  if (has_single && !has_control && !double_unsafe) return "\"" + std::string(s) + "\"";
  std::string out = "'";
  bool in_dollar = false;
  for (unsigned char c : s) {
    if (!Printable(c)) {
      if (!in_dollar) {
        out += "'$'";
        in_dollar = true;
      }
      AppendEscape(out, c);
      continue;
    }
    if (in_dollar) {
      out += "''";
      in_dollar = false;
    }
    if (c == '\'') out += "'\\''";
    else out += static_cast<char>(c);
  }
  out += '\'';
  return out;
}

}  // namespace

void AppendEscape(std::string& out, unsigned char c) {
  out += '\\';
  switch (c) {
    case '\a': out += 'a'; return;
    case '\b': out += 'b'; return;
    case '\f': out += 'f'; return;
    case '\n': out += 'n'; return;
    case '\r': out += 'r'; return;
    case '\t': out += 't'; return;
    case '\v': out += 'v'; return;
    default:
      out += static_cast<char>('0' + (c >> 6));
      out += static_cast<char>('0' + ((c >> 3) & 7));
      out += static_cast<char>('0' + (c & 7));
  }
}

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
  inv.FlushOutputForMessage();
  std::string line = "Try '";
  line.append(inv.prog()).append(" --help' for more information.\n");
  WriteAll(inv.err_fd(), line.data(), line.size());
  return inv.failure_code();
}

void Die(const Invocation& inv, std::string_view msg) { Die(inv, msg, inv.failure_code()); }

void Die(const Invocation& inv, std::string_view msg, int status) {
  WriteErr(inv, msg);
  throw Exit{status};
}

void DieErrno(const Invocation& inv, std::string_view what, int err) {
  WriteErr(inv, what, ": ", ErrorText(err));
  throw Exit{inv.failure_code()};
}

std::string QuoteName(std::string_view name) {
  return NeedsQuoting(name) ? ShellQuote(name) : std::string(name);
}

std::string Quote(std::string_view s) { return ShellQuote(s); }

std::string QuoteC(std::string_view s) {
  std::string out = "'";
  for (unsigned char c : s) {
    if (c == '\\' || c == '\'') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (Printable(c)) {
      out += static_cast<char>(c);
    } else {
      AppendEscape(out, c);
    }
  }
  out += '\'';
  return out;
}

}  // namespace mc
