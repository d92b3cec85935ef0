/* @applet expr
   @install usr/bin
   @failcode 3
   @help
Usage: expr EXPRESSION
  or:  expr OPTION

      --help        display this help and exit
      --version     output version information and exit

Print the value of EXPRESSION to standard output.  A blank line below
separates increasing precedence groups.  EXPRESSION may be:

  ARG1 | ARG2       ARG1 if it is neither null nor 0, otherwise ARG2

  ARG1 & ARG2       ARG1 if neither argument is null or 0, otherwise 0

  ARG1 < ARG2       ARG1 is less than ARG2
  ARG1 <= ARG2      ARG1 is less than or equal to ARG2
  ARG1 = ARG2       ARG1 is equal to ARG2
  ARG1 != ARG2      ARG1 is unequal to ARG2
  ARG1 >= ARG2      ARG1 is greater than or equal to ARG2
  ARG1 > ARG2       ARG1 is greater than ARG2

  ARG1 + ARG2       arithmetic sum of ARG1 and ARG2
  ARG1 - ARG2       arithmetic difference of ARG1 and ARG2

  ARG1 * ARG2       arithmetic product of ARG1 and ARG2
  ARG1 / ARG2       arithmetic quotient of ARG1 divided by ARG2
  ARG1 % ARG2       arithmetic remainder of ARG1 divided by ARG2

  STRING : REGEXP   anchored pattern match of REGEXP in STRING

  match STRING REGEXP        same as STRING : REGEXP
  substr STRING POS LENGTH   substring of STRING, POS counted from 1
  index STRING CHARS         index in STRING where any CHARS is found, or 0
  length STRING              length of STRING
  + TOKEN                    interpret TOKEN as a string, even if it is a
                               keyword like 'match' or an operator like '/'

  ( EXPRESSION )             value of EXPRESSION

Beware that many operators need to be escaped or quoted for shells.
Comparisons are arithmetic if both ARGs are numbers, else lexicographical.
Pattern matches return the string matched between \( and \) or null; if
\( and \) are not used, they return the number of characters matched or 0.

Exit status is 0 if EXPRESSION is neither null nor 0, 1 if EXPRESSION is null
or 0, 2 if EXPRESSION is syntactically invalid, and 3 if an error occurred.
*/
// GNU coreutils 9.1's expr: the same grammar, messages and exit statuses;
// integers of any size (GNU links GMP) as decimal digit strings. Strings
// are bytes (length, index and substr count bytes, as GNU in the C locale).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/regex.h"
#include "registry/applet.h"

namespace {

// ---- integers of any size: sign and decimal magnitude ----

struct Big {
  bool neg = false;
  std::string mag = "0";  // no leading zeros; "0" is never negative
};

void Trim(Big& b) {
  std::size_t z = b.mag.find_first_not_of('0');
  b.mag.erase(0, z == std::string::npos ? b.mag.size() - 1 : z);
  if (b.mag == "0") b.neg = false;
}

int CmpMag(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  int c = a.compare(b);
  return c < 0 ? -1 : c > 0;
}

std::string AddMag(const std::string& a, const std::string& b) {
  std::string r;
  int carry = 0;
  for (std::size_t i = 0; i < a.size() || i < b.size() || carry; ++i) {
    int d = carry;
    if (i < a.size()) d += a[a.size() - 1 - i] - '0';
    if (i < b.size()) d += b[b.size() - 1 - i] - '0';
    r.insert(r.begin(), static_cast<char>('0' + d % 10));
    carry = d / 10;
  }
  return r;
}

// a - b for a >= b.
std::string SubMag(const std::string& a, const std::string& b) {
  std::string r(a);
  int borrow = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    std::size_t k = r.size() - 1 - i;
    int d = (r[k] - '0') - borrow - (i < b.size() ? b[b.size() - 1 - i] - '0' : 0);
    borrow = d < 0;
    r[k] = static_cast<char>('0' + (d + 10) % 10);
  }
  Big t{false, r};
  Trim(t);
  return t.mag;
}

Big AddSigned(const Big& a, const Big& b) {
  Big r;
  if (a.neg == b.neg) {
    r.neg = a.neg;
    r.mag = AddMag(a.mag, b.mag);
  } else if (CmpMag(a.mag, b.mag) >= 0) {
    r.neg = a.neg;
    r.mag = SubMag(a.mag, b.mag);
  } else {
    r.neg = b.neg;
    r.mag = SubMag(b.mag, a.mag);
  }
  Trim(r);
  return r;
}

Big Mul(const Big& a, const Big& b) {
  std::vector<std::uint32_t> acc(a.mag.size() + b.mag.size(), 0);
  for (std::size_t i = 0; i < a.mag.size(); ++i)
    for (std::size_t j = 0; j < b.mag.size(); ++j)
      acc[i + j + 1] += static_cast<std::uint32_t>((a.mag[i] - '0') * (b.mag[j] - '0'));
  for (std::size_t k = acc.size() - 1; k > 0; --k) {
    acc[k - 1] += acc[k] / 10;
    acc[k] %= 10;
  }
  Big r;
  r.mag.clear();
  for (std::uint32_t d : acc) r.mag += static_cast<char>('0' + d);
  r.neg = a.neg != b.neg;
  Trim(r);
  return r;
}

// Truncating division (GMP's tdiv): the quotient rounds toward zero and
// the remainder takes the dividend's sign. b is not zero.
void DivMod(const Big& a, const Big& b, Big* q, Big* r) {
  std::string quo, rem = "0";
  for (char digit : a.mag) {
    rem = rem == "0" ? std::string(1, digit) : rem + digit;
    int n = 0;
    while (CmpMag(rem, b.mag) >= 0) {
      rem = SubMag(rem, b.mag);
      ++n;
    }
    quo += static_cast<char>('0' + n);
  }
  q->mag = quo;
  q->neg = a.neg != b.neg;
  Trim(*q);
  r->mag = rem;
  r->neg = a.neg;
  Trim(*r);
}

std::string ToText(const Big& b) { return b.neg ? "-" + b.mag : b.mag; }

// GNU's looks_like_integer(): an optional '-' and one or more digits.
bool LooksLikeInteger(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// ---- values: a string until arithmetic needs its number ----

struct Value {
  bool is_int = false;
  Big i;
  std::string s;
};

Value Int(Big b) {
  Value v;
  v.is_int = true;
  v.i = std::move(b);
  return v;
}
Value Int(std::uintmax_t n) {
  Big b;
  b.mag = std::to_string(n);
  return Int(b);
}
Value Str(std::string s) {
  Value v;
  v.s = std::move(s);
  return v;
}

bool ToArith(Value& v) {
  if (v.is_int) return true;
  if (!LooksLikeInteger(v.s)) return false;
  v.i.neg = v.s[0] == '-';
  v.i.mag = v.s.substr(v.i.neg ? 1 : 0);
  Trim(v.i);
  v.is_int = true;
  return true;
}

const std::string& Text(Value& v) {
  if (v.is_int) {
    v.s = ToText(v.i);
    v.is_int = false;
  }
  return v.s;
}

// Null: the empty string or zero (any number of 0s, optionally after '-').
bool Null(const Value& v) {
  if (v.is_int) return v.i.mag == "0";
  if (v.s.empty()) return true;
  std::size_t k = v.s[0] == '-' ? 1 : 0;
  if (k == v.s.size()) return false;
  return v.s.find_first_not_of('0', k) == std::string::npos;
}

// GNU's getsize(): negative → SIZE_MAX, too large → SIZE_MAX - 1.
std::size_t Size(const Big& b) {
  if (b.neg) return SIZE_MAX;
  if (b.mag.size() > 19) return SIZE_MAX - 1;
  std::uintmax_t n = std::stoull(b.mag);
  return n < SIZE_MAX ? static_cast<std::size_t>(n) : SIZE_MAX - 1;
}

// ---- the parser: evaluates while it parses, as GNU does ----

class Expr {
 public:
  Expr(mc::Invocation& inv, std::vector<std::string_view> args) : inv_(inv), args_(std::move(args)) {}

  Value Run() {
    Value v = Or(true);
    if (pos_ < args_.size())
      Syntax("syntax error: unexpected argument " + mc::QuoteC(args_[pos_]));
    return v;
  }

 private:
  [[noreturn]] void Syntax(const std::string& msg) { mc::Die(inv_, msg, 2); }

  bool Next(std::string_view s) {
    if (pos_ < args_.size() && args_[pos_] == s) {
      ++pos_;
      return true;
    }
    return false;
  }
  void NeedMore() {
    if (pos_ >= args_.size())
      Syntax("syntax error: missing argument after " + mc::QuoteC(args_[pos_ - 1]));
  }

  Value Or(bool eval) {
    Value l = And(eval);
    while (Next("|")) {
      Value r = And(eval && Null(l));
      if (Null(l)) {
        l = std::move(r);
        if (Null(l)) l = Int(0);
      }
    }
    return l;
  }

  Value And(bool eval) {
    Value l = Compare(eval);
    while (Next("&")) {
      Value r = Compare(eval && !Null(l));
      if (Null(l) || Null(r)) l = Int(0);
    }
    return l;
  }

  Value Compare(bool eval) {
    Value l = Sum(eval);
    for (;;) {
      static constexpr std::string_view kOps[] = {"<", "<=", "=", "==", "!=", ">=", ">"};
      int op = -1;
      for (int k = 0; k < 7 && op < 0; ++k)
        if (Next(kOps[k])) op = k;
      if (op < 0) return l;
      Value r = Sum(eval);
      bool val = false;
      if (eval) {
        const std::string& a = Text(l);
        const std::string& b = Text(r);
        int c;
        if (LooksLikeInteger(a) && LooksLikeInteger(b)) {
          ToArith(l);
          ToArith(r);
          const Big &x = l.i, &y = r.i;
          c = x.neg != y.neg ? (x.neg ? -1 : 1) : (x.neg ? -CmpMag(x.mag, y.mag) : CmpMag(x.mag, y.mag));
        } else {
          int k = a.compare(b);  // strcoll in the C locale
          c = k < 0 ? -1 : k > 0;
        }
        switch (op) {
          case 0: val = c < 0; break;
          case 1: val = c <= 0; break;
          case 2:
          case 3: val = c == 0; break;
          case 4: val = c != 0; break;
          case 5: val = c >= 0; break;
          default: val = c > 0; break;
        }
      }
      l = Int(val ? 1 : 0);
    }
  }

  void Numbers(Value& l, Value& r) {
    if (!ToArith(l) || !ToArith(r)) Syntax("non-integer argument");
  }

  Value Sum(bool eval) {
    Value l = Product(eval);
    for (;;) {
      bool plus = Next("+");
      if (!plus && !Next("-")) return l;
      Value r = Product(eval);
      if (eval) {
        Numbers(l, r);
        Big b = r.i;
        if (!plus && b.mag != "0") b.neg = !b.neg;
        l = Int(AddSigned(l.i, b));
      }
    }
  }

  Value Product(bool eval) {
    Value l = Match(eval);
    for (;;) {
      char op = Next("*") ? '*' : Next("/") ? '/' : Next("%") ? '%' : 0;
      if (!op) return l;
      Value r = Match(eval);
      if (eval) {
        Numbers(l, r);
        if (op != '*' && r.i.mag == "0") Syntax("division by zero");
        if (op == '*') {
          l = Int(Mul(l.i, r.i));
        } else {
          Big q, m;
          DivMod(l.i, r.i, &q, &m);
          l = Int(op == '/' ? q : m);
        }
      }
    }
  }

  Value Match(bool eval) {
    Value l = Unary(eval);
    while (Next(":")) {
      Value r = Unary(eval);
      if (eval) l = Colon(l, r);
    }
    return l;
  }

  Value Unary(bool eval) {
    if (Next("+")) {
      NeedMore();
      return Str(std::string(args_[pos_++]));
    }
    if (Next("length")) {
      Value r = Unary(eval);
      return Int(Text(r).size());
    }
    if (Next("match")) {
      Value l = Unary(eval);
      Value r = Unary(eval);
      return eval ? Colon(l, r) : Int(0);
    }
    if (Next("index")) {
      Value l = Unary(eval);
      Value r = Unary(eval);
      const std::string& s = Text(l);
      std::size_t at = s.find_first_of(Text(r));
      return Int(at == std::string::npos ? 0 : at + 1);
    }
    if (Next("substr")) {
      Value l = Unary(eval);
      Value i1 = Unary(eval);
      Value i2 = Unary(eval);
      if (!eval) return Int(0);
      const std::string& s = Text(l);
      if (!ToArith(i1) || !ToArith(i2)) return Str("");
      std::size_t p = Size(i1.i), n = Size(i2.i);
      if (s.size() < p || p == 0 || n == 0 || n == SIZE_MAX) return Str("");
      return Str(s.substr(p - 1, n));
    }
    return Primary(eval);
  }

  Value Primary(bool eval) {
    NeedMore();
    if (Next("(")) {
      Value v = Or(eval);
      if (pos_ >= args_.size())
        Syntax("syntax error: expecting ')' after " + mc::QuoteC(args_[pos_ - 1]));
      if (!Next(")"))
        Syntax("syntax error: expecting ')' instead of " + mc::QuoteC(args_[pos_]));
      return v;
    }
    if (Next(")")) Syntax("syntax error: unexpected ')'");
    return Str(std::string(args_[pos_++]));
  }

  // STRING : REGEXP, anchored at the start: \1 if the pattern has a group,
  // else the length of the match.
  Value Colon(Value& sv, Value& pv) {
    const std::string& s = Text(sv);
    mc::regex::Options o;
    o.syntax = mc::regex::Syntax::kExpr;
    mc::regex::Regex re;
    std::string err = re.Compile(Text(pv), o);
    if (!err.empty()) Syntax(err);
    long n = re.MatchAt(s, 0);
    if (n >= 0) {
      if (re.groups() > 0) {
        mc::regex::Span g = re.group(1);
        return Str(g.matched() ? s.substr(g.begin, g.end - g.begin) : std::string());
      }
      return Int(static_cast<std::uintmax_t>(n));
    }
    return re.groups() > 0 ? Str("") : Int(0);
  }

  mc::Invocation& inv_;
  std::vector<std::string_view> args_;
  std::size_t pos_ = 0;
};

}  // namespace

MC_APPLET(expr) {
  std::vector<std::string_view> args;
  for (char* a : inv.args()) args.emplace_back(a);
  // Only a lone --help or --version is an option; "--" first is skipped.
  if (args.size() == 1 && args[0] == "--help") return mc::cli::PrintHelp(inv);
  if (args.size() == 1 && args[0] == "--version") return mc::cli::PrintVersion(inv);
  if (!args.empty() && args[0] == "--") args.erase(args.begin());
  if (args.empty()) {
    mc::UsageError(inv, "missing operand");
    return 2;
  }
  Expr e(inv, std::move(args));
  Value v = e.Run();
  bool null = Null(v);
  inv.out().Write(Text(v));
  inv.out().Put('\n');
  return null ? 1 : 0;
}
