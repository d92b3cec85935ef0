/* @applet grep
   @alias egrep
   @alias fgrep
   @failcode 2
   @help
Usage: grep [OPTION]... PATTERNS [FILE]...
Search for PATTERNS in each FILE.
Example: grep -i 'hello world' menu.h main.c
PATTERNS can contain multiple patterns separated by newlines.

Pattern selection and interpretation:
  -E, --extended-regexp     PATTERNS are extended regular expressions
  -F, --fixed-strings       PATTERNS are strings
  -G, --basic-regexp        PATTERNS are basic regular expressions
  -P, --perl-regexp         PATTERNS are Perl regular expressions
  -e, --regexp=PATTERNS     use PATTERNS for matching
  -f, --file=FILE           take PATTERNS from FILE
  -i, --ignore-case         ignore case distinctions in patterns and data
      --no-ignore-case      do not ignore case distinctions (default)
  -w, --word-regexp         match only whole words
  -x, --line-regexp         match only whole lines
  -z, --null-data           a data line ends in 0 byte, not newline

Miscellaneous:
  -s, --no-messages         suppress error messages
  -v, --invert-match        select non-matching lines
  -V, --version             display version information and exit
      --help                display this help text and exit

Output control:
  -m, --max-count=NUM       stop after NUM selected lines
  -b, --byte-offset         print the byte offset with output lines
  -n, --line-number         print line number with output lines
      --line-buffered       flush output on every line
  -H, --with-filename       print file name with output lines
  -h, --no-filename         suppress the file name prefix on output
      --label=LABEL         use LABEL as the standard input file name prefix
  -o, --only-matching       show only nonempty parts of lines that match
  -q, --quiet, --silent     suppress all normal output
      --binary-files=TYPE   assume that binary files are TYPE;
                            TYPE is 'binary', 'text', or 'without-match'
  -a, --text                equivalent to --binary-files=text
  -I                        equivalent to --binary-files=without-match
  -d, --directories=ACTION  how to handle directories;
                            ACTION is 'read', 'recurse', or 'skip'
  -D, --devices=ACTION      how to handle devices, FIFOs and sockets;
                            ACTION is 'read' or 'skip'
  -r, --recursive           like --directories=recurse
  -R, --dereference-recursive  likewise, but follow all symlinks
      --include=GLOB        search only files that match GLOB (a file pattern)
      --exclude=GLOB        skip files that match GLOB
      --exclude-from=FILE   skip files that match any file pattern from FILE
      --exclude-dir=GLOB    skip directories that match GLOB
  -L, --files-without-match  print only names of FILEs with no selected lines
  -l, --files-with-matches  print only names of FILEs with selected lines
  -c, --count               print only a count of selected lines per FILE
  -T, --initial-tab         make tabs line up (if needed)
  -Z, --null                print 0 byte after FILE name

Context control:
  -B, --before-context=NUM  print NUM lines of leading context
  -A, --after-context=NUM   print NUM lines of trailing context
  -C, --context=NUM         print NUM lines of output context
  -NUM                      same as --context=NUM
      --group-separator=SEP  print SEP on line between matches with context
      --no-group-separator  do not print separator for matches with context
      --color[=WHEN],
      --colour[=WHEN]       use markers to highlight the matching strings;
                            WHEN is 'always', 'never', or 'auto'
  -U, --binary              do not strip CR characters at EOL (MSDOS/Windows)

When FILE is '-', read standard input.  With no FILE, read '.' if
recursive, '-' otherwise.  With fewer than two FILEs, assume -h.
Exit status is 0 if any line is selected, 1 otherwise;
if any error occurs and -q is not given, the exit status is 2.

Report bugs to: bug-grep@gnu.org
GNU grep home page: <https://www.gnu.org/software/grep/>
General help using GNU software: <https://www.gnu.org/gethelp/>
*/
// grep, egrep, fgrep (GNU grep 3.8). The regex module decides matches;
// input is read in large blocks holding whole lines, and the module's
// literal prefilters find candidate lines over the whole block.
#include <fcntl.h>
#include <fnmatch.h>
#include <string.h>

#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "applets/support/regex.h"
#include "applets/support/walk.h"
#include "registry/applet.h"

namespace {

using mc::regex::Regex;
constexpr std::size_t npos = std::string_view::npos;

enum class Mode { kBasic, kExtended, kFixed };
enum class Binary { kBinary, kText, kWithoutMatch };
enum class Dirs { kRead, kSkip, kRecurse };

struct Options {
  Mode mode = Mode::kBasic;
  bool icase = false, invert = false, words = false, lines = false;
  bool count = false, list = false, list_missing = false, only = false, quiet = false;
  bool no_messages = false, number = false, byte_offset = false;
  int with_filename = -1;  // -1: decide from the operands
  bool null_after_name = false, null_data = false, line_buffered = false;
  bool color = false;
  // Standard output is /dev/null: like GNU, stop at each file's first
  // match (only the exit status can be seen).
  bool dev_null = false;
  // Standard output is this regular file (GNU refuses to read it).
  bool out_regular = false;
  dev_t out_dev = 0;
  ino_t out_ino = 0;
  std::uintmax_t max_count = UINTMAX_MAX;
  std::uintmax_t before = 0, after = 0;
  bool context = false;  // some context option was given
  Binary binary = Binary::kBinary;
  Dirs dirs = Dirs::kRead;
  bool deref_recursive = false;
  std::string label = "(standard input)";
  std::vector<std::string> includes, excludes, exclude_dirs;
  std::string group_separator = "--";
  bool use_group_separator = true;
};

inline bool WordChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// GNU's messages, always as "grep:" (egrep and fgrep are grep -E / -F).
void Err(mc::Invocation& inv, std::string_view msg) {
  inv.FlushOutputForMessage();
  std::string line = "grep: ";
  line.append(msg).push_back('\n');
  mc::WriteAll(inv.err_fd(), line.data(), line.size());
}

class Matcher {
 public:
  Matcher(const Options& o) : o_(o) {}

  // Returns an error message or "".
  std::string Compile(const std::vector<std::string>& pats) {
    none_ = pats.empty();
    bool fixed = o_.mode == Mode::kFixed;
    if (!fixed) {
      // Patterns without special characters are fixed strings.
      fixed = true;
      for (const auto& p : pats)
        for (char c : p)
          if (std::string_view("\\[].*^$").find(c) != npos ||
              (o_.mode == Mode::kExtended && std::string_view("+?{}()|").find(c) != npos))
            fixed = false;
    }
    fixed_ = fixed;
    if (fixed_) {
      finder_.Reset(pats, o_.icase);
      prefilter_ = true;
      exact_ = !o_.words && !o_.lines;
      return {};
    }
    for (const auto& p : pats) {
      std::string err = CheckBrackets(p);
      if (!err.empty()) return err;
      if (o_.mode == Mode::kExtended) WarnStartRepetition(p);
    }
    mc::regex::Options ro;
    ro.syntax = o_.mode == Mode::kExtended ? mc::regex::Syntax::kExtended : mc::regex::Syntax::kBasic;
    ro.icase = o_.icase;
    std::vector<std::string> lits;
    bool all_lits = true;
    for (const auto& p : pats) {
      Regex re;
      std::string err = re.Compile(p, ro);
      if (!err.empty()) return err;
      res_.push_back(std::move(re));
      std::string lit = mc::regex::RequiredLiteral(p, ro.syntax, o_.icase);
      if (lit.empty()) all_lits = false;
      lits.push_back(std::move(lit));
    }
    if (all_lits && !pats.empty()) {
      finder_.Reset(lits, o_.icase);
      prefilter_ = true;
    } else if (o_.null_data == false) {
      // No literal to look for: search many lines per engine call with a
      // copy of each pattern that cannot match across a newline, then
      // check the line it lands in. \` and \' would mean something else
      // over many lines.
      ro.newline_anchor = true;
      ro.newline_is_separator = true;
      ro.no_sub = true;
      window_ = true;
      for (const auto& p : pats) {
        if (p.find("\\`") != npos || p.find("\\'") != npos) window_ = false;
      }
      for (std::size_t i = 0; window_ && i < pats.size(); ++i) {
        Regex re;
        if (!re.Compile(pats[i], ro).empty()) window_ = false;
        multi_.push_back(std::move(re));
      }
      if (!window_) multi_.clear();
    }
    return {};
  }

  // GNU's dfa warns about a repetition operator that starts an ERE (or a
  // group or alternative): "* at start of expression".
  void WarnStartRepetition(std::string_view p) {
    bool start = true;
    for (std::size_t i = 0; i < p.size(); ++i) {
      char c = p[i];
      const char* what = nullptr;
      if (c == '*') what = "*";
      else if (c == '+') what = "+";
      else if (c == '?') what = "?";
      else if (c == '{') {
        std::size_t k = i + 1;
        bool digits = false;
        while (k < p.size() && p[k] >= '0' && p[k] <= '9') ++k, digits = true;
        if (k < p.size() && p[k] == ',') {
          ++k;
          while (k < p.size() && p[k] >= '0' && p[k] <= '9') ++k, digits = true;
        }
        if (digits && k < p.size() && p[k] == '}') {
          what = "{...}";
          if (start) i = k;
        }
      }
      if (what) {
        if (start && warn_) warn_(std::string("warning: ") + what + " at start of expression");
        continue;
      }
      if (c == '(' || c == '|' || c == '^') {
        start = true;
        continue;
      }
      start = false;
      if (c == '\\') {
        ++i;
      } else if (c == '[') {
        std::size_t k = i + 1;
        if (k < p.size() && p[k] == '^') ++k;
        if (k < p.size() && p[k] == ']') ++k;
        while (k < p.size() && p[k] != ']') {
          if (p[k] == '[' && k + 1 < p.size() && (p[k + 1] == ':' || p[k + 1] == '.' || p[k + 1] == '=')) {
            std::size_t e = p.find(std::string{p[k + 1], ']'}, k + 2);
            if (e == npos) return;
            k = e + 2;
            continue;
          }
          ++k;
        }
        i = k;
      }
    }
  }

 public:
  std::function<void(const std::string&)> warn_;

  // GNU's dfa rejects "[:space:]" (a class name outside a bracket).
  static std::string CheckBrackets(std::string_view p) {
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == '\\') {
        ++i;
        continue;
      }
      if (p[i] != '[') continue;
      std::size_t k = i + 1;
      if (k < p.size() && p[k] == '^') ++k;
      std::size_t first = k;
      if (k < p.size() && p[k] == ']') ++k;
      while (k < p.size() && p[k] != ']') {
        if (p[k] == '[' && k + 1 < p.size() && (p[k + 1] == ':' || p[k + 1] == '.' || p[k + 1] == '=')) {
          std::size_t e = p.find(std::string{p[k + 1], ']'}, k + 2);
          if (e == npos) return {};
          k = e + 2;
          continue;
        }
        ++k;
      }
      if (k >= p.size()) return {};
      std::string_view in = p.substr(first, k - first);
      if (in.size() >= 2 && in.front() == ':' && in.back() == ':')
        return "character class syntax is [[:space:]], not [:space:]";
      i = k;
    }
    return {};
  }

  // The leftmost-longest match in line at or after start, as -w and -x
  // allow: [*b, *e).
  bool FindInLine(std::string_view line, std::size_t start, std::size_t* b, std::size_t* e) {
    if (none_) return false;
    if (fixed_) return FixedIn(line, start, b, e);
    bool any = false;
    for (auto& re : res_) {
      std::size_t mb, me;
      if (!RegexIn(re, line, start, &mb, &me)) continue;
      if (!any || mb < *b || (mb == *b && me > *e)) {
        *b = mb;
        *e = me;
        any = true;
      }
    }
    return any;
  }

  bool LineMatches(std::string_view line) {
    std::size_t b, e;
    return FindInLine(line, 0, &b, &e);
  }

  // The next line of buf (lines end with eol, and so does buf) at or after
  // from that matches: [*lb, *le) with *le at its eol.
  bool FindLine(std::string_view buf, std::size_t from, char eol, std::size_t* lb, std::size_t* le) {
    if (none_) return false;
    const char* d = buf.data();
    if (prefilter_) {
      std::size_t pos = from;
      while (pos < buf.size()) {
        std::size_t len;
        std::size_t p = finder_.Find(buf, pos, &len);
        if (p == npos || p >= buf.size()) return false;
        const void* back = p > pos ? memrchr(d + pos, eol, p - pos) : nullptr;
        std::size_t s = back ? static_cast<const char*>(back) - d + 1 : pos;
        const void* fwd = memchr(d + p, eol, buf.size() - p);
        std::size_t t = fwd ? static_cast<const char*>(fwd) - d : buf.size() - 1;
        if (exact_ || LineMatches(buf.substr(s, t - s))) {
          *lb = s;
          *le = t;
          return true;
        }
        pos = t + 1;
      }
      return false;
    }
    std::size_t s = from;
    if (window_) {
      // Windows of whole lines (the last newline left out, so $ there is
      // a line's end): the first match start in a window names the first
      // line worth checking with the real patterns.
      constexpr std::size_t kWindow = 16384;
      while (s < buf.size()) {
        std::size_t want = std::min(buf.size(), s + kWindow);
        const void* nl = memrchr(d + s, eol, want - s);
        std::size_t t = nl ? static_cast<const char*>(nl) - d : npos;
        if (t == npos || t < s) {
          const void* f = memchr(d + want, eol, buf.size() - want);
          t = f ? static_cast<const char*>(f) - d : buf.size() - 1;
        }
        std::string_view win(d + s, t - s);
        std::size_t at = 0;
        while (at <= win.size()) {
          std::size_t best = npos;
          for (auto& re : multi_) {
            mc::regex::Span m;
            if (re.Search(win, at, &m) && m.begin < best) best = m.begin;
          }
          if (best == npos) break;
          // The line holding best.
          const void* back = best > 0 ? memrchr(win.data(), eol, best) : nullptr;
          std::size_t ls = back ? static_cast<const char*>(back) - win.data() + 1 : 0;
          const void* fwd = memchr(win.data() + best, eol, win.size() - best);
          std::size_t lend = fwd ? static_cast<const char*>(fwd) - win.data() : win.size();
          if (LineMatches(win.substr(ls, lend - ls))) {
            *lb = s + ls;
            *le = s + lend;
            return true;
          }
          at = lend + 1;
        }
        s = t + 1;
      }
      return false;
    }
    while (s < buf.size()) {
      const void* fwd = memchr(d + s, eol, buf.size() - s);
      std::size_t t = fwd ? static_cast<const char*>(fwd) - d : buf.size() - 1;
      if (LineMatches(buf.substr(s, t - s))) {
        *lb = s;
        *le = t;
        return true;
      }
      s = t + 1;
    }
    return false;
  }

 private:
  static bool WordOk(std::string_view line, std::size_t b, std::size_t e) {
    if (b > 0 && WordChar(static_cast<unsigned char>(line[b - 1]))) return false;
    if (e < line.size() && WordChar(static_cast<unsigned char>(line[e]))) return false;
    return true;
  }

  bool RegexIn(Regex& re, std::string_view line, std::size_t start, std::size_t* b, std::size_t* e) {
    if (o_.lines) {
      if (start > 0) return false;
      long l = re.MatchAt(line, 0);
      if (l < 0 || static_cast<std::size_t>(l) != line.size()) return false;
      *b = 0;
      *e = line.size();
      return true;
    }
    std::size_t pos = start;
    while (pos <= line.size()) {
      mc::regex::Span m;
      if (!re.Search(line, pos, &m)) return false;
      if (!o_.words) {
        *b = m.begin;
        *e = m.end;
        return true;
      }
      std::size_t mb = m.begin, len = m.end - m.begin;
      for (;;) {
        if (WordOk(line, mb, mb + len)) {
          *b = mb;
          *e = mb + len;
          return true;
        }
        if (len == 0) break;
        long s = re.MatchAt(line.substr(0, mb + len - 1), mb, false, true);
        if (s < 0) break;
        len = static_cast<std::size_t>(s);
      }
      pos = mb + 1;
    }
    return false;
  }

  bool FixedIn(std::string_view line, std::size_t start, std::size_t* b, std::size_t* e) {
    if (o_.lines) {
      if (start > 0) return false;
      lens_.clear();
      finder_.MatchesAt(line, 0, &lens_);
      for (std::size_t l : lens_)
        if (l == line.size()) {
          *b = 0;
          *e = l;
          return true;
        }
      return false;
    }
    std::size_t pos = start;
    while (pos <= line.size()) {
      std::size_t len;
      std::size_t p = finder_.Find(line, pos, &len);
      if (p == npos) return false;
      if (!o_.words) {
        *b = p;
        *e = p + len;
        return true;
      }
      lens_.clear();
      finder_.MatchesAt(line, p, &lens_);
      for (std::size_t l : lens_)
        if (WordOk(line, p, p + l)) {
          *b = p;
          *e = p + l;
          return true;
        }
      pos = p + 1;
    }
    return false;
  }

  const Options& o_;
  bool none_ = false, fixed_ = false, prefilter_ = false, exact_ = false, window_ = false;
  std::vector<Regex> res_, multi_;
  mc::regex::MultiFinder finder_;
  std::vector<std::size_t> lens_;
};

constexpr const char* kColorMatch = "\33[01;31m\33[K";
constexpr const char* kColorFile = "\33[35m\33[K";
constexpr const char* kColorNum = "\33[32m\33[K";
constexpr const char* kColorSep = "\33[36m\33[K";
constexpr const char* kColorEnd = "\33[m\33[K";

struct QuitNow {};  // -q found a match

class Grep final : public mc::walk::Visitor {
 public:
  Grep(mc::Invocation& inv, const Options& o, Matcher& m) : inv_(inv), o_(o), m_(m), out_(inv.out()) {
    eol_ = o.null_data ? '\0' : '\n';
    quiet_out_ = o.quiet || o.list || o.list_missing || o.count || o.dev_null;
  }

  bool matched() const { return matched_; }
  bool error() const { return error_; }
  void set_with_filename(bool on) { with_name_ = on; }
  void set_strip_dot(bool on) { strip_dot_ = on; }
  bool strip_dot() const { return strip_dot_; }

  void Error(std::string_view name, int err) {
    error_ = true;
    if (o_.no_messages) return;
    Err(inv_, std::string(name) + ": " + std::string(mc::ErrorText(err)));
  }

  // A command-line operand.
  void Operand(const std::string& name) {
    if (name == "-") {
      SearchFd(inv_.in_fd(), o_.label);
      return;
    }
    if (!o_.excludes.empty() || !o_.includes.empty()) {
      struct stat st;
      if (::stat(name.c_str(), &st) == 0 && !S_ISDIR(st.st_mode) && Excluded(name, false)) return;
    }
    if (o_.dirs != Dirs::kRead) {
      struct stat st;
      if (::stat(name.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (o_.dirs == Dirs::kSkip) return;
        if (!o_.exclude_dirs.empty() && Excluded(name, true)) return;
        mc::walk::Options wo;
        wo.symlinks = o_.deref_recursive ? mc::walk::Symlinks::kLogical : mc::walk::Symlinks::kCommandLine;
        mc::walk::Walker w(wo);
        operand_ = name;
        w.Walk(name, *this);
        operand_.clear();
        return;
      }
    }
    int fd = ::open(name.c_str(), O_RDONLY | O_NOCTTY);
    if (fd < 0) {
      Error(name, errno);
      return;
    }
    SearchFd(fd, name);
    ::close(fd);
  }

  mc::walk::Action Visit(const mc::walk::Entry& e) override {
    using mc::walk::Action;
    using mc::walk::Visit;
    std::string_view path = e.path;
    // GNU shows "d/x" for an operand "d//".
    std::string fixed;
    if (e.depth > 0 && operand_.size() > 1 && operand_.back() == '/' && path.size() > operand_.size()) {
      std::string_view norm = operand_;
      while (norm.size() > 1 && norm.back() == '/') norm.remove_suffix(1);
      std::string_view rel = path.substr(operand_.size());
      while (!rel.empty() && rel.front() == '/') rel.remove_prefix(1);
      fixed.assign(norm);
      if (norm != "/") fixed.push_back('/');
      fixed.append(rel);
      path = fixed;
    }
    if (strip_dot_ && path.size() > 2 && path.substr(0, 2) == "./") path.remove_prefix(2);
    switch (e.visit) {
      case Visit::kPre:
        if (e.depth > 0 && !o_.exclude_dirs.empty() && Excluded(e.name, true)) return Action::kSkip;
        return Action::kContinue;
      case Visit::kPost: return Action::kContinue;
      case Visit::kFile: {
        mode_t type = e.type;
        struct stat st;
        if (e.depth > 0) {
          if (type == 0) {
            if (::fstatat(e.dirfd, e.name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
              Error(path, errno);
              return Action::kContinue;
            }
            type = st.st_mode & S_IFMT;
          }
          if (type != S_IFREG) return Action::kContinue;  // links (-r), devices, fifos
          if (Excluded(e.name, false)) return Action::kContinue;
        }
        int fd = ::openat(e.dirfd, e.name, O_RDONLY | O_NOCTTY);
        if (fd < 0) {
          Error(path, errno);
          return Action::kContinue;
        }
        std::string name(path);
        SearchFd(fd, name);
        ::close(fd);
        return Action::kContinue;
      }
      case Visit::kError:
      case Visit::kDirError:
        Error(path, e.err);
        return Action::kContinue;
      case Visit::kCycle:
        if (!o_.no_messages) Err(inv_, "warning: " + std::string(path) + ": recursive directory loop");
        return Action::kContinue;
      case Visit::kOtherDevice: return Action::kContinue;
    }
    return Action::kContinue;
  }

 private:
  bool Excluded(std::string_view path, bool dir) const {
    std::string full(path);
    std::string_view base = path;
    while (base.size() > 1 && base.back() == '/') base.remove_suffix(1);
    std::size_t slash = base.rfind('/');
    std::string b(slash == npos ? base : base.substr(slash + 1));
    auto hit = [&](const std::string& pat) {
      return fnmatch(pat.c_str(), b.c_str(), 0) == 0 || fnmatch(pat.c_str(), full.c_str(), 0) == 0;
    };
    if (dir) {
      for (const auto& p : o_.exclude_dirs)
        if (hit(p)) return true;
      return false;
    }
    for (const auto& p : o_.excludes)
      if (hit(p)) return true;
    if (o_.includes.empty()) return false;
    for (const auto& p : o_.includes)
      if (hit(p)) return false;
    return true;
  }

  // --- output helpers
  void PutColored(const char* color, std::string_view s) {
    if (o_.color) {
      out_.Write(color);
      out_.Write(s);
      out_.Write(kColorEnd);
    } else {
      out_.Write(s);
    }
  }
  void PutSep(char sep) {
    if (o_.color) {
      out_.Write(kColorSep);
      out_.Put(sep);
      out_.Write(kColorEnd);
    } else {
      out_.Put(sep);
    }
  }
  void PutNumber(std::uintmax_t n, char sep) {
    char tmp[24];
    int k = sizeof tmp;
    do {
      tmp[--k] = static_cast<char>('0' + n % 10);
      n /= 10;
    } while (n);
    PutColored(kColorNum, std::string_view(tmp + k, sizeof tmp - k));
    PutSep(sep);
  }
  void PutName() {
    PutColored(kColorFile, name_);
  }
  void Prefix(std::size_t pos, char sep) {
    if (with_name_) {
      PutName();
      if (o_.null_after_name) out_.Put('\0');
      else PutSep(sep);
    }
    if (o_.number) PutNumber(LineNumber(pos), sep);
    if (o_.byte_offset) PutNumber(offset_ + pos, sep);
  }
  std::uintmax_t LineNumber(std::size_t pos) {
    // Lines ended before pos, plus one.
    const char* d = buf_.data();
    while (nl_pos_ < pos) {
      const void* f = memchr(d + nl_pos_, eol_, pos - nl_pos_);
      if (!f) {
        nl_pos_ = pos;
        break;
      }
      ++lineno_;
      nl_pos_ = static_cast<const char*>(f) - d + 1;
    }
    return lineno_ + 1;
  }
  void EndLine() {
    if (o_.line_buffered) out_.Flush();
  }

  // Prints line [lb, le) (le at its eol).
  void PrintLine(std::size_t lb, std::size_t le, char sep) {
    MaybeSeparator(lb);
    std::string_view line(buf_.data() + lb, le - lb);
    if (o_.only) {
      std::size_t pos = 0, b, e;
      while (pos <= line.size() && m_.FindInLine(line, pos, &b, &e)) {
        if (e == b) {
          pos = b + 1;
          continue;
        }
        Prefix(lb + b, sep);
        PutColored(kColorMatch, line.substr(b, e - b));
        out_.Put(eol_);
        EndLine();
        pos = e;
      }
    } else {
      Prefix(lb, sep);
      if (o_.color) {
        std::size_t pos = 0, done = 0, b, e;
        while (pos <= line.size() && m_.FindInLine(line, pos, &b, &e)) {
          if (e == b) {
            pos = b + 1;
            continue;
          }
          out_.Write(line.substr(done, b - done));
          PutColored(kColorMatch, line.substr(b, e - b));
          done = pos = e;
        }
        out_.Write(line.substr(done));
      } else {
        out_.Write(line);
      }
      out_.Put(eol_);
      EndLine();
    }
    last_out_ = le + 1;
    has_last_out_ = true;
    used_ = true;
  }

  void MaybeSeparator(std::size_t lb) {
    if (!o_.context || !o_.use_group_separator) return;
    if (used_ && !(has_last_out_ && last_out_ == lb)) {
      PutColored(kColorSep, o_.group_separator);
      out_.Put('\n');
    }
  }

  // Lines in [from, to) that are not selected: after-context.
  void NotSelected(std::size_t from, std::size_t to) {
    const char* d = buf_.data();
    while (after_left_ > 0 && from < to) {
      const void* f = memchr(d + from, eol_, to - from);
      std::size_t t = static_cast<const char*>(f) - d;
      PrintLine(from, t, '-');
      from = t + 1;
      --after_left_;
    }
    if (out_left_ == 0 && after_left_ == 0) done_ = true;
  }

  void Selected(std::size_t lb, std::size_t le) {
    if (out_left_ == 0) {
      // Trailing context after the last counted match is printed
      // whatever it holds.
      if (after_left_ > 0) {
        PrintLine(lb, le, '-');
        --after_left_;
      }
      if (after_left_ == 0) done_ = true;
      return;
    }
    --out_left_;
    ++count_;
    matched_ = true;
    if (o_.quiet) throw QuitNow{};
    if (binary_ && o_.binary != Binary::kText) {
      binary_matched_ = true;
      if (!o_.count) done_ = true;
      return;
    }
    if (o_.list || o_.list_missing || o_.dev_null) {
      done_ = true;
      return;
    }
    if (o_.count) {
      if (out_left_ == 0) done_ = true;
      return;
    }
    if (o_.before > 0) {
      // Before-context: up to `before` lines, not reprinting any.
      const char* d = buf_.data();
      std::size_t floor = has_last_out_ && last_out_ <= lb ? last_out_ : keep_floor_;
      std::size_t s = lb;
      for (std::uintmax_t k = 0; k < o_.before && s > floor; ++k) {
        const void* back = s - 1 > floor ? memrchr(d + floor, eol_, s - 1 - floor) : nullptr;
        s = back ? static_cast<const char*>(back) - d + 1 : floor;
      }
      while (s < lb) {
        const void* f = memchr(d + s, eol_, lb - s);
        std::size_t t = static_cast<const char*>(f) - d;
        PrintLine(s, t, '-');
        s = t + 1;
      }
    }
    PrintLine(lb, le, ':');
    after_left_ = o_.after;
    if (out_left_ == 0 && after_left_ == 0) done_ = true;
  }

  // Processes the complete lines in [beg_, lim).
  void Process(std::size_t lim) {
    std::string_view buf(buf_.data(), lim);
    const char* d = buf_.data();
    while (beg_ < lim && !done_) {
      std::size_t lb, le;
      bool found = m_.FindLine(buf, beg_, eol_, &lb, &le);
      if (!o_.invert) {
        if (found) {
          NotSelected(beg_, lb);
          if (done_) break;
          Selected(lb, le);
          beg_ = le + 1;
        } else {
          NotSelected(beg_, lim);
          beg_ = lim;
        }
      } else {
        std::size_t end = found ? lb : lim;
        while (beg_ < end && !done_) {
          const void* f = memchr(d + beg_, eol_, end - beg_);
          std::size_t t = static_cast<const char*>(f) - d;
          Selected(beg_, t);
          beg_ = t + 1;
        }
        if (done_) break;
        if (found) {
          NotSelected(lb, le + 1);
          beg_ = le + 1;
        } else {
          beg_ = lim;
        }
      }
    }
  }

  void SearchFd(int fd, std::string_view name) {
    name_.assign(name);
    struct stat st;
    if (::fstat(fd, &st) == 0) {
      if (S_ISDIR(st.st_mode) && o_.dirs == Dirs::kSkip) return;
      if (o_.out_regular && !quiet_out_ && o_.max_count > 1 && S_ISREG(st.st_mode) &&
          st.st_dev == o_.out_dev && st.st_ino == o_.out_ino) {
        error_ = true;
        if (!o_.no_messages) Err(inv_, std::string(name) + ": input file is also the output");
        return;
      }
    }
    count_ = 0;
    out_left_ = o_.max_count;
    done_ = binary_ = binary_matched_ = false;
    has_last_out_ = false;
    after_left_ = 0;
    beg_ = len_ = 0;
    offset_ = 0;
    nl_pos_ = 0;
    lineno_ = 0;
    keep_floor_ = 0;
    bool eof = false;
    int read_err = 0;
    if (out_left_ == 0) done_ = true;
    while (!done_ && !eof) {
      Compact();
      if (buf_.capacity() < len_ + mc::kReadBlock + 1) buf_.Reserve(len_ + mc::kReadBlock + 1, len_);
      long n = mc::ReadSome(fd, buf_.data() + len_, buf_.capacity() - len_ - 1);
      if (n < 0) {
        read_err = errno;
        break;
      }
      if (n == 0) {
        eof = true;
      } else if (!binary_ && o_.binary != Binary::kText && !o_.null_data &&
                 memchr(buf_.data() + len_, '\0', static_cast<std::size_t>(n))) {
        if (o_.binary == Binary::kWithoutMatch) {
          count_ = 0;
          matched_ = matched_before_file_;
          return;
        }
        binary_ = true;
      }
      std::size_t old = len_;
      len_ += static_cast<std::size_t>(n);
      std::size_t lim;
      if (eof) {
        if (len_ > beg_ && buf_.data()[len_ - 1] != eol_) buf_.data()[len_++] = eol_;
        lim = len_;
      } else {
        const void* last = memrchr(buf_.data() + old, eol_, len_ - old);
        if (!last) continue;
        lim = static_cast<const char*>(last) - buf_.data() + 1;
      }
      Process(lim);
    }
    if (read_err != 0) {
      if (read_err == EISDIR && o_.dirs == Dirs::kSkip) return;
      Error(name, read_err);
    }
    if (o_.count) {
      if (with_name_) {
        PutName();
        if (o_.null_after_name) out_.Put('\0');
        else PutSep(':');
      }
      std::string n = std::to_string(count_);
      n.push_back('\n');
      out_.Write(n);
      EndLine();
    }
    if ((o_.list && count_ > 0) || (o_.list_missing && count_ == 0)) {
      PutName();
      out_.Put(o_.null_after_name ? '\0' : '\n');
      EndLine();
    }
    if (binary_matched_ && !quiet_out_ && !o_.no_messages) {
      out_.Flush();
      Err(inv_, std::string(name) + ": binary file matches");
    }
    matched_before_file_ = matched_;
  }

  // Moves the unprocessed bytes (and the lines before-context may need)
  // to the front of the buffer.
  void Compact() {
    if (beg_ == 0) return;
    std::size_t keep = beg_;
    const char* d = buf_.data();
    std::size_t floor = has_last_out_ && last_out_ <= beg_ ? last_out_ : 0;
    for (std::uintmax_t k = 0; k < o_.before && keep > floor; ++k) {
      const void* back = keep - 1 > floor ? memrchr(d + floor, eol_, keep - 1 - floor) : nullptr;
      keep = back ? static_cast<const char*>(back) - d + 1 : floor;
    }
    if (keep == 0) return;
    if (o_.number) LineNumber(keep);
    std::memmove(buf_.data(), buf_.data() + keep, len_ - keep);
    len_ -= keep;
    beg_ -= keep;
    offset_ += keep;
    nl_pos_ = nl_pos_ > keep ? nl_pos_ - keep : 0;
    if (has_last_out_) {
      if (last_out_ >= keep) {
        last_out_ -= keep;
      } else {
        last_out_ = npos;  // before the buffer: never adjacent
        has_last_out_ = false;
        // (used_ stays set, so the next group gets a separator)
      }
    }
    keep_floor_ = 0;
  }

  mc::Invocation& inv_;
  const Options& o_;
  Matcher& m_;
  mc::Output& out_;
  char eol_;
  bool quiet_out_;
  bool with_name_ = false, strip_dot_ = false;
  bool matched_ = false, matched_before_file_ = false, error_ = false, used_ = false;
  std::string name_, operand_;
  mc::ByteBuffer buf_;
  std::size_t beg_ = 0, len_ = 0, keep_floor_ = 0;
  std::uintmax_t offset_ = 0;
  std::size_t nl_pos_ = 0;
  std::uintmax_t lineno_ = 0;
  std::uintmax_t count_ = 0, out_left_ = 0, after_left_ = 0;
  std::size_t last_out_ = 0;
  bool has_last_out_ = false;
  bool done_ = false, binary_ = false, binary_matched_ = false;
};

int UsageFail(mc::Invocation& inv, std::string_view msg) {
  inv.FlushOutputForMessage();
  std::string s;
  if (!msg.empty()) s.append("grep: ").append(msg).push_back('\n');
  s += "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
  mc::WriteAll(inv.err_fd(), s.data(), s.size());
  return 2;
}

bool ParseContext(mc::Invocation& inv, const std::string& v, std::uintmax_t& out) {
  if (mc::ParseUnsigned(v, out) == mc::NumError::kOk) return true;
  if (mc::ParseUnsigned(v, out) == mc::NumError::kOverflow) {
    out = UINTMAX_MAX;
    return true;
  }
  Err(inv, v + ": invalid context length argument");
  return false;
}

// Reads -f FILE's patterns (newline-separated; a final newline ends the
// last one).
bool ReadPatternFile(mc::Invocation& inv, const std::string& name, std::string& all, bool& any) {
  int fd = name == "-" ? inv.in_fd() : ::open(name.c_str(), O_RDONLY | O_NOCTTY);
  if (fd < 0) {
    Err(inv, std::string(name) + ": " + std::string(mc::ErrorText(errno)));
    return false;
  }
  std::string text;
  char tmp[65536];
  for (;;) {
    long n = mc::ReadSome(fd, tmp, sizeof tmp);
    if (n < 0) {
      Err(inv, std::string(name) + ": " + std::string(mc::ErrorText(errno)));
      if (fd != inv.in_fd()) ::close(fd);
      return false;
    }
    if (n == 0) break;
    text.append(tmp, static_cast<std::size_t>(n));
  }
  if (fd != inv.in_fd()) ::close(fd);
  if (text.empty()) return true;
  if (text.back() == '\n') text.pop_back();
  if (any) all.push_back('\n');
  all += text;
  any = true;
  return true;
}

int GrepMain(mc::Invocation& inv, Mode mode) {
  Options o;
  o.mode = mode;
  std::string patterns;
  bool have_patterns = false;
  std::vector<std::string> files;
  std::optional<int> color_when;  // 0 never, 1 always, 2 auto
  bool failed = false;
  mc::cli::Parser p(inv);
  p.OnUsageError([&](std::string_view msg) { return UsageFail(inv, msg); });
  // A second, different matcher option is an error (as GNU's).
  bool mode_set = mode != Mode::kBasic;  // egrep and fgrep are grep -E, grep -F
  auto set_mode = [&](Mode m) {
    if (mode_set && o.mode != m) {
      Err(inv, "conflicting matchers specified");
      p.Stop(2);
    }
    o.mode = m;
    mode_set = true;
  };
  p.OnFlag("-E,--extended-regexp", [&] { set_mode(Mode::kExtended); });
  p.OnFlag("-F,--fixed-strings", [&] { set_mode(Mode::kFixed); });
  p.OnFlag("-G,--basic-regexp", [&] { set_mode(Mode::kBasic); });
  p.OnFlag("-P,--perl-regexp", [&] {
    Err(inv, "Perl matching not supported in a --disable-perl-regexp build");
    p.Stop(2);
  });
  p.OnValue("-e,--regexp", [&](const std::string& v) {
    patterns += v;
    patterns.push_back('\n');
    have_patterns = true;
  });
  p.OnValue("-f,--file", [&](const std::string& v) {
    bool any = false;
    std::string text;
    if (!ReadPatternFile(inv, v, text, any)) p.Stop(2);
    if (any) patterns.append(text).push_back('\n');
    have_patterns = true;
  });
  p.OnFlag("-i,-y,--ignore-case", [&] { o.icase = true; });
  p.OnFlag("--no-ignore-case", [&] { o.icase = false; });
  p.Flag("-w,--word-regexp", o.words);
  p.Flag("-x,--line-regexp", o.lines);
  p.Flag("-z,--null-data", o.null_data);
  p.Flag("-s,--no-messages", o.no_messages);
  p.Flag("-v,--invert-match", o.invert);
  p.OnFlag("-V,--version", [&] { p.Stop(mc::cli::PrintVersion(inv)); });
  p.OnFlag("--help", [&] { p.Stop(mc::cli::PrintHelp(inv)); });
  p.OnValue("-m,--max-count", [&](const std::string& v) {
    std::uintmax_t n;
    auto e = mc::ParseUnsigned(v, n);
    if (e == mc::NumError::kOverflow) n = UINTMAX_MAX;
    else if (e != mc::NumError::kOk) {
      std::intmax_t s;
      if (mc::ParseSigned(v, s) == mc::NumError::kOk && s < 0) {
        n = UINTMAX_MAX;
      } else {
        Err(inv, "invalid max count");
        p.Stop(2);
        return;
      }
    }
    o.max_count = n;
  });
  p.Flag("-b,--byte-offset", o.byte_offset);
  p.Flag("-n,--line-number", o.number);
  p.OnFlag("--no-line-number", [&] { o.number = false; });
  p.Flag("--line-buffered", o.line_buffered);
  p.OnValue("--label", [&](const std::string& v) { o.label = v; });
  p.OnFlag("-H,--with-filename", [&] { o.with_filename = 1; });
  p.OnFlag("-h,--no-filename", [&] { o.with_filename = 0; });
  p.Flag("-o,--only-matching", o.only);
  p.OnFlag("-q,--quiet,--silent", [&] { o.quiet = true; });
  p.OnValue("--binary-files", [&](const std::string& v) {
    if (v == "binary") o.binary = Binary::kBinary;
    else if (v == "text") o.binary = Binary::kText;
    else if (v == "without-match") o.binary = Binary::kWithoutMatch;
    else {
      Err(inv, "unknown binary-files type");
      p.Stop(2);
    }
  });
  p.OnFlag("-a,--text", [&] { o.binary = Binary::kText; });
  p.OnFlag("-I", [&] { o.binary = Binary::kWithoutMatch; });
  p.OnValue("-d,--directories", [&](const std::string& v) {
    static constexpr mc::Choice kDirs[] = {{"read", 0}, {"recurse", 2}, {"skip", 1}};
    int c = mc::MatchChoice(v, kDirs);
    if (c < 0) {
      Err(inv, "invalid argument " + mc::Quote(v) + " for '--directories'\nValid arguments are:\n  - 'read'\n  - 'recurse'\n  - 'skip'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.");
      p.Stop(2);
      return;
    }
    o.dirs = c == 0 ? Dirs::kRead : c == 1 ? Dirs::kSkip : Dirs::kRecurse;
  });
  p.OnValue("-D,--devices", [&](const std::string&) {});
  p.OnFlag("-r,--recursive", [&] {
    o.dirs = Dirs::kRecurse;
    o.deref_recursive = false;
  });
  p.OnFlag("-R,--dereference-recursive", [&] {
    o.dirs = Dirs::kRecurse;
    o.deref_recursive = true;
  });
  p.Value("--include", o.includes);
  p.Value("--exclude", o.excludes);
  p.OnValue("--exclude-from", [&](const std::string& v) {
    std::string all;
    bool any = false;
    if (!ReadPatternFile(inv, v, all, any)) {
      p.Stop(2);
      return;
    }
    std::size_t s = 0;
    while (any && s <= all.size()) {
      std::size_t e = all.find('\n', s);
      if (e == npos) e = all.size();
      if (e > s) o.excludes.push_back(all.substr(s, e - s));
      s = e + 1;
    }
  });
  p.Value("--exclude-dir", o.exclude_dirs);
  p.Flag("-L,--files-without-match", o.list_missing);
  p.Flag("-l,--files-with-matches", o.list);
  p.Flag("-c,--count", o.count);
  p.OnFlag("-Z,--null", [&] { o.null_after_name = true; });
  p.OnValue("-A,--after-context", [&](const std::string& v) {
    if (!ParseContext(inv, v, o.after)) p.Stop(2);
    o.context = true;
  });
  p.OnValue("-B,--before-context", [&](const std::string& v) {
    if (!ParseContext(inv, v, o.before)) p.Stop(2);
    o.context = true;
  });
  p.OnValue("-C,--context", [&](const std::string& v) {
    if (!ParseContext(inv, v, o.after)) p.Stop(2);
    o.before = o.after;
    o.context = true;
  });
  std::string digits;
  for (char c = '0'; c <= '9'; ++c) {
    p.OnFlag(std::string("-") + c, [&, c] {
      digits.push_back(c);
      std::uintmax_t n;
      if (!ParseContext(inv, digits, n)) p.Stop(2);
      o.before = o.after = n;
      o.context = true;
    });
  }
  p.OnValue("--group-separator", [&](const std::string& v) {
    o.group_separator = v;
    o.use_group_separator = true;
  });
  p.OnFlag("--no-group-separator", [&] { o.use_group_separator = false; });
  p.OptionalValue("--color,--colour", [&](std::optional<std::string_view> v) {
    if (!v || *v == "always" || *v == "yes" || *v == "force") color_when = 1;
    else if (*v == "never" || *v == "no" || *v == "none") color_when = 0;
    else if (*v == "auto" || *v == "tty" || *v == "if-tty") color_when = 2;
    else {
      // GNU shows the whole help (on stdout, status 0) for a bad WHEN.
      p.Stop(mc::cli::PrintHelp(inv));
    }
  });
  p.OnFlag("-U,--binary", [] {});
  p.OnFlag("-u,--unix-byte-offsets", [] {});
  if (auto r = p.Parse(&files)) return *r;
  (void)failed;

  if (!have_patterns) {
    if (files.empty()) return UsageFail(inv, "");
    patterns = files.front() + "\n";
    files.erase(files.begin());
    have_patterns = true;
  }
  if (color_when == 1) o.color = true;
  else if (color_when == 2) {
    auto term = inv.GetEnv("TERM");
    o.color = ::isatty(inv.out().fd()) == 1 && term && *term != "dumb";
  }
  if (o.only && o.invert) {
    // GNU prints nothing for the selected (non-matching) lines.
  }
  // Patterns: one per line of the combined text.
  std::vector<std::string> pats;
  if (!patterns.empty()) {
    patterns.pop_back();
    std::size_t s = 0;
    for (;;) {
      std::size_t e = patterns.find('\n', s);
      if (e == npos) {
        pats.push_back(patterns.substr(s));
        break;
      }
      pats.push_back(patterns.substr(s, e - s));
      s = e + 1;
    }
  }
  // GNU's shortcuts: duplicates go; no pattern at all (-f /dev/null)
  // is an empty pattern with -v flipped; and when nothing can be selected
  // the files are not read.
  {
    std::vector<std::string> uniq;
    for (auto& p : pats)
      if (std::find(uniq.begin(), uniq.end(), p) == uniq.end()) uniq.push_back(std::move(p));
    pats.swap(uniq);
  }
  if (pats.empty()) {
    o.invert = !o.invert;
    o.lines = o.words = false;
    pats.emplace_back();
  }
  const bool trivial = pats.size() == 1 && pats[0].empty();
  if ((o.max_count == 0 || (trivial && o.invert && !o.lines && !o.words)) && !o.list_missing)
    return 1;
  Matcher m(o);
  m.warn_ = [&](const std::string& w) { Err(inv, w); };
  std::string err = m.Compile(pats);
  if (!err.empty()) {
    Err(inv, err);
    return 2;
  }
  if (!o.quiet) {
    struct stat out, null;
    if (::fstat(inv.out().fd(), &out) == 0) {
      if (S_ISREG(out.st_mode)) {
        o.out_regular = true;
        o.out_dev = out.st_dev;
        o.out_ino = out.st_ino;
      } else if (S_ISCHR(out.st_mode) && ::stat("/dev/null", &null) == 0 &&
                 out.st_dev == null.st_dev && out.st_ino == null.st_ino) {
        o.dev_null = true;
        o.list = o.list_missing = o.count = false;
      }
    }
  }
  if (o.count || o.list || o.list_missing || o.quiet || o.dev_null)
    o.context = false, o.before = o.after = 0;
  if (o.quiet) o.list = o.list_missing = o.count = false;
  if (o.list || o.list_missing) o.count = false;

  Grep g(inv, o, m);
  bool strip = false;
  if (files.empty()) {
    if (o.dirs == Dirs::kRecurse) {
      files.push_back(".");
      strip = true;
    } else {
      files.push_back("-");
    }
  }
  bool with_name = files.size() > 1;
  if (o.dirs == Dirs::kRecurse && !with_name) {
    struct stat st;
    with_name = files[0] != "-" && ::stat(files[0].c_str(), &st) == 0 && S_ISDIR(st.st_mode);
  }
  if (o.with_filename >= 0) with_name = o.with_filename == 1;
  g.set_with_filename(with_name);
  try {
    for (const auto& f : files) {
      g.set_strip_dot(strip);
      g.Operand(f);
    }
  } catch (const QuitNow&) {
    return 0;
  }
  if (g.error() && !(o.quiet && g.matched())) return 2;
  return g.matched() ? 0 : 1;
}

}  // namespace

MC_APPLET(grep) {
  std::string_view prog = inv.prog();
  if (prog == "egrep") return GrepMain(inv, Mode::kExtended);
  if (prog == "fgrep") return GrepMain(inv, Mode::kFixed);
  return GrepMain(inv, Mode::kBasic);
}
