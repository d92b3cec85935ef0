/* @applet find
   @install usr/bin
   @help
Usage: find [-H] [-L] [-P] [starting-point...] [expression]

Default path is the current directory; default expression is -print.
Expression may consist of: operators, options, tests, and actions.

Operators (decreasing precedence; -and is implicit where no others are given):
      ( EXPR )   ! EXPR   -not EXPR   EXPR1 -a EXPR2   EXPR1 -and EXPR2
      EXPR1 -o EXPR2   EXPR1 -or EXPR2   EXPR1 , EXPR2

Positional options (always true):
      -daystart -follow -nowarn -regextype -warn

Normal options (always true, specified before other expressions):
      -depth -files0-from FILE -maxdepth LEVELS -mindepth LEVELS
      -mount -noleaf -xdev -ignore_readdir_race -noignore_readdir_race

Tests (N can be +N or -N or N):
      -amin N -anewer FILE -atime N -cmin N -cnewer FILE -context CONTEXT
      -ctime N -empty -false -fstype TYPE -gid N -group NAME -ilname PATTERN
      -iname PATTERN -inum N -iwholename PATTERN -iregex PATTERN
      -links N -lname PATTERN -mmin N -mtime N -name PATTERN -newer FILE
      -nouser -nogroup -path PATTERN -perm [-/]MODE -regex PATTERN
      -readable -writable -executable
      -wholename PATTERN -size N[bcwkMG] -true -type [bcdpflsD] -uid N
      -used N -user NAME -xtype [bcdpfls]

Actions:
      -delete -print0 -printf FORMAT -fprintf FILE FORMAT -print
      -fprint0 FILE -fprint FILE -ls -fls FILE -prune -quit
      -exec COMMAND ; -exec COMMAND {} + -ok COMMAND ;
      -execdir COMMAND ; -execdir COMMAND {} + -okdir COMMAND ;

Other common options:
      --help                   display this help and exit
      --version                output version information and exit
*/
// Not done: birth times (-newerB?, %B), -fstype, -context,
// -files0-from, -used, -D.
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/mode.h"
#include "applets/support/parse_date.h"
#include "applets/support/regex.h"
#include "applets/support/time_format.h"
#include "applets/support/tz.h"
#include "applets/support/users.h"
#include "applets/support/walk.h"
#include "registry/applet.h"

namespace {

using mc::walk::Action;
using mc::walk::Entry;
using mc::walk::Visit;

// Leaves the applet with status 1 after a message (expression errors).
struct Bad {};

enum class Op : std::uint8_t {
  kAnd, kOr, kComma, kNot,
  kTrue, kFalse,
  kName, kPath, kLName,  // fnmatch; flag: casefold
  kRegex,                // the whole path matches regexes[re]
  kType, kXType,
  kPerm, kSize, kEmpty,
  kNewer,  // file's time `which` > reference
  kTime,   // -mtime & co
  kUid, kGid, kNoUser, kNoGroup, kLinks, kInum, kSameFile,
  kAccess,
  kPrint,  // out, zero
  kPrintf, kLs, kDelete, kPrune, kQuit, kExec,
};

struct Num {
  char cmp = '=';  // '<', '>', '='
  std::uintmax_t n = 0;
};

struct Node {
  explicit Node(Op o) : op(o) {}
  Op op;
  int a = -1, b = -1;
  bool flag = false;  // casefold; -print0; -perm kind etc.
  char which = 'm';   // time field of the file: a, c, m
  char perm_kind = 0; // 0 exact, '-' all, '/' any
  unsigned types = 0;
  std::string s;
  Num num;
  std::int64_t unit = 1;
  std::int64_t sec = 0;
  long nsec = 0;
  mode_t mode = 0;
  dev_t dev = 0;
  ino_t ino = 0;
  int out = 0;    // stream index
  int fmt = -1;   // format index
  int exec = -1;  // exec index
  int re = -1;    // regex index
};

struct Piece {
  char kind = 0;  // 0: literal; else the directive letter; 'c' stops
  char sub = 0;   // for A, C, T: the time letter
  std::string text;  // literal, or flags for a directive
  int width = -1, prec = -1;
};
using Format = std::vector<Piece>;

struct Stream {
  std::string name;
  mc::Output* out;
  std::unique_ptr<mc::Output> own;
};

struct Exec {
  std::vector<std::string> argv;
  bool plus = false, dir = false, ask = false;
  std::vector<std::string> pending;
  std::size_t pending_bytes = 0;
  std::string pending_dir;  // execdir +: where the batch runs
};

struct Expr {
  std::vector<Node> nodes;
  std::vector<Format> formats;
  std::vector<Exec> execs;
  std::vector<Stream> streams;
  std::vector<mc::regex::Regex> regexes;
  int root = -1;
};

struct Settings {
  mc::walk::Symlinks symlinks = mc::walk::Symlinks::kPhysical;
  bool depth = false;
  bool xdev = false;
  std::size_t maxdepth = SIZE_MAX, mindepth = 0;
  bool daystart = false;
  bool ignore_race = false;
  std::int64_t now = 0;
  long now_ns = 0;
};

const char* const kTypeLetters = "bcdpflsD";
mode_t TypeBit(char c) {
  switch (c) {
    case 'b': return S_IFBLK;
    case 'c': return S_IFCHR;
    case 'd': return S_IFDIR;
    case 'p': return S_IFIFO;
    case 'f': return S_IFREG;
    case 'l': return S_IFLNK;
    case 's': return S_IFSOCK;
    default: return 0;
  }
}
unsigned TypeMaskBit(mode_t t) {
  for (int i = 0; i < 7; ++i)
    if (TypeBit(kTypeLetters[i]) == t) return 1u << i;
  return 0;
}

char TypeLetter(mode_t t) {
  switch (t & S_IFMT) {
    case S_IFBLK: return 'b';
    case S_IFCHR: return 'c';
    case S_IFDIR: return 'd';
    case S_IFIFO: return 'p';
    case S_IFREG: return 'f';
    case S_IFLNK: return 'l';
    case S_IFSOCK: return 's';
    default: return 'U';
  }
}

std::string U(std::uintmax_t v) { return std::to_string(v); }

// ---- time stamps (support/time_format, C locale) ----

bool TimeLetter(char k) { return k && std::strchr("abcdeghjklmnprstuwxyzABCDFGHIMPRSTUVWXYZ+@", k); }

// GNU find's fraction after seconds: nine digits of nanoseconds and a 0.
std::string Frac(long ns) {
  char b[16];
  std::snprintf(b, sizeof b, ".%09ld0", ns);
  return b;
}

std::string TimeText(std::string_view fmt, const mc::timefmt::BrokenTime& bt) {
  std::string out;
  mc::timefmt::Format(fmt, bt, &out);
  return out;
}

// %Ak & co: strftime's %k, except that seconds (%S %T %X, and %+ which is
// %F+%T) get the fraction, and %@ is the epoch with the fraction.
std::string Stamp(const mc::timefmt::BrokenTime& bt, char k) {
  // GNU prints other letters as %k (padded as any directive).
  if (!TimeLetter(k)) return k == '%' ? "%" : std::string{'%', k};
  if (k == '@') return std::to_string(bt.epoch) + Frac(bt.nsec);
  if (k == '+') return TimeText("%F+%T", bt) + Frac(bt.nsec);
  const char f[3] = {'%', k, '\0'};
  std::string v = TimeText(f, bt);
  if (k == 'S' || k == 'T' || k == 'X') v += Frac(bt.nsec);
  return v;
}


// ---- the applet state ----

class Find final : public mc::walk::Visitor {
 public:
  Find(mc::Invocation& inv, Settings& s, Expr& x)
      : inv_(inv), s_(s), x_(x), zone_(inv.GetEnv("TZ")) {}

  bool failed = false;
  bool quit = false;
  // The starting point being walked (%H, %P).
  void SetStart(std::string_view start) { start_ = start; }

  Action Visit(const Entry& e) override;
  void FlushAll();
  void Finish();

 private:
  struct Cur {
    const Entry* e;
    int dirfd;
    const char* name;
    std::string_view path;
    std::size_t depth;
    mode_t type;
    const struct stat* st;
    struct stat own;
    bool tried = false;
    bool prune = false;
  };

  bool Follow(std::size_t depth) const {
    return s_.symlinks == mc::walk::Symlinks::kLogical ||
           (s_.symlinks == mc::walk::Symlinks::kCommandLine && depth == 0);
  }
  const struct stat* Stat(Cur& c) {
    if (c.st) return c.st;
    if (c.tried) return nullptr;
    c.tried = true;
    bool follow = Follow(c.depth);
    int r = ::fstatat(c.dirfd, c.name, &c.own, follow ? 0 : AT_SYMLINK_NOFOLLOW);
    if (r != 0 && follow && errno == ENOENT) r = ::fstatat(c.dirfd, c.name, &c.own, AT_SYMLINK_NOFOLLOW);
    if (r != 0) {
      if (!(errno == ENOENT && s_.ignore_race && c.depth > 0)) Error(c.path, errno);
      return nullptr;
    }
    c.st = &c.own;
    return c.st;
  }
  mode_t Type(Cur& c) {
    if (c.type && !Follow(c.depth)) return c.type;
    const struct stat* st = Stat(c);
    return st ? (st->st_mode & S_IFMT) : 0;
  }

  void Error(std::string_view path, int err) {
    mc::WarnErrno(inv_, mc::QuoteC(path), err);
    failed = true;
  }

  void Evaluate(const Entry& e, const struct stat* st, bool* prune);
  bool Eval(int n, Cur& c);
  bool RunExec(Exec& x, Cur& c);
  bool Spawn(const std::vector<std::string>& argv, const std::string* dir, int dirfd, bool report);
  void FlushExec(Exec& x);
  void Printf(mc::Output& out, const Format& f, Cur& c);
  std::string Directive(const Piece& p, Cur& c);
  std::string Numeric(const Piece& p, Cur& c);
  void Ls(mc::Output& out, Cur& c);
  std::string LinkTarget(Cur& c);

  mc::Invocation& inv_;
  Settings& s_;
  Expr& x_;
  mc::tz::LazyZone zone_;  // read when a time is printed
  std::string start_;
  struct Anc {
    dev_t dev;
    ino_t ino;
    std::string path;
  };
  std::vector<Anc> anc_;
};

std::string BaseName(std::string_view p) {
  std::size_t i = 0;
  while (i < p.size() && p[i] == '/') ++i;
  if (i == p.size()) return p.empty() ? std::string() : std::string("/");
  std::size_t start = i;
  for (; i < p.size(); ++i)
    if (p[i - 1] == '/' && p[i] != '/') start = i;
  std::string b(p.substr(start));
  // GNU's base_name(): trailing slashes shrink to one.
  while (b.size() > 1 && b.back() == '/' && b[b.size() - 2] == '/') b.pop_back();
  return b;
}

std::string Find::LinkTarget(Cur& c) {
  std::string buf(256, '\0');
  for (;;) {
    ssize_t n = ::readlinkat(c.dirfd, c.name, buf.data(), buf.size());
    if (n < 0) return std::string();
    if (static_cast<std::size_t>(n) < buf.size()) {
      buf.resize(n);
      return buf;
    }
    buf.resize(buf.size() * 2);
  }
}

Action Find::Visit(const Entry& e) {
  switch (e.visit) {
    case Visit::kPre: {
      while (!anc_.empty() && anc_.size() > e.depth) anc_.pop_back();
      bool at_max = e.depth >= s_.maxdepth;
      if (!s_.depth || at_max) {
        bool prune = false;
        Evaluate(e, e.st, &prune);
        if (quit) return Action::kStop;
        if (prune || at_max) return Action::kSkip;
      }
      anc_.push_back({e.st->st_dev, e.st->st_ino, std::string(e.path)});
      return Action::kContinue;
    }
    case Visit::kPost: {
      if (!anc_.empty()) anc_.pop_back();
      if (s_.depth) {
        struct stat st;
        bool follow = Follow(e.depth);
        if (::fstatat(e.dirfd, e.name, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) != 0) {
          Error(e.path, errno);
          return Action::kContinue;
        }
        Evaluate(e, &st, nullptr);
      }
      return quit ? Action::kStop : Action::kContinue;
    }
    case Visit::kFile:
    case Visit::kOtherDevice:
      Evaluate(e, e.st, nullptr);
      return quit ? Action::kStop : Action::kContinue;
    case Visit::kError:
      if (e.err == ENOENT && s_.ignore_race && e.depth > 0) return Action::kContinue;
      Error(e.path, e.err);
      return Action::kContinue;
    case Visit::kDirError:
      Error(e.path, e.err);
      if (s_.depth) Evaluate(e, e.st, nullptr);
      return quit ? Action::kStop : Action::kContinue;
    case Visit::kCycle: {
      std::string other;
      for (const Anc& a : anc_)
        if (e.st && a.dev == e.st->st_dev && a.ino == e.st->st_ino) other = a.path;
      mc::Warn(inv_, "File system loop detected; " + mc::QuoteC(e.path) +
                         " is part of the same file system loop as " + mc::QuoteC(other) + ".");
      failed = true;
      return Action::kContinue;
    }
  }
  return Action::kContinue;
}

void Find::Evaluate(const Entry& e, const struct stat* st, bool* prune) {
  if (e.depth < s_.mindepth) return;
  Cur c;
  c.e = &e;
  c.dirfd = e.dirfd;
  c.name = e.name;
  c.path = e.path;
  c.depth = e.depth;
  c.type = e.type;
  c.st = st;
  if (st) c.type = st->st_mode & S_IFMT;
  Eval(x_.root, c);
  if (prune && c.prune && !s_.depth) *prune = true;
}

bool Match(const std::string& pat, const std::string& s, bool fold, int flags = 0) {
  return ::fnmatch(pat.c_str(), s.c_str(), flags | (fold ? FNM_CASEFOLD : 0)) == 0;
}

bool Cmp(const Num& n, std::uintmax_t v) {
  return n.cmp == '<' ? v < n.n : n.cmp == '>' ? v > n.n : v == n.n;
}

timespec TimeOf(const struct stat& st, char which) {
  return which == 'a' ? st.st_atim : which == 'c' ? st.st_ctim : st.st_mtim;
}

bool Find::Eval(int n, Cur& c) {
  if (quit) return false;  // -quit: nothing after it runs
  Node& nd = x_.nodes[n];
  switch (nd.op) {
    case Op::kAnd: return Eval(nd.a, c) && Eval(nd.b, c);
    case Op::kOr: return Eval(nd.a, c) || Eval(nd.b, c);
    case Op::kComma:
      Eval(nd.a, c);
      return Eval(nd.b, c);
    case Op::kNot: return !Eval(nd.a, c);
    case Op::kTrue: return true;
    case Op::kFalse: return false;
    case Op::kName: {
      std::string base = BaseName(c.path);
      // Trailing slashes of a starting point are not part of its name.
      while (base.size() > 1 && base.back() == '/') base.pop_back();
      return Match(nd.s, base, nd.flag);
    }
    case Op::kPath: return Match(nd.s, std::string(c.path), nd.flag);
    case Op::kRegex:
      return x_.regexes[nd.re].MatchAt(c.path, 0) == static_cast<long>(c.path.size());
    case Op::kLName: {
      if (Type(c) != S_IFLNK && !(c.type == S_IFLNK)) {
        struct stat l;
        if (::fstatat(c.dirfd, c.name, &l, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISLNK(l.st_mode)) return false;
      }
      return Match(nd.s, LinkTarget(c), nd.flag);
    }
    case Op::kType: {
      mode_t t = Type(c);
      return t && (nd.types & TypeMaskBit(t));
    }
    case Op::kXType: {
      // The type as the other symlink policy sees it.
      bool follow = Follow(c.depth);
      struct stat st;
      int r = ::fstatat(c.dirfd, c.name, &st, follow ? AT_SYMLINK_NOFOLLOW : 0);
      if (r != 0) r = ::fstatat(c.dirfd, c.name, &st, AT_SYMLINK_NOFOLLOW);
      if (r != 0) return false;
      return nd.types & TypeMaskBit(st.st_mode & S_IFMT);
    }
    case Op::kPerm: {
      const struct stat* st = Stat(c);
      if (!st) return false;
      mode_t m = st->st_mode & 07777;
      if (nd.perm_kind == '-') return (m & nd.mode) == nd.mode;
      if (nd.perm_kind == '/') return nd.mode == 0 || (m & nd.mode) != 0;
      return m == nd.mode;
    }
    case Op::kSize: {
      const struct stat* st = Stat(c);
      if (!st) return false;
      std::uintmax_t sz = static_cast<std::uintmax_t>(st->st_size);
      std::uintmax_t units = (sz + static_cast<std::uintmax_t>(nd.unit) - 1) / nd.unit;
      return Cmp(nd.num, units);
    }
    case Op::kEmpty: {
      mode_t t = Type(c);
      if (t == S_IFREG) {
        const struct stat* st = Stat(c);
        return st && st->st_size == 0;
      }
      if (t != S_IFDIR) return false;
      int fd = ::openat(c.dirfd, c.name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK |
                                             (Follow(c.depth) ? 0 : O_NOFOLLOW));
      if (fd < 0) {
        Error(c.path, errno);
        return false;
      }
      bool empty = mc::walk::IsEmptyDir(fd);
      ::close(fd);
      return empty;
    }
    case Op::kNewer: {
      const struct stat* st = Stat(c);
      if (!st) return false;
      timespec t = TimeOf(*st, nd.which);
      return t.tv_sec > nd.sec || (t.tv_sec == nd.sec && t.tv_nsec > nd.nsec);
    }
    case Op::kTime: {
      const struct stat* st = Stat(c);
      if (!st) return false;
      timespec t = TimeOf(*st, nd.which);
      // Age in whole units, rounded down (GNU's window comparison).
      __int128 age_ns = (static_cast<__int128>(nd.sec) - t.tv_sec) * 1000000000 + (nd.nsec - t.tv_nsec);
      __int128 unit = static_cast<__int128>(nd.unit) * 1000000000;
      __int128 n = static_cast<__int128>(nd.num.n);
      if (nd.num.cmp == '<') return age_ns < n * unit;
      if (nd.unit == 60) {
        // -amin & co: minutes count up (150 s is in minute 3).
        if (nd.num.cmp == '>') return age_ns > n * unit;
        return age_ns > (n - 1) * unit && age_ns <= n * unit;
      }
      // -atime & co: days count down (fractions are dropped).
      if (nd.num.cmp == '>') return age_ns >= (n + 1) * unit;
      return age_ns >= n * unit && age_ns < (n + 1) * unit;
    }
    case Op::kUid: {
      const struct stat* st = Stat(c);
      return st && Cmp(nd.num, st->st_uid);
    }
    case Op::kGid: {
      const struct stat* st = Stat(c);
      return st && Cmp(nd.num, st->st_gid);
    }
    case Op::kNoUser: {
      const struct stat* st = Stat(c);
      return st && !mc::users::UserById(st->st_uid);
    }
    case Op::kNoGroup: {
      const struct stat* st = Stat(c);
      return st && !mc::users::GroupById(st->st_gid);
    }
    case Op::kLinks: {
      const struct stat* st = Stat(c);
      return st && Cmp(nd.num, st->st_nlink);
    }
    case Op::kInum: {
      const struct stat* st = Stat(c);
      return st && Cmp(nd.num, st->st_ino);
    }
    case Op::kSameFile: {
      const struct stat* st = Stat(c);
      return st && st->st_dev == nd.dev && st->st_ino == nd.ino;
    }
    case Op::kAccess:
      return ::faccessat(c.dirfd, c.name, static_cast<int>(nd.mode), 0) == 0;
    case Op::kPrint: {
      mc::Output& o = *x_.streams[nd.out].out;
      o.Write(c.path);
      o.Put(nd.flag ? '\0' : '\n');
      return true;
    }
    case Op::kPrintf:
      Printf(*x_.streams[nd.out].out, x_.formats[nd.fmt], c);
      return true;
    case Op::kLs:
      Ls(*x_.streams[nd.out].out, c);
      return true;
    case Op::kDelete: {
      std::string_view p = c.path;
      if (c.depth == 0 && (p == "." )) return true;
      bool dir = Type(c) == S_IFDIR;
      if (::unlinkat(c.dirfd, c.name, dir ? AT_REMOVEDIR : 0) != 0) {
        if (errno == ENOENT && s_.ignore_race) return true;
        mc::Warn(inv_, "cannot delete " + mc::QuoteC(c.path) + ": " + std::string(mc::ErrorText(errno)));
        failed = true;
        return false;
      }
      return true;
    }
    case Op::kPrune:
      c.prune = true;
      return true;
    case Op::kQuit:
      quit = true;
      return true;
    case Op::kExec: return RunExec(x_.execs[nd.exec], c);
  }
  return false;
}

// ---- -printf ----

std::string Find::Directive(const Piece& p, Cur& c) {
  const struct stat* st = nullptr;
  if (std::strchr("aAbcCDgGikmMnsStTuUY", p.kind)) {
    st = Stat(c);
    if (!st) return std::string();
  }
  switch (p.kind) {
    case 'p': return std::string(c.path);
    case 'f': return BaseName(c.path);
    case 'h': {
      std::size_t sl = c.path.rfind('/');
      return sl == std::string_view::npos ? std::string(".") : std::string(c.path.substr(0, sl));
    }
    // The starting point as given, and the path below it (GNU skips one
    // slash after the starting point).
    case 'H': return start_;
    case 'P': {
      if (c.depth == 0) return std::string();
      std::string_view rest = c.path.substr(std::min(start_.size(), c.path.size()));
      if (!rest.empty() && rest[0] == '/') rest.remove_prefix(1);
      return std::string(rest);
    }
    case 's': return std::to_string(st->st_size);
    case 'k': return U((static_cast<std::uintmax_t>(st->st_blocks) * 512 + 1023) / 1024);
    case 'b': return U(st->st_blocks);
    case 'M': return mc::mode::ModeString(st->st_mode);
    case 'n': return U(st->st_nlink);
    case 'i': return U(st->st_ino);
    case 'D': return U(st->st_dev);
    case 'U': return U(st->st_uid);
    case 'G': return U(st->st_gid);
    case 'u': {
      const mc::users::User* u = mc::users::UserById(st->st_uid);
      return u ? u->name : U(st->st_uid);
    }
    case 'g': {
      const mc::users::Group* g = mc::users::GroupById(st->st_gid);
      return g ? g->name : U(st->st_gid);
    }
    case 'l': {
      struct stat l;
      if (::fstatat(c.dirfd, c.name, &l, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISLNK(l.st_mode)) return "";
      return LinkTarget(c);
    }
    case 'y': {
      // The type as find sees the file (a dangling link under -L is 'l').
      mode_t t = Type(c);
      return t ? std::string(1, TypeLetter(t)) : std::string("U");
    }
    case 'Y': {
      struct stat l;
      if (::fstatat(c.dirfd, c.name, &l, 0) != 0) {
        if (errno == ELOOP) return "L";
        if (errno == ENOENT) return "N";
        return "?";
      }
      return std::string(1, TypeLetter(l.st_mode));
    }
    case 'a':
    case 'c':
    case 't':
    case 'A':
    case 'C':
    case 'T': {
      char which = (p.kind == 'a' || p.kind == 'A') ? 'a' : (p.kind == 'c' || p.kind == 'C') ? 'c' : 'm';
      timespec ts = TimeOf(*st, which);
      mc::timefmt::BrokenTime bt = mc::timefmt::Breakdown(ts.tv_sec, ts.tv_nsec, zone_.get());
      // %a %c %t: ctime's layout with the fraction after the seconds.
      if (p.kind == 'a' || p.kind == 'c' || p.kind == 't')
        return TimeText("%a %b %e %T", bt) + Frac(bt.nsec) + TimeText(" %04Y", bt);
      return Stamp(bt, p.sub);
    }
  }
  return std::string();
}

// %d, %m and %S take printf's flags as GNU passes them to its printf
// (%d, %o, %g); every other directive is a string: '-', width and a
// precision that cuts.
std::string Find::Numeric(const Piece& p, Cur& c) {
  std::string fmt = "%" + p.text;
  if (p.width >= 0) fmt += std::to_string(p.width);
  if (p.prec >= 0) fmt += "." + std::to_string(p.prec);
  std::vector<char> buf(64 + static_cast<std::size_t>(p.width > 0 ? p.width : 0) +
                        static_cast<std::size_t>(p.prec > 0 ? p.prec : 0));
  if (p.kind == 'd') {
    fmt += "jd";
    std::snprintf(buf.data(), buf.size(), fmt.c_str(), static_cast<std::intmax_t>(c.depth));
    return buf.data();
  }
  const struct stat* st = Stat(c);
  if (!st) return std::string();
  if (p.kind == 'm') {
    fmt += "o";
    std::snprintf(buf.data(), buf.size(), fmt.c_str(), static_cast<unsigned>(st->st_mode & 07777));
    return buf.data();
  }
  double r = st->st_size == 0 ? 1.0
                              : static_cast<double>(st->st_blocks) * 512 / static_cast<double>(st->st_size);
  fmt += "g";
  std::snprintf(buf.data(), buf.size(), fmt.c_str(), r);
  return buf.data();
}

void Find::Printf(mc::Output& out, const Format& f, Cur& c) {
  for (const Piece& p : f) {
    if (p.kind == 0) {
      out.Write(p.text);
      continue;
    }
    if (p.kind == '\\') return;  // \c
    if (p.kind == 'd' || p.kind == 'm' || p.kind == 'S') {
      out.Write(Numeric(p, c));
      continue;
    }
    std::string v = Directive(p, c);
    if (p.prec >= 0 && v.size() > static_cast<std::size_t>(p.prec)) v.resize(p.prec);
    if (p.width > 0 && v.size() < static_cast<std::size_t>(p.width)) {
      std::size_t pad = p.width - v.size();
      if (p.text.find('-') != std::string::npos) v.append(pad, ' ');
      else v.insert(0, pad, ' ');
    }
    out.Write(v);
  }
}

// -ls names: backslash escapes as GNU's listing (space, backslash and
// double quote too; other control and non-ASCII bytes in octal).
std::string LsQuote(std::string_view s) {
  std::string q;
  for (unsigned char ch : s) {
    switch (ch) {
      case '\\': q += "\\\\"; break;
      case '\n': q += "\\n"; break;
      case '\b': q += "\\b"; break;
      case '\r': q += "\\r"; break;
      case '\t': q += "\\t"; break;
      case '\f': q += "\\f"; break;
      case ' ': q += "\\ "; break;
      case '"': q += "\\\""; break;
      default:
        if (ch > 040 && ch < 0177) {
          q += static_cast<char>(ch);
        } else {
          char b[8];
          std::snprintf(b, sizeof b, "\\%03o", ch);
          q += b;
        }
    }
  }
  return q;
}

void Find::Ls(mc::Output& out, Cur& c) {
  const struct stat* st = Stat(c);
  if (!st) return;
  std::string line;
  auto right = [&](const std::string& v, std::size_t w) {
    if (v.size() < w) line.append(w - v.size(), ' ');
    line += v;
  };
  auto left = [&](const std::string& v, std::size_t w) {
    line += v;
    if (v.size() < w) line.append(w - v.size(), ' ');
  };
  right(U(st->st_ino), 9);
  line += ' ';
  right(U((static_cast<std::uintmax_t>(st->st_blocks) * 512 + 1023) / 1024), 6);
  line += ' ';
  line += mc::mode::ModeString(st->st_mode);
  line += ' ';
  right(U(st->st_nlink), 3);
  line += ' ';
  const mc::users::User* u = mc::users::UserById(st->st_uid);
  left(u ? u->name : U(st->st_uid), 8);
  line += ' ';
  const mc::users::Group* g = mc::users::GroupById(st->st_gid);
  left(g ? g->name : U(st->st_gid), 8);
  line += ' ';
  if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode)) {
    right(U(major(st->st_rdev)) + ", " + U(minor(st->st_rdev)), 8);
  } else {
    right(std::to_string(st->st_size), 8);
  }
  line += ' ';
  std::int64_t t = st->st_mtim.tv_sec;
  mc::timefmt::BrokenTime bt = mc::timefmt::Breakdown(t, 0, zone_.get());
  // GNU's window: 180 days back, an hour ahead.
  bool recent = t > s_.now - 180 * 86400 && t <= s_.now + 3600;
  mc::timefmt::Format(recent ? "%b %e %H:%M" : "%b %e  %Y", bt, &line);
  line += ' ';
  line += LsQuote(c.path);
  if (S_ISLNK(st->st_mode)) {
    line += " -> ";
    line += LsQuote(LinkTarget(c));
  }
  line += '\n';
  out.Write(line);
}

// ---- -exec ----

bool Find::Spawn(const std::vector<std::string>& argv, const std::string* dir, int dirfd, bool batch) {
  FlushAll();
  std::vector<char*> av;
  for (const std::string& a : argv) av.push_back(const_cast<char*>(a.c_str()));
  av.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) {
    mc::WarnErrno(inv_, "cannot fork", errno);
    failed = true;
    return false;
  }
  if (pid == 0) {
    if (inv_.in_fd() != 0) ::dup2(inv_.in_fd(), 0);
    // The invocation's streams become the command's (in-process callers).
    if (inv_.out().fd() != 1) ::dup2(inv_.out().fd(), 1);
    if (inv_.err_fd() != 2) ::dup2(inv_.err_fd(), 2);
    if (dir ? ::chdir(dir->c_str()) != 0 : (dirfd != AT_FDCWD && ::fchdir(dirfd) != 0)) {
      mc::WarnErrno(inv_, "cannot change directory", errno);
      ::_exit(1);
    }
    ::execvp(av[0], av.data());
    int err = errno;
    mc::WarnErrno(inv_, mc::QuoteC(argv[0]), err);
    ::_exit(err == ENOENT ? 127 : 126);
  }
  int status;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      failed = true;
      return false;
    }
  }
  if (WIFSIGNALED(status)) {
    mc::Warn(inv_, mc::QuoteC(argv[0]) + " terminated by signal " + std::to_string(WTERMSIG(status)));
    if (batch) failed = true;
    return false;
  }
  return WEXITSTATUS(status) == 0;
}

std::string Replace(const std::string& arg, std::string_view with) {
  std::string out;
  std::size_t i = 0;
  for (;;) {
    std::size_t at = arg.find("{}", i);
    if (at == std::string::npos) break;
    out.append(arg, i, at - i);
    out += with;
    i = at + 2;
  }
  out.append(arg, i, std::string::npos);
  return out;
}

void Find::FlushExec(Exec& x) {
  if (x.pending.empty()) return;
  std::vector<std::string> argv(x.argv.begin(), x.argv.end() - 1);
  for (std::string& p : x.pending) argv.push_back(std::move(p));
  x.pending.clear();
  x.pending_bytes = 0;
  if (!Spawn(argv, x.dir ? &x.pending_dir : nullptr, AT_FDCWD, true)) failed = true;
}

bool Find::RunExec(Exec& x, Cur& c) {
  std::string name;
  std::string_view with = c.path;
  std::string dir;
  if (x.dir) {
    std::string base = BaseName(c.path);
    name = base[0] == '/' ? base : "./" + base;
    with = name;
    if (c.depth == 0) {
      std::size_t sl = c.path.rfind('/');
      while (sl != std::string_view::npos && sl + 1 == c.path.size() && sl > 0) sl = c.path.rfind('/', sl - 1);
      dir = sl == std::string_view::npos ? "." : sl == 0 ? "/" : std::string(c.path.substr(0, sl));
    }
  }
  if (x.plus) {
    std::string here;
    if (x.dir) {
      std::size_t sl = c.path.rfind('/');
      here = c.depth == 0 ? dir : std::string(c.path.substr(0, sl == std::string_view::npos ? 0 : sl));
      if (here != x.pending_dir) FlushExec(x);
      x.pending_dir = here;
    }
    std::size_t add = with.size() + 1 + sizeof(char*);
    if (!x.pending.empty() && x.pending_bytes + add > 128 * 1024 - 4096) FlushExec(x);
    x.pending.emplace_back(with);
    x.pending_bytes += add;
    return true;
  }
  std::vector<std::string> argv;
  for (const std::string& a : x.argv) argv.push_back(Replace(a, with));
  if (x.ask) {
    std::string q = "< " + argv[0] + " ... " + std::string(c.path) + " > ? ";
    inv_.FlushOutputForMessage();
    mc::WriteAll(inv_.err_fd(), q.data(), q.size());
    char ch, first = 0;
    bool any = false;
    for (;;) {
      ssize_t n = ::read(inv_.in_fd(), &ch, 1);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0 || ch == '\n') break;
      if (!any) first = ch;
      any = true;
    }
    if (first != 'y' && first != 'Y') return false;
  }
  return Spawn(argv, x.dir && c.depth == 0 ? &dir : nullptr, x.dir ? c.dirfd : AT_FDCWD, false);
}

void Find::FlushAll() {
  for (Stream& s : x_.streams) s.out->Flush();
}

void Find::Finish() {
  for (Exec& x : x_.execs)
    if (x.plus) FlushExec(x);
}

// ---- expression parser ----

class ExprParser {
 public:
  ExprParser(mc::Invocation& inv, Settings& s, Expr& x, const std::vector<std::string>& args,
             std::size_t pos)
      : inv_(inv), s_(s), x_(x), args_(args), pos_(pos) {}

  // Returns the root node; adds the implicit -print.
  void Parse();

 private:
  [[noreturn]] void Fail(const std::string& msg) {
    mc::Warn(inv_, msg);
    throw Bad{};
  }
  int Add(Node n) {
    x_.nodes.push_back(std::move(n));
    return static_cast<int>(x_.nodes.size() - 1);
  }
  int Bin(Op op, int a, int b) {
    Node n{op};
    n.a = a;
    n.b = b;
    return Add(n);
  }
  bool AtEnd() const { return pos_ >= args_.size(); }
  const std::string& Peek() const { return args_[pos_]; }
  const std::string& Arg(const std::string& pred) {
    if (AtEnd()) Fail("missing argument to `" + pred + "'");
    return args_[pos_++];
  }

  int ParseComma();
  int ParseOr();
  int ParseAnd();
  int ParseNot();
  int ParsePrimary();
  bool StartsPrimary() const {
    if (AtEnd()) return false;
    const std::string& t = Peek();
    return t != ")" && t != "-o" && t != "-or" && t != "," && t != "-a" && t != "-and";
  }

  Num ParseNum(const std::string& pred, const std::string& v, bool allow_sign = true,
               bool saturate = false);
  int Stream(const std::string& file);
  int ParseFormat(const std::string& f);
  int ParseExec(const std::string& pred, bool dir, bool ask);
  void Reference(const std::string& file, struct stat& st);
  int TimeTest(char which, std::int64_t unit, const std::string& pred);
  unsigned ParseTypes(const std::string& v);
  void RegexType(const std::string& name);

  mc::Invocation& inv_;
  Settings& s_;
  Expr& x_;
  const std::vector<std::string>& args_;
  std::size_t pos_;
  bool has_action_ = false;
  mc::regex::Syntax syntax_ = mc::regex::Syntax::kEmacs;

 public:
  bool has_delete = false, has_prune = false, explicit_depth = false;
};

void ExprParser::Parse() {
  // The expression always runs at least -print.
  if (AtEnd()) {
    Node n{Op::kPrint};
    x_.root = Add(n);
    return;
  }
  int root = ParseComma();
  if (!AtEnd()) {
    if (Peek() == ")") Fail("you have too many ')'");
    Fail("paths must precede expression: `" + Peek() + "'");
  }
  if (!has_action_) {
    Node p{Op::kPrint};
    root = Bin(Op::kAnd, root, Add(p));
  }
  x_.root = root;
}

int ExprParser::ParseComma() {
  int left = ParseOr();
  while (!AtEnd() && Peek() == ",") {
    ++pos_;
    if (!StartsPrimary()) {
      if (AtEnd()) Fail("invalid expression");
      Fail("expected an expression after ','");
    }
    left = Bin(Op::kComma, left, ParseOr());
  }
  return left;
}

int ExprParser::ParseOr() {
  int left = ParseAnd();
  while (!AtEnd() && (Peek() == "-o" || Peek() == "-or")) {
    std::string op = args_[pos_++];
    if (!StartsPrimary()) {
      if (AtEnd()) Fail("invalid expression");
      Fail("invalid expression; you have used a binary operator '" + op + "' with nothing after it.");
    }
    left = Bin(Op::kOr, left, ParseAnd());
  }
  return left;
}

int ExprParser::ParseAnd() {
  int left = ParseNot();
  for (;;) {
    if (AtEnd()) return left;
    const std::string& t = Peek();
    if (t == "-a" || t == "-and") {
      std::string op = args_[pos_++];
      if (!StartsPrimary()) {
        if (AtEnd()) Fail("invalid expression");
        Fail("invalid expression; you have used a binary operator '" + op + "' with nothing after it.");
      }
    } else if (!StartsPrimary()) {
      return left;
    }
    left = Bin(Op::kAnd, left, ParseNot());
  }
}

int ExprParser::ParseNot() {
  if (!AtEnd() && (Peek() == "!" || Peek() == "-not")) {
    std::string op = args_[pos_++];
    if (!StartsPrimary()) {
      if (!AtEnd() && (Peek() == "-o" || Peek() == "-or" || Peek() == "-a" || Peek() == "-and"))
        Fail("invalid expression; you have used a binary operator '" + Peek() +
             "' with nothing before it.");
      Fail("expected an expression after '" + op + "'");
    }
    Node n{Op::kNot};
    n.a = ParseNot();
    return Add(n);
  }
  return ParsePrimary();
}

Num ExprParser::ParseNum(const std::string& pred, const std::string& v, bool allow_sign,
                         bool saturate) {
  Num n;
  std::string_view s = v;
  if (allow_sign && !s.empty() && (s[0] == '+' || s[0] == '-')) {
    n.cmp = s[0] == '+' ? '>' : '<';
    s.remove_prefix(1);
  }
  bool ok = !s.empty();
  std::uintmax_t val = 0;
  for (char ch : s) {
    if (ch < '0' || ch > '9') {
      ok = false;
      break;
    }
    std::uintmax_t d = static_cast<std::uintmax_t>(ch - '0');
    if (val > (UINTMAX_MAX - d) / 10) {
      if (saturate) {
        val = UINTMAX_MAX / 4;
        continue;
      }
      ok = false;
      break;
    }
    val = val * 10 + d;
  }
  if (!ok) Fail("invalid argument `" + v + "' to `" + pred + "'");
  n.n = val;
  return n;
}

int ExprParser::Stream(const std::string& file) {
  for (std::size_t i = 0; i < x_.streams.size(); ++i)
    if (x_.streams[i].name == file) return static_cast<int>(i);
  if (file == "/dev/stdout") return 0;
  int fd = file == "/dev/stderr" ? ::dup(inv_.err_fd())
                                 : ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) Fail(mc::QuoteC(file) + ": " + std::string(mc::ErrorText(errno)));
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  auto out = std::make_unique<mc::Output>(fd);
  mc::Output* raw = out.get();
  x_.streams.push_back({file, raw, std::move(out)});
  return static_cast<int>(x_.streams.size() - 1);
}

int ExprParser::ParseFormat(const std::string& f) {
  Format fmt;
  std::string lit;
  auto flush = [&] {
    if (!lit.empty()) {
      Piece p;
      p.text = std::move(lit);
      fmt.push_back(std::move(p));
      lit.clear();
    }
  };
  for (std::size_t i = 0; i < f.size(); ++i) {
    char ch = f[i];
    if (ch == '\\') {
      if (i + 1 >= f.size()) {
        lit += '\\';
        continue;
      }
      char e = f[++i];
      switch (e) {
        case 'a': lit += '\a'; break;
        case 'b': lit += '\b'; break;
        case 'f': lit += '\f'; break;
        case 'n': lit += '\n'; break;
        case 'r': lit += '\r'; break;
        case 't': lit += '\t'; break;
        case 'v': lit += '\v'; break;
        case '\\': lit += '\\'; break;
        case 'c': {
          flush();
          Piece p;
          p.kind = '\\';
          fmt.push_back(p);
          break;
        }
        default:
          if (e >= '0' && e <= '7') {
            int v = 0, k = 0;
            while (k < 3 && i < f.size() && f[i] >= '0' && f[i] <= '7') {
              v = v * 8 + (f[i] - '0');
              ++i;
              ++k;
            }
            --i;
            lit += static_cast<char>(v);
          } else {
            mc::Warn(inv_, std::string("warning: unrecognized escape `\\") + e + "'");
            lit += '\\';
            lit += e;
          }
      }
      continue;
    }
    if (ch != '%') {
      lit += ch;
      continue;
    }
    if (i + 1 >= f.size()) Fail("error: % at end of format string");
    Piece p;
    ++i;
    while (i < f.size() && std::strchr("-+ #0", f[i])) p.text += f[i++];
    if (i < f.size() && f[i] >= '0' && f[i] <= '9') {
      p.width = 0;
      while (i < f.size() && f[i] >= '0' && f[i] <= '9') p.width = p.width * 10 + (f[i++] - '0');
    }
    if (i < f.size() && f[i] == '.') {
      ++i;
      p.prec = 0;
      while (i < f.size() && f[i] >= '0' && f[i] <= '9') p.prec = p.prec * 10 + (f[i++] - '0');
    }
    if (i >= f.size()) Fail("error: % at end of format string");
    char d = f[i];
    if (d == '%') {
      lit += '%';
      continue;
    }
    if (d == 'A' || d == 'C' || d == 'T') {
      if (i + 1 >= f.size()) Fail("error: % at end of format string");
      char k = f[i + 1];
      p.sub = k;
      ++i;
    } else if (!std::strchr("abcdDfFgGhHiklmMnpPsStuUyYZ", d)) {
      mc::Warn(inv_, std::string("warning: unrecognized format directive `%") + d + "'");
      lit += '%';
      lit += d;
      continue;
    }
    flush();
    p.kind = d;
    fmt.push_back(std::move(p));
  }
  flush();
  x_.formats.push_back(std::move(fmt));
  return static_cast<int>(x_.formats.size() - 1);
}

int ExprParser::ParseExec(const std::string& pred, bool dir, bool ask) {
  Exec x;
  x.dir = dir;
  x.ask = ask;
  bool ended = false;
  while (!AtEnd()) {
    const std::string& a = args_[pos_++];
    if (a == ";") {
      ended = true;
      break;
    }
    if (a == "+" && !ask && !x.argv.empty() && x.argv.back() != "{}" &&
        x.argv.back().find("{}") != std::string::npos)
      Fail("In '" + pred + " ... {} +' the '{}' must appear by itself, but you specified " +
           mc::QuoteC(x.argv.back()));
    if (a == "+" && !ask && !x.argv.empty() && x.argv.back() == "{}") {
      x.plus = true;
      ended = true;
      break;
    }
    x.argv.push_back(a);
  }
  if (!ended || x.argv.empty()) Fail("missing argument to `" + pred + "'");
  if (x.plus) {
    for (std::size_t i = 0; i + 1 < x.argv.size(); ++i)
      if (x.argv[i].find("{}") != std::string::npos)
        Fail("Only one instance of {} is supported with -exec" + std::string(dir ? "dir" : "") + " ... +");
    x.argv.back() = "{}";
  }
  x_.execs.push_back(std::move(x));
  Node n{Op::kExec};
  n.exec = static_cast<int>(x_.execs.size() - 1);
  has_action_ = true;
  return Add(n);
}

void ExprParser::Reference(const std::string& file, struct stat& st) {
  bool follow = s_.symlinks != mc::walk::Symlinks::kPhysical;
  // A dangling symbolic link is its own reference, as in GNU.
  int r = follow ? ::stat(file.c_str(), &st) : ::lstat(file.c_str(), &st);
  if (r != 0 && follow && errno == ENOENT) r = ::lstat(file.c_str(), &st);
  if (r != 0) Fail(mc::QuoteC(file) + ": " + std::string(mc::ErrorText(errno)));
}

int ExprParser::TimeTest(char which, std::int64_t unit, const std::string& pred) {
  const std::string& v = Arg(pred);
  Node n{Op::kTime};
  n.num = ParseNum(pred, v, true, true);
  if (n.num.n > (std::uintmax_t{1} << 40)) n.num.n = std::uintmax_t{1} << 40;
  n.which = which;
  n.unit = unit;
  n.sec = s_.now;
  n.nsec = s_.now_ns;
  if (s_.daystart && unit == 86400) {
    mc::tz::Zone z = mc::tz::Zone::Load(inv_.GetEnv("TZ"));
    std::int64_t t = s_.now + 86400;
    long off = z.OffsetAt(t);
    std::int64_t local = t + off;
    std::int64_t rem = ((local % 86400) + 86400) % 86400;
    n.sec = t - rem;
    n.nsec = 0;
  }
  return Add(n);
}

unsigned ExprParser::ParseTypes(const std::string& v) {
  unsigned mask = 0;
  std::size_t i = 0;
  if (v.empty()) Fail("Arguments to -type should contain at least one letter");
  for (;;) {
    if (i >= v.size()) Fail("Last file type in list argument to -type is missing, i.e., list is ending on: ','");
    char ch = v[i];
    const char* at = std::strchr(kTypeLetters, ch);
    if (!at || ch == 0) Fail("Unknown argument to -type: " + std::string(1, ch));
    unsigned bit = ch == 'D' ? 0 : 1u << (at - kTypeLetters);
    if (bit && (mask & bit)) Fail("Duplicate file type '" + std::string(1, ch) + "' in the argument list to -type.");
    mask |= bit;
    ++i;
    if (i == v.size()) break;
    if (v[i] != ',') Fail("Must separate multiple arguments to -type using: ','");
    ++i;
  }
  return mask;
}

// -regextype NAME: findutils' names, in its order (for the message).
void ExprParser::RegexType(const std::string& name) {
  using mc::regex::Syntax;
  static constexpr struct {
    const char* name;
    Syntax syntax;
  } kTypes[] = {
      {"findutils-default", Syntax::kFindutilsDefault},
      {"ed", Syntax::kPosixBasic},
      {"emacs", Syntax::kEmacs},
      {"gnu-awk", Syntax::kGnuAwk},
      {"grep", Syntax::kBasic},
      {"posix-awk", Syntax::kPosixAwk},
      {"awk", Syntax::kAwk},
      {"posix-basic", Syntax::kPosixBasic},
      {"posix-egrep", Syntax::kExtended},
      {"egrep", Syntax::kExtended},
      {"posix-extended", Syntax::kPosixExtended},
      {"posix-minimal-basic", Syntax::kPosixMinimalBasic},
      {"sed", Syntax::kPosixBasic},
  };
  std::string valid;
  for (const auto& k : kTypes) {
    if (name == k.name) {
      syntax_ = k.syntax;
      return;
    }
    valid += valid.empty() ? "'" : ", '";
    valid += k.name;
    valid += '\'';
  }
  Fail("Unknown regular expression type '" + name + "'; valid types are " + valid + ".");
}

int ExprParser::ParsePrimary() {
  if (AtEnd()) Fail("invalid expression");
  std::string t = args_[pos_++];
  if (t == "(") {
    if (!AtEnd() && Peek() == ")") Fail("invalid expression; empty parentheses are not allowed.");
    if (AtEnd())
      Fail("invalid expression; expected to find a ')' but didn't see one. Perhaps you need an extra predicate after '('");
    int e = ParseComma();
    if (AtEnd() || Peek() != ")")
      Fail("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
    ++pos_;
    return e;
  }
  if (t == "-a" || t == "-and" || t == "-o" || t == "-or" || t == ",")
    Fail("invalid expression; you have used a binary operator '" + t + "' with nothing before it.");
  if (t == ")") Fail("invalid expression; you have too many ')'");
  if (t.size() < 2 || t[0] != '-') Fail("paths must precede expression: `" + t + "'");
  std::string_view p = std::string_view(t).substr(1);
  auto simple = [&](Op op) { return Add(Node{op}); };
  // Options: always true.
  if (p == "depth" || p == "d") {
    s_.depth = true;
    explicit_depth = true;
    return simple(Op::kTrue);
  }
  if (p == "xdev" || p == "mount") { s_.xdev = true; return simple(Op::kTrue); }
  if (p == "noleaf" || p == "nowarn" || p == "warn" || p == "noignore_readdir_race") return simple(Op::kTrue);
  if (p == "ignore_readdir_race") { s_.ignore_race = true; return simple(Op::kTrue); }
  if (p == "daystart") { s_.daystart = true; return simple(Op::kTrue); }
  if (p == "follow") { s_.symlinks = mc::walk::Symlinks::kLogical; return simple(Op::kTrue); }
  if (p == "maxdepth" || p == "mindepth") {
    const std::string& v = Arg(t);
    std::size_t val = 0;
    bool ok = !v.empty();
    for (char ch : v) {
      if (ch < '0' || ch > '9' || val > (SIZE_MAX - 9) / 10) { ok = false; break; }
      val = val * 10 + static_cast<std::size_t>(ch - '0');
    }
    if (!ok) {
      bool digits = !v.empty();
      for (char ch : v) digits &= ch >= '0' && ch <= '9';
      if (digits) Fail(v + ": Numerical result out of range");
      Fail("Expected a positive decimal integer argument to " + t + ", but got " + mc::QuoteC(v));
    }
    (p == "maxdepth" ? s_.maxdepth : s_.mindepth) = val;
    return simple(Op::kTrue);
  }
  if (p == "regextype") {
    RegexType(Arg(t));
    return simple(Op::kTrue);
  }
  if (p == "true") return simple(Op::kTrue);
  if (p == "false") return simple(Op::kFalse);
  if (p == "name" || p == "iname" || p == "path" || p == "ipath" || p == "wholename" ||
      p == "iwholename" || p == "lname" || p == "ilname") {
    Node n{p.find("name") != std::string_view::npos && p.find("whole") == std::string_view::npos
               ? (p.find("lname") != std::string_view::npos ? Op::kLName : Op::kName)
               : Op::kPath};
    n.s = Arg(t);
    n.flag = p[0] == 'i';
    return Add(n);
  }
  if (p == "regex" || p == "iregex") {
    const std::string& v = Arg(t);
    mc::regex::Options o;
    o.syntax = syntax_;
    o.icase = p[0] == 'i';
    o.no_sub = true;
    mc::regex::Regex re;
    std::string err = re.Compile(v, o);
    if (!err.empty()) Fail("failed to compile regular expression '" + v + "': " + err);
    x_.regexes.push_back(std::move(re));
    Node n{Op::kRegex};
    n.re = static_cast<int>(x_.regexes.size() - 1);
    return Add(n);
  }
  if (p == "type" || p == "xtype") {
    Node n{p == "type" ? Op::kType : Op::kXType};
    n.types = ParseTypes(Arg(t));
    return Add(n);
  }
  if (p == "perm") {
    const std::string& v = Arg(t);
    Node n{Op::kPerm};
    std::string_view m = v;
    if (!m.empty() && (m[0] == '-' || m[0] == '/')) {
      n.perm_kind = m[0];
      m.remove_prefix(1);
    }
    auto ch = mc::mode::Compile(m);
    if (!ch || m.empty()) Fail("invalid mode " + mc::QuoteC(v));
    n.mode = mc::mode::Apply(*ch, 0, false, 0) & 07777;
    return Add(n);
  }
  if (p == "size") {
    const std::string& v = Arg(t);
    if (v.empty()) Fail("invalid null argument to -size");
    Node n{Op::kSize};
    std::string num = v;
    n.unit = 512;
    if (!num.empty()) {
      char last = num.back();
      if (!(last >= '0' && last <= '9')) {
        switch (last) {
          case 'b': n.unit = 512; break;
          case 'c': n.unit = 1; break;
          case 'w': n.unit = 2; break;
          case 'k': n.unit = 1024; break;
          case 'M': n.unit = 1024 * 1024; break;
          case 'G': n.unit = 1024 * 1024 * 1024; break;
          default: Fail(std::string("invalid -size type `") + last + "'");
        }
        num.pop_back();
      }
    }
    bool digits = num.size() > (num[0] == '+' || num[0] == '-');
    std::size_t lead = !num.empty() && (num[0] == '+' || num[0] == '-');
    for (std::size_t k = lead; k < num.size(); ++k) digits &= num[k] >= '0' && num[k] <= '9';
    if (!digits && !num.empty() && num.size() > lead) Fail(std::string("invalid -size type `") + num.back() + "'");
    if (!digits || num.size() - lead > 19) Fail("Invalid argument `" + v + "' to -size");
    n.num = ParseNum(t, num);
    return Add(n);
  }
  if (p == "empty") return simple(Op::kEmpty);
  if (p == "newer" || p == "anewer" || p == "cnewer") {
    struct stat st;
    Reference(Arg(t), st);
    Node n{Op::kNewer};
    n.which = p[0] == 'n' ? 'm' : p[0];
    n.sec = st.st_mtim.tv_sec;
    n.nsec = st.st_mtim.tv_nsec;
    return Add(n);
  }
  if (p.size() == 7 && p.substr(0, 5) == "newer") {
    char x = p[5], y = p[6];
    if (!std::strchr("acmB", x) || !std::strchr("acmBt", y)) Fail("invalid predicate `" + t + "'");
    if (x == 'B' || y == 'B') {
      mc::Warn(inv_, "This system does not provide a way to find the birth time of a file.");
      Fail("invalid predicate `" + t + "'");
    }
    if (AtEnd()) Fail("The '" + t + "' test needs an argument");
    const std::string& v = Arg(t);
    Node n{Op::kNewer};
    n.which = x;
    if (y == 't') {
      // A free-form date, as touch -d and date -d read it.
      auto when = mc::date::Parse(v, {s_.now, s_.now_ns}, mc::tz::Zone::Load(inv_.GetEnv("TZ")));
      if (!when) Fail("I cannot figure out how to interpret " + mc::QuoteC(v) + " as a date or time");
      n.sec = when->sec;
      n.nsec = when->nsec;
      return Add(n);
    }
    struct stat st;
    Reference(v, st);
    timespec r = TimeOf(st, y);
    n.sec = r.tv_sec;
    n.nsec = r.tv_nsec;
    return Add(n);
  }
  if (p == "mtime" || p == "atime" || p == "ctime") return TimeTest(p[0], 86400, t);
  if (p == "mmin" || p == "amin" || p == "cmin") return TimeTest(p[0], 60, t);
  if (p == "user" || p == "group") {
    const std::string& v = Arg(t);
    Node n{p == "user" ? Op::kUid : Op::kGid};
    if (p == "user") {
      if (const mc::users::User* u = mc::users::UserByName(v)) {
        n.num.n = u->uid;
        return Add(n);
      }
    } else if (const mc::users::Group* g = mc::users::GroupByName(v)) {
      n.num.n = g->gid;
      return Add(n);
    }
    bool digits = !v.empty();
    for (char ch : v) digits &= ch >= '0' && ch <= '9';
    if (!digits || v.size() > 10) {
      if (p == "user") Fail(mc::QuoteC(v) + " is not the name of a known user");
      Fail(mc::QuoteC(v) + " is not the name of an existing group");
    }
    n.num = ParseNum(t, v, false);
    return Add(n);
  }
  if (p == "uid" || p == "gid" || p == "links" || p == "inum") {
    Node n{p == "uid" ? Op::kUid : p == "gid" ? Op::kGid : p == "links" ? Op::kLinks : Op::kInum};
    n.num = ParseNum(t, Arg(t));
    return Add(n);
  }
  if (p == "nouser") return simple(Op::kNoUser);
  if (p == "nogroup") return simple(Op::kNoGroup);
  if (p == "samefile") {
    struct stat st;
    Reference(Arg(t), st);
    Node n{Op::kSameFile};
    n.dev = st.st_dev;
    n.ino = st.st_ino;
    return Add(n);
  }
  if (p == "readable" || p == "writable" || p == "executable") {
    Node n{Op::kAccess};
    n.mode = p[0] == 'r' ? R_OK : p[0] == 'w' ? W_OK : X_OK;
    return Add(n);
  }
  if (p == "print" || p == "print0" || p == "fprint" || p == "fprint0") {
    Node n{Op::kPrint};
    n.flag = p.back() == '0';
    if (p[0] == 'f') n.out = Stream(Arg(t));
    has_action_ = true;
    return Add(n);
  }
  if (p == "printf" || p == "fprintf") {
    Node n{Op::kPrintf};
    if (p[0] == 'f') n.out = Stream(Arg(t));
    n.fmt = ParseFormat(Arg(t));
    has_action_ = true;
    return Add(n);
  }
  if (p == "ls" || p == "fls") {
    Node n{Op::kLs};
    if (p[0] == 'f') n.out = Stream(Arg(t));
    has_action_ = true;
    return Add(n);
  }
  if (p == "delete") {
    has_delete = true;
    s_.depth = true;
    has_action_ = true;
    return simple(Op::kDelete);
  }
  if (p == "prune") {
    has_prune = true;
    return simple(Op::kPrune);
  }
  if (p == "quit") return simple(Op::kQuit);
  if (p == "exec") return ParseExec(t, false, false);
  if (p == "execdir") return ParseExec(t, true, false);
  if (p == "ok") return ParseExec(t, false, true);
  if (p == "okdir") return ParseExec(t, true, true);
  Fail("unknown predicate `" + t + "'");
}

bool ExpressionStart(const std::string& a) {
  return (a.size() > 1 && a[0] == '-') || a == "!" || a == "(";
}

}  // namespace

MC_APPLET(find) {
  std::vector<std::string> args;
  for (char* a : inv.args()) args.emplace_back(a);
  if (!args.empty() && args[0] == "--help") return mc::cli::PrintHelp(inv);
  if (!args.empty() && args[0] == "--version") return mc::cli::PrintVersion(inv);
  Settings s;
  timespec now;
  ::clock_gettime(CLOCK_REALTIME, &now);
  s.now = now.tv_sec;
  s.now_ns = now.tv_nsec;
  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--") {
      ++i;
      break;
    }
    if (a.size() < 2 || a[0] != '-' || a[1] == '-') break;
    bool option = true;
    for (std::size_t k = 1; k < a.size(); ++k)
      if (!std::strchr("HLPDO", a[k])) option = false;
    if (!option) break;
    for (std::size_t k = 1; k < a.size(); ++k) {
      char ch = a[k];
      if (ch == 'H') s.symlinks = mc::walk::Symlinks::kCommandLine;
      else if (ch == 'L') s.symlinks = mc::walk::Symlinks::kLogical;
      else if (ch == 'P') s.symlinks = mc::walk::Symlinks::kPhysical;
      else if (ch == 'O') break;
      else if (ch == 'D') {
        mc::Warn(inv, "-D is not supported");
        return 1;
      }
    }
  }
  std::vector<std::string> paths;
  while (i < args.size() && !ExpressionStart(args[i])) paths.push_back(args[i++]);
  Expr x;
  x.streams.push_back({"", &inv.out(), nullptr});
  try {
    ExprParser ep(inv, s, x, args, i);
    ep.Parse();
    if (ep.has_delete && ep.has_prune && !ep.explicit_depth) {
      mc::Warn(inv, "The -delete action automatically turns on -depth, but -prune does nothing when "
                    "-depth is in effect.  If you want to carry on anyway, just explicitly use the "
                    "-depth option.");
      return 1;
    }
  } catch (const Bad&) {
    return 1;
  }
  if (paths.empty()) paths.emplace_back(".");
  Find f(inv, s, x);
  mc::walk::Options wo;
  wo.symlinks = s.symlinks;
  wo.one_file_system = s.xdev;
  mc::walk::Walker w(wo);
  try {
    for (const std::string& p : paths) {
      if (p.empty()) {
        mc::Warn(inv, "'': No such file or directory");
        f.failed = true;
        continue;
      }
      f.SetStart(p);
      w.Walk(p, f);
      if (f.quit) break;
    }
    f.Finish();
    // Files of -fprint & co first, each with its own name in a message.
    for (Stream& st : x.streams) {
      if (!st.own) continue;
      try {
        st.out->Flush();
      } catch (const mc::WriteError& e) {
        mc::Warn(inv, mc::QuoteC(st.name) + ": " + std::string(mc::ErrorText(e.error ? e.error : EIO)));
        f.failed = true;
      }
    }
    inv.out().Flush();
  } catch (const mc::WriteError& e) {
    std::string what = "standard output";
    mc::Warn(inv, "'" + what + "': " + std::string(mc::ErrorText(e.error ? e.error : EIO)));
    mc::Warn(inv, "write error");
    return 1;
  }
  for (Stream& st : x.streams)
    if (st.own) ::close(st.own->fd());
  return f.failed ? 1 : 0;
}
