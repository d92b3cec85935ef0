/* @applet printf
   @help
Usage: printf FORMAT [ARGUMENT]...
  or:  printf OPTION
Print ARGUMENT(s) according to FORMAT, or execute according to OPTION:

      --help        display this help and exit
      --version     output version information and exit

FORMAT controls the output as in C printf.  Interpreted sequences are:

  \"      double quote
  \\      backslash
  \a      alert (BEL)
  \b      backspace
  \c      produce no further output
  \e      escape
  \f      form feed
  \n      new line
  \r      carriage return
  \t      horizontal tab
  \v      vertical tab
  \NNN    byte with octal value NNN (1 to 3 digits)
  \xHH    byte with hexadecimal value HH (1 to 2 digits)
  \uHHHH  Unicode (ISO/IEC 10646) character with hex value HHHH (4 digits)
  \UHHHHHHHH  Unicode character with hex value HHHHHHHH (8 digits)
  %%      a single %
  %b      ARGUMENT as a string with '\' escapes interpreted,
          except that octal escapes are of the form \0 or \0NNN
  %q      ARGUMENT is printed in a format that can be reused as shell input,
          escaping non-printable characters with the proposed POSIX $'' syntax.

and all C format specifications ending with one of diouxXfeEgGcs, with
ARGUMENTs converted to proper type first.  Variable widths are handled.

NOTE: your shell may have its own version of printf, which usually supersedes
the version described here.  Please refer to your shell's documentation
for details about the options it supports.
*/
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cinttypes>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "applets/support/locale.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/utf8.h"
#include "registry/applet.h"

namespace {

// glibc refuses widths and precisions this large with EOVERFLOW; GNU
// printf then reports a bare "write error" at exit. We fail the same way
// (the directive writes nothing, status 1) but name the cause.
constexpr long long kFieldLimit = INT_MAX - 32;
// Above this, padding is written in pieces rather than by snprintf.
constexpr long long kDirectLimit = 1 << 16;

bool IsOctal(char c) { return c >= '0' && c <= '7'; }
bool IsHex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
unsigned HexValue(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

// A valid UTF-8 sequence at the start of s: its length (0 if none) and
// value.
std::size_t Utf8Decode(std::string_view s, char32_t* cp) {
  if (s.empty()) return 0;
  int n = mc::DecodeUtf8(reinterpret_cast<const unsigned char*>(s.data()), s.size(), *cp);
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

class Printer {
 public:
  Printer(mc::Invocation& inv) : inv_(inv), out_(inv.out()), utf8_(mc::Utf8Ctype(inv)) {}

  int Run(std::string_view format, std::span<char* const> args) {
    std::size_t used;
    do {
      used = Format(format, args);
      args = args.subspan(used);
    } while (used > 0 && !args.empty());
    out_.Flush();
    if (!args.empty())
      mc::Warn(inv_, "warning: ignoring excess arguments, starting with " + mc::QuoteC(args[0]));
    if (overflow_) {
      mc::Warn(inv_, "write error: " + std::string(mc::ErrorText(EOVERFLOW)));
      status_ = 1;
    }
    return status_;
  }

 private:

  // One pass over the format; returns the number of arguments used.
  std::size_t Format(std::string_view f, std::span<char* const> args) {
    std::size_t next = 0;
    auto take = [&]() -> std::string_view {
      if (next < args.size()) return args[next++];
      return {};
    };
    auto have = [&] { return next < args.size(); };
    for (std::size_t i = 0; i < f.size(); ++i) {
      char c = f[i];
      if (c == '\\') {
        i += Escape(f, i, false);
        continue;
      }
      if (c != '%') {
        // Copy the run of ordinary characters.
        std::size_t j = i;
        while (j < f.size() && f[j] != '%' && f[j] != '\\') ++j;
        out_.Write(f.substr(i, j - i));
        i = j - 1;
        continue;
      }
      std::size_t start = i++;
      if (i < f.size() && f[i] == '%') {
        out_.Put('%');
        continue;
      }
      if (i < f.size() && f[i] == 'b') {
        if (have()) EscapeString(take());
        continue;
      }
      if (i < f.size() && f[i] == 'q') {
        if (have()) out_.Write(ShellQuote(take()));
        continue;
      }
      bool ok[256] = {};
      for (unsigned char k : std::string_view("aAcdeEfFgGiosuxX")) ok[k] = true;
      std::string flags;
      for (; i < f.size(); ++i) {
        char fc = f[i];
        if (fc == '\'' || fc == 'I') {
          for (unsigned char k : std::string_view("aAceEosxX")) ok[k] = false;
        } else if (fc == '-' || fc == '+' || fc == ' ') {
        } else if (fc == '#') {
          for (unsigned char k : std::string_view("cdisu")) ok[k] = false;
        } else if (fc == '0') {
          ok['c'] = ok['s'] = false;
        } else {
          break;
        }
        flags += fc;
      }
      bool has_width = false, has_prec = false;
      long long width = 0, prec = -1;
      if (i < f.size() && f[i] == '*') {
        ++i;
        has_width = true;
        if (have()) {
          std::string_view a = take();
          intmax_t w = ToSigned(a);
          if (w < INT_MIN || w > INT_MAX) mc::Die(inv_, "invalid field width: " + mc::QuoteC(a));
          width = w;
        }
      } else {
        while (i < f.size() && f[i] >= '0' && f[i] <= '9') {
          has_width = true;
          if (width <= INT_MAX) width = width * 10 + (f[i] - '0');
          ++i;
        }
      }
      if (i < f.size() && f[i] == '.') {
        ++i;
        ok['c'] = false;
        has_prec = true;
        prec = 0;
        if (i < f.size() && f[i] == '*') {
          ++i;
          if (have()) {
            std::string_view a = take();
            intmax_t p = ToSigned(a);
            if (p < 0) prec = -1;
            else if (p > INT_MAX) mc::Die(inv_, "invalid precision: " + mc::QuoteC(a));
            else prec = p;
          }
        } else {
          while (i < f.size() && f[i] >= '0' && f[i] <= '9') {
            if (prec <= INT_MAX) prec = prec * 10 + (f[i] - '0');
            ++i;
          }
        }
      }
      while (i < f.size() && f[i] != '\0' && std::strchr("lLhjtz", f[i]) != nullptr) ++i;
      unsigned char conv = i < f.size() ? static_cast<unsigned char>(f[i]) : 0;
      if (!ok[conv]) {
        std::string_view spec = f.substr(start, i + 1 - start);
        spec = spec.substr(0, spec.find('\0'));
        mc::Die(inv_, std::string(spec) + ": invalid conversion specification");
      }
      std::string_view arg = take();
      if (prec < 0) has_prec = false;
      Directive(flags, has_width, width, has_prec, prec, static_cast<char>(conv), arg);
    }
    return next;
  }

  // Handles the escape at f[i] == '\\'; returns how many characters after
  // the backslash it used.
  std::size_t Escape(std::string_view f, std::size_t i, bool octal_0) {
    std::size_t p = i + 1;
    char e = p < f.size() ? f[p] : '\0';
    if (e == 'x') {
      unsigned v = 0;
      int n = 0;
      ++p;
      for (; n < 2 && p < f.size() && IsHex(f[p]); ++n, ++p) v = v * 16 + HexValue(f[p]);
      if (n == 0) mc::Die(inv_, "missing hexadecimal number in escape");
      out_.Put(static_cast<char>(v));
    } else if (IsOctal(e)) {
      if (octal_0 && e == '0') ++p;
      unsigned v = 0;
      for (int n = 0; n < 3 && p < f.size() && IsOctal(f[p]); ++n, ++p) v = v * 8 + (f[p] - '0');
      out_.Put(static_cast<char>(v));
    } else if (e != '\0' && std::strchr("\"\\abcefnrtv", e) != nullptr) {
      ++p;
      switch (e) {
        case 'a': out_.Put('\a'); break;
        case 'b': out_.Put('\b'); break;
        case 'c': throw mc::Exit{0};  // \c: no further output
        case 'e': out_.Put('\x1b'); break;
        case 'f': out_.Put('\f'); break;
        case 'n': out_.Put('\n'); break;
        case 'r': out_.Put('\r'); break;
        case 't': out_.Put('\t'); break;
        case 'v': out_.Put('\v'); break;
        default: out_.Put(e); break;
      }
    } else if (e == 'u' || e == 'U') {
      int digits = e == 'u' ? 4 : 8;
      char32_t v = 0;
      ++p;
      for (int n = 0; n < digits; ++n, ++p) {
        if (p >= f.size() || !IsHex(f[p])) mc::Die(inv_, "missing hexadecimal number in escape");
        v = v * 16 + HexValue(f[p]);
      }
      if ((v <= 0x9f && v != 0x24 && v != 0x40 && v != 0x60) || (v >= 0xd800 && v <= 0xdfff)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "invalid universal character name \\%c%0*X", e, digits,
                      static_cast<unsigned>(v));
        mc::Die(inv_, buf);
      }
      if (utf8_ && v <= 0x10ffff) {
        std::string s;
        mc::EncodeUtf8(s, v);
        out_.Write(s);
      } else {
        char buf[16];
        std::snprintf(buf, sizeof buf, v < 0x10000 ? "\\u%04X" : "\\U%08X", static_cast<unsigned>(v));
        out_.Write(buf);
      }
    } else {
      out_.Put('\\');
      if (p < f.size()) {
        out_.Put(f[p]);
        ++p;
      }
    }
    return p - i - 1;
  }

  void EscapeString(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\\') {
        i += Escape(s, i, true);
      } else {
        out_.Put(s[i]);
      }
    }
  }

  // GNU's shell-escape quoting (quotearg's shell_escape_quoting_style).
  std::string ShellQuote(std::string_view s) const {
    auto printable_at = [&](std::size_t i, std::size_t* len) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      *len = 1;
      if (c < 0x80) return c >= 0x20 && c < 0x7f;
      if (!utf8_) return false;
      char32_t cp;
      std::size_t n = Utf8Decode(s.substr(i), &cp);
      if (n == 0) return false;
      *len = n;
      // C1 controls and a few format characters are not printable.
      return !(cp >= 0x80 && cp < 0xa0) && cp != 0x2028 && cp != 0x2029;
    };
    // Can the string go out as it is?
    bool needs = s.empty();
    for (std::size_t i = 0; i < s.size() && !needs;) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      std::size_t len = 1;
      if (std::isalnum(c) || std::strchr("%+,-./:]_@", c) != nullptr) {
      } else if (c == '{' || c == '}') {
        needs = s.size() == 1;
      } else if (c == '#' || c == '~') {
        needs = i == 0;
      } else if (c < 0x80) {
        needs = true;
      } else {
        needs = !printable_at(i, &len);
      }
      i += len;
    }
    if (!needs) return std::string(s);

    std::string out = "'";
    bool pending = false;  // inside a $'...' segment
    bool all_compat = true, single_quote = false;
    for (std::size_t i = 0; i < s.size();) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      const char* letter = nullptr;
      switch (c) {
        case '\a': letter = "a"; break;
        case '\b': letter = "b"; break;
        case '\f': letter = "f"; break;
        case '\n': letter = "n"; break;
        case '\r': letter = "r"; break;
        case '\t': letter = "t"; break;
        case '\v': letter = "v"; break;
      }
      std::size_t len = 1;
      bool escape = letter != nullptr || (c != '\'' && !printable_at(i, &len));
      if (escape) {
        if (!pending) out += "'$'";
        pending = true;
        out += '\\';
        if (letter) {
          out += letter;
        } else {
          out += static_cast<char>('0' + (c >> 6));
          out += static_cast<char>('0' + ((c >> 3) & 7));
          out += static_cast<char>('0' + (c & 7));
        }
        all_compat = false;
        ++i;
        continue;
      }
      if (c == '\'') {
        single_quote = true;
        out += "'\\''";
        pending = false;
        ++i;
        continue;
      }
      if (pending) {
        out += "''";
        pending = false;
      }
      bool compat = std::isalnum(c) || std::strchr("%+,-./:]_ @", c) != nullptr || c >= 0x80;
      if ((c == '#' || c == '~') && i == 0) compat = true;
      if ((c == '{' || c == '}') && s.size() == 1) compat = true;
      if (!compat) all_compat = false;
      out.append(s.substr(i, len));
      i += len;
    }
    if (single_quote && all_compat) return "\"" + std::string(s) + "\"";
    out += '\'';
    return out;
  }

  // A numeric argument's check, as GNU's verify_numeric.
  void Verify(std::string_view arg, const char* end, int err) {
    if (err != 0) {
      mc::Warn(inv_, mc::QuoteC(arg) + ": " + std::string(mc::ErrorText(err)));
      status_ = 1;
    } else if (*end != '\0') {
      if (end == arg_copy_.c_str())
        mc::Warn(inv_, mc::QuoteC(arg) + ": expected a numeric value");
      else
        mc::Warn(inv_, mc::QuoteC(arg) + ": value not completely converted");
      status_ = 1;
    }
  }

  // 'c and "c: the character's value. False if arg is not of that form.
  bool CharConstant(std::string_view arg, long double* value) {
    if (arg.size() < 2 || (arg[0] != '\'' && arg[0] != '"')) return false;
    std::string_view rest = arg.substr(1);
    char32_t cp = static_cast<unsigned char>(rest[0]);
    std::size_t len = 1;
    if (utf8_ && rest.size() > 1) {
      std::size_t n = Utf8Decode(rest, &cp);
      if (n > 0) len = n;
      else cp = static_cast<unsigned char>(rest[0]);
    }
    *value = cp;
    if (rest.size() > len && !inv_.posixly_correct()) {
      mc::Warn(inv_, "warning: " + std::string(rest.substr(len)) +
                         ": character(s) following character constant have been ignored");
    }
    return true;
  }

  intmax_t ToSigned(std::string_view arg) {
    long double c;
    if (CharConstant(arg, &c)) return static_cast<intmax_t>(c);
    arg_copy_.assign(arg);
    char* end;
    errno = 0;
    intmax_t v = std::strtoimax(arg_copy_.c_str(), &end, 0);
    int err = errno;
    out_.Flush();
    Verify(arg, end, err);
    return v;
  }
  uintmax_t ToUnsigned(std::string_view arg) {
    long double c;
    if (CharConstant(arg, &c)) return static_cast<uintmax_t>(c);
    arg_copy_.assign(arg);
    char* end;
    errno = 0;
    uintmax_t v = std::strtoumax(arg_copy_.c_str(), &end, 0);
    int err = errno;
    out_.Flush();
    Verify(arg, end, err);
    return v;
  }
  long double ToFloat(std::string_view arg) {
    long double c;
    if (CharConstant(arg, &c)) return c;
    arg_copy_.assign(arg);
    char* end;
    errno = 0;
    long double v = std::strtold(arg_copy_.c_str(), &end);
    int err = errno;
    out_.Flush();
    Verify(arg, end, err);
    return v;
  }

  void Pad(char c, long long n) {
    static constexpr std::size_t kChunk = 4096;
    char buf[kChunk];
    std::memset(buf, c, kChunk);
    while (n > 0) {
      std::size_t k = n < static_cast<long long>(kChunk) ? static_cast<std::size_t>(n) : kChunk;
      out_.Write(std::string_view(buf, k));
      n -= static_cast<long long>(k);
    }
  }

  template <class T>
  std::string Snprintf(const std::string& fmt, bool has_width, int width, bool has_prec, int prec,
                       T value) {
    char small[128];
    int n;
    if (has_width && has_prec) n = std::snprintf(small, sizeof small, fmt.c_str(), width, prec, value);
    else if (has_width) n = std::snprintf(small, sizeof small, fmt.c_str(), width, value);
    else if (has_prec) n = std::snprintf(small, sizeof small, fmt.c_str(), prec, value);
    else n = std::snprintf(small, sizeof small, fmt.c_str(), value);
    if (n < 0) return {};
    if (static_cast<std::size_t>(n) < sizeof small) return std::string(small, static_cast<std::size_t>(n));
    std::string big(static_cast<std::size_t>(n) + 1, '\0');
    if (has_width && has_prec) std::snprintf(big.data(), big.size(), fmt.c_str(), width, prec, value);
    else if (has_width) std::snprintf(big.data(), big.size(), fmt.c_str(), width, value);
    else if (has_prec) std::snprintf(big.data(), big.size(), fmt.c_str(), prec, value);
    else std::snprintf(big.data(), big.size(), fmt.c_str(), value);
    big.resize(static_cast<std::size_t>(n));
    return big;
  }

  void Directive(std::string flags, bool has_width, long long width, bool has_prec, long long prec,
                 char conv, std::string_view arg) {
    if ((has_width && (width >= kFieldLimit || width <= -kFieldLimit)) ||
        (has_prec && prec >= kFieldLimit)) {
      // Still converts the argument (and reports it), as printf would.
      if (std::strchr("di", conv)) ToSigned(arg);
      else if (std::strchr("ouxX", conv)) ToUnsigned(arg);
      else if (conv != 'c' && conv != 's') ToFloat(arg);
      overflow_ = true;
      return;
    }
    const bool is_int = std::strchr("diouxX", conv) != nullptr;
    const bool is_float = std::strchr("aAeEfFgG", conv) != nullptr;
    std::string length = is_int ? "j" : is_float ? "L" : "";
    bool big = (has_width && (width > kDirectLimit || width < -kDirectLimit)) ||
               (has_prec && prec > kDirectLimit);
    if (!big) {
      std::string fmt = "%" + flags + (has_width ? "*" : "") + (has_prec ? ".*" : "") + length + conv;
      int w = static_cast<int>(width), p = static_cast<int>(prec);
      std::string s;
      if (conv == 'd' || conv == 'i') {
        s = Snprintf(fmt, has_width, w, has_prec, p, ToSigned(arg));
      } else if (is_int) {
        s = Snprintf(fmt, has_width, w, has_prec, p, ToUnsigned(arg));
      } else if (is_float) {
        s = Snprintf(fmt, has_width, w, has_prec, p, ToFloat(arg));
      } else if (conv == 'c') {
        s = Snprintf(fmt, has_width, w, false, 0, arg.empty() ? 0 : static_cast<int>(static_cast<unsigned char>(arg[0])));
      } else {
        arg_copy_.assign(arg);
        s = Snprintf(fmt, has_width, w, has_prec, p, arg_copy_.c_str());
      }
      out_.Write(s);
      return;
    }
    // Large fields: the body without the padding, then padding in pieces.
    bool left = flags.find('-') != std::string::npos;
    bool zero = flags.find('0') != std::string::npos;
    if (has_width && width < 0) {
      left = true;
      width = -width;
    }
    std::string body_flags;
    for (char c : flags)
      if (c != '-' && c != '0') body_flags += c;
    std::string body;
    long long extra_zeros = 0;  // zeros after the prefix (precision)
    std::size_t prefix_len = 0;
    bool numeric_zero_ok = false;
    if (is_int) {
      std::string fmt = "%" + body_flags + length + conv;
      if (conv == 'd' || conv == 'i') body = Snprintf(fmt, false, 0, false, 0, ToSigned(arg));
      else body = Snprintf(fmt, false, 0, false, 0, ToUnsigned(arg));
      if (!body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ')) prefix_len = 1;
      if (body.size() >= prefix_len + 2 && body[prefix_len] == '0' &&
          (body[prefix_len + 1] == 'x' || body[prefix_len + 1] == 'X'))
        prefix_len += 2;
      if (has_prec) {
        long long digits = static_cast<long long>(body.size() - prefix_len);
        if (prec == 0 && body.substr(prefix_len) == "0" && !(conv == 'o' && flags.find('#') != std::string::npos))
          body.erase(prefix_len);
        else if (prec > digits) extra_zeros = prec - digits;
      }
      numeric_zero_ok = !has_prec;
    } else if (is_float) {
      long double v = ToFloat(arg);
      long long p = has_prec ? std::min<long long>(prec, 20000) : -1;
      std::string fmt = "%" + body_flags + (has_prec ? ".*" : "") + length + conv;
      body = Snprintf(fmt, false, 0, has_prec, static_cast<int>(p), v);
      bool finite = v == v && v - v == 0;
      if (has_prec && prec > p && finite) {
        // Digits past the exact value are zeros.
        bool trailing = conv != 'g' && conv != 'G';
        if (!trailing) trailing = flags.find('#') != std::string::npos;
        if (trailing) {
          std::size_t exp = body.find_first_of("eEpP", (conv == 'a' || conv == 'A') ? 2 : 0);
          if (conv == 'f' || conv == 'F') exp = std::string::npos;
          std::string tail = exp == std::string::npos ? "" : body.substr(exp);
          body.erase(exp == std::string::npos ? body.size() : exp);
          // Write body, zeros, tail through the general path below.
          long long zeros = prec - p;
          WriteField(left, zero && finite, has_width ? width : 0, body, 0, zeros, tail);
          return;
        }
      }
      if (!body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ')) prefix_len = 1;
      if ((conv == 'a' || conv == 'A') && body.size() >= prefix_len + 2) prefix_len += 2;
      numeric_zero_ok = finite;
    } else if (conv == 'c') {
      body.assign(1, arg.empty() ? '\0' : arg[0]);
    } else {
      body.assign(arg.substr(0, has_prec ? std::min<std::size_t>(arg.size(), static_cast<std::size_t>(prec)) : arg.size()));
    }
    long long total = static_cast<long long>(body.size()) + extra_zeros;
    long long pad = has_width && width > total ? width - total : 0;
    if (left) {
      out_.Write(body.substr(0, prefix_len));
      Pad('0', extra_zeros);
      out_.Write(std::string_view(body).substr(prefix_len));
      Pad(' ', pad);
    } else if (zero && numeric_zero_ok) {
      out_.Write(body.substr(0, prefix_len));
      Pad('0', pad + extra_zeros);
      out_.Write(std::string_view(body).substr(prefix_len));
    } else {
      Pad(' ', pad);
      out_.Write(body.substr(0, prefix_len));
      Pad('0', extra_zeros);
      out_.Write(std::string_view(body).substr(prefix_len));
    }
  }

  // A float body with zeros inserted before its exponent part.
  void WriteField(bool left, bool zero, long long width, const std::string& body, std::size_t,
                  long long zeros, const std::string& tail) {
    long long total = static_cast<long long>(body.size() + tail.size()) + zeros;
    long long pad = width > total ? width - total : 0;
    std::size_t prefix_len = 0;
    if (!body.empty() && (body[0] == '-' || body[0] == '+' || body[0] == ' ')) prefix_len = 1;
    if (body.size() >= prefix_len + 2 && body[prefix_len] == '0' &&
        (body[prefix_len + 1] == 'x' || body[prefix_len + 1] == 'X'))
      prefix_len += 2;
    if (!left && !zero) Pad(' ', pad);
    out_.Write(body.substr(0, prefix_len));
    if (!left && zero) Pad('0', pad);
    out_.Write(std::string_view(body).substr(prefix_len));
    Pad('0', zeros);
    out_.Write(tail);
    if (left) Pad(' ', pad);
  }

  mc::Invocation& inv_;
  mc::Output& out_;
  bool utf8_;
  int status_ = 0;
  bool overflow_ = false;
  std::string arg_copy_;
};

}  // namespace

MC_APPLET(printf) {
  if (auto rc = mc::cli::SoleHelpOrVersion(inv)) return *rc;
  auto args = inv.args();
  if (!args.empty() && std::string_view(args[0]) == "--") args = args.subspan(1);
  if (args.empty()) return mc::UsageError(inv, "missing operand");
  Printer p(inv);
  return p.Run(args[0], args.subspan(1));
}
