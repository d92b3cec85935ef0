/* @template ls
   @help
Usage: ${applet} [OPTION]... [FILE]...
List information about the FILEs (the current directory by default).
Sort entries alphabetically if none of -cftuvSUX nor --sort is specified.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all                  do not ignore entries starting with .
  -A, --almost-all           do not list implied . and ..
      --author               with -l, print the author of each file
  -b, --escape               print C-style escapes for nongraphic characters
      --block-size=SIZE      with -l, scale sizes by SIZE when printing them;
                             e.g., '--block-size=M'; see SIZE format below

  -B, --ignore-backups       do not list implied entries ending with ~
  -c                         with -lt: sort by, and show, ctime (time of last
                             modification of file status information);
                             with -l: show ctime and sort by name;
                             otherwise: sort by ctime, newest first

  -C                         list entries by columns
      --color[=WHEN]         color the output WHEN; more info below
  -d, --directory            list directories themselves, not their contents
  -D, --dired                generate output designed for Emacs' dired mode
  -f                         list all entries in directory order
  -F, --classify[=WHEN]      append indicator (one of ${star}/=>@|) to entries WHEN
      --file-type            likewise, except do not append '*'
      --format=WORD          across -x, commas -m, horizontal -x, long -l,
                             single-column -1, verbose -l, vertical -C

      --full-time            like -l --time-style=full-iso
  -g                         like -l, but do not list owner
      --group-directories-first
                             group directories before files;
                             can be augmented with a --sort option, but any
                             use of --sort=none (-U) disables grouping

  -G, --no-group             in a long listing, don't print group names
  -h, --human-readable       with -l and -s, print sizes like 1K 234M 2G etc.
      --si                   likewise, but use powers of 1000 not 1024
  -H, --dereference-command-line
                             follow symbolic links listed on the command line
      --dereference-command-line-symlink-to-dir
                             follow each command line symbolic link
                             that points to a directory

      --hide=PATTERN         do not list implied entries matching shell PATTERN
                             (overridden by -a or -A)

      --hyperlink[=WHEN]     hyperlink file names WHEN
      --indicator-style=WORD
                             append indicator with style WORD to entry names:
                             none (default), slash (-p),
                             file-type (--file-type), classify (-F)

  -i, --inode                print the index number of each file
  -I, --ignore=PATTERN       do not list implied entries matching shell PATTERN
  -k, --kibibytes            default to 1024-byte blocks for file system usage;
                             used only with -s and per directory totals

  -l                         use a long listing format
  -L, --dereference          when showing file information for a symbolic
                             link, show information for the file the link
                             references rather than for the link itself

  -m                         fill width with a comma separated list of entries
  -n, --numeric-uid-gid      like -l, but list numeric user and group IDs
  -N, --literal              print entry names without quoting
  -o                         like -l, but do not list group information
  -p, --indicator-style=slash
                             append / indicator to directories
  -q, --hide-control-chars   print ? instead of nongraphic characters
      --show-control-chars   show nongraphic characters as-is (the default,
                             unless program is 'ls' and output is a terminal)

  -Q, --quote-name           enclose entry names in double quotes
      --quoting-style=WORD   use quoting style WORD for entry names:
                             literal, locale, shell, shell-always,
                             shell-escape, shell-escape-always, c, escape
                             (overrides QUOTING_STYLE environment variable)

  -r, --reverse              reverse order while sorting
  -R, --recursive            list subdirectories recursively
  -s, --size                 print the allocated size of each file, in blocks
  -S                         sort by file size, largest first
      --sort=WORD            sort by WORD instead of name: none (-U), size (-S),
                             time (-t), version (-v), extension (-X), width

      --time=WORD            change the default of using modification times;
                               access time (-u): atime, access, use;
                               change time (-c): ctime, status;
                               birth time: birth, creation;
                             with -l, WORD determines which time to show;
                             with --sort=time, sort by WORD (newest first)

      --time-style=TIME_STYLE
                             time/date format with -l; see TIME_STYLE below
  -t                         sort by time, newest first; see --time
  -T, --tabsize=COLS         assume tab stops at each COLS instead of 8
  -u                         with -lt: sort by, and show, access time;
                             with -l: show access time and sort by name;
                             otherwise: sort by access time, newest first

  -U                         do not sort; list entries in directory order
  -v                         natural sort of (version) numbers within text
  -w, --width=COLS           set output width to COLS.  0 means no limit
  -x                         list entries by lines instead of by columns
  -X                         sort alphabetically by entry extension
  -Z, --context              print any security context of each file
      --zero                 end each output line with NUL, not newline
  -1                         list one file per line
      --help        display this help and exit
      --version     output version information and exit

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

The TIME_STYLE argument can be full-iso, long-iso, iso, locale, or +FORMAT.
FORMAT is interpreted like in date(1).  If FORMAT is FORMAT1<newline>FORMAT2,
then FORMAT1 applies to non-recent files and FORMAT2 to recent files.
TIME_STYLE prefixed with 'posix-' takes effect only outside the POSIX locale.
Also the TIME_STYLE environment variable sets the default style to use.

The WHEN argument defaults to 'always' and can also be 'auto' or 'never'.

Using color to distinguish file types is disabled both by default and
with --color=never.  With --color=auto, ls emits color codes only when
standard output is connected to a terminal.  The LS_COLORS environment
variable can change the settings.  Use the dircolors(1) command to set it.

Exit status:
 0  if OK,
 1  if minor problems (e.g., cannot access subdirectory),
 2  if serious trouble (e.g., cannot access command-line argument).
*/
/* @applet ls
   @install bin
   @failcode 2
   @var star *
   @help-template ls
*/
/* @applet dir
   @install bin
   @failcode 2
   @var star *
   @help-template ls
*/
/* @applet vdir
   @install bin
   @failcode 2
   @var star *
   @help-template ls
*/
// ls, dir and vdir: GNU coreutils 9.1's listing formats, sorting and
// quoting, in the C locale. Directories are read one at a time (readdir),
// each listing sorted before it is printed, as GNU does; -R keeps a stack
// of pending directories (full paths) instead of the shared walker, which
// visits entries in directory order.
#include <dirent.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "applets/files/colors.h"
#include "applets/files/fileinfo.h"
#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/mode.h"
#include "applets/support/human_size.h"
#include "applets/support/numbers.h"
#include "applets/support/tz.h"
#include "applets/support/users.h"
#include "applets/support/version_sort.h"
#include "applets/support/wildcard.h"
#include "registry/applet.h"

namespace {

using mc::files::Dec;
using mc::files::UDec;

enum class Format { kLong, kOnePerLine, kColumns, kAcross, kCommas };
enum class Sort { kName, kNone, kTime, kSize, kExtension, kVersion, kWidth };
enum class TimeKind { kMtime, kAtime, kCtime, kBirth };
enum class Indicator { kNone, kSlash, kFileType, kClassify };
enum class Deref { kUndefined, kNever, kCommandLine, kCommandLineDirs, kAlways };
enum class QStyle {
  kLiteral, kShell, kShellAlways, kShellEscape, kShellEscapeAlways, kC, kCMaybe, kEscape,
  kLocale, kCLocale
};

constexpr mc::Choice kQuotingChoices[] = {
    {"literal", 0}, {"shell", 1}, {"shell-always", 2}, {"shell-escape", 3},
    {"shell-escape-always", 4}, {"c", 5}, {"c-maybe", 6}, {"escape", 7},
    {"locale", 8}, {"clocale", 9}};

struct Options {
  Format format = Format::kOnePerLine;
  Sort sort = Sort::kName;
  TimeKind time = TimeKind::kMtime;
  Indicator indicator = Indicator::kNone;
  Deref deref = Deref::kUndefined;
  QStyle quoting = QStyle::kLiteral;
  bool all = false, almost_all = false, directory = false, recursive = false;
  bool reverse = false, inode = false, size = false, owner = true, group = true;
  bool numeric = false, hide_control = false, dirs_first = false, author = false;
  bool full_time = false, color = false, zero = false, context = false;
  std::size_t width = 80, tabsize = 8;
  mc::human::BlockSize blocks, file_sizes;
  std::vector<std::string> ignore, hide;
  std::string old_fmt = "%b %e  %Y", recent_fmt = "%b %e %H:%M";
  char eol = '\n';
};

struct Ent {
  std::string name;  // as shown
  std::string path;  // for system calls
  struct stat st {};
  bool stat_ok = false;
  mode_t type = 0;  // S_IFMT bits, from d_type when not stat'ed
  std::string target;
  bool have_target = false, target_ok = false;
  mode_t target_mode = 0;
  struct timespec btime {};
  std::string shown;  // quoted name
  bool quoted = false;
  bool is_dir = false;  // to be listed as a directory (operands) / recursed into
};

// --color: GNU's indicator table with its built-in defaults, changed by
// LS_COLORS (two-letter keys and *.ext suffixes, matched case-sensitively).
using namespace mc::colors;

struct Colors {
  std::string code[kNumInd];
  bool set[kNumInd] = {};
  std::vector<std::pair<std::string, std::string>> ext;
  bool ln_target = false;
  bool used = false;
  bool Colored(Ind i) const {
    const std::string& c = code[i];
    return set[i] && !(c.empty() || c == "0" || c == "00");
  }
};

void DefaultColors(Colors& c) {
  for (const Default& d : kLsDefaults) {
    c.code[d.ind] = d.code;
    c.set[d.ind] = true;
  }
}

// GNU's get_funky_string: backslash and caret escapes in a value.
std::string Funky(std::string_view v, bool& ok) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    char ch = v[i];
    if (ch == '\\' && i + 1 < v.size()) {
      char e = v[++i];
      if (e >= '0' && e <= '7') {
        int n = 0, k = 0;
        while (k < 3 && i < v.size() && v[i] >= '0' && v[i] <= '7') n = n * 8 + (v[i++] - '0'), ++k;
        --i;
        out += static_cast<char>(n);
      } else if (e == 'x' || e == 'X') {
        int n = 0, k = 0;
        ++i;
        auto hex = [](char h) {
          return (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                                         : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
        };
        while (k < 2 && i < v.size() && hex(v[i]) >= 0) n = n * 16 + hex(v[i++]), ++k;
        --i;
        out += static_cast<char>(n);
      } else {
        const char* from = "abefnrtv?_";
        const char* to = "\a\b\x1b\f\n\r\t\v\x7f ";
        const char* pos = std::strchr(from, e);
        out += (pos && e) ? to[pos - from] : e;
      }
    } else if (ch == '^' && i + 1 < v.size()) {
      char e = v[++i];
      if (e >= '@' && e <= '~') out += static_cast<char>(e & 037);
      else if (e == '?') out += '\x7f';
      else {
        ok = false;
        return out;
      }
    } else {
      out += ch;
    }
  }
  return out;
}

// False (reported) when LS_COLORS does not parse: colors are then off.
bool ParseLsColors(const mc::Invocation& inv, std::string_view spec, Colors& c) {
  std::size_t i = 0;
  while (i < spec.size()) {
    std::size_t end = spec.find(':', i);
    if (end == std::string_view::npos) end = spec.size();
    std::string_view item = spec.substr(i, end - i);
    i = end + 1;
    if (item.empty()) continue;
    std::size_t eq = item.find('=');
    if (eq == std::string_view::npos) {
      mc::Warn(inv, "unparsable value for LS_COLORS environment variable");
      return false;
    }
    std::string_view key = item.substr(0, eq);
    bool ok = true;
    std::string val = Funky(item.substr(eq + 1), ok);
    if (!ok) {
      mc::Warn(inv, "unparsable value for LS_COLORS environment variable");
      return false;
    }
    if (!key.empty() && key[0] == '*') {
      bool k_ok = true;
      c.ext.emplace_back(Funky(key.substr(1), k_ok), val);
      continue;
    }
    int found = -1;
    for (int k = 0; k < kNumInd; ++k)
      if (key == kIndNames[k]) found = k;
    if (found < 0) {
      mc::Warn(inv, "unrecognized prefix: " + mc::Quote(key));
      mc::Warn(inv, "unparsable value for LS_COLORS environment variable");
      return false;
    }
    if (found == kLn && val == "target") {
      c.ln_target = true;
      continue;
    }
    c.code[found] = val;
    c.set[found] = true;
  }
  return true;
}

struct State {
  mc::Invocation& inv;
  Options o;
  mc::tz::LazyZone zone;
  int status = 0;
  bool first_dir = true;
  bool print_dir_name = true;
  struct timespec now {};
  Colors colors;
  // --dired (long format only): bytes written so far and the offsets of
  // names (//DIRED//) and directory headers (//SUBDIRED//).
  bool dired = false;
  std::uintmax_t pos = 0;
  std::vector<std::uintmax_t> dired_pos, subdired_pos;
  void Fail(int level) { status = std::max(status, level); }
};

// The reset after a colored name (GNU's prep_non_filename_text).
std::string ColorEnd(const Colors& c) {
  if (c.set[kEc]) return c.code[kEc];
  return c.code[kLc] + c.code[kRs] + c.code[kRc];
}

// The color sequence for a file of this mode (GNU's print_color_indicator),
// or empty. link_ok: for a symlink, whether its target exists.
std::string ColorStart(State& s, std::string_view name, bool stat_ok, mode_t mode, mode_t type,
                       nlink_t nlink, bool is_link, bool link_ok, bool missing) {
  Colors& c = s.colors;
  Ind t;
  if (missing && c.Colored(kMi)) {
    t = kMi;
  } else if (!stat_ok) {
    switch (type) {
      case S_IFDIR: t = kDi; break;
      case S_IFLNK: t = kLn; break;
      case S_IFIFO: t = kPi; break;
      case S_IFSOCK: t = kSo; break;
      case S_IFBLK: t = kBd; break;
      case S_IFCHR: t = kCd; break;
      case S_IFREG: t = kFi; break;
      default: t = kOr;
    }
  } else if (S_ISREG(mode)) {
    t = kFi;
    if ((mode & S_ISUID) && c.Colored(kSu)) t = kSu;
    else if ((mode & S_ISGID) && c.Colored(kSg)) t = kSg;
    else if ((mode & 0111) && c.Colored(kEx)) t = kEx;
    else if (nlink > 1 && c.Colored(kMh)) t = kMh;
  } else if (S_ISDIR(mode)) {
    t = kDi;
    if ((mode & S_ISVTX) && (mode & S_IWOTH) && c.Colored(kTw)) t = kTw;
    else if ((mode & S_IWOTH) && c.Colored(kOw)) t = kOw;
    else if ((mode & S_ISVTX) && c.Colored(kSt)) t = kSt;
  } else if (S_ISLNK(mode)) {
    t = kLn;
    if (!(c.Colored(kOr) || c.Colored(kMi) || c.ln_target)) link_ok = true;  // not checked
  } else if (S_ISFIFO(mode)) {
    t = kPi;
  } else if (S_ISSOCK(mode)) {
    t = kSo;
  } else if (S_ISBLK(mode)) {
    t = kBd;
  } else if (S_ISCHR(mode)) {
    t = kCd;
  } else {
    t = kOr;
  }
  const std::string* code = &c.code[t];
  bool have = c.set[t];
  if (t == kFi) {
    for (auto it = c.ext.rbegin(); it != c.ext.rend(); ++it) {
      const std::string& e = it->first;
      if (e.size() <= name.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
        code = &it->second;
        have = true;
        break;
      }
    }
  }
  if (t == kLn && is_link && !link_ok && (c.ln_target || c.Colored(kOr))) {
    code = &c.code[kOr];
    have = c.set[kOr];
  }
  if (!have || code->empty()) return {};
  std::string out;
  if (c.Colored(kNo)) out += c.code[kLc] + c.code[kRc];
  out += c.code[kLc] + *code + c.code[kRc];
  return out;
}

// Writes a line; before the first color sequence of the run goes one
// reset, as GNU's ls does.
// marks: offsets in line to record (as absolute output offsets) in sink.
void WriteLine(State& s, const std::string& line, std::initializer_list<std::size_t> marks = {},
               std::vector<std::uintmax_t>* sink = nullptr) {
  std::size_t at = std::string::npos, added = 0;
  std::string fixed;
  if (s.o.color && !s.colors.used) {
    std::size_t esc = line.find(s.colors.code[kLc]);
    if (esc != std::string::npos && !s.colors.code[kLc].empty()) {
      s.colors.used = true;
      fixed = line;
      std::string reset = ColorEnd(s.colors);
      fixed.insert(esc, reset);
      at = esc;
      added = reset.size();
    }
  }
  const std::string& text = at != std::string::npos ? fixed : line;
  // GNU counts dired offsets without the color sequences (ESC ... m).
  auto plain = [&](std::size_t upto) {
    if (!s.o.color) return upto;
    std::size_t n = 0;
    for (std::size_t i = 0; i < upto && i < text.size(); ++i) {
      if (text[i] == '\x1b') {
        while (i < text.size() && text[i] != 'm') ++i;
        continue;
      }
      ++n;
    }
    return n;
  };
  if (sink)
    for (std::size_t m : marks) sink->push_back(s.pos + plain(m + (at != std::string::npos && m >= at ? added : 0)));
  s.inv.out().Write(text);
  s.pos += plain(text.size());
}

// The name as shown, wrapped in its color.
std::string Colored(State& s, const Ent& e, const std::string& shown) {
  if (!s.o.color) return shown;
  bool is_link = e.stat_ok && S_ISLNK(e.st.st_mode);
  std::string start;
  if (is_link && s.colors.ln_target && e.target_ok)
    start = ColorStart(s, e.name, true, e.target_mode, 0, 1, false, true, false);
  else
    start = ColorStart(s, e.name, e.stat_ok, e.st.st_mode, e.type, e.st.st_nlink, is_link,
                       !is_link || e.target_ok, false);
  if (start.empty()) return shown;
  return start + shown + ColorEnd(s.colors);
}

bool Printable(unsigned char c) { return c >= 0x20 && c < 0x7f; }

// Columns a name takes: control bytes printed as they are take none.
std::size_t Width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0x1b) {  // a color sequence (ESC ... m) takes no columns
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    w += (c >= 0x20 && c != 0x7f) ? 1 : 0;
  }
  return w;
}

// quotearg with ls's settings. Sets quoted when the text has outer quotes.
std::string QuoteName(std::string_view s, QStyle style, bool hide, bool colon, bool& quoted) {
  quoted = false;
  std::string out;
  switch (style) {
    case QStyle::kLiteral:
      for (unsigned char c : s) out += (hide && !Printable(c)) ? '?' : static_cast<char>(c);
      return out;
    case QStyle::kEscape:
    case QStyle::kC:
    case QStyle::kCMaybe:
    case QStyle::kLocale:
    case QStyle::kCLocale: {
      char q = style == QStyle::kLocale ? '\'' : '"';
      bool outer = style != QStyle::kEscape;
      bool need = style != QStyle::kCMaybe;
      std::string body;
      for (unsigned char c : s) {
        if (!Printable(c)) {
          mc::AppendEscape(body, c);
          need = true;
        } else if (c == '\\') {
          body += style == QStyle::kCMaybe ? "\\" : "\\\\";
        } else if (outer && c == static_cast<unsigned char>(q)) {
          body += '\\';
          body += static_cast<char>(c);
          need = true;
        } else if ((style == QStyle::kEscape && c == ' ') || (colon && c == ':')) {
          body += '\\';
          body += static_cast<char>(c);
        } else {
          body += static_cast<char>(c);
        }
      }
      if (!outer || !need) return body;
      quoted = true;
      return q + body + q;
    }
    default:
      break;
  }
  // The shell styles.
  bool escape = style == QStyle::kShellEscape || style == QStyle::kShellEscapeAlways;
  bool always = style == QStyle::kShellAlways || style == QStyle::kShellEscapeAlways;
  bool need = always || s.empty() || s == "{" || s == "}" || s[0] == '#' || s[0] == '~';
  bool has_single = false, has_control = false, double_unsafe = false;
  for (unsigned char c : s) {
    if (c == '\'') has_single = true;
    if (c < 0x20 || c == 0x7f || (escape && c >= 0x80)) has_control = true;
    if (c == '"' || c == '$' || c == '`' || c == '\\' || c == '!') double_unsafe = true;
    if (std::strchr(" !\"$&'()*;<=>?[\\^`|", c) != nullptr && c != 0) need = true;
    if (colon && c == ':') need = true;
  }
  if (has_control) need = true;
  if (!need) return std::string(s);
  quoted = true;
  if (has_single && !has_control && !double_unsafe) return "\"" + std::string(s) + "\"";
  out = "'";
  bool in_dollar = false;
  for (unsigned char c : s) {
    bool ctl = c < 0x20 || c == 0x7f || (escape && c >= 0x80);
    if (escape && ctl) {
      if (!in_dollar) {
        out += "'$'";
        in_dollar = true;
      }
      mc::AppendEscape(out, c);
      continue;
    }
    if (in_dollar) {
      out += "''";
      in_dollar = false;
    }
    if (c == '\'') out += "'\\''";
    else if (hide && !Printable(c)) out += '?';
    else out += static_cast<char>(c);
  }
  out += '\'';
  return out;
}

struct timespec TimeOf(const Ent& e, TimeKind k) {
  switch (k) {
    case TimeKind::kAtime: return e.st.st_atim;
    case TimeKind::kCtime: return e.st.st_ctim;
    case TimeKind::kBirth: return e.btime;
    default: return e.st.st_mtim;
  }
}

int CmpTime(const struct timespec& a, const struct timespec& b) {
  if (a.tv_sec != b.tv_sec) return a.tv_sec < b.tv_sec ? -1 : 1;
  if (a.tv_nsec != b.tv_nsec) return a.tv_nsec < b.tv_nsec ? -1 : 1;
  return 0;
}

mode_t TypeOf(const Ent& e) { return e.stat_ok ? (e.st.st_mode & S_IFMT) : e.type; }

bool IsDirLike(const Ent& e) {
  mode_t t = TypeOf(e);
  return t == S_IFDIR || (t == S_IFLNK && e.target_ok && S_ISDIR(e.target_mode));
}

std::string_view Extension(std::string_view n) {
  std::size_t dot = n.rfind('.');
  return dot == std::string_view::npos ? std::string_view() : n.substr(dot);
}

int Compare(const State& s, const Ent& a, const Ent& b) {
  int d = 0;
  switch (s.o.sort) {
    case Sort::kTime: d = CmpTime(TimeOf(b, s.o.time), TimeOf(a, s.o.time)); break;
    case Sort::kSize:
      d = b.st.st_size < a.st.st_size ? -1 : (b.st.st_size > a.st.st_size ? 1 : 0);
      break;
    case Sort::kExtension: d = Extension(a.name).compare(Extension(b.name)); break;
    case Sort::kVersion: d = mc::FileVersionCompare(a.name, b.name); break;
    case Sort::kWidth:
      d = a.shown.size() < b.shown.size() ? -1 : (a.shown.size() > b.shown.size() ? 1 : 0);
      break;
    default: break;
  }
  if (d) return d;
  return a.name.compare(b.name);
}

void SortEnts(const State& s, std::vector<Ent*>& v) {
  if (s.o.sort == Sort::kNone) return;
  std::stable_sort(v.begin(), v.end(), [&](const Ent* a, const Ent* b) {
    if (s.o.dirs_first) {
      bool da = IsDirLike(*a), db = IsDirLike(*b);
      if (da != db) return da;
    }
    return s.o.reverse ? Compare(s, *b, *a) < 0 : Compare(s, *a, *b) < 0;
  });
}

char IndicatorChar(const Options& o, bool stat_ok, mode_t mode, mode_t type) {
  mode_t t = stat_ok ? (mode & S_IFMT) : type;
  if (t == S_IFREG || (t == 0 && !stat_ok))
    return (stat_ok && o.indicator == Indicator::kClassify && (mode & 0111)) ? '*' : 0;
  if (t == S_IFDIR) return '/';
  if (o.indicator == Indicator::kSlash) return 0;
  if (t == S_IFLNK) return '@';
  if (t == S_IFIFO) return '|';
  if (t == S_IFSOCK) return '=';
  return 0;
}

mode_t FromDType(unsigned char d) {
  switch (d) {
    case DT_DIR: return S_IFDIR;
    case DT_LNK: return S_IFLNK;
    case DT_REG: return S_IFREG;
    case DT_FIFO: return S_IFIFO;
    case DT_SOCK: return S_IFSOCK;
    case DT_CHR: return S_IFCHR;
    case DT_BLK: return S_IFBLK;
    default: return 0;
  }
}

bool NeedStat(const Options& o) {
  return o.format == Format::kLong || o.size || o.inode || o.sort == Sort::kTime ||
         o.sort == Sort::kSize || o.indicator != Indicator::kNone || o.color ||
         o.deref == Deref::kAlways || o.dirs_first;
}

void BirthTime(Ent& e, bool follow) {
  struct statx sx;
  if (::statx(AT_FDCWD, e.path.c_str(), follow ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BTIME, &sx) == 0 &&
      (sx.stx_mask & STATX_BTIME)) {
    e.btime.tv_sec = sx.stx_btime.tv_sec;
    e.btime.tv_nsec = sx.stx_btime.tv_nsec;
  }
}

// Reads the symlink's target and the target's mode (long format).
void ReadLink(Ent& e) {
  std::string buf(256, '\0');
  for (;;) {
    ssize_t n = ::readlink(e.path.c_str(), buf.data(), buf.size());
    if (n < 0) return;
    if (static_cast<std::size_t>(n) < buf.size()) {
      buf.resize(static_cast<std::size_t>(n));
      break;
    }
    buf.resize(buf.size() * 2);
  }
  e.target = std::move(buf);
  e.have_target = true;
  struct stat t;
  if (::stat(e.path.c_str(), &t) == 0) {
    e.target_ok = true;
    e.target_mode = t.st_mode;
  }
}

// Fills in an entry's stat information; false (reported) on failure.
bool StatEnt(State& s, Ent& e, bool operand) {
  const Options& o = s.o;
  bool follow = o.deref == Deref::kAlways || (operand && o.deref == Deref::kCommandLine);
  int r;
  if (operand && o.deref == Deref::kCommandLineDirs) {
    r = ::stat(e.path.c_str(), &e.st);
    if (r != 0 || !S_ISDIR(e.st.st_mode)) r = ::lstat(e.path.c_str(), &e.st);
    follow = r == 0 && S_ISDIR(e.st.st_mode);
  } else {
    r = follow ? ::stat(e.path.c_str(), &e.st) : ::lstat(e.path.c_str(), &e.st);
  }
  if (r != 0) {
    int err = errno;
    mc::Warn(s.inv, "cannot access " + mc::Quote(e.path) + ": " + std::string(mc::ErrorText(err)));
    s.Fail(operand ? 2 : 1);
    return false;
  }
  e.stat_ok = true;
  e.type = e.st.st_mode & S_IFMT;
  if (o.time == TimeKind::kBirth) BirthTime(e, follow);
  if (S_ISLNK(e.st.st_mode) &&
      (o.format == Format::kLong || o.color || o.dirs_first))
    ReadLink(e);
  return true;
}

void Indent(std::string& line, std::size_t from, std::size_t to, std::size_t tabsize) {
  while (from < to) {
    if (tabsize != 0 && to / tabsize > (from + 1) / tabsize) {
      line += '\t';
      from += tabsize - from % tabsize;
    } else {
      line += ' ';
      ++from;
    }
  }
}

struct Widths {
  std::size_t inode = 0, blocks = 0, nlink = 0, owner = 0, group = 0, author = 0, size = 0;
  std::size_t major = 0, minor = 0;
};

std::string UserName(const Options& o, uid_t u) {
  if (!o.numeric)
    if (const mc::users::User* p = mc::users::UserById(u)) return p->name;
  return UDec(u);
}
std::string GroupName(const Options& o, gid_t g) {
  if (!o.numeric)
    if (const mc::users::Group* p = mc::users::GroupById(g)) return p->name;
  return UDec(g);
}
bool UserKnown(const Options& o, uid_t u) { return !o.numeric && mc::users::UserById(u); }
bool GroupKnown(const Options& o, gid_t g) { return !o.numeric && mc::users::GroupById(g); }

std::string BlocksText(const Options& o, const Ent& e) {
  if (!e.stat_ok) return "?";
  return mc::human::Format(static_cast<std::uintmax_t>(e.st.st_blocks), o.blocks.opts, 512,
                           o.blocks.size);
}
std::string SizeText(const Options& o, const Ent& e) {
  if (!e.stat_ok) return "?";
  return mc::human::Format(static_cast<std::uintmax_t>(e.st.st_size < 0 ? 0 : e.st.st_size),
                           o.file_sizes.opts, 1, o.file_sizes.size);
}

std::string InodeText(const Ent& e) { return e.stat_ok ? UDec(e.st.st_ino) : "?"; }

// The name with its quoting pad and indicator; its width is its size
// (the C locale: one column per byte).
std::string NameAndFrills(State& s, const Ent& e, bool pad, const Widths& w, bool commas) {
  std::string out;
  if (s.o.inode) {
    std::string t = InodeText(e);
    if (!commas) out.append(w.inode > t.size() ? w.inode - t.size() : 0, ' ');
    out += t;
    out += ' ';
  }
  if (s.o.size) {
    std::string t = BlocksText(s.o, e);
    if (!commas) out.append(w.blocks > t.size() ? w.blocks - t.size() : 0, ' ');
    out += t;
    out += ' ';
  }
  if (s.o.context) out += "? ";
  if (pad && !e.quoted) out += ' ';
  out += Colored(s, e, e.shown);
  if (s.o.indicator != Indicator::kNone)
    if (char c = IndicatorChar(s.o, e.stat_ok, e.st.st_mode, e.type)) out += c;
  return out;
}

void PrintLong(State& s, const std::vector<Ent*>& v, const Widths& w, bool pad) {
  const Options& o = s.o;
  for (const Ent* e : v) {
    std::string line;
    if (o.inode) {
      std::string t = InodeText(*e);
      line.append(w.inode - std::min(w.inode, t.size()), ' ').append(t) += ' ';
    }
    if (o.size) {
      std::string t = BlocksText(o, *e);
      line.append(w.blocks - std::min(w.blocks, t.size()), ' ').append(t) += ' ';
    }
    if (s.dired) line += "  ";
    line += e->stat_ok ? mc::mode::ModeString(e->st.st_mode)
                       : mc::mode::ModeString(e->type ? e->type : S_IFMT).substr(0, 1) + "?????????";
    line += ' ';
    std::string nl = e->stat_ok ? UDec(e->st.st_nlink) : "?";
    line.append(w.nlink - std::min(w.nlink, nl.size()), ' ').append(nl) += ' ';
    auto id = [&](bool show, bool known, const std::string& name, std::size_t width) {
      if (!show) return;
      if (!e->stat_ok) {
        line.append("?").append(width > 1 ? width - 1 : 0, ' ') += ' ';
      } else if (known) {
        line.append(name).append(width > name.size() ? width - name.size() : 0, ' ') += ' ';
      } else {
        line.append(width > name.size() ? width - name.size() : 0, ' ').append(name) += ' ';
      }
    };
    id(o.owner, e->stat_ok && UserKnown(o, e->st.st_uid), e->stat_ok ? UserName(o, e->st.st_uid) : "",
       w.owner);
    id(o.group, e->stat_ok && GroupKnown(o, e->st.st_gid),
       e->stat_ok ? GroupName(o, e->st.st_gid) : "", w.group);
    id(o.author, e->stat_ok && UserKnown(o, e->st.st_uid), e->stat_ok ? UserName(o, e->st.st_uid) : "",
       w.author);
    if (o.context) line += "? ";
    if (e->stat_ok && (S_ISCHR(e->st.st_mode) || S_ISBLK(e->st.st_mode))) {
      std::string ma = UDec(major(e->st.st_rdev)), mi = UDec(minor(e->st.st_rdev));
      std::size_t blanks = w.size > w.major + 2 + w.minor ? w.size - (w.major + 2 + w.minor) : 0;
      line.append(w.major + blanks - std::min(w.major + blanks, ma.size()), ' ').append(ma) += ", ";
      line.append(w.minor - std::min(w.minor, mi.size()), ' ').append(mi) += ' ';
    } else {
      std::string t = SizeText(o, *e);
      line.append(w.size - std::min(w.size, t.size()), ' ').append(t) += ' ';
    }
    if (e->stat_ok) {
      struct timespec when = TimeOf(*e, o.time);
      struct timespec now = s.now;
      if (CmpTime(now, when) < 0) ::clock_gettime(CLOCK_REALTIME, &s.now), now = s.now;
      struct timespec six = now;
      six.tv_sec -= 31556952 / 2;
      bool recent = CmpTime(six, when) < 0 && CmpTime(when, now) < 0;
      line += mc::files::FormatTime(recent ? o.recent_fmt : o.old_fmt, when.tv_sec, when.tv_nsec,
                                    s.zone.get());
    } else {
      std::size_t tw = mc::files::FormatTime(o.recent_fmt, s.now.tv_sec, s.now.tv_nsec, s.zone.get()).size();
      line.append(tw > 1 ? tw - 1 : 0, ' ') += '?';
    }
    line += ' ';
    if (pad && !e->quoted) line += ' ';
    std::string cs = Colored(s, *e, e->shown);
    std::size_t name_at = line.size() +
                          (cs.size() == e->shown.size() ? 0 : cs.size() - e->shown.size() - ColorEnd(s.colors).size());
    line += cs;
    if (e->stat_ok && S_ISLNK(e->st.st_mode)) {
      if (e->have_target) {
        bool q;
        line += " -> ";
        std::string t = QuoteName(e->target, o.quoting, o.hide_control, false, q);
        // GNU stats link targets for colors only when 'or', 'mi' or
        // ln=target make it matter.
        bool check = s.colors.Colored(kOr) || s.colors.Colored(kMi) || s.colors.ln_target;
        if (o.color && check) {
          std::string start = ColorStart(s, e->target, e->target_ok, e->target_mode, 0, 1, false, true,
                                         !e->target_ok);
          if (!start.empty()) t = start + t + ColorEnd(s.colors);
        }
        line += t;
        if (o.indicator != Indicator::kNone && e->target_ok)
          if (char c = IndicatorChar(o, true, e->target_mode, 0)) line += c;
      }
    } else if (o.indicator != Indicator::kNone) {
      if (char c = IndicatorChar(o, e->stat_ok, e->st.st_mode, e->type)) line += c;
    }
    line += o.eol;
    WriteLine(s, line, {name_at, name_at + e->shown.size()}, s.dired ? &s.dired_pos : nullptr);
  }
}

// Prints a listing. GNU measures column widths over every entry it has
// read for it, which for operands includes the directories listed later:
// measure (when given) is that set.
void PrintFiles(State& s, std::vector<Ent*>& v, const std::vector<Ent*>* measure = nullptr) {
  const Options& o = s.o;
  Widths w;
  bool any_quoted = false;
  for (Ent* e : measure ? *measure : v) {
    e->shown = QuoteName(e->name, o.quoting, o.hide_control, false, e->quoted);
    any_quoted |= e->quoted;
    if (o.inode) w.inode = std::max(w.inode, InodeText(*e).size());
    if (o.size) w.blocks = std::max(w.blocks, BlocksText(o, *e).size());
    if (o.format == Format::kLong) {
      w.nlink = std::max(w.nlink, e->stat_ok ? UDec(e->st.st_nlink).size() : 1);
      if (e->stat_ok) {
        if (o.owner) w.owner = std::max(w.owner, UserName(o, e->st.st_uid).size());
        if (o.group) w.group = std::max(w.group, GroupName(o, e->st.st_gid).size());
        if (o.author) w.author = std::max(w.author, UserName(o, e->st.st_uid).size());
        if (S_ISCHR(e->st.st_mode) || S_ISBLK(e->st.st_mode)) {
          w.major = std::max(w.major, UDec(major(e->st.st_rdev)).size());
          w.minor = std::max(w.minor, UDec(minor(e->st.st_rdev)).size());
          w.size = std::max(w.size, w.major + 2 + w.minor);
        } else {
          w.size = std::max(w.size, SizeText(o, *e).size());
        }
      } else {
        w.owner = std::max<std::size_t>(w.owner, 1);
        w.group = std::max<std::size_t>(w.group, 1);
        w.size = std::max<std::size_t>(w.size, 1);
      }
    }
  }
  if (o.sort == Sort::kWidth) SortEnts(s, v);
  bool shellish = o.quoting == QStyle::kShell || o.quoting == QStyle::kShellEscape ||
                  o.quoting == QStyle::kCMaybe;
  bool align = shellish && (o.format == Format::kLong ||
                            ((o.format == Format::kColumns || o.format == Format::kAcross) && o.width));
  bool pad = align && any_quoted;
  if (o.format == Format::kLong) {
    PrintLong(s, v, w, pad);
    return;
  }
  std::vector<std::string> names;
  names.reserve(v.size());
  for (Ent* e : v) names.push_back(NameAndFrills(s, *e, pad, w, o.format == Format::kCommas));
  const std::size_t n = names.size();
  if (o.format == Format::kOnePerLine) {
    for (auto& nm : names) WriteLine(s, nm + o.eol);
    return;
  }
  if (o.format == Format::kCommas) {
    std::size_t pos = 0;
    std::string line;
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t len = o.width ? Width(names[i]) : 0;
      if (i) {
        char sep;
        if (!o.width || pos + len + 2 < o.width) {
          pos += 2;
          sep = ' ';
        } else {
          pos = 0;
          sep = o.eol;
        }
        line += ',';
        line += sep;
      }
      line += names[i];
      pos += len;
    }
    if (n) {
      line += o.eol;
      WriteLine(s, line);
    }
    return;
  }
  if (n == 0) return;
  // GNU's calculate_columns: the most columns whose line fits.
  bool by_columns = o.format == Format::kColumns;
  // The first column has no separator: a remainder allows one more.
  std::size_t max_idx = o.width ? o.width / 3 + (o.width % 3 != 0) : n;
  std::size_t max_cols = std::min(max_idx, n);
  struct Col {
    bool valid = true;
    std::size_t line_len;
    std::vector<std::size_t> arr;
  };
  std::vector<Col> cols(max_cols);
  for (std::size_t i = 0; i < max_cols; ++i) {
    cols[i].line_len = (i + 1) * 3;
    cols[i].arr.assign(i + 1, 3);
  }
  for (std::size_t f = 0; f < n; ++f) {
    std::size_t len = Width(names[f]);
    for (std::size_t i = 0; i < max_cols; ++i) {
      Col& c = cols[i];
      if (!c.valid) continue;
      std::size_t idx = by_columns ? f / ((n + i) / (i + 1)) : f % (i + 1);
      std::size_t real = len + (idx == i ? 0 : 2);
      if (c.arr[idx] < real) {
        c.line_len += real - c.arr[idx];
        c.arr[idx] = real;
        c.valid = !o.width || c.line_len < o.width;
      }
    }
  }
  std::size_t ncols = max_cols;
  for (; ncols > 1; --ncols)
    if (cols[ncols - 1].valid) break;
  const Col& fmt = cols[ncols - 1];
  std::string line;
  if (by_columns) {
    std::size_t rows = n / ncols + (n % ncols != 0);
    for (std::size_t row = 0; row < rows; ++row) {
      line.clear();
      std::size_t col = 0, f = row, pos = 0;
      for (;;) {
        std::size_t len = Width(names[f]), maxw = fmt.arr[col++];
        line += names[f];
        f += rows;
        if (f >= n) break;
        Indent(line, pos + len, pos + maxw, o.tabsize);
        pos += maxw;
      }
      line += o.eol;
      WriteLine(s, line);
    }
  } else {
    std::size_t pos = 0, len = Width(names[0]), maxw = fmt.arr[0];
    line = names[0];
    for (std::size_t f = 1; f < n; ++f) {
      std::size_t col = f % ncols;
      if (col == 0) {
        line += o.eol;
        WriteLine(s, line);
        line.clear();
        pos = 0;
      } else {
        Indent(line, pos + len, pos + maxw, o.tabsize);
        pos += maxw;
      }
      line += names[f];
      len = Width(names[f]);
      maxw = fmt.arr[col];
    }
    line += o.eol;
    WriteLine(s, line);
  }
}

bool Ignored(const Options& o, const char* name) {
  if (name[0] == '.' && !o.all) {
    if (!o.almost_all) return true;
    if (name[1] == 0 || (name[1] == '.' && name[2] == 0)) return true;
  }
  for (const std::string& p : o.ignore)
    if (mc::WildcardMatch(p, name, true)) return true;
  if (!o.all && !o.almost_all)
    for (const std::string& p : o.hide)
      if (mc::WildcardMatch(p, name, true)) return true;
  return false;
}

std::string JoinPath(const std::string& dir, const std::string& name) {
  if (dir.empty()) return name;
  if (dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

struct Pending {
  std::string path;
  bool operand;
  bool leave;  // marker: the directory at path is finished (cycle tracking)
  dev_t dev;
  ino_t ino;
};

void ListDir(State& s, const Pending& p, std::vector<Pending>& stack,
             std::vector<std::pair<dev_t, ino_t>>& active) {
  const Options& o = s.o;
  DIR* d = ::opendir(p.path.c_str());
  if (!d) {
    int err = errno;
    mc::Warn(s.inv, "cannot open directory " + mc::Quote(p.path) + ": " + std::string(mc::ErrorText(err)));
    s.Fail(p.operand ? 2 : 1);
    return;
  }
  if (o.recursive) {
    struct stat dst;
    if (::fstat(::dirfd(d), &dst) == 0) {
      for (auto& a : active)
        if (a.first == dst.st_dev && a.second == dst.st_ino) {
          ::closedir(d);
          mc::Warn(s.inv, mc::QuoteName(p.path) + ": not listing already-listed directory");
          s.Fail(2);
          return;
        }
      active.emplace_back(dst.st_dev, dst.st_ino);
      stack.push_back({p.path, false, true, dst.st_dev, dst.st_ino});
    }
  }
  if (o.recursive || s.print_dir_name) {
    if (!s.first_dir) WriteLine(s, "\n");
    s.first_dir = false;
    bool q;
    std::string name = QuoteName(p.path, o.quoting, o.hide_control, true, q);
    std::string indent = s.dired ? "  " : "";
    WriteLine(s, indent + name + ':' + o.eol, {indent.size(), indent.size() + name.size()},
              s.dired ? &s.subdired_pos : nullptr);
  }
  std::vector<Ent> ents;
  bool need_stat = NeedStat(o);
  for (;;) {
    errno = 0;
    struct dirent* de = ::readdir(d);
    if (!de) {
      if (errno) {
        int err = errno;
        mc::Warn(s.inv, "reading directory " + mc::Quote(p.path) + ": " + std::string(mc::ErrorText(err)));
        s.Fail(p.operand ? 2 : 1);
      }
      break;
    }
    if (Ignored(o, de->d_name)) continue;
    Ent e;
    e.name = de->d_name;
    e.path = p.path == "." ? e.name : JoinPath(p.path, e.name);
    e.type = FromDType(de->d_type);
    e.st.st_ino = de->d_ino;
    ents.push_back(std::move(e));
  }
  std::uintmax_t total = 0;
  for (Ent& e : ents) {
    bool want = need_stat || (o.recursive && (e.type == 0 || e.type == S_IFLNK)) ||
                (o.indicator != Indicator::kNone && e.type == 0);
    if (want) {
      ino_t ino = e.st.st_ino;
      if (!StatEnt(s, e, false)) {
        e.stat_ok = false;
        e.st = {};
        e.st.st_ino = ino;
      }
    }
    if (e.stat_ok) total += static_cast<std::uintmax_t>(e.st.st_blocks);
  }
  // Closed after the entries are stat'ed, as GNU does (/proc/self/fd
  // lists the descriptor it reads with).
  ::closedir(d);
  std::vector<Ent*> v;
  v.reserve(ents.size());
  for (Ent& e : ents) v.push_back(&e);
  SortEnts(s, v);
  if (o.format == Format::kLong || o.size) {
    std::string t = (s.dired ? "  total " : "total ") + mc::human::Format(total, o.blocks.opts, 512, o.blocks.size);
    t += o.eol;
    WriteLine(s, t);
  }
  PrintFiles(s, v);
  if (o.recursive) {
    for (auto it = v.rbegin(); it != v.rend(); ++it) {
      const Ent& e = **it;
      if (TypeOf(e) != S_IFDIR) continue;
      if (e.name == "." || e.name == "..") continue;
      stack.push_back({JoinPath(p.path, e.name), false, false, 0, 0});
    }
  }
}

bool ParseSize(std::string_view v, std::size_t& out) {
  std::uintmax_t n;
  if (mc::ParseUnsigned(v, n) != mc::NumError::kOk) return false;
  out = static_cast<std::size_t>(n);
  return true;
}

int Run(mc::Invocation& inv, int mode) {
  State s{inv, {}, mc::tz::LazyZone(inv.GetEnv("TZ")), 0, true, true, {}, {}, false, 0, {}, {}};
  Options& o = s.o;
  bool tty = ::isatty(1);
  if (mode == 1) {
    o.format = Format::kColumns;
    o.quoting = QStyle::kEscape;
  } else if (mode == 2) {
    o.format = Format::kLong;
    o.quoting = QStyle::kEscape;
  } else {
    if (auto q = inv.GetEnv("QUOTING_STYLE")) {
      int c = mc::MatchChoice(*q, kQuotingChoices, true);
      if (c >= 0) o.quoting = static_cast<QStyle>(c);
      else mc::Warn(inv, "ignoring invalid value of environment variable QUOTING_STYLE: " + mc::Quote(*q));
    } else if (tty) {
      o.quoting = QStyle::kShellEscape;
    }
    if (tty) {
      o.format = Format::kColumns;
      o.hide_control = true;
    }
  }
  bool width_given = false;
  if (auto c = inv.GetEnv("COLUMNS"); c && !c->empty()) {
    std::size_t w;
    if (ParseSize(*c, w) && w > 0) {
      o.width = w;
      width_given = true;
    } else {
      mc::Warn(inv, "ignoring invalid width in environment variable COLUMNS: " + mc::Quote(*c));
    }
  }
  if (!width_given && tty) {
    struct winsize ws;
    if (::ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) o.width = ws.ws_col;
  }
  if (auto t = inv.GetEnv("TABSIZE")) {
    std::size_t ts;
    if (ParseSize(*t, ts)) o.tabsize = ts;
    else mc::Warn(inv, "ignoring invalid tab size in environment variable TABSIZE: " + mc::Quote(*t));
  }

  mc::cli::Parser p(inv);
  bool sort_given = false, kibi = false, block_given = false, time_kind_given = false;
  mc::human::BlockSize size_opt;  // --block-size, -h, --si: both size columns
  std::optional<std::string> time_style;
  bool classify_bad = false;
  auto set_sort = [&](Sort st) {
    o.sort = st;
    sort_given = true;
  };
  auto bad_arg = [&](std::string_view arg, std::string_view opt, std::span<const mc::Choice> ch) {
    std::optional<int> r = mc::ArgMatch(inv, arg, opt, ch);
    if (!r) {
      mc::UsageError(inv, "");
      p.Stop(1);  // argmatch_die: EXIT_FAILURE
    }
    return r;
  };
  p.OnFlag("-a,--all", [&] { o.all = true, o.almost_all = false; });
  p.OnFlag("-A,--almost-all", [&] { o.almost_all = true, o.all = false; });
  p.Flag("--author", o.author);
  p.OnFlag("-b,--escape", [&] { o.quoting = QStyle::kEscape; });
  mc::human::AddSizeOptions(p, inv, false, "--si", 2, &size_opt, &block_given);
  p.OnFlag("-B,--ignore-backups", [&] {
    o.ignore.push_back("*~");
    o.ignore.push_back(".*~");
  });
  p.OnFlag("-c", [&] { o.time = TimeKind::kCtime, time_kind_given = true; });
  p.OnFlag("-C", [&] { o.format = Format::kColumns; });
  p.OptionalValue("--color", [&](std::optional<std::string_view> v) {
    static constexpr mc::Choice kWhen[] = {{"always", 0}, {"yes", 0}, {"force", 0},
                                          {"never", 1}, {"no", 1}, {"none", 1},
                                          {"auto", 2}, {"tty", 2}, {"if-tty", 2}};
    int w = 0;
    if (v) {
      auto r = bad_arg(*v, "--color", kWhen);
      if (!r) return;
      w = *r;
    }
    o.color = w == 0 || (w == 2 && tty);
  });
  p.Flag("-d,--directory", o.directory);
  p.OnFlag("-f", [&] {
    o.all = true;
    o.almost_all = false;
    set_sort(Sort::kNone);
    if (o.format == Format::kLong) o.format = tty ? Format::kColumns : Format::kOnePerLine;
    o.size = false;
    o.color = false;
  });
  p.OnFlag("-F", [&] { o.indicator = Indicator::kClassify; });
  p.OptionalValue("--classify", [&](std::optional<std::string_view> v) {
    static constexpr mc::Choice kWhen[] = {{"always", 0}, {"yes", 0}, {"force", 0},
                                          {"never", 1}, {"no", 1}, {"none", 1},
                                          {"auto", 2}, {"tty", 2}, {"if-tty", 2}};
    int w = 0;
    if (v) {
      auto r = bad_arg(*v, "--classify", kWhen);
      if (!r) {
        classify_bad = true;
        return;
      }
      w = *r;
    }
    if (w == 0 || (w == 2 && tty)) o.indicator = Indicator::kClassify;
  });
  p.OnFlag("--file-type", [&] { o.indicator = Indicator::kFileType; });
  p.OnValue("--format", [&](const std::string& v) {
    static constexpr mc::Choice kFmt[] = {{"verbose", 0}, {"long", 0}, {"commas", 1},
                                         {"horizontal", 2}, {"across", 2}, {"vertical", 3},
                                         {"single-column", 4}};
    auto r = bad_arg(v, "--format", kFmt);
    if (!r) return;
    constexpr Format map[] = {Format::kLong, Format::kCommas, Format::kAcross, Format::kColumns,
                              Format::kOnePerLine};
    o.format = map[*r];
  });
  p.OnFlag("--full-time", [&] {
    o.format = Format::kLong;
    time_style = "full-iso";
  });
  p.OnFlag("-g", [&] {
    o.format = Format::kLong;
    o.owner = false;
  });
  p.Flag("--group-directories-first", o.dirs_first);
  p.OnFlag("-G,--no-group", [&] { o.group = false; });
  p.OnFlag("-H,--dereference-command-line", [&] { o.deref = Deref::kCommandLine; });
  p.OnFlag("--dereference-command-line-symlink-to-dir", [&] { o.deref = Deref::kCommandLineDirs; });
  p.Value("--hide", o.hide);
  p.OnValue("--indicator-style", [&](const std::string& v) {
    static constexpr mc::Choice kInd[] = {{"none", 0}, {"slash", 1}, {"file-type", 2}, {"classify", 3}};
    if (auto r = bad_arg(v, "--indicator-style", kInd)) o.indicator = static_cast<Indicator>(*r);
  });
  p.Flag("-i,--inode", o.inode);
  p.Value("-I,--ignore", o.ignore);
  p.Flag("-k,--kibibytes", kibi);
  p.OnFlag("-l", [&] { o.format = Format::kLong; });
  p.OnFlag("-L,--dereference", [&] { o.deref = Deref::kAlways; });
  p.OnFlag("-m", [&] { o.format = Format::kCommas; });
  p.OnFlag("-n,--numeric-uid-gid", [&] {
    o.format = Format::kLong;
    o.numeric = true;
  });
  p.OnFlag("-N,--literal", [&] { o.quoting = QStyle::kLiteral; });
  p.OnFlag("-o", [&] {
    o.format = Format::kLong;
    o.group = false;
  });
  p.OnFlag("-p", [&] { o.indicator = Indicator::kSlash; });
  p.OnFlag("-q,--hide-control-chars", [&] { o.hide_control = true; });
  p.OnFlag("--show-control-chars", [&] { o.hide_control = false; });
  p.OnFlag("-Q,--quote-name", [&] { o.quoting = QStyle::kC; });
  p.OnValue("--quoting-style", [&](const std::string& v) {
    if (auto r = bad_arg(v, "--quoting-style", kQuotingChoices)) o.quoting = static_cast<QStyle>(*r);
  });
  p.Flag("-r,--reverse", o.reverse);
  p.Flag("-R,--recursive", o.recursive);
  p.Flag("-s,--size", o.size);
  p.OnFlag("-S", [&] { set_sort(Sort::kSize); });
  p.OnValue("--sort", [&](const std::string& v) {
    static constexpr mc::Choice kSort[] = {{"none", 0}, {"time", 1}, {"size", 2}, {"extension", 3},
                                          {"version", 4}, {"width", 5}};
    auto r = bad_arg(v, "--sort", kSort);
    if (!r) return;
    constexpr Sort map[] = {Sort::kNone, Sort::kTime, Sort::kSize, Sort::kExtension, Sort::kVersion,
                            Sort::kWidth};
    set_sort(map[*r]);
  });
  p.OnValue("--time", [&](const std::string& v) {
    static constexpr mc::Choice kTime[] = {{"atime", 0}, {"access", 0}, {"use", 0},
                                          {"ctime", 1}, {"status", 1}, {"birth", 2}, {"creation", 2}};
    auto r = bad_arg(v, "--time", kTime);
    if (!r) return;
    constexpr TimeKind map[] = {TimeKind::kAtime, TimeKind::kCtime, TimeKind::kBirth};
    o.time = map[*r];
    time_kind_given = true;
  });
  p.OnValue("--time-style", [&](const std::string& v) { time_style = v; });
  p.OnFlag("-t", [&] { set_sort(Sort::kTime); });
  p.OnValue("-T,--tabsize", [&](const std::string& v) {
    if (!ParseSize(v, o.tabsize)) {
      mc::Warn(inv, "invalid tab size: " + mc::Quote(v));
      p.Stop(2);
    }
  });
  p.OnFlag("-u", [&] { o.time = TimeKind::kAtime, time_kind_given = true; });
  p.OnFlag("-U", [&] { set_sort(Sort::kNone); });
  p.OnFlag("-v", [&] { set_sort(Sort::kVersion); });
  p.OnValue("-w,--width", [&](const std::string& v) {
    if (!ParseSize(v, o.width)) {
      mc::Warn(inv, "invalid line width: " + mc::Quote(v));
      p.Stop(2);
    }
  });
  p.OnFlag("-x", [&] { o.format = Format::kAcross; });
  p.OnFlag("-X", [&] { set_sort(Sort::kExtension); });
  p.OnFlag("-1", [&] {
    if (o.format != Format::kLong || true) o.format = Format::kOnePerLine;
  });
  p.OnFlag("--zero", [&] { o.zero = true; });
  bool dired = false;
  p.Flag("-D,--dired", dired);
  p.Flag("-Z,--context", o.context);
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  (void)classify_bad;

  if (block_given) o.blocks = o.file_sizes = size_opt;
  if (!block_given) {
    std::optional<std::string_view> ls_bs = inv.GetEnv("LS_BLOCK_SIZE");
    o.blocks = mc::human::FromEnvironment(inv, ls_bs);
    if (ls_bs || inv.GetEnv("BLOCK_SIZE")) o.file_sizes = o.blocks;
    else o.file_sizes = {0, 1};
    if (kibi) o.blocks = {0, 1024};
  }
  if (o.color) {
    DefaultColors(s.colors);
    if (auto lsc = inv.GetEnv("LS_COLORS"); lsc && !lsc->empty())
      if (!ParseLsColors(inv, *lsc, s.colors)) o.color = false;
    if (o.color) o.tabsize = 0;  // GNU aligns colored columns with spaces
  }
  if (o.zero) {
    o.eol = '\0';
    if (o.format == Format::kColumns || o.format == Format::kAcross || o.format == Format::kCommas)
      o.format = Format::kOnePerLine;
    o.hide_control = false;
  }
  if (time_kind_given && !sort_given && o.format != Format::kLong) o.sort = Sort::kTime;
  if (o.format == Format::kLong) {
    std::optional<std::string> style = time_style;
    if (!style)
      if (auto ts = inv.GetEnv("TIME_STYLE")) style = std::string(*ts);
    if (style) {
      std::string st = *style;
      while (st.rfind("posix-", 0) == 0) {
        // POSIX spellings mean the locale's format in the C locale.
        st = "locale";
      }
      if (!st.empty() && st[0] == '+') {
        std::size_t nl = st.find('\n');
        o.old_fmt = st.substr(1, nl == std::string::npos ? std::string::npos : nl - 1);
        o.recent_fmt = nl == std::string::npos ? o.old_fmt : st.substr(nl + 1);
      } else {
        static constexpr mc::Choice kStyles[] = {
            {"full-iso", 0}, {"long-iso", 1}, {"iso", 2}, {"locale", 3}};
        int c = mc::MatchChoice(st, kStyles);
        if (c < 0) {
          mc::Warn(inv, "invalid argument " + mc::Quote(st) + " for 'time style'\n"
                        "Valid arguments are:\n  - [posix-]full-iso\n  - [posix-]long-iso\n"
                        "  - [posix-]iso\n  - [posix-]locale\n"
                        "  - +FORMAT (e.g., +%H:%M) for a 'date'-style format");
          return mc::UsageError(inv, "");
        }
        if (c == 0) o.old_fmt = o.recent_fmt = "%Y-%m-%d %H:%M:%S.%N %z";
        else if (c == 1) o.old_fmt = o.recent_fmt = "%Y-%m-%d %H:%M";
        else if (c == 2) o.old_fmt = "%Y-%m-%d ", o.recent_fmt = "%m-%d %H:%M";
      }
    }
  }
  if (o.deref == Deref::kUndefined)
    o.deref = (o.directory || o.indicator == Indicator::kClassify || o.format == Format::kLong)
                  ? Deref::kNever
                  : Deref::kCommandLineDirs;
  ::clock_gettime(CLOCK_REALTIME, &s.now);
  s.dired = dired && o.format == Format::kLong;

  // Operands: files first (one listing), then directories.
  bool no_operands = files.empty();
  if (no_operands) files.push_back(".");
  std::vector<Ent> ops;
  ops.reserve(files.size());
  for (const std::string& f : files) {
    Ent e;
    e.name = e.path = f;
    if (!StatEnt(s, e, true)) continue;
    e.is_dir = !o.directory && S_ISDIR(e.st.st_mode);
    ops.push_back(std::move(e));
  }
  std::vector<Ent*> plain, dirs;
  for (Ent& e : ops) (e.is_dir ? dirs : plain).push_back(&e);
  SortEnts(s, plain);
  // Directory operands are listed in the sorted order (dirs-first aside).
  std::vector<Ent*> sorted_dirs = dirs;
  {
    bool df = o.dirs_first;
    o.dirs_first = false;
    SortEnts(s, sorted_dirs);
    o.dirs_first = df;
  }
  if (!plain.empty()) {
    std::vector<Ent*> all;
    for (Ent& e : ops) all.push_back(&e);
    PrintFiles(s, plain, &all);
    s.first_dir = false;
    if (!sorted_dirs.empty()) WriteLine(s, "\n");
    s.first_dir = true;
  } else if (files.size() <= 1 && sorted_dirs.size() == 1) {
    s.print_dir_name = false;
  }
  if (!plain.empty()) s.first_dir = true;
  std::vector<Pending> stack;
  std::vector<std::pair<dev_t, ino_t>> active;
  for (auto it = sorted_dirs.rbegin(); it != sorted_dirs.rend(); ++it)
    stack.push_back({(*it)->path, true, false, 0, 0});
  while (!stack.empty()) {
    Pending pd = std::move(stack.back());
    stack.pop_back();
    if (pd.leave) {
      if (!active.empty()) active.pop_back();
      continue;
    }
    ListDir(s, pd, stack, active);
  }
  if (s.dired) {
    auto dump = [&](const char* prefix, const std::vector<std::uintmax_t>& v) {
      if (v.empty()) return;
      std::string t = prefix;
      for (std::uintmax_t n : v) t += " " + UDec(n);
      t += '\n';
      inv.out().Write(t);
    };
    dump("//DIRED//", s.dired_pos);
    dump("//SUBDIRED//", s.subdired_pos);
    inv.out().Write(std::string("//DIRED-OPTIONS// --quoting-style=") +
                    std::string(kQuotingChoices[static_cast<int>(o.quoting)].word) + "\n");
  }
  return s.status;
}

}  // namespace

MC_APPLET(ls) { return Run(inv, 0); }
MC_APPLET(dir) { return Run(inv, 1); }
MC_APPLET(vdir) { return Run(inv, 2); }
