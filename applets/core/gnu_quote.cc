#include "applets/core/gnu_quote.h"

namespace mc::core {

namespace {

bool Printable(unsigned char c) { return c >= 0x20 && c < 0x7f; }

// The C escape of a non-printable byte: \n style where C has one, else
// three octal digits.
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

}  // namespace

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

std::string QuoteShellAlways(std::string_view s) {
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

}  // namespace mc::core
