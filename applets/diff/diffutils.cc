/* @applet diff
   @failcode 2
   @help
Usage: diff [OPTION]... FILES
Compare FILES line by line.

Mandatory arguments to long options are mandatory for short options too.
      --normal                  output a normal diff (the default)
  -q, --brief                   report only when files differ
  -s, --report-identical-files  report when two files are the same
  -c, -C NUM, --context[=NUM]   output NUM (default 3) lines of copied context
  -u, -U NUM, --unified[=NUM]   output NUM (default 3) lines of unified context
  -e, --ed                      output an ed script
  -n, --rcs                     output an RCS format diff
  -y, --side-by-side            output in two columns
  -W, --width=NUM               output at most NUM (default 130) print columns
      --left-column             output only the left column of common lines
      --suppress-common-lines   do not output common lines

  -p, --show-c-function         show which C function each change is in
  -F, --show-function-line=RE   show the most recent line matching RE
      --label LABEL             use LABEL instead of file name and timestamp
                                  (can be repeated)

  -t, --expand-tabs             expand tabs to spaces in output
  -T, --initial-tab             make tabs line up by prepending a tab
      --tabsize=NUM             tab stops every NUM (default 8) print columns
      --suppress-blank-empty    suppress space or tab before empty output lines

  -r, --recursive                 recursively compare any subdirectories found
      --no-dereference            don't follow symbolic links
  -N, --new-file                  treat absent files as empty
      --unidirectional-new-file   treat absent first files as empty
  -x, --exclude=PAT               exclude files that match PAT
  -X, --exclude-from=FILE         exclude files that match any pattern in FILE

  -i, --ignore-case               ignore case differences in file contents
  -E, --ignore-tab-expansion      ignore changes due to tab expansion
  -Z, --ignore-trailing-space     ignore white space at line end
  -b, --ignore-space-change       ignore changes in the amount of white space
  -w, --ignore-all-space          ignore all white space
  -B, --ignore-blank-lines        ignore changes where lines are all blank
  -I, --ignore-matching-lines=RE  ignore changes where all lines match RE

  -a, --text                      treat all files as text
      --strip-trailing-cr         strip trailing carriage return on input

  -d, --minimal            try hard to find a smaller set of changes
      --horizon-lines=NUM  keep NUM lines of the common prefix and suffix
      --speed-large-files  assume large files and many scattered small changes
      --color[=WHEN]       color output; WHEN is 'never', 'always', or 'auto';
                             plain --color means --color='auto'

      --help               display this help and exit
  -v, --version            output version information and exit

FILES are 'FILE1 FILE2' or 'DIR1 DIR2' or 'DIR FILE' or 'FILE DIR'.
If a FILE is '-', read standard input.
Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.
*/
/* @applet sdiff
   @failcode 2
   @help
Usage: sdiff [OPTION]... FILE1 FILE2
Side-by-side merge of differences between FILE1 and FILE2.

Mandatory arguments to long options are mandatory for short options too.
  -o, --output=FILE            operate interactively, sending output to FILE
                                 (not supported here)

  -i, --ignore-case            consider upper- and lower-case to be the same
  -E, --ignore-tab-expansion   ignore changes due to tab expansion
  -Z, --ignore-trailing-space  ignore white space at line end
  -b, --ignore-space-change    ignore changes in the amount of white space
  -W, --ignore-all-space       ignore all white space
  -B, --ignore-blank-lines     ignore changes whose lines are all blank
  -I, --ignore-matching-lines=RE  ignore changes all whose lines match RE
      --strip-trailing-cr      strip trailing carriage return on input
  -a, --text                   treat all files as text

  -w, --width=NUM              output at most NUM (default 130) print columns
  -l, --left-column            output only the left column of common lines
  -s, --suppress-common-lines  do not output common lines

  -t, --expand-tabs            expand tabs to spaces in output
      --tabsize=NUM            tab stops at every NUM (default 8) print columns

  -d, --minimal                try hard to find a smaller set of changes
  -H, --speed-large-files      assume large files, many scattered small changes
      --diff-program=PROGRAM   ignored: the built-in diff is used

      --help                   display this help and exit
  -v, --version                output version information and exit

If a FILE is '-', read standard input.
Exit status is 0 if inputs are the same, 1 if different, 2 if trouble.
*/
#include <dirent.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/diff/engine.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/locale.h"
#include "applets/support/regex.h"
#include "applets/support/time_format.h"
#include "applets/support/tz.h"
#include "registry/applet.h"

namespace {

using mc::diff::Change;
using mc::diff::Text;
using mc::diff::White;
using Lin = std::ptrdiff_t;

constexpr int kTrouble = 2;
constexpr std::size_t kBinaryProbe = 32 * 1024;

enum class Style { kNormal, kContext, kUnified, kEd, kRcs, kSide };

// A compiled -I/-F pattern: GNU grep's BRE syntax, as GNU diff compiles
// them, on the shared regex module.
struct Regex {
  mutable mc::regex::Regex re;
  bool Search(std::string_view s) const { return re.Search(s, 0, nullptr); }
};

struct Options {
  Style style = Style::kNormal;
  bool style_set = false;
  bool style_conflict = false;
  Lin context = -1;
  bool text = false, brief = false, report_identical = false, recursive = false;
  bool new_file = false, unidirectional = false, expand_tabs = false, initial_tab = false;
  bool ignore_blank = false, strip_cr = false, left_column = false, suppress_common = false;
  bool no_deref = false, minimal = false, speed_large = false, suppress_blank_empty = false;
  bool color = false;
  mc::diff::LineOptions line;
  std::size_t horizon = 0;
  std::vector<std::string> labels;
  std::vector<std::unique_ptr<Regex>> ignore_re;
  std::unique_ptr<Regex> function_re;
  std::size_t width = 130;
  std::vector<std::string> excludes;
  std::string switches;  // the options as given, for "diff OPTIONS A B" lines
};

// One side of a comparison.
struct Side {
  std::string name;
  bool is_stdin = false;
  bool absent = false;  // -N: a missing file taken as empty
  struct stat st {};
  Text text;
};

enum Color { kReset, kHeader, kLineNum, kAdd, kDelete };

class Differ {
 public:
  Differ(mc::Invocation& inv, Options& o) : inv_(inv), o_(o), out_(inv.out()) {}

  int CompareFiles(const std::string& n0, const std::string& n1, bool top, bool absent0,
                   bool absent1);

 private:
  // ---- reading ----
  bool StatSide(Side& s, bool top);
  bool ReadSide(Side& s);
  int DiffDirs(const Side& a, const Side& b);
  int DiffTexts(Side& a, Side& b, bool top);

  // ---- output ----
  void SetColor(Color c);
  void BeginOutput();
  void Header(const char* mark, const Side& s, std::size_t which);
  int Analyze(std::size_t b, std::size_t e, Lin* f0, Lin* l0, Lin* f1, Lin* l1) const;
  bool Trivial(const Text& t, Lin i) const;
  void MarkIgnorable();
  std::size_t FindHunkEnd(std::size_t b) const;
  void PrintNormal();
  void PrintEd();
  void PrintRcs();
  void PrintContext(bool unified);
  void PrintContextHunk(std::size_t b, std::size_t e);
  void PrintUnifiedHunk(std::size_t b, std::size_t e);
  void PrintSide();
  void SideCommon(Lin limit0, Lin limit1);
  void SideLine(const Text* lt, Lin li, char sep, const Text* rt, Lin ri);
  std::size_t HalfLine(std::string_view line, std::size_t indent, std::size_t bound);
  std::size_t TabFromTo(std::size_t from, std::size_t to);
  void NumberRange(const Text& t, Lin a, Lin b, char sep);
  void LineFlag(const char* flag, const Text& t, Lin i, bool skip_nl);
  void OutputLine(std::string_view s, const char* flag_format, const char* flag);
  void Number(Lin n);
  std::optional<std::string_view> FindFunction(const Text& t, Lin linenum);
  void ContextFunction(std::string_view f);
  std::string TimeText(const struct stat& st);

  mc::Invocation& inv_;
  Options& o_;
  mc::Output& out_;
  std::optional<mc::tz::Zone> zone_;
  Color color_ = kReset;

 public:
  bool trouble_ = false;  // a warning that makes the exit status 2
  std::vector<std::string> late_warnings_;  // printed after the output, as GNU

 private:

  // The comparison being printed.
  const Side* a_ = nullptr;
  const Side* b_ = nullptr;
  std::vector<Change> script_;
  bool in_dir_ = false;   // a comparison inside directories: "diff ..." line
  bool began_ = false;
  Lin next0_ = 0, next1_ = 0;  // side by side
  Lin fn_last_search_ = 0, fn_last_match_ = -1;
};

std::string Join(const std::string& dir, std::string_view name) {
  std::string r = dir;
  if (r.empty() || r.back() != '/') r += '/';
  r += name;
  return r;
}

std::string_view BaseName(std::string_view p) {
  while (p.size() > 1 && p.back() == '/') p.remove_suffix(1);
  const std::size_t s = p.rfind('/');
  return s == std::string_view::npos ? p : p.substr(s + 1);
}

const char* TypeName(const struct stat& st) {
  switch (st.st_mode & S_IFMT) {
    case S_IFREG: return st.st_size == 0 ? "regular empty file" : "regular file";
    case S_IFDIR: return "directory";
    case S_IFLNK: return "symbolic link";
    case S_IFCHR: return "character special file";
    case S_IFBLK: return "block special file";
    case S_IFIFO: return "fifo";
    case S_IFSOCK: return "socket";
    default: return "weird file";
  }
}

bool Stdin(const Side& s, bool top) { return top && s.name == "-"; }

bool Differ::StatSide(Side& s, bool top) {
  s.is_stdin = Stdin(s, top);
  int r;
  if (s.is_stdin)
    r = fstat(inv_.in_fd(), &s.st);
  else if (o_.no_deref)
    r = lstat(s.name.c_str(), &s.st);
  else
    r = stat(s.name.c_str(), &s.st);
  if (r != 0) {
    mc::WarnErrno(inv_, mc::QuoteName(s.name), errno);
    return false;
  }
  return true;
}

bool Differ::ReadSide(Side& s) {
  s.text.data.clear();
  if (!s.absent) {
    int fd;
    if (s.is_stdin) {
      fd = inv_.in_fd();
    } else if (S_ISLNK(s.st.st_mode)) {
      // --no-dereference: a link's contents are its target.
      std::string target(256, '\0');
      for (;;) {
        ssize_t n = readlink(s.name.c_str(), target.data(), target.size());
        if (n < 0) {
          mc::WarnErrno(inv_, mc::QuoteName(s.name), errno);
          return false;
        }
        if (static_cast<std::size_t>(n) < target.size()) {
          target.resize(static_cast<std::size_t>(n));
          break;
        }
        target.resize(target.size() * 2);
      }
      s.text.data = std::move(target);
      s.text.Index(false);
      return true;
    } else {
      fd = open(s.name.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        mc::WarnErrno(inv_, mc::QuoteName(s.name), errno);
        return false;
      }
    }
    if (S_ISREG(s.st.st_mode) && s.st.st_size > 0)
      s.text.data.resize(static_cast<std::size_t>(s.st.st_size) + mc::kReadBlock);
    std::size_t used = 0;
    for (;;) {
      if (s.text.data.size() - used < mc::kReadBlock / 2)
        s.text.data.resize(std::max(used + mc::kReadBlock, 2 * s.text.data.size()));
      long n = mc::ReadSome(fd, s.text.data.data() + used, s.text.data.size() - used);
      if (n < 0) {
        const int err = errno;
        if (!s.is_stdin) close(fd);
        s.text.data.resize(used);
        mc::WarnErrno(inv_, mc::QuoteName(s.name), err);
        return false;
      }
      if (n == 0) break;
      used += static_cast<std::size_t>(n);
    }
    s.text.data.resize(used);
    if (!s.is_stdin) close(fd);
  }
  return true;
}

int Differ::CompareFiles(const std::string& n0, const std::string& n1, bool top, bool absent0,
                         bool absent1) {
  Side s[2];
  s[0].name = n0;
  s[1].name = n1;
  s[0].absent = absent0;
  s[1].absent = absent1;
  bool ok = true;
  for (int k = 0; k < 2; ++k) {
    if (s[k].absent) continue;
    s[k].is_stdin = Stdin(s[k], top);
    int r;
    if (s[k].is_stdin)
      r = fstat(inv_.in_fd(), &s[k].st);
    else
      r = o_.no_deref ? lstat(s[k].name.c_str(), &s[k].st) : stat(s[k].name.c_str(), &s[k].st);
    if (r != 0) {
      const int err = errno;
      const bool may_be_new = err == ENOENT && (o_.new_file || (k == 0 && o_.unidirectional));
      if (may_be_new && top) {
        s[k].absent = true;
      } else {
        mc::WarnErrno(inv_, mc::QuoteName(s[k].name), err);
        ok = false;
      }
    }
  }
  if (!ok) return kTrouble;
  if (s[0].absent && s[1].absent) {
    mc::WarnErrno(inv_, mc::QuoteName(s[0].name), ENOENT);
    return kTrouble;
  }
  auto is_dir = [](const Side& x) { return !x.absent && S_ISDIR(x.st.st_mode); };
  if (top && is_dir(s[0]) != is_dir(s[1]) && !s[0].absent && !s[1].absent) {
    // DIR FILE and FILE DIR: the file of the same name in the directory.
    const int d = is_dir(s[0]) ? 0 : 1;
    if (s[1 - d].is_stdin) mc::Die(inv_, "cannot compare '-' to a directory", kTrouble);
    s[d].name = Join(s[d].name, BaseName(s[1 - d].name));
    if (!StatSide(s[d], false)) return kTrouble;
  }
  if (is_dir(s[0]) || is_dir(s[1])) {
    const bool both = (is_dir(s[0]) || s[0].absent) && (is_dir(s[1]) || s[1].absent);
    if (both) {
      if (!top && !o_.recursive) {
        inv_.out().Write("Common subdirectories: " + s[0].name + " and " + s[1].name + "\n");
        return 0;
      }
      return DiffDirs(s[0], s[1]);
    }
    inv_.out().Write("File " + s[0].name + " is a " + TypeName(s[0].st) + " while file " +
                     s[1].name + " is a " + TypeName(s[1].st) + "\n");
    return 1;
  }
  if (!top && !s[0].absent && !s[1].absent) {
    const bool l0 = S_ISLNK(s[0].st.st_mode), l1 = S_ISLNK(s[1].st.st_mode);
    if (l0 != l1) {
      inv_.out().Write("File " + s[0].name + " is a " + TypeName(s[0].st) + " while file " +
                       s[1].name + " is a " + TypeName(s[1].st) + "\n");
      return 1;
    }
  }
  // The same file is identical to itself (side by side still prints it).
  if (!s[0].absent && !s[1].absent && s[0].st.st_dev == s[1].st.st_dev &&
      s[0].st.st_ino == s[1].st.st_ino && s[0].is_stdin == s[1].is_stdin &&
      o_.style != Style::kSide && S_ISREG(s[0].st.st_mode)) {
    if (o_.report_identical)
      inv_.out().Write("Files " + s[0].name + " and " + s[1].name + " are identical\n");
    return 0;
  }
  if (!ReadSide(s[0]) || !ReadSide(s[1])) return kTrouble;
  if (s[0].is_stdin && s[1].is_stdin) s[1].text.data = s[0].text.data;
  if (!s[0].absent && !s[1].absent && S_ISLNK(s[0].st.st_mode)) {
    if (s[0].text.data == s[1].text.data) return 0;
    inv_.out().Write("Symbolic links " + s[0].name + " and " + s[1].name + " differ\n");
    return 1;
  }
  return DiffTexts(s[0], s[1], top);
}

int Differ::DiffDirs(const Side& a, const Side& b) {
  std::vector<std::string> names[2];
  const Side* sd[2] = {&a, &b};
  for (int k = 0; k < 2; ++k) {
    if (sd[k]->absent) continue;
    DIR* d = opendir(sd[k]->name.c_str());
    if (!d) {
      mc::WarnErrno(inv_, mc::QuoteName(sd[k]->name), errno);
      return kTrouble;
    }
    errno = 0;
    while (struct dirent* e = readdir(d)) {
      std::string_view n = e->d_name;
      if (n == "." || n == "..") continue;
      bool excluded = false;
      for (const std::string& pat : o_.excludes)
        if (fnmatch(pat.c_str(), e->d_name, 0) == 0) excluded = true;
      if (!excluded) names[k].emplace_back(n);
      errno = 0;
    }
    const int err = errno;
    closedir(d);
    if (err) {
      mc::WarnErrno(inv_, mc::QuoteName(sd[k]->name), err);
      return kTrouble;
    }
    std::sort(names[k].begin(), names[k].end());
  }
  int status = 0;
  std::size_t i = 0, j = 0;
  while (i < names[0].size() || j < names[1].size()) {
    int c;
    if (i == names[0].size())
      c = 1;
    else if (j == names[1].size())
      c = -1;
    else
      c = names[0][i].compare(names[1][j]);
    int r;
    if (c == 0) {
      r = CompareFiles(Join(a.name, names[0][i]), Join(b.name, names[1][j]), false, false, false);
      ++i, ++j;
    } else if (c < 0) {
      if (o_.new_file) {
        r = CompareFiles(Join(a.name, names[0][i]), Join(b.name, names[0][i]), false, false, true);
      } else {
        inv_.out().Write("Only in " + a.name + ": " + names[0][i] + "\n");
        r = 1;
      }
      ++i;
    } else {
      if (o_.new_file || o_.unidirectional) {
        r = CompareFiles(Join(a.name, names[1][j]), Join(b.name, names[1][j]), false, true, false);
      } else {
        inv_.out().Write("Only in " + b.name + ": " + names[1][j] + "\n");
        r = 1;
      }
      ++j;
    }
    status = std::max(status, r);
  }
  return status;
}

bool HasNul(const std::string& d) {
  return std::memchr(d.data(), 0, std::min(d.size(), kBinaryProbe)) != nullptr;
}

int Differ::DiffTexts(Side& a, Side& b, bool top) {
  const bool ignoring = o_.line.ignore_case || o_.line.white != White::kNone || o_.ignore_blank ||
                        !o_.ignore_re.empty() || o_.strip_cr;
  const bool binary = !o_.text && (HasNul(a.text.data) || HasNul(b.text.data));
  if (binary || (o_.brief && !ignoring)) {
    if (a.text.data == b.text.data) {
      if (o_.report_identical)
        out_.Write("Files " + a.name + " and " + b.name + " are identical\n");
      return 0;
    }
    out_.Write((o_.brief ? "Files " : "Binary files ") + a.name + " and " + b.name + " differ\n");
    return 1;
  }
  a.text.Index(o_.strip_cr);
  b.text.Index(o_.strip_cr);
  mc::diff::CompareOptions co;
  co.line = o_.line;
  co.minimal = o_.minimal;
  co.speed_large = o_.speed_large;
  co.robust = o_.style != Style::kEd;
  co.horizon = o_.horizon;
  if (!co.robust) {
    // ed scripts cannot express a missing newline: GNU completes the line.
    for (Side* s : {&a, &b}) {
      if (s->text.missing_newline) {
        late_warnings_.push_back(s->name + ": No newline at end of file\n");
        trouble_ = true;
        s->text.data.push_back('\n');
        s->text.Index(false);
      }
    }
  }
  script_ = mc::diff::Compare(a.text, b.text, co);
  a_ = &a;
  b_ = &b;
  in_dir_ = !top;
  began_ = false;
  if (o_.ignore_blank || !o_.ignore_re.empty()) MarkIgnorable();
  // Whether anything but ignorable changes remain.
  bool differ = false;
  for (std::size_t i = 0; i < script_.size(); ++i) {
    Lin f0, l0, f1, l1;
    if (Analyze(i, i + 1, &f0, &l0, &f1, &l1)) differ = true;
  }
  if (o_.brief) {
    if (differ) out_.Write("Files " + a.name + " and " + b.name + " differ\n");
    return differ ? 1 : 0;
  }
  if (o_.style == Style::kSide) {
    PrintSide();
  } else if (!script_.empty() && differ) {
    switch (o_.style) {
      case Style::kNormal: PrintNormal(); break;
      case Style::kEd: PrintEd(); break;
      case Style::kRcs: PrintRcs(); break;
      case Style::kContext: PrintContext(false); break;
      case Style::kUnified: PrintContext(true); break;
      case Style::kSide: break;
    }
  }
  for (const std::string& w : late_warnings_) mc::Warn(inv_, w);
  late_warnings_.clear();
  if (!differ && o_.report_identical)
    out_.Write("Files " + a.name + " and " + b.name + " are identical\n");
  return differ ? 1 : 0;
}

// ---- output ----

void Differ::SetColor(Color c) {
  if (!o_.color || c == color_) return;
  static constexpr const char* kCodes[] = {"0", "1", "36", "32", "31"};
  out_.Write("\033[");
  out_.Write(kCodes[c]);
  out_.Put('m');
  color_ = c;
}

std::string Differ::TimeText(const struct stat& st) {
  if (!zone_) zone_ = mc::tz::Zone::Load(inv_.GetEnv("TZ"));
  const mc::timefmt::BrokenTime tm =
      mc::timefmt::Breakdown(st.st_mtim.tv_sec, st.st_mtim.tv_nsec, *zone_);
  std::string r;
  // POSIX's format for -c in the C locale; ISO 8601 otherwise.
  const bool traditional = o_.style == Style::kContext && !mc::HardLocale(inv_, "LC_TIME");
  mc::timefmt::Format(traditional ? "%a %b %e %T %Y" : "%Y-%m-%d %H:%M:%S.%N %z", tm, &r);
  return r;
}

void Differ::Header(const char* mark, const Side& s, std::size_t which) {
  SetColor(kHeader);
  out_.Write(mark);
  out_.Put(' ');
  if (which < o_.labels.size()) {
    out_.Write(o_.labels[which]);
  } else {
    out_.Write(s.name);
    out_.Put('\t');
    out_.Write(TimeText(s.st));
  }
  SetColor(kReset);
  out_.Put('\n');
}

void Differ::BeginOutput() {
  if (began_) return;
  began_ = true;
  if (in_dir_) {
    out_.Write("diff");
    if (!o_.switches.empty()) {
      out_.Put(' ');
      out_.Write(o_.switches);
    }
    out_.Write(" " + a_->name + " " + b_->name + "\n");
  }
  if (o_.style == Style::kContext) {
    Header("***", *a_, 0);
    Header("---", *b_, 1);
  } else if (o_.style == Style::kUnified) {
    Header("---", *a_, 0);
    Header("+++", *b_, 1);
  }
}

void Differ::Number(Lin n) { out_.Write(std::to_string(n)); }

// A line is ignorable under -B (blank after the white space the options
// ignore) or -I (matches one of the expressions).
bool Differ::Trivial(const Text& t, Lin i) const {
  std::string_view line = t.Content(static_cast<std::size_t>(i));
  if (o_.ignore_blank) {
    std::string_view p = line;
    if (o_.line.white >= White::kTrailing) {
      std::size_t k = 0;
      while (k < p.size() && mc::diff::IsSpace(p[k])) ++k;
      if (k == p.size()) p = {};
    }
    if (p.empty()) return true;
  }
  for (const auto& re : o_.ignore_re)
    if (re->Search(line)) return true;
  return false;
}

// GNU's analyze_hunk over changes [b, e): the line ranges, and OLD (1) |
// NEW (2), or 0 when every line is ignorable.
int Differ::Analyze(std::size_t b, std::size_t e, Lin* f0, Lin* l0, Lin* f1, Lin* l1) const {
  const bool trivial_possible = o_.ignore_blank || !o_.ignore_re.empty();
  bool trivial = trivial_possible;
  Lin show_from = 0, show_to = 0;
  *f0 = static_cast<Lin>(script_[b].line0);
  *f1 = static_cast<Lin>(script_[b].line1);
  for (std::size_t k = b; k < e; ++k) {
    const Change& c = script_[k];
    *l0 = static_cast<Lin>(c.line0 + c.deleted) - 1;
    *l1 = static_cast<Lin>(c.line1 + c.inserted) - 1;
    show_from += static_cast<Lin>(c.deleted);
    show_to += static_cast<Lin>(c.inserted);
    for (Lin i = static_cast<Lin>(c.line0); i <= *l0 && trivial; ++i)
      if (!Trivial(a_->text, i)) trivial = false;
    for (Lin i = static_cast<Lin>(c.line1); i <= *l1 && trivial; ++i)
      if (!Trivial(b_->text, i)) trivial = false;
  }
  if (trivial) return 0;
  return (show_from ? 1 : 0) | (show_to ? 2 : 0);
}

void Differ::MarkIgnorable() {
  for (std::size_t i = 0; i < script_.size(); ++i) {
    Lin f0, l0, f1, l1;
    script_[i].ignore = Analyze(i, i + 1, &f0, &l0, &f1, &l1) == 0;
  }
}

std::size_t Differ::FindHunkEnd(std::size_t b) const {
  const Lin ctx = o_.context;
  std::size_t i = b;
  for (;;) {
    const Change& c = script_[i];
    const Lin top0 = static_cast<Lin>(c.line0 + c.deleted);
    if (i + 1 == script_.size()) return i + 1;
    const Change& n = script_[i + 1];
    const Lin thresh = n.ignore ? ctx : 2 * ctx + 1;
    if (static_cast<Lin>(n.line0) - top0 >= thresh) return i + 1;
    ++i;
  }
}

// Line numbers of a range [a, b] (0-based, b == a-1 when empty), as
// GNU's print_number_range.
void Differ::NumberRange(const Text&, Lin a, Lin b, char sep) {
  const Lin ta = a + 1, tb = b + 1;
  if (tb > ta) {
    Number(ta);
    out_.Put(sep);
    Number(tb);
  } else {
    Number(tb);
  }
}

void Differ::OutputLine(std::string_view s, const char* flag_format, const char* flag) {
  if (!o_.expand_tabs) {
    out_.Write(s);
    return;
  }
  std::size_t column = 0;
  const std::size_t ts = o_.line.tabsize;
  for (std::size_t k = 0; k < s.size(); ++k) {
    const unsigned char c = s[k];
    switch (c) {
      case '\t': {
        std::size_t spaces = ts - column % ts;
        column += spaces;
        while (spaces--) out_.Put(' ');
        break;
      }
      case '\r':
        out_.Put('\r');
        if (flag_format && k + 1 < s.size() && s[k + 1] != '\n') {
          out_.Write(flag);
          out_.Put(flag_format[2] == '\t' ? '\t' : ' ');
        }
        column = 0;
        break;
      case '\b':
        if (column == 0) continue;
        column--;
        out_.Put('\b');
        break;
      default:
        column += (c >= 0x20 && c < 0x7f);
        out_.Put(static_cast<char>(c));
    }
  }
}

// GNU's print_1_line_nl: FLAG (and a space or tab) then the line; a
// missing newline is reported on a line of its own.
void Differ::LineFlag(const char* flag, const Text& t, Lin i, bool skip_nl) {
  std::string_view line = t.Line(static_cast<std::size_t>(i));
  const char* flag_format = nullptr;
  if (flag && *flag) {
    flag_format = o_.initial_tab ? "%s\t" : "%s ";
    out_.Write(flag);
    if (!(o_.suppress_blank_empty && (line.empty() || line[0] == '\n')))
      out_.Put(o_.initial_tab ? '\t' : ' ');
  }
  const bool has_nl = !line.empty() && line.back() == '\n';
  OutputLine(skip_nl && has_nl ? line.substr(0, line.size() - 1) : line, flag_format, flag);
  if ((!flag || flag[0]) && !has_nl) {
    SetColor(kReset);
    out_.Write("\n\\ No newline at end of file\n");
  }
}

void Differ::PrintNormal() {
  for (std::size_t k = 0; k < script_.size(); ++k) {
    Lin f0, l0, f1, l1;
    const int changes = Analyze(k, k + 1, &f0, &l0, &f1, &l1);
    if (!changes) continue;
    BeginOutput();
    SetColor(kLineNum);
    NumberRange(a_->text, f0, l0, ',');
    out_.Put("?dac"[changes]);
    NumberRange(b_->text, f1, l1, ',');
    SetColor(kReset);
    out_.Put('\n');
    if (changes & 1) {
      for (Lin i = f0; i <= l0; ++i) {
        SetColor(kDelete);
        LineFlag("<", a_->text, i, true);
        SetColor(kReset);
        if (a_->text.Line(static_cast<std::size_t>(i)).back() == '\n') out_.Put('\n');
      }
    }
    if (changes == 3) out_.Write("---\n");
    if (changes & 2) {
      for (Lin i = f1; i <= l1; ++i) {
        SetColor(kAdd);
        LineFlag(">", b_->text, i, true);
        SetColor(kReset);
        if (b_->text.Line(static_cast<std::size_t>(i)).back() == '\n') out_.Put('\n');
      }
    }
  }
}

void Differ::PrintEd() {
  for (std::size_t k = script_.size(); k-- > 0;) {
    Lin f0, l0, f1, l1;
    const int changes = Analyze(k, k + 1, &f0, &l0, &f1, &l1);
    if (!changes) continue;
    BeginOutput();
    NumberRange(a_->text, f0, l0, ',');
    out_.Put("?dac"[changes]);
    out_.Put('\n');
    if (changes != 1) {
      bool insert_mode = true;
      for (Lin i = f1; i <= l1; ++i) {
        if (!insert_mode) {
          out_.Write("a\n");
          insert_mode = true;
        }
        std::string_view line = b_->text.Line(static_cast<std::size_t>(i));
        if (line == ".\n") {
          out_.Write("..\n.\ns/.//\n");
          insert_mode = false;
        } else {
          LineFlag("", b_->text, i, false);
        }
      }
      if (insert_mode) out_.Write(".\n");
    }
  }
}

void Differ::PrintRcs() {
  for (std::size_t k = 0; k < script_.size(); ++k) {
    Lin f0, l0, f1, l1;
    const int changes = Analyze(k, k + 1, &f0, &l0, &f1, &l1);
    if (!changes) continue;
    BeginOutput();
    const Lin tf0 = f0 + 1, tl0 = l0 + 1;
    if (changes & 1) {
      out_.Put('d');
      Number(tf0);
      out_.Put(' ');
      Number(tf0 <= tl0 ? tl0 - tf0 + 1 : 1);
      out_.Put('\n');
    }
    if (changes & 2) {
      const Lin tf1 = f1 + 1, tl1 = l1 + 1;
      out_.Put('a');
      Number(tl0);
      out_.Put(' ');
      Number(tf1 <= tl1 ? tl1 - tf1 + 1 : 1);
      out_.Put('\n');
      for (Lin i = f1; i <= l1; ++i) LineFlag("", b_->text, i, false);
    }
  }
}

std::optional<std::string_view> Differ::FindFunction(const Text& t, Lin linenum) {
  Lin i = linenum;
  const Lin last = fn_last_search_;
  fn_last_search_ = i;
  while (last <= --i) {
    if (o_.function_re->Search(t.Content(static_cast<std::size_t>(i)))) {
      fn_last_match_ = i;
      return t.Line(static_cast<std::size_t>(i));
    }
  }
  if (fn_last_match_ >= 0) return t.Line(static_cast<std::size_t>(fn_last_match_));
  return std::nullopt;
}

void Differ::ContextFunction(std::string_view f) {
  out_.Put(' ');
  std::size_t i = 0;
  while (i < f.size() && f[i] != '\n' && mc::diff::IsSpace(f[i])) ++i;
  std::size_t j = i;
  while (j < i + 40 && j < f.size() && f[j] != '\n') ++j;
  while (i < j && mc::diff::IsSpace(f[j - 1])) --j;
  out_.Write(f.substr(i, j - i));
}

void Differ::PrintContext(bool unified) {
  fn_last_search_ = 0;
  fn_last_match_ = -1;
  std::size_t b = 0;
  while (b < script_.size()) {
    const std::size_t e = FindHunkEnd(b);
    if (unified)
      PrintUnifiedHunk(b, e);
    else
      PrintContextHunk(b, e);
    b = e;
  }
}

void Differ::PrintContextHunk(std::size_t b, std::size_t e) {
  Lin first0, last0, first1, last1;
  const int changes = Analyze(b, e, &first0, &last0, &first1, &last1);
  if (!changes) return;
  const Lin ctx = o_.context;
  const Lin valid0 = static_cast<Lin>(a_->text.lines()), valid1 = static_cast<Lin>(b_->text.lines());
  first0 = std::max<Lin>(first0 - ctx, 0);
  first1 = std::max<Lin>(first1 - ctx, 0);
  last0 = last0 < valid0 - ctx ? last0 + ctx : valid0 - 1;
  last1 = last1 < valid1 - ctx ? last1 + ctx : valid1 - 1;
  std::optional<std::string_view> function;
  if (o_.function_re) function = FindFunction(a_->text, first0);
  BeginOutput();
  out_.Write("***************");
  if (function) ContextFunction(*function);
  out_.Put('\n');
  auto range = [&](Lin a, Lin bb) {
    const Lin ta = a + 1, tb = bb + 1;
    if (tb <= ta) {
      Number(tb);
    } else {
      Number(ta);
      out_.Put(',');
      Number(tb);
    }
  };
  SetColor(kLineNum);
  out_.Write("*** ");
  range(first0, last0);
  out_.Write(" ****");
  SetColor(kReset);
  out_.Put('\n');
  if (changes & 1) {
    std::size_t next = b;
    for (Lin i = first0; i <= last0; ++i) {
      while (next < e && static_cast<Lin>(script_[next].line0 + script_[next].deleted) <= i) ++next;
      const char* prefix = " ";
      if (next < e && static_cast<Lin>(script_[next].line0) <= i)
        prefix = script_[next].inserted > 0 ? "!" : "-";
      SetColor(kDelete);
      LineFlag(prefix, a_->text, i, true);
      SetColor(kReset);
      if (a_->text.Line(static_cast<std::size_t>(i)).back() == '\n') out_.Put('\n');
    }
  }
  SetColor(kLineNum);
  out_.Write("--- ");
  range(first1, last1);
  out_.Write(" ----");
  SetColor(kReset);
  out_.Put('\n');
  if (changes & 2) {
    std::size_t next = b;
    for (Lin i = first1; i <= last1; ++i) {
      while (next < e && static_cast<Lin>(script_[next].line1 + script_[next].inserted) <= i) ++next;
      const char* prefix = " ";
      if (next < e && static_cast<Lin>(script_[next].line1) <= i)
        prefix = script_[next].deleted > 0 ? "!" : "+";
      SetColor(kAdd);
      LineFlag(prefix, b_->text, i, true);
      SetColor(kReset);
      if (b_->text.Line(static_cast<std::size_t>(i)).back() == '\n') out_.Put('\n');
    }
  }
}

void Differ::PrintUnifiedHunk(std::size_t b, std::size_t e) {
  Lin first0, last0, first1, last1;
  if (!Analyze(b, e, &first0, &last0, &first1, &last1)) return;
  const Lin ctx = o_.context;
  const Lin valid0 = static_cast<Lin>(a_->text.lines()), valid1 = static_cast<Lin>(b_->text.lines());
  first0 = std::max<Lin>(first0 - ctx, 0);
  first1 = std::max<Lin>(first1 - ctx, 0);
  last0 = last0 < valid0 - ctx ? last0 + ctx : valid0 - 1;
  last1 = last1 < valid1 - ctx ? last1 + ctx : valid1 - 1;
  std::optional<std::string_view> function;
  if (o_.function_re) function = FindFunction(a_->text, first0);
  BeginOutput();
  auto range = [&](Lin a, Lin bb) {
    const Lin ta = a + 1, tb = bb + 1;
    if (tb <= ta) {
      Number(tb);
      if (tb < ta) out_.Write(",0");
    } else {
      Number(ta);
      out_.Put(',');
      Number(tb - ta + 1);
    }
  };
  SetColor(kLineNum);
  out_.Write("@@ -");
  range(first0, last0);
  out_.Write(" +");
  range(first1, last1);
  out_.Write(" @@");
  SetColor(kReset);
  if (function) ContextFunction(*function);
  out_.Put('\n');
  std::size_t next = b;
  Lin i = first0, j = first1;
  while (i <= last0 || j <= last1) {
    if (next >= e || i < static_cast<Lin>(script_[next].line0)) {
      std::string_view line = a_->text.Line(static_cast<std::size_t>(i));
      if (!(o_.suppress_blank_empty && line[0] == '\n')) out_.Put(o_.initial_tab ? '\t' : ' ');
      LineFlag(nullptr, a_->text, i, false);
      ++i, ++j;
    } else {
      for (std::size_t k = script_[next].deleted; k--; ++i) {
        std::string_view line = a_->text.Line(static_cast<std::size_t>(i));
        SetColor(kDelete);
        out_.Put('-');
        if (o_.initial_tab && !(o_.suppress_blank_empty && line[0] == '\n')) out_.Put('\t');
        LineFlag(nullptr, a_->text, i, true);
        SetColor(kReset);
        if (line.back() == '\n') out_.Put('\n');
      }
      for (std::size_t k = script_[next].inserted; k--; ++j) {
        std::string_view line = b_->text.Line(static_cast<std::size_t>(j));
        SetColor(kAdd);
        out_.Put('+');
        if (o_.initial_tab && !(o_.suppress_blank_empty && line[0] == '\n')) out_.Put('\t');
        LineFlag(nullptr, b_->text, j, true);
        SetColor(kReset);
        if (line.back() == '\n') out_.Put('\n');
      }
      ++next;
    }
  }
}

// ---- side by side ----

struct SideGeometry {
  std::size_t half, col2;
};

SideGeometry Geometry(const Options& o) {
  const std::size_t t = o.expand_tabs ? 1 : o.line.tabsize;
  const std::size_t w = o.width;
  const std::size_t tg = t + 3;
  const std::size_t unaligned = (w >> 1) + (tg >> 1) + (w & tg & 1);
  const std::size_t off = unaligned - unaligned % t;
  std::size_t half = 0;
  if (off > 3 && off < w) half = std::min(off - 3, w - off);
  return {half, half ? off : w};
}

std::size_t Differ::TabFromTo(std::size_t from, std::size_t to) {
  const std::size_t ts = o_.line.tabsize;
  if (!o_.expand_tabs) {
    for (std::size_t tab = from + ts - from % ts; tab <= to; tab += ts) {
      out_.Put('\t');
      from = tab;
    }
  }
  while (from++ < to) out_.Put(' ');
  return to;
}

std::size_t Differ::HalfLine(std::string_view line, std::size_t indent, std::size_t bound) {
  std::size_t in = 0, outp = 0;
  const std::size_t ts = o_.line.tabsize;
  for (std::size_t k = 0; k < line.size(); ++k) {
    const unsigned char c = line[k];
    switch (c) {
      case '\t': {
        const std::size_t spaces = ts - in % ts;
        if (in == outp) {
          std::size_t tabstop = outp + spaces;
          if (o_.expand_tabs) {
            if (bound < tabstop) tabstop = bound;
            for (; outp < tabstop; ++outp) out_.Put(' ');
          } else if (tabstop < bound) {
            outp = tabstop;
            out_.Put('\t');
          }
        }
        in += spaces;
        break;
      }
      case '\r':
        out_.Put('\r');
        TabFromTo(0, indent);
        in = outp = 0;
        break;
      case '\b':
        if (in != 0 && --in < bound) {
          if (outp <= in) {
            for (; outp < in; ++outp) out_.Put(' ');
          } else {
            outp = in;
            out_.Put('\b');
          }
        }
        break;
      case '\n':
        return outp;
      case '\f':
      case '\v':
      case 0:
        if (in < bound) out_.Put(static_cast<char>(c));
        break;
      default:
        if (c >= 0x20 && c < 0x7f) {
          if (in++ < bound) {
            outp = in;
            out_.Put(static_cast<char>(c));
          }
        } else if (c < 0x80) {
          // A control character: no width (wcwidth -1), printed in bounds.
          if (in <= bound) {
            outp = in;
            out_.Put(static_cast<char>(c));
          }
        } else {
          // Not a character in the C locale.
          if (in < bound) out_.Put(static_cast<char>(c));
        }
    }
  }
  return outp;
}

void Differ::SideLine(const Text* lt, Lin li, char sep, const Text* rt, Lin ri) {
  const SideGeometry g = Geometry(o_);
  std::size_t col = 0;
  bool put_newline = false;
  bool reset = false;
  if (sep == '<') {
    SetColor(kDelete);
    reset = true;
  } else if (sep == '>') {
    SetColor(kAdd);
    reset = true;
  }
  std::string_view left, right;
  if (lt) {
    left = lt->Line(static_cast<std::size_t>(li));
    put_newline |= left.back() == '\n';
    col = HalfLine(left, 0, g.half);
  }
  if (rt) right = rt->Line(static_cast<std::size_t>(ri));
  if (sep != ' ') {
    col = TabFromTo(col, (g.half + g.col2 - 1) / 2) + 1;
    if (sep == '|' && put_newline != (right.back() == '\n')) sep = put_newline ? '/' : '\\';
    out_.Put(sep);
  }
  if (rt) {
    put_newline |= right.back() == '\n';
    if (right[0] != '\n') {
      col = TabFromTo(col, g.col2);
      HalfLine(right, col, g.half);
    }
  }
  if (put_newline) out_.Put('\n');
  if (reset) SetColor(kReset);
}

void Differ::SideCommon(Lin limit0, Lin limit1) {
  Lin i0 = next0_, i1 = next1_;
  if (!o_.suppress_common && (i0 != limit0 || i1 != limit1)) {
    if (!o_.left_column) {
      while (i0 != limit0 && i1 != limit1) SideLine(&a_->text, i0++, ' ', &b_->text, i1++);
      while (i1 != limit1) SideLine(nullptr, 0, ')', &b_->text, i1++);
    }
    while (i0 != limit0) SideLine(&a_->text, i0++, '(', nullptr, 0);
  }
  next0_ = limit0;
  next1_ = limit1;
}

void Differ::PrintSide() {
  BeginOutput();
  next0_ = next1_ = 0;
  for (std::size_t k = 0; k < script_.size(); ++k) {
    Lin first0, last0, first1, last1;
    int changes = Analyze(k, k + 1, &first0, &last0, &first1, &last1);
    if (!changes) continue;
    SideCommon(first0, first1);
    if (changes == 3) {
      Lin i = first0, j = first1;
      for (; i <= last0 && j <= last1; ++i, ++j) SideLine(&a_->text, i, '|', &b_->text, j);
      changes = (i <= last0 ? 1 : 0) + (j <= last1 ? 2 : 0);
      next0_ = first0 = i;
      next1_ = first1 = j;
    }
    if (changes & 2) {
      Lin j = first1;
      for (; j <= last1; ++j) SideLine(nullptr, 0, '>', &b_->text, j);
      next1_ = j;
    }
    if (changes & 1) {
      Lin i = first0;
      for (; i <= last0; ++i) SideLine(&a_->text, i, '<', nullptr, 0);
      next0_ = i;
    }
  }
  SideCommon(static_cast<Lin>(a_->text.lines()), static_cast<Lin>(b_->text.lines()));
}

// ---- options ----

int TryHelp(mc::Invocation& inv, std::string_view msg) {
  if (!msg.empty()) mc::Warn(inv, msg);
  mc::Warn(inv, "Try '" + std::string(inv.prog()) + " --help' for more information.");
  return kTrouble;
}

std::optional<std::size_t> ParseCount(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::size_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::size_t>(c - '0');
  }
  return v;
}

int DiffMain(mc::Invocation& inv) {
  inv.set_write_error_label("standard output");
  Options o;
  mc::cli::Parser p(inv);
  std::optional<int> usage;
  auto fail = [&](std::string msg) {
    if (!usage) usage = TryHelp(inv, msg);
    p.Stop(kTrouble);
  };
  auto style = [&](Style s) {
    if (o.style_set && o.style != s) o.style_conflict = true;
    o.style = s;
    o.style_set = true;
  };
  auto context = [&](std::string_view v) {
    auto n = ParseCount(v);
    if (!n) return fail("invalid context length " + mc::QuoteC(v));
    o.context = std::max<Lin>(o.context, static_cast<Lin>(*n));
  };
  auto regex = [&](const std::string& v) -> std::unique_ptr<Regex> {
    auto r = std::make_unique<Regex>();
    mc::regex::Options ro;
    ro.syntax = mc::regex::Syntax::kBasic;
    ro.no_sub = true;
    if (std::string err = r->re.Compile(v, ro); !err.empty()) {
      mc::Warn(inv, v + ": " + err);  // GNU: "diff: \\(: Unmatched ( or \\("
      p.Stop(kTrouble);
      if (!usage) usage = kTrouble;
      return nullptr;
    }
    return r;
  };
  auto white = [&](White w) { o.line.white = std::max(o.line.white, w); };
  std::string color_when;
  p.OnFlag("--normal", [&] { style(Style::kNormal); });
  p.Flag("-q,--brief", o.brief);
  p.Flag("-s,--report-identical-files", o.report_identical);
  p.OnFlag("-c", [&] {
    style(Style::kContext);
    o.context = std::max<Lin>(o.context, 3);
  });
  p.OnValue("-C", [&](const std::string& v) {
    style(Style::kContext);
    context(v);
  });
  p.OptionalValue("--context", [&](std::optional<std::string_view> v) {
    style(Style::kContext);
    if (v)
      context(*v);
    else
      o.context = std::max<Lin>(o.context, 3);
  });
  p.OnFlag("-u", [&] {
    style(Style::kUnified);
    o.context = std::max<Lin>(o.context, 3);
  });
  p.OnValue("-U", [&](const std::string& v) {
    style(Style::kUnified);
    context(v);
  });
  p.OptionalValue("--unified", [&](std::optional<std::string_view> v) {
    style(Style::kUnified);
    if (v)
      context(*v);
    else
      o.context = std::max<Lin>(o.context, 3);
  });
  p.OnFlag("-e,--ed", [&] { style(Style::kEd); });
  p.OnFlag("-n,--rcs", [&] { style(Style::kRcs); });
  p.OnFlag("-y,--side-by-side", [&] { style(Style::kSide); });
  p.OnValue("-W,--width", [&](const std::string& v) {
    auto n = ParseCount(v);
    if (!n || *n == 0) return fail("invalid width " + mc::QuoteC(v));
    o.width = *n;
  });
  p.Flag("--left-column", o.left_column);
  p.Flag("--suppress-common-lines", o.suppress_common);
  p.OnFlag("-p,--show-c-function", [&] { o.function_re = regex("^[[:alpha:]$_]"); });
  p.OnValue("-F,--show-function-line", [&](const std::string& v) { o.function_re = regex(v); });
  p.OnValue("--label", [&](const std::string& v) { o.labels.push_back(v); });
  p.Flag("-t,--expand-tabs", o.expand_tabs);
  p.Flag("-T,--initial-tab", o.initial_tab);
  p.OnValue("--tabsize", [&](const std::string& v) {
    auto n = ParseCount(v);
    if (!n || *n == 0) return fail("invalid tabsize " + mc::QuoteC(v));
    o.line.tabsize = *n;
  });
  p.Flag("--suppress-blank-empty", o.suppress_blank_empty);
  p.Flag("-r,--recursive", o.recursive);
  p.Flag("--no-dereference", o.no_deref);
  p.Flag("-N,--new-file", o.new_file);
  p.Flag("--unidirectional-new-file", o.unidirectional);
  p.OnValue("-x,--exclude", [&](const std::string& v) { o.excludes.push_back(v); });
  p.OnValue("-X,--exclude-from", [&](const std::string& v) {
    mc::diff::Text t;
    Side s;
    s.name = v;
    int fd = open(v.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      mc::WarnErrno(inv, mc::QuoteName(v), errno);
      if (!usage) usage = kTrouble;
      return p.Stop(kTrouble);
    }
    std::string data;
    char buf[4096];
    long n;
    while ((n = mc::ReadSome(fd, buf, sizeof buf)) > 0) data.append(buf, static_cast<std::size_t>(n));
    close(fd);
    std::size_t start = 0;
    while (start < data.size()) {
      std::size_t nl = data.find('\n', start);
      if (nl == std::string::npos) nl = data.size();
      if (nl > start) o.excludes.push_back(data.substr(start, nl - start));
      start = nl + 1;
    }
  });
  p.Flag("-i,--ignore-case", o.line.ignore_case);
  p.OnFlag("-E,--ignore-tab-expansion", [&] { white(White::kTabExpansion); });
  p.OnFlag("-Z,--ignore-trailing-space", [&] { white(White::kTrailing); });
  p.OnFlag("-b,--ignore-space-change", [&] { white(White::kSpaceChange); });
  p.OnFlag("-w,--ignore-all-space", [&] { white(White::kAll); });
  p.Flag("-B,--ignore-blank-lines", o.ignore_blank);
  p.OnValue("-I,--ignore-matching-lines", [&](const std::string& v) {
    if (auto r = regex(v)) o.ignore_re.push_back(std::move(r));
  });
  p.Flag("-a,--text", o.text);
  p.Flag("--strip-trailing-cr", o.strip_cr);
  p.Flag("-d,--minimal", o.minimal);
  p.OnValue("--horizon-lines", [&](const std::string& v) {
    auto n = ParseCount(v);
    if (!n) return fail("invalid horizon length " + mc::QuoteC(v));
    o.horizon = std::max(o.horizon, *n);
  });
  p.Flag("-H,--speed-large-files", o.speed_large);
  p.OptionalValue("--color", [&](std::optional<std::string_view> v) {
    color_when = v ? std::string(*v) : "auto";
    if (color_when != "never" && color_when != "always" && color_when != "auto")
      fail("invalid color " + mc::QuoteC(color_when));
  });
  p.OnFlag("-v", [&] { p.Stop(mc::cli::PrintVersion(inv)); });
  p.OnUsageError([&](std::string_view msg) { return TryHelp(inv, msg); });
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return usage ? *usage : *rc;
  if (usage) return *usage;
  if (o.style_conflict) return TryHelp(inv, "conflicting output style options");
  if (ops.empty()) return TryHelp(inv, "missing operand after 'diff'");
  if (ops.size() == 1) return TryHelp(inv, "missing operand after " + mc::Quote(ops[0]));
  if (ops.size() > 2) return TryHelp(inv, "extra operand " + mc::Quote(ops[2]));
  if (o.context < 0) o.context = 0;
  o.horizon = std::max(o.horizon, static_cast<std::size_t>(o.context));
  if (color_when == "always") {
    o.color = true;
  } else if (color_when == "auto") {
    auto term = inv.GetEnv("TERM");
    o.color = isatty(inv.out().fd()) && term && *term != "dumb";
  }
  // The options as given, for the "diff OPTIONS A B" lines of directories.
  {
    std::vector<std::string_view> rest(ops.begin(), ops.end());
    bool ended = false;
    for (char* a : inv.args()) {
      std::string_view s = a;
      auto it = std::find(rest.begin(), rest.end(), s);
      if (!ended && s == "--") {
        ended = true;
        if (!o.switches.empty()) o.switches += ' ';
        o.switches += s;
        continue;
      }
      if (it != rest.end() && (ended || s == "-" || s[0] != '-')) {
        rest.erase(it);
        continue;
      }
      if (!o.switches.empty()) o.switches += ' ';
      o.switches += s;
    }
  }
  Differ d(inv, o);
  const int status = d.CompareFiles(ops[0], ops[1], true, false, false);
  return d.trouble_ ? kTrouble : status;
}

}  // namespace

MC_APPLET(diff) { return DiffMain(inv); }

// sdiff without -o is diff -y: GNU's sdiff runs diff so, and its messages
// are diff's.
MC_APPLET(sdiff) {
  mc::cli::Parser p(inv);
  std::vector<std::string> args;
  std::optional<std::string> output;
  auto pass = [&](const char* opt) { return [&args, opt] { args.emplace_back(opt); }; };
  auto pass_value = [&](const char* opt) {
    return [&args, opt](const std::string& v) {
      args.emplace_back(opt);
      args.push_back(v);
    };
  };
  p.OnValue("-o,--output", [&](const std::string& v) { output = v; });
  p.OnFlag("-i,--ignore-case", pass("-i"));
  p.OnFlag("-E,--ignore-tab-expansion", pass("-E"));
  p.OnFlag("-Z,--ignore-trailing-space", pass("-Z"));
  p.OnFlag("-b,--ignore-space-change", pass("-b"));
  p.OnFlag("-W,--ignore-all-space", pass("-w"));
  p.OnFlag("-B,--ignore-blank-lines", pass("-B"));
  p.OnValue("-I,--ignore-matching-lines", pass_value("-I"));
  p.OnFlag("--strip-trailing-cr", pass("--strip-trailing-cr"));
  p.OnFlag("-a,--text", pass("-a"));
  p.OnValue("-w,--width", pass_value("-W"));
  p.OnFlag("-l,--left-column", pass("--left-column"));
  p.OnFlag("-s,--suppress-common-lines", pass("--suppress-common-lines"));
  p.OnFlag("-t,--expand-tabs", pass("-t"));
  p.OnValue("--tabsize", [&](const std::string& v) { args.push_back("--tabsize=" + v); });
  p.OnFlag("-d,--minimal", pass("-d"));
  p.OnFlag("-H,--speed-large-files", pass("-H"));
  std::string program;
  p.Value("--diff-program", program);
  p.OnFlag("-v", [&] { p.Stop(mc::cli::PrintVersion(inv)); });
  p.OnUsageError([&](std::string_view msg) { return TryHelp(inv, msg); });
  std::vector<std::string> ops;
  if (auto rc = p.Parse(&ops)) return *rc;
  if (ops.empty()) return TryHelp(inv, "missing operand after 'sdiff'");
  if (ops.size() == 1) return TryHelp(inv, "missing operand after " + mc::Quote(ops[0]));
  if (ops.size() > 2) return TryHelp(inv, "extra operand " + mc::Quote(ops[2]));
  if (output) mc::Die(inv, "interactive merging (-o) is not supported", kTrouble);
  args.emplace_back("-y");
  args.emplace_back("--");
  args.push_back(ops[0]);
  args.push_back(ops[1]);
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  inv.out().Flush();
  mc::Invocation child("diff", inv.applet(), std::span<char* const>(argv.data(), argv.size()),
                       inv.env(), inv.in_fd(), inv.out().fd(), inv.err_fd());
  child.set_table_entry(kTrouble, nullptr);
  child.set_write_error_label("standard output");
  int status;
  try {
    status = DiffMain(child);
    child.out().Flush();
  } catch (const mc::Exit& e) {
    status = e.status;
  } catch (const mc::WriteError& e) {
    mc::WarnErrno(child, "standard output", e.error);
    status = kTrouble;
  }
  return status;
}
