/* @applet tr
   @help
Usage: tr [OPTION]... STRING1 [STRING2]
Translate, squeeze, and/or delete characters from standard input,
writing to standard output.  STRING1 and STRING2 specify arrays of
characters ARRAY1 and ARRAY2 that control the action.

  -c, -C, --complement    use the complement of ARRAY1
  -d, --delete            delete characters in ARRAY1, do not translate
  -s, --squeeze-repeats   replace each sequence of a repeated character
                            that is listed in the last specified ARRAY,
                            with a single occurrence of that character
  -t, --truncate-set1     first truncate ARRAY1 to length of ARRAY2
      --help        display this help and exit
      --version     output version information and exit

ARRAYs are specified as strings of characters.  Most represent themselves.
Interpreted sequences are:

  \NNN            character with octal value NNN (1 to 3 octal digits)
  \\              backslash
  \a              audible BEL
  \b              backspace
  \f              form feed
  \n              new line
  \r              return
  \t              horizontal tab
  \v              vertical tab
  CHAR1-CHAR2     all characters from CHAR1 to CHAR2 in ascending order
  [CHAR*]         in ARRAY2, copies of CHAR until length of ARRAY1
  [CHAR*REPEAT]   REPEAT copies of CHAR, REPEAT octal if starting with 0
  [:alnum:]       all letters and digits
  [:alpha:]       all letters
  [:blank:]       all horizontal whitespace
  [:cntrl:]       all control characters
  [:digit:]       all digits
  [:graph:]       all printable characters, not including space
  [:lower:]       all lower case letters
  [:print:]       all printable characters, including space
  [:punct:]       all punctuation characters
  [:space:]       all horizontal or vertical whitespace
  [:upper:]       all upper case letters
  [:xdigit:]      all hexadecimal digits
  [=CHAR=]        all characters which are equivalent to CHAR

Translation occurs if -d is not given and both STRING1 and STRING2 appear.
-t may be used only when translating.  ARRAY2 is extended to length of
ARRAY1 by repeating its last character as necessary.  Excess characters
of ARRAY2 are ignored.  Character classes expand in unspecified order;
while translating, [:lower:] and [:upper:] may be used in pairs to
specify case conversion.  Squeezing occurs after translation or deletion.
*/
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "registry/applet.h"

namespace {

// ---------------------------------------------------------------------------
// Parsing a STRING into the elements of an ARRAY.

struct Unit {
  unsigned char c;
  bool escaped;  // came from a backslash escape: never an operator
};

enum class Kind { kChar, kRange, kClass, kEquiv, kRepeat };

enum class Class { kAlnum, kAlpha, kBlank, kCntrl, kDigit, kGraph, kLower, kPrint, kPunct,
                   kSpace, kUpper, kXdigit };

struct Element {
  Kind kind;
  unsigned char a = 0, b = 0;  // char; range ends; repeated char; equiv char
  Class cls = Class::kAlpha;
  std::uint64_t count = 0;     // repeat count; 0 = fill ([c*] or [c*0])
};

struct Spec {
  std::vector<Element> elems;
  bool has_class = false;             // any [:class:]
  bool has_restricted_class = false;  // a class other than upper/lower
  bool has_equiv = false;
  int fill_repeats = 0;               // number of [c*] constructs
};

bool ClassOf(std::string_view name, Class& out) {
  static constexpr struct {
    const char* name;
    Class cls;
  } kNames[] = {{"alnum", Class::kAlnum}, {"alpha", Class::kAlpha}, {"blank", Class::kBlank},
                {"cntrl", Class::kCntrl}, {"digit", Class::kDigit}, {"graph", Class::kGraph},
                {"lower", Class::kLower}, {"print", Class::kPrint}, {"punct", Class::kPunct},
                {"space", Class::kSpace}, {"upper", Class::kUpper}, {"xdigit", Class::kXdigit}};
  for (const auto& n : kNames) {
    if (name == n.name) {
      out = n.cls;
      return true;
    }
  }
  return false;
}

bool InClass(Class cls, int c) {
  const bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z';
  const bool digit = c >= '0' && c <= '9';
  const bool print = c >= 32 && c < 127;
  switch (cls) {
    case Class::kAlnum: return upper || lower || digit;
    case Class::kAlpha: return upper || lower;
    case Class::kBlank: return c == ' ' || c == '\t';
    case Class::kCntrl: return c < 32 || c == 127;
    case Class::kDigit: return digit;
    case Class::kGraph: return print && c != ' ';
    case Class::kLower: return lower;
    case Class::kPrint: return print;
    case Class::kPunct: return print && c != ' ' && !upper && !lower && !digit;
    case Class::kSpace: return c == ' ' || (c >= '\t' && c <= '\r');
    case Class::kUpper: return upper;
    case Class::kXdigit: return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
  return false;
}

// GNU's printable form of a char in messages: itself or \ooo.
std::string Printable(unsigned char c) {
  if (c >= 32 && c < 127) return std::string(1, static_cast<char>(c));
  char buf[5] = {'\\', static_cast<char>('0' + (c >> 6)), static_cast<char>('0' + ((c >> 3) & 7)),
                 static_cast<char>('0' + (c & 7)), 0};
  return buf;
}

class SetParser {
 public:
  SetParser(mc::Invocation& inv) : inv_(inv) {}

  // Backslash escapes first; operators are recognized among the unescaped.
  std::vector<Unit> Unescape(std::string_view s) {
    std::vector<Unit> out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c != '\\') {
        out.push_back({c, false});
        continue;
      }
      if (i + 1 == s.size()) {
        mc::Warn(inv_, "warning: an unescaped backslash at end of string is not portable");
        out.push_back({'\\', true});
        continue;
      }
      unsigned char e = static_cast<unsigned char>(s[++i]);
      switch (e) {
        case 'a': c = '\a'; break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        case 'v': c = '\v'; break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
          int v = e - '0';
          std::size_t j = i + 1;
          int digits = 1;
          while (digits < 3 && j < s.size() && s[j] >= '0' && s[j] <= '7') {
            int nv = v * 8 + (s[j] - '0');
            if (nv > 255) {
              std::string msg = "warning: the ambiguous octal escape \\";
              msg += s.substr(i, 3);
              msg += " is being\n\tinterpreted as the 2-byte sequence \\0";
              msg += s.substr(i, 2);
              msg += ", ";
              msg += s[i + 2];
              mc::Warn(inv_, msg);
              break;
            }
            v = nv;
            ++j;
            ++digits;
          }
          i = j - 1;
          c = static_cast<unsigned char>(v);
          break;
        }
        default: c = e; break;
      }
      out.push_back({c, true});
    }
    return out;
  }

  // Parses one STRING. Returns false after printing an error.
  bool Parse(std::string_view text, Spec& spec) {
    std::vector<Unit> u = Unescape(text);
    const std::size_t n = u.size();
    auto is = [&](std::size_t k, char ch) { return k < n && !u[k].escaped && u[k].c == ch; };
    for (std::size_t i = 0; i < n;) {
      if (is(i, '[') && (is(i + 1, ':') || is(i + 1, '='))) {
        const char delim = static_cast<char>(u[i + 1].c);
        std::size_t close = std::string::npos;
        for (std::size_t k = i + 2; k + 1 < n; ++k) {
          if (is(k, delim) && is(k + 1, ']')) {
            close = k;
            break;
          }
        }
        if (close != std::string::npos) {
          std::string body;
          for (std::size_t k = i + 2; k < close; ++k) body += static_cast<char>(u[k].c);
          if (body.empty()) {
            std::string whole(1, '[');
            whole += delim;
            whole += delim;
            whole += ']';
            return Fail(std::string(delim == ':' ? "missing character class name "
                                                 : "missing equivalence class character ") +
                        mc::Quote(whole));
          }
          Element e;
          if (delim == ':') {
            if (!ClassOf(body, e.cls)) return Fail("invalid character class " + mc::Quote(body));
            e.kind = Kind::kClass;
            spec.has_class = true;
            if (e.cls != Class::kUpper && e.cls != Class::kLower) spec.has_restricted_class = true;
          } else {
            if (body.size() != 1)
              return Fail(mc::QuoteName(body) + ": equivalence class operand must be a single character");
            e.kind = Kind::kEquiv;
            e.a = static_cast<unsigned char>(body[0]);
            spec.has_equiv = true;
          }
          spec.elems.push_back(e);
          i = close + 2;
          continue;
        }
      }
      if (is(i, '[') && i + 2 < n && is(i + 2, '*')) {
        std::size_t close = std::string::npos;
        for (std::size_t k = i + 3; k < n; ++k) {
          if (is(k, ']')) {
            close = k;
            break;
          }
        }
        if (close != std::string::npos) {
          std::string digits;
          for (std::size_t k = i + 3; k < close; ++k) digits += static_cast<char>(u[k].c);
          Element e;
          e.kind = Kind::kRepeat;
          e.a = u[i + 1].c;
          if (!ParseCount(digits, e.count)) return false;
          if (e.count == 0) ++spec.fill_repeats;
          spec.elems.push_back(e);
          i = close + 1;
          continue;
        }
      }
      if (i + 2 < n && is(i + 1, '-')) {
        Element e;
        e.kind = Kind::kRange;
        e.a = u[i].c;
        e.b = u[i + 2].c;
        if (e.b < e.a)
          return Fail("range-endpoints of " + mc::Quote(Printable(e.a) + "-" + Printable(e.b)) +
                      " are in reverse collating sequence order");
        spec.elems.push_back(e);
        i += 3;
        continue;
      }
      Element e;
      e.kind = Kind::kChar;
      e.a = u[i].c;
      spec.elems.push_back(e);
      ++i;
    }
    return true;
  }

 private:
  bool ParseCount(const std::string& digits, std::uint64_t& out) {
    out = 0;
    if (digits.empty()) return true;
    const unsigned base = digits[0] == '0' ? 8 : 10;
    for (char ch : digits) {
      unsigned d = static_cast<unsigned>(ch - '0');
      if (ch < '0' || ch > '9' || d >= base || out > (UINT64_MAX - d) / base) {
        return Fail("invalid repeat count " + mc::Quote(digits) + " in [c*n] construct");
      }
      out = out * base + d;
    }
    return true;
  }

  bool Fail(const std::string& msg) {
    mc::Warn(inv_, msg);
    return false;
  }

  mc::Invocation& inv_;
};

// Length of an element once expanded (fill repeats count as `fill`).
std::uint64_t Length(const Element& e, std::uint64_t fill) {
  switch (e.kind) {
    case Kind::kChar: case Kind::kEquiv: return 1;
    case Kind::kRange: return static_cast<std::uint64_t>(e.b - e.a) + 1;
    case Kind::kRepeat: return e.count == 0 ? fill : e.count;
    case Kind::kClass: {
      std::uint64_t n = 0;
      for (int c = 0; c < 256; ++c) n += InClass(e.cls, c);
      return n;
    }
  }
  return 0;
}

std::uint64_t Length(const Spec& s, std::uint64_t fill) {
  std::uint64_t n = 0;
  for (const Element& e : s.elems) n += Length(e, fill);
  return n;
}

// An expanded array as runs of one char (a repeat is one run, so a huge
// [c*n] costs nothing).
struct Piece {
  unsigned char c;
  std::uint64_t n;
};

std::vector<Piece> Expand(const Spec& s, std::uint64_t fill) {
  std::vector<Piece> out;
  for (const Element& e : s.elems) {
    switch (e.kind) {
      case Kind::kChar: case Kind::kEquiv: out.push_back({e.a, 1}); break;
      case Kind::kRange:
        for (int c = e.a; c <= e.b; ++c) out.push_back({static_cast<unsigned char>(c), 1});
        break;
      case Kind::kRepeat: {
        std::uint64_t k = e.count == 0 ? fill : e.count;
        if (k > 0) out.push_back({e.a, k});
        break;
      }
      case Kind::kClass:
        for (int c = 0; c < 256; ++c)
          if (InClass(e.cls, c)) out.push_back({static_cast<unsigned char>(c), 1});
        break;
    }
  }
  return out;
}

std::uint64_t Total(const std::vector<Piece>& v) {
  std::uint64_t n = 0;
  for (const Piece& p : v) n += p.n;
  return n;
}

// The set of chars an array holds (complemented if asked).
void Membership(const Spec& s, bool complement, bool in[256]) {
  for (int c = 0; c < 256; ++c) in[c] = complement;
  for (const Piece& p : Expand(s, 1)) in[p.c] = !complement;
}

// ---------------------------------------------------------------------------
// The filters.

typedef unsigned char V16 __attribute__((vector_size(16)));

// Translation through a byte table. When the table is the identity except
// for at most a few runs shifted by a constant (case conversion), a
// vectorizable formula is used instead of table lookups.
struct Translator {
  unsigned char map[256];
  struct Run {
    unsigned char lo, span, delta;
  };
  Run runs[4];
  int nruns = -1;  // -1: use the table

  void Prepare() {
    int k = 0;
    for (int c = 0; c < 256;) {
      if (map[c] == c) {
        ++c;
        continue;
      }
      const unsigned char delta = static_cast<unsigned char>(map[c] - c);
      int d = c;
      while (d < 256 && map[d] != d && static_cast<unsigned char>(map[d] - d) == delta) ++d;
      if (k == 4) return;
      runs[k++] = {static_cast<unsigned char>(c), static_cast<unsigned char>(d - 1 - c), delta};
      c = d;
    }
    nruns = k;
  }

  void Apply(unsigned char* p, std::size_t n) const {
    if (nruns < 0) {
      for (std::size_t i = 0; i < n; ++i) p[i] = map[p[i]];
      return;
    }
    std::size_t i = 0;
    for (; i + 16 <= n; i += 16) {
      V16 v;
      std::memcpy(&v, p + i, 16);
      V16 add = {};
      for (int r = 0; r < nruns; ++r) {
        V16 off = v - runs[r].lo;
        V16 hit = off <= runs[r].span;  // 0xff where inside the run
        add += hit & runs[r].delta;
      }
      v += add;
      std::memcpy(p + i, &v, 16);
    }
    for (; i < n; ++i) p[i] = map[p[i]];
  }
};

}  // namespace

MC_APPLET(tr) {
  bool complement = false, del = false, squeeze = false, truncate = false;
  mc::cli::Parser p(inv);
  p.Flag("-c,-C,--complement", complement);
  p.Flag("-d,--delete", del);
  p.Flag("-s,--squeeze-repeats", squeeze);
  p.Flag("-t,--truncate-set1", truncate);
  // GNU stops at SET1 ("+AcCdst"): "tr l -d" translates l to '-'.
  p.StopAtFirstOperand();
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;

  const bool translating = !del && ops.size() == 2;
  const std::size_t want_min = (del && squeeze) || (!del && !squeeze) ? 2 : 1;
  const std::size_t want_max = del && !squeeze ? 1 : 2;
  if (ops.empty()) return mc::UsageError(inv, "missing operand");
  if (ops.size() < want_min) {
    return mc::UsageError(inv, "missing operand after " + mc::Quote(ops.back()) + "\n" +
                                   (squeeze ? "Two strings must be given when both deleting and "
                                              "squeezing repeats."
                                            : "Two strings must be given when translating."));
  }
  if (ops.size() > want_max) {
    std::string msg = "extra operand " + mc::Quote(ops[want_max]);
    if (want_max == 1 && del)
      msg += "\nOnly one string may be given when deleting without squeezing repeats.";
    return mc::UsageError(inv, msg);
  }

  SetParser parser(inv);
  Spec s1, s2;
  if (!parser.Parse(ops[0], s1)) return 1;
  if (s1.fill_repeats > 0) {
    mc::Warn(inv, "the [c*] repeat construct may not appear in string1");
    return 1;
  }
  const bool have_s2 = ops.size() == 2;
  if (have_s2) {
    if (!parser.Parse(ops[1], s2)) return 1;
    if (s2.fill_repeats > 1) {
      mc::Warn(inv, "only one [c*] repeat construct may appear in string2");
      return 1;
    }
  }

  Translator tr;
  for (int c = 0; c < 256; ++c) tr.map[c] = static_cast<unsigned char>(c);
  bool del_set[256] = {}, squeeze_set[256] = {};

  if (translating) {
    if (s2.has_equiv) {
      mc::Warn(inv, "[=c=] expressions may not appear in string2 when translating");
      return 1;
    }
    if (s2.has_restricted_class) {
      mc::Warn(inv,
               "when translating, the only character classes that may appear in\n"
               "string2 are 'upper' and 'lower'");
      return 1;
    }
    bool in1[256];
    Membership(s1, complement, in1);
    std::vector<Piece> a1;
    if (complement) {
      for (int c = 0; c < 256; ++c)
        if (in1[c]) a1.push_back({static_cast<unsigned char>(c), 1});
    } else {
      a1 = Expand(s1, 0);
    }
    const std::uint64_t len1 = Total(a1);
    const std::uint64_t len2_fixed = Length(s2, 0);
    const std::uint64_t fill = len1 > len2_fixed ? len1 - len2_fixed : 0;
    // [:upper:] and [:lower:] in string2 must face a case class of string1.
    if (!complement) {
      std::uint64_t off = 0;
      for (const Element& e : s2.elems) {
        if (e.kind == Kind::kClass) {
          bool ok = false;
          std::uint64_t off1 = 0;
          for (const Element& f : s1.elems) {
            if (off1 == off && f.kind == Kind::kClass &&
                (f.cls == Class::kUpper || f.cls == Class::kLower))
              ok = true;
            off1 += Length(f, 0);
          }
          if (!ok) {
            mc::Warn(inv, "misaligned [:upper:] and/or [:lower:] construct");
            return 1;
          }
        }
        off += Length(e, fill);
      }
    }
    std::vector<Piece> a2 = Expand(s2, fill);
    std::uint64_t len2 = Total(a2);
    std::uint64_t len = len1;
    if (truncate && len > len2) len = len2;
    if (len > len2) {
      if (len2 == 0) {
        mc::Warn(inv, "when not truncating set1, string2 must be non-empty");
        return 1;
      }
      if (!s2.elems.empty() && s2.elems.back().kind == Kind::kClass) {
        mc::Warn(inv,
                 "when translating with string1 longer than string2,\n"
                 "the latter string must not end with a character class");
        return 1;
      }
      a2.back().n += len - len2;
      len2 = len;
    }
    if (complement && s1.has_class) {
      bool homogeneous = true;
      for (const Piece& q : a2)
        if (q.c != a2[0].c) homogeneous = false;
      if (len2 != len1 || !homogeneous) {
        mc::Warn(inv,
                 "when translating with complemented character classes,\n"
                 "string2 must map all characters in the domain to one");
        return 1;
      }
    }
    // Walk both arrays in step; a later mapping of a char wins.
    std::size_t i1 = 0, i2 = 0;
    std::uint64_t used1 = 0, used2 = 0, done = 0;
    while (done < len && i1 < a1.size() && i2 < a2.size()) {
      std::uint64_t k = std::min(a1[i1].n - used1, a2[i2].n - used2);
      k = std::min(k, len - done);
      tr.map[a1[i1].c] = a2[i2].c;
      done += k;
      used1 += k;
      used2 += k;
      if (used1 == a1[i1].n) {
        ++i1;
        used1 = 0;
      }
      if (used2 == a2[i2].n) {
        ++i2;
        used2 = 0;
      }
    }
    if (squeeze) Membership(s2, false, squeeze_set);
  } else {
    if (have_s2 && s2.fill_repeats > 0) {
      mc::Warn(inv, "the [c*] construct may appear in string2 only when translating");
      return 1;
    }
    if (del) {
      Membership(s1, complement, del_set);
      if (squeeze) Membership(s2, false, squeeze_set);
    } else {
      Membership(s1, complement, squeeze_set);
    }
  }
  tr.Prepare();

  mc::Output& out = inv.out();
  const int fd = inv.in_fd();
  std::unique_ptr<unsigned char[]> buf(new unsigned char[mc::kReadBlock]);
  int last = -1;  // last char written, for squeezing
  for (;;) {
    long r = mc::ReadSome(fd, buf.get(), mc::kReadBlock);
    if (r < 0) {
      mc::Warn(inv, std::string("read error: ") + std::string(mc::ErrorText(errno)));
      return 1;
    }
    if (r == 0) break;
    std::size_t n = static_cast<std::size_t>(r);
    unsigned char* b = buf.get();
    if (del) {
      std::size_t k = 0;
      for (std::size_t i = 0; i < n; ++i) {
        unsigned char c = b[i];
        b[k] = c;
        k += !del_set[c];
      }
      n = k;
    } else if (translating) {
      tr.Apply(b, n);
    }
    if (squeeze) {
      std::size_t k = 0;
      for (std::size_t i = 0; i < n; ++i) {
        unsigned char c = b[i];
        if (squeeze_set[c] && c == last) continue;
        b[k++] = c;
        last = c;
      }
      n = k;
    }
    out.WriteDirect(std::string_view(reinterpret_cast<char*>(b), n));
  }
  return 0;
}
