/* @applet test
   @alias [
   @failcode 2
   @help
Usage: test EXPRESSION
  or:  test
  or:  [ EXPRESSION ]
  or:  [ ]
  or:  [ OPTION
Exit with the status determined by EXPRESSION.

      --help        display this help and exit
      --version     output version information and exit

An omitted EXPRESSION defaults to false.  Otherwise,
EXPRESSION is true or false and sets exit status.  It is one of:

  ( EXPRESSION )               EXPRESSION is true
  ! EXPRESSION                 EXPRESSION is false
  EXPRESSION1 -a EXPRESSION2   both EXPRESSION1 and EXPRESSION2 are true
  EXPRESSION1 -o EXPRESSION2   either EXPRESSION1 or EXPRESSION2 is true

  -n STRING            the length of STRING is nonzero
  STRING               equivalent to -n STRING
  -z STRING            the length of STRING is zero
  STRING1 = STRING2    the strings are equal
  STRING1 != STRING2   the strings are not equal

  INTEGER1 -eq INTEGER2   INTEGER1 is equal to INTEGER2
  INTEGER1 -ge INTEGER2   INTEGER1 is greater than or equal to INTEGER2
  INTEGER1 -gt INTEGER2   INTEGER1 is greater than INTEGER2
  INTEGER1 -le INTEGER2   INTEGER1 is less than or equal to INTEGER2
  INTEGER1 -lt INTEGER2   INTEGER1 is less than INTEGER2
  INTEGER1 -ne INTEGER2   INTEGER1 is not equal to INTEGER2

  FILE1 -ef FILE2   FILE1 and FILE2 have the same device and inode numbers
  FILE1 -nt FILE2   FILE1 is newer (modification date) than FILE2
  FILE1 -ot FILE2   FILE1 is older than FILE2

  -b FILE     FILE exists and is block special
  -c FILE     FILE exists and is character special
  -d FILE     FILE exists and is a directory
  -e FILE     FILE exists
  -f FILE     FILE exists and is a regular file
  -g FILE     FILE exists and is set-group-ID
  -G FILE     FILE exists and is owned by the effective group ID
  -h FILE     FILE exists and is a symbolic link (same as -L)
  -k FILE     FILE exists and has its sticky bit set
  -L FILE     FILE exists and is a symbolic link (same as -h)
  -N FILE     FILE exists and has been modified since it was last read
  -O FILE     FILE exists and is owned by the effective user ID
  -p FILE     FILE exists and is a named pipe
  -r FILE     FILE exists and the user has read access
  -s FILE     FILE exists and has a size greater than zero
  -S FILE     FILE exists and is a socket
  -t FD       file descriptor FD is opened on a terminal
  -u FILE     FILE exists and its set-user-ID bit is set
  -w FILE     FILE exists and the user has write access
  -x FILE     FILE exists and the user has execute (or search) access

Except for -h and -L, all FILE-related tests dereference symbolic links.
Beware that parentheses need to be escaped (e.g., by backslashes) for shells.
INTEGER may also be -l STRING, which evaluates to the length of STRING.

NOTE: Binary -a and -o are inherently ambiguous.  Use 'test EXPR1 && test
EXPR2' or 'test EXPR1 || test EXPR2' instead.

NOTE: [ honors the --help and --version options, but test does not.
test treats each of those as it treats any other nonempty STRING.

NOTE: your shell may have its own version of test and/or [, which usually supersedes
the version described here.  Please refer to your shell's documentation
for details about the options it supports.
*/
// test and [: the expression evaluator of GNU coreutils' test. The grammar
// and its quirks follow GNU 9.1: POSIX's rules for 1 to 4 arguments first,
// then a recursive descent over -o, -a, ! and parentheses in which a word
// followed by a binary operator is a comparison. Both sides of -a and -o are
// always evaluated, so an invalid integer on either side is an error.
// Exit status: 0 true, 1 false, 2 on a syntax error.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstring>
#include <string>
#include <string_view>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "registry/applet.h"

namespace {

constexpr int kTrue = 0, kFalse = 1, kError = 2;

// A syntax error: its message has been composed; the evaluation stops.
struct SyntaxError {
  std::string message;
};

// An integer operand as GNU reads it: blanks, an optional sign, digits,
// blanks. Compared as decimal strings, so any length is allowed.
struct Decimal {
  bool negative = false;
  std::string_view digits;  // without leading zeros; empty for zero
};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

int CompareDecimal(const Decimal& a, const Decimal& b) {
  if (a.negative != b.negative) return a.negative ? -1 : 1;
  int mag;
  if (a.digits.size() != b.digits.size()) {
    mag = a.digits.size() < b.digits.size() ? -1 : 1;
  } else {
    int c = a.digits.compare(b.digits);
    mag = c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  return a.negative ? -mag : mag;
}

bool StatOk(std::string_view path, struct stat* st, bool follow = true) {
  // Operands come from argv, so they are NUL-terminated.
  return (follow ? ::stat(path.data(), st) : ::lstat(path.data(), st)) == 0;
}

class Evaluator {
 public:
  // bracket: invoked as "[", whose closing "]" follows args.
  Evaluator(std::span<char* const> args, bool bracket)
      : args_(args), argc_(args.size()), bracket_(bracket) {}

  // Evaluates the whole expression (at least one argument).
  bool Run() {
    bool value = Posix(argc_);
    if (pos_ != argc_) Fail("extra argument " + mc::QuoteC(Arg(pos_)));
    return value;
  }

 private:
  std::string_view Arg(std::size_t i) const { return args_[i]; }
  bool Is(std::size_t i, std::string_view s) const { return i < argc_ && Arg(i) == s; }

  [[noreturn]] void Fail(std::string message) { throw SyntaxError{std::move(message)}; }
  // The expression ended where an operand was needed.
  [[noreturn]] void Beyond() {
    Fail("missing argument after " + mc::QuoteC(Arg(argc_ - 1)));
  }
  void Advance(bool need_more) {
    ++pos_;
    if (need_more && pos_ >= argc_) Beyond();
  }

  static bool IsBinaryOp(std::string_view s) {
    return s == "=" || s == "==" || s == "!=" || s == "-eq" ||
           s == "-ne" || s == "-lt" || s == "-le" || s == "-gt" || s == "-ge" || s == "-nt" ||
           s == "-ot" || s == "-ef";
  }
  static bool IsUnaryOp(char c) {
    return c != '\0' && std::strchr("bcdefghknprstuwxzGLONS", c) != nullptr;
  }
  // "-X" with one letter.
  static bool IsDashLetter(std::string_view s) { return s.size() == 2 && s[0] == '-'; }

  // POSIX: the meaning of 1 to 4 arguments is decided by their count.
  bool Posix(std::size_t n) {
    switch (n) {
      case 1: return One();
      case 2: return Two();
      case 3: return Three();
      case 4: return Four();
      default: return Expr();
    }
  }

  bool One() { return !Arg(pos_++).empty(); }

  bool Two() {
    if (Arg(pos_) == "!") {
      Advance(false);
      return !One();
    }
    if (IsDashLetter(Arg(pos_))) {
      if (!IsUnaryOp(Arg(pos_)[1])) Fail(mc::QuoteC(Arg(pos_)) + ": unary operator expected");
      return Unary();
    }
    Beyond();
  }

  bool Three() {
    if (IsBinaryOp(Arg(pos_ + 1))) return Binary(false);
    if (Arg(pos_) == "!") {
      Advance(true);
      return !Two();
    }
    if (Arg(pos_) == "(" && Arg(pos_ + 2) == ")") {
      Advance(false);
      bool value = One();
      Advance(false);
      return value;
    }
    if (Arg(pos_ + 1) == "-a" || Arg(pos_ + 1) == "-o") return Expr();
    Fail(mc::QuoteC(Arg(pos_ + 1)) + ": binary operator expected");
  }

  bool Four() {
    if (Arg(pos_) == "!") {
      Advance(true);
      return !Three();
    }
    if (Arg(pos_) == "(" && Arg(pos_ + 3) == ")") {
      Advance(false);
      bool value = Two();
      Advance(false);
      return value;
    }
    return Expr();
  }

  bool Expr() {
    if (pos_ >= argc_) Beyond();
    return Or();
  }

  bool Or() {
    bool value = false;
    for (;;) {
      value = And() || value;  // And() first: both sides are evaluated
      if (!Is(pos_, "-o")) return value;
      Advance(false);
    }
  }

  bool And() {
    bool value = true;
    for (;;) {
      value = Term() && value;
      if (!Is(pos_, "-a")) return value;
      Advance(false);
    }
  }

  bool Term() {
    bool negated = false;
    while (Is(pos_, "!")) {
      Advance(true);
      negated = !negated;
    }
    if (pos_ >= argc_) Beyond();
    bool value;
    std::string_view a = Arg(pos_);
    if (a == "(") {
      Advance(true);
      // As GNU: up to 4 arguments before the ')' use POSIX's rules,
      // more use the general grammar over the rest.
      std::size_t n = 1;
      for (; pos_ + n < argc_ && Arg(pos_ + n) != ")"; ++n) {
        if (n == 4) {
          n = argc_ - pos_;
          break;
        }
      }
      value = Posix(n);
      // GNU looks past the end into "["'s closing "]".
      if (pos_ >= argc_) Fail(bracket_ ? "')' expected, found ']'" : "')' expected");
      if (Arg(pos_) != ")") Fail("')' expected, found " + mc::QuoteC(Arg(pos_)));
      Advance(false);
    } else if (argc_ - pos_ >= 4 && a == "-l" && IsBinaryOp(Arg(pos_ + 2))) {
      value = Binary(true);
    } else if (argc_ - pos_ >= 3 && IsBinaryOp(Arg(pos_ + 1))) {
      value = Binary(false);
    } else if (IsDashLetter(a)) {
      if (!IsUnaryOp(a[1])) Fail(mc::QuoteC(a) + ": unary operator expected");
      value = Unary();
    } else {
      value = !a.empty();
      Advance(false);
    }
    return negated != value;
  }

  Decimal Integer(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && IsBlank(s[i])) ++i;
    Decimal d;
    if (i < s.size() && s[i] == '+') {
      ++i;
    } else if (i < s.size() && s[i] == '-') {
      d.negative = true;
      ++i;
    }
    std::size_t start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    std::size_t end = i;
    while (i < s.size() && IsBlank(s[i])) ++i;
    if (start == end || i != s.size()) Fail("invalid integer " + mc::QuoteC(s));
    while (start < end && s[start] == '0') ++start;
    d.digits = s.substr(start, end - start);
    if (d.digits.empty()) d.negative = false;  // -0 is 0
    return d;
  }

  // The length of a -l operand, as a decimal.
  static Decimal Length(std::string_view s, std::string& buf) {
    buf.clear();
    for (std::size_t n = s.size(); n != 0; n /= 10) buf.insert(buf.begin(), char('0' + n % 10));
    return Decimal{false, buf};
  }

  static bool Mtime(std::string_view path, struct timespec* t) {
    struct stat st;
    if (!StatOk(path, &st)) return false;
    *t = st.st_mtim;
    return true;
  }
  static int CompareTime(const struct timespec& a, const struct timespec& b) {
    if (a.tv_sec != b.tv_sec) return a.tv_sec < b.tv_sec ? -1 : 1;
    if (a.tv_nsec != b.tv_nsec) return a.tv_nsec < b.tv_nsec ? -1 : 1;
    return 0;
  }

  // A binary operator at pos_+1 (after "-l STRING" when l_is_l). The odd
  // indexing of the string operators after "-l" is GNU's.
  bool Binary(bool l_is_l) {
    if (l_is_l) Advance(false);
    const std::size_t op = pos_ + 1;
    bool r_is_l = false;
    if (op + 2 < argc_ && Arg(op + 1) == "-l") {
      r_is_l = true;
      Advance(false);
    }
    std::string_view o = Arg(op);
    if (o == "-eq" || o == "-ne" || o == "-lt" || o == "-le" || o == "-gt" || o == "-ge") {
      std::string lbuf, rbuf;
      Decimal l = l_is_l ? Length(Arg(op - 1), lbuf) : Integer(Arg(op - 1));
      Decimal r = r_is_l ? Length(Arg(op + 2), rbuf) : Integer(Arg(op + 1));
      int c = CompareDecimal(l, r);
      pos_ += 3;
      if (o == "-eq") return c == 0;
      if (o == "-ne") return c != 0;
      if (o == "-lt") return c < 0;
      if (o == "-le") return c <= 0;
      if (o == "-gt") return c > 0;
      return c >= 0;
    }
    if (o == "-nt" || o == "-ot" || o == "-ef") {
      pos_ += 3;
      if (l_is_l || r_is_l) Fail(std::string(o) + " does not accept -l");
      if (o == "-ef") {
        struct stat a, b;
        return StatOk(Arg(op - 1), &a) && StatOk(Arg(op + 1), &b) && a.st_dev == b.st_dev &&
               a.st_ino == b.st_ino;
      }
      struct timespec lt, rt;
      bool le = Mtime(Arg(op - 1), &lt), re = Mtime(Arg(op + 1), &rt);
      if (o == "-nt") return le && (!re || CompareTime(lt, rt) > 0);
      return re && (!le || CompareTime(lt, rt) < 0);
    }
    // = == !=. (GNU 9.1 has no "<" or ">": they are not operators here.)
    std::string_view l = Arg(pos_), r = Arg(pos_ + 2);
    pos_ += 3;
    return (l == r) == (o != "!=");
  }

  bool FdIsTerminal(std::string_view s) {
    Decimal d = Integer(s);
    if (d.negative || d.digits.size() > 10) return false;
    long long fd = 0;
    for (char c : d.digits) fd = fd * 10 + (c - '0');
    return fd <= INT_MAX && ::isatty(static_cast<int>(fd));
  }

  // A unary operator at pos_ and its operand.
  bool Unary() {
    const char op = Arg(pos_)[1];
    Advance(true);
    std::string_view a = Arg(pos_++);
    struct stat st;
    switch (op) {
      case 'n': return !a.empty();
      case 'z': return a.empty();
      case 't': return FdIsTerminal(a);
      case 'h':
      case 'L': return StatOk(a, &st, false) && S_ISLNK(st.st_mode);
      case 'r': return ::faccessat(AT_FDCWD, a.data(), R_OK, AT_EACCESS) == 0;
      case 'w': return ::faccessat(AT_FDCWD, a.data(), W_OK, AT_EACCESS) == 0;
      case 'x': return ::faccessat(AT_FDCWD, a.data(), X_OK, AT_EACCESS) == 0;
      default: break;
    }
    if (!StatOk(a, &st)) return false;
    switch (op) {
      case 'e': return true;
      case 'f': return S_ISREG(st.st_mode);
      case 'd': return S_ISDIR(st.st_mode);
      case 'b': return S_ISBLK(st.st_mode);
      case 'c': return S_ISCHR(st.st_mode);
      case 'p': return S_ISFIFO(st.st_mode);
      case 'S': return S_ISSOCK(st.st_mode);
      case 's': return st.st_size > 0;
      case 'u': return (st.st_mode & S_ISUID) != 0;
      case 'g': return (st.st_mode & S_ISGID) != 0;
      case 'k': return (st.st_mode & S_ISVTX) != 0;
      case 'O': return ::geteuid() == st.st_uid;
      case 'G': return ::getegid() == st.st_gid;
      case 'N': return CompareTime(st.st_mtim, st.st_atim) > 0;
      default: return false;
    }
  }

  std::span<char* const> args_;
  std::size_t argc_;
  std::size_t pos_ = 0;
  bool bracket_;
};

}  // namespace

MC_APPLET(test) {
  std::span<char* const> args = inv.args();
  const bool bracket = inv.prog() == "[";
  if (bracket) {
    // Only "[" takes --help and --version, and only alone.
    if (auto rc = mc::cli::SoleHelpOrVersion(inv)) return *rc;
    if (args.empty() || std::string_view(args.back()) != "]") {
      mc::Warn(inv, "missing ']'");
      return kError;
    }
    args = args.first(args.size() - 1);
  }
  if (args.empty()) return kFalse;
  try {
    return Evaluator(args, bracket).Run() ? kTrue : kFalse;
  } catch (const SyntaxError& e) {
    mc::Warn(inv, e.message);
    return kError;
  }
}
