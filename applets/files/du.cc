/* @applet du
   @install usr/bin
   @help
Usage: du [OPTION]... [FILE]...
  or:  du [OPTION]... --files0-from=F
Summarize device usage of the set of FILEs, recursively for directories.

Mandatory arguments to long options are mandatory for short options too.
  -0, --null            end each output line with NUL, not newline
  -a, --all             write counts for all files, not just directories
      --apparent-size   print apparent sizes rather than device usage; although
                          the apparent size is usually smaller, it may be
                          larger due to holes in ('sparse') files, internal
                          fragmentation, indirect blocks, and the like
  -B, --block-size=SIZE  scale sizes by SIZE before printing them; e.g.,
                           '-BM' prints sizes in units of 1,048,576 bytes;
                           see SIZE format below
  -b, --bytes           equivalent to '--apparent-size --block-size=1'
  -c, --total           produce a grand total
  -D, --dereference-args  dereference only symlinks that are listed on the
                          command line
  -d, --max-depth=N     print the total for a directory (or file, with --all)
                          only if it is N or fewer levels below the command
                          line argument;  --max-depth=0 is the same as
                          --summarize
      --files0-from=F   summarize device usage of the
                          NUL-terminated file names specified in file F;
                          if F is -, then read names from standard input
  -H                    equivalent to --dereference-args (-D)
  -h, --human-readable  print sizes in human readable format (e.g., 1K 234M 2G)
      --inodes          list inode usage information instead of block usage
  -k                    like --block-size=1K
  -L, --dereference     dereference all symbolic links
  -l, --count-links     count sizes many times if hard linked
  -m                    like --block-size=1M
  -P, --no-dereference  don't follow any symbolic links (this is the default)
  -S, --separate-dirs   for directories do not include size of subdirectories
      --si              like -h, but use powers of 1000 not 1024
  -s, --summarize       display only a total for each argument
  -t, --threshold=SIZE  exclude entries smaller than SIZE if positive,
                          or entries greater than SIZE if negative
      --time            show time of the last modification of any file in the
                          directory, or any of its subdirectories
      --time=WORD       show time as WORD instead of modification time:
                          atime, access, use, ctime or status
      --time-style=STYLE  show times using STYLE, which can be:
                            full-iso, long-iso, iso, or +FORMAT;
                            FORMAT is interpreted like in 'date'
  -X, --exclude-from=FILE  exclude files that match any pattern in FILE
      --exclude=PATTERN    exclude files that match PATTERN
  -x, --one-file-system    skip directories on different file systems
      --help        display this help and exit
      --version     output version information and exit

Display values are in units of the first available SIZE from --block-size,
and the DU_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.
Otherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.
*/
// du: GNU coreutils 9.1's disk usage on the shared walker (support/walk.h).
// Entries come in directory order, as GNU's fts gives them; a directory's
// line follows its contents. Files with several links (and, with several
// operands or -L, directories) are counted once by (device, inode).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/files/fileinfo.h"
#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/files0.h"
#include "applets/support/human_size.h"
#include "applets/support/input.h"
#include "applets/support/numbers.h"
#include "applets/support/tz.h"
#include "applets/support/walk.h"
#include "applets/support/wildcard.h"
#include "registry/applet.h"

namespace {

struct Size {
  std::uintmax_t bytes = 0, inodes = 0;
  struct timespec tmax {0, -1};
  void Add(const Size& o) {
    bytes += o.bytes;
    inodes += o.inodes;
    if (o.tmax.tv_sec > tmax.tv_sec || (o.tmax.tv_sec == tmax.tv_sec && o.tmax.tv_nsec > tmax.tv_nsec))
      tmax = o.tmax;
  }
};

enum class TimeKind { kNone, kMtime, kAtime, kCtime };

struct Options {
  bool all = false, apparent = false, total = false, separate = false, count_links = false;
  bool inodes = false, one_fs = false;
  std::size_t max_depth = SIZE_MAX;
  mc::walk::Symlinks symlinks = mc::walk::Symlinks::kPhysical;
  mc::human::BlockSize bs;
  std::optional<std::intmax_t> threshold;
  TimeKind time = TimeKind::kNone;
  std::string time_fmt = "%Y-%m-%d %H:%M";
  std::vector<std::string> exclude;
  char eol = '\n';
};

struct Level {
  Size ent, subdir;
};

class Du : public mc::walk::Visitor {
 public:
  Du(mc::Invocation& inv, const Options& o, mc::walk::FileIdSet& seen, bool hash_all)
      : inv_(inv), o_(o), seen_(seen), hash_all_(hash_all), zone_(inv.GetEnv("TZ")) {}

  int status = 0;
  Size total;

  void Begin() {
    levels_.assign(1, Level{});
    prev_level_ = 0;
  }

  mc::walk::Action Visit(const mc::walk::Entry& e) override {
    using mc::walk::Action;
    using mc::walk::Visit;
    switch (e.visit) {
      case Visit::kError:
        mc::Warn(inv_, "cannot access " + mc::Quote(e.path) + ": " + std::string(mc::ErrorText(e.err)));
        status = 1;
        return Action::kContinue;
      case Visit::kCycle:
        if (o_.symlinks == mc::walk::Symlinks::kLogical) return Action::kContinue;
        mc::Warn(inv_, "WARNING: Circular directory structure.\nThis almost certainly means that you "
                       "have a corrupted file system.\nNOTIFY YOUR SYSTEM MANAGER.\nThe following "
                       "directory is part of the cycle:\n  " + mc::Quote(e.path) + "\n");
        status = 1;
        return Action::kContinue;
      case Visit::kOtherDevice:
        return Action::kContinue;
      case Visit::kPre: {
        if (Excluded(e.path)) return Action::kSkip;
        if (!o_.count_links && hash_all_ && !seen_.Insert(e.st->st_dev, e.st->st_ino))
          return Action::kSkip;
        dirs_.push_back(SizeOf(*e.st));
        return Action::kContinue;
      }
      case Visit::kDirError: {
        mc::Warn(inv_, "cannot read directory " + mc::Quote(e.path) + ": " +
                           std::string(mc::ErrorText(e.err)));
        status = 1;
        Size own = dirs_.back();
        dirs_.pop_back();
        Account(own, e.depth, true, e.path);
        return Action::kContinue;
      }
      case Visit::kPost: {
        Size own = dirs_.back();
        dirs_.pop_back();
        Account(own, e.depth, true, e.path);
        return Action::kContinue;
      }
      case Visit::kFile: {
        if (Excluded(e.path)) return Action::kContinue;
        struct stat st;
        const struct stat* sp = e.st;
        if (!sp) {
          if (::fstatat(e.dirfd, e.name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
            mc::Warn(inv_, "cannot access " + mc::Quote(e.path) + ": " + std::string(mc::ErrorText(errno)));
            status = 1;
            return Action::kContinue;
          }
          sp = &st;
        }
        if (!o_.count_links && (sp->st_nlink > 1 || (hash_all_ && S_ISDIR(sp->st_mode))) &&
            !seen_.Insert(sp->st_dev, sp->st_ino))
          return Action::kContinue;
        Account(SizeOf(*sp), e.depth, false, e.path);
        return Action::kContinue;
      }
    }
    return Action::kContinue;
  }

 private:
  bool Excluded(std::string_view path) const {
    if (o_.exclude.empty()) return false;
    std::string p(path);
    for (const std::string& pat : o_.exclude) {
      if (mc::WildcardMatch(pat, p)) return true;
      for (std::size_t i = 0; i < p.size(); ++i)
        if (p[i] == '/' && i + 1 < p.size() && p[i + 1] != '/' &&
            mc::WildcardMatch(pat, std::string_view(p).substr(i + 1)))
          return true;
    }
    return false;
  }

  Size SizeOf(const struct stat& st) const {
    Size s;
    s.inodes = 1;
    s.bytes = o_.apparent ? static_cast<std::uintmax_t>(st.st_size < 0 ? 0 : st.st_size)
                          : static_cast<std::uintmax_t>(st.st_blocks) * 512;
    switch (o_.time) {
      case TimeKind::kAtime: s.tmax = st.st_atim; break;
      case TimeKind::kCtime: s.tmax = st.st_ctim; break;
      default: s.tmax = st.st_mtim;
    }
    return s;
  }

  // GNU du's process_file bookkeeping: per-level sums of entries and of
  // subdirectories.
  void Account(const Size& own, std::size_t level, bool is_dir, std::string_view path) {
    if (levels_.size() <= level + 1) levels_.resize(level + 2);
    Size print = own;
    if (level > prev_level_) {
      for (std::size_t i = prev_level_ + 1; i <= level; ++i) levels_[i] = Level{};
    } else if (level < prev_level_) {
      print.Add(levels_[prev_level_].ent);
      if (!o_.separate) print.Add(levels_[prev_level_].subdir);
      levels_[level].subdir.Add(levels_[prev_level_].ent);
      levels_[level].subdir.Add(levels_[prev_level_].subdir);
    }
    prev_level_ = level;
    if (!(o_.separate && is_dir)) levels_[level].ent.Add(own);
    total.Add(own);
    if ((is_dir && level <= o_.max_depth) || (o_.all && level <= o_.max_depth) || level == 0)
      Print(print, path);
  }

 public:
  void Print(const Size& s, std::string_view path) {
    std::uintmax_t n = o_.inodes ? s.inodes : s.bytes;
    if (o_.threshold) {
      std::intmax_t t = *o_.threshold;
      if ((t >= 0 && n < static_cast<std::uintmax_t>(t)) ||
          (t < 0 && n > static_cast<std::uintmax_t>(-t)))
        return;
    }
    std::string line = mc::human::Format(n, o_.bs.opts, 1, o_.bs.size);
    line += '\t';
    if (o_.time != TimeKind::kNone) {
      line += mc::files::FormatTime(o_.time_fmt, s.tmax.tv_sec, s.tmax.tv_nsec < 0 ? 0 : s.tmax.tv_nsec,
                                    zone_.get());
      line += '\t';
    }
    line.append(path);
    line += o_.eol;
    inv_.out().Write(line);
    // GNU du flushes each line; a failed write is then reported at exit
    // without its reason ("du: write error"), as GNU's stdio loses it.
    inv_.out().FlushBeforeMessage();
  }

 private:
  mc::Invocation& inv_;
  const Options& o_;
  mc::walk::FileIdSet& seen_;
  bool hash_all_;
  mc::tz::LazyZone zone_;
  std::vector<Level> levels_;
  std::vector<Size> dirs_;
  std::size_t prev_level_ = 0;
};

}  // namespace

MC_APPLET(du) {
  mc::cli::Parser p(inv);
  Options o;
  bool summarize = false, block_given = false;
  std::optional<std::string> max_depth_arg, files0;
  std::optional<std::string> time_style;
  p.OnFlag("-0,--null", [&] { o.eol = '\0'; });
  p.Flag("-a,--all", o.all);
  p.OnFlag("--apparent-size", [&] { o.apparent = true; });
  mc::human::AddSizeOptions(p, inv, true, "--si", 1, &o.bs, &block_given);
  p.OnFlag("-b,--bytes", [&] {
    o.apparent = true;
    o.bs = {0, 1};
    block_given = true;
  });
  p.Flag("-c,--total", o.total);
  p.OnFlag("-D,--dereference-args,-H", [&] { o.symlinks = mc::walk::Symlinks::kCommandLine; });
  p.OnValue("-d,--max-depth", [&](const std::string& v) { max_depth_arg = v; });
  p.OnValue("--files0-from", [&](const std::string& v) { files0 = v; });
  p.Flag("--inodes", o.inodes);
  p.OnFlag("-k", [&] {
    o.bs = {0, 1024};
    block_given = true;
  });
  p.OnFlag("-L,--dereference", [&] { o.symlinks = mc::walk::Symlinks::kLogical; });
  p.Flag("-l,--count-links", o.count_links);
  p.OnFlag("-m", [&] {
    o.bs = {0, 1024 * 1024};
    block_given = true;
  });
  p.OnFlag("-P,--no-dereference", [&] { o.symlinks = mc::walk::Symlinks::kPhysical; });
  p.Flag("-S,--separate-dirs", o.separate);
  p.Flag("-s,--summarize", summarize);
  auto threshold = [&](const char* opt, const std::string& v) {
    std::string_view s = v;
    bool neg = !s.empty() && s[0] == '-';
    if (neg) s.remove_prefix(1);
    std::uintmax_t n = 0;
    auto e = mc::ParseScaled(s, 10, "eEgGkKmMpPtTyYzZ0", n);
    if (e != mc::NumError::kOk || (neg && n == 0) || n > INTMAX_MAX) {
      mc::Warn(inv, "invalid " + std::string(opt) + " argument " + mc::QuoteC(v));
      p.Stop(1);
      return;
    }
    o.threshold = neg ? -static_cast<std::intmax_t>(n) : static_cast<std::intmax_t>(n);
  };
  p.OnValue("-t", [&](const std::string& v) { threshold("-t", v); });
  p.OnValue("--threshold", [&](const std::string& v) { threshold("--threshold", v); });
  p.OptionalValue("--time", [&](std::optional<std::string_view> v) {
    o.time = TimeKind::kMtime;
    if (!v) return;
    static constexpr mc::Choice kTime[] = {{"atime", 0}, {"access", 0}, {"use", 0}, {"ctime", 1}, {"status", 1}};
    auto r = mc::ArgMatch(inv, *v, "--time", kTime);
    if (!r) {
      p.Stop(mc::UsageError(inv, ""));
      return;
    }
    o.time = *r == 0 ? TimeKind::kAtime : TimeKind::kCtime;
  });
  p.OnValue("--time-style", [&](const std::string& v) { time_style = v; });
  p.OnValue("-X,--exclude-from", [&](const std::string& v) {
    int fd = v == "-" ? 0 : ::open(v.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      mc::Warn(inv, mc::QuoteName(v) + ": " + std::string(mc::ErrorText(errno)));
      p.Stop(1);
      return;
    }
    std::string data, line;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) data.append(buf, static_cast<std::size_t>(n));
    if (fd != 0) ::close(fd);
    for (char ch : data) {
      if (ch == '\n') {
        if (!line.empty()) o.exclude.push_back(line);
        line.clear();
      } else {
        line += ch;
      }
    }
    if (!line.empty()) o.exclude.push_back(line);
  });
  p.Value("--exclude", o.exclude);
  p.Flag("-x,--one-file-system", o.one_fs);
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;

  if (max_depth_arg) {
    std::uintmax_t d;
    if (mc::ParseUnsigned(*max_depth_arg, d) != mc::NumError::kOk || (*max_depth_arg)[0] == '-') {
      mc::Warn(inv, "invalid maximum depth " + mc::Quote(*max_depth_arg));
      return mc::UsageError(inv, "");
    }
    o.max_depth = d > SIZE_MAX ? SIZE_MAX : static_cast<std::size_t>(d);
  }
  if (summarize) {
    if (max_depth_arg && o.max_depth != 0) {
      mc::Warn(inv, "warning: summarizing conflicts with --max-depth=" + mc::files::UDec(o.max_depth));
      return mc::UsageError(inv, "");
    }
    o.max_depth = 0;
  }
  if (summarize && o.all) {
    mc::Warn(inv, "cannot both summarize and show all entries");
    return mc::UsageError(inv, "");
  }
  if (!block_given) o.bs = mc::human::FromEnvironment(inv, inv.GetEnv("DU_BLOCK_SIZE"));
  if (o.inodes) {
    // Counts are printed as numbers, scaled only by -h/--si.
    if (!(o.bs.opts & mc::human::kAutoscale)) o.bs = {0, 1};
  }
  if (o.time != TimeKind::kNone) {
    std::optional<std::string> st = time_style;
    if (!st)
      if (auto env = inv.GetEnv("TIME_STYLE")) st = std::string(*env);
    if (st) {
      std::string s = *st;
      while (s.rfind("posix-", 0) == 0) s = s.substr(6);
      if (!s.empty() && s[0] == '+') {
        o.time_fmt = s.substr(1, s.find('\n') == std::string::npos ? std::string::npos : s.find('\n') - 1);
      } else {
        static constexpr mc::Choice kStyles[] = {{"full-iso", 0}, {"long-iso", 1}, {"iso", 2}};
        auto r = mc::ArgMatch(inv, s, "time style", kStyles);
        if (!r) return mc::UsageError(inv, "");
        o.time_fmt = *r == 0 ? "%Y-%m-%d %H:%M:%S.%N %z" : *r == 1 ? "%Y-%m-%d %H:%M" : "%Y-%m-%d";
      }
    }
  }
  if (files0) {
    if (!files.empty()) {
      mc::Warn(inv, "extra operand " + mc::Quote(files[0]) + "\nfile operands cannot be combined with --files0-from");
      return mc::UsageError(inv, "");
    }
    int fd = *files0 == "-" ? 0 : ::open(files0->c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      mc::Warn(inv, "cannot open " + mc::Quote(*files0) + " for reading: " + std::string(mc::ErrorText(errno)));
      return 1;
    }
    std::string data;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) data.append(buf, static_cast<std::size_t>(n));
    if (fd != 0) ::close(fd);
    std::size_t start = 0;
    for (std::size_t i = 0; i < data.size(); ++i)
      if (data[i] == '\0') {
        files.push_back(data.substr(start, i - start));
        start = i + 1;
      }
    if (start < data.size()) files.push_back(data.substr(start));
  }
  if (files.empty() && !files0) files.push_back(".");

  mc::walk::Options wo;
  wo.symlinks = o.symlinks;
  wo.one_file_system = o.one_fs;
  mc::walk::Walker walker(wo);
  mc::walk::FileIdSet seen;
  bool hash_all = files.size() > 1 || o.symlinks == mc::walk::Symlinks::kLogical;
  Du du(inv, o, seen, hash_all);
  for (const std::string& f : files) {
    if (f.empty()) {
      mc::Warn(inv, files0 ? "invalid zero-length file name" : "cannot access '': No such file or directory");
      du.status = 1;
      continue;
    }
    du.Begin();
    walker.Walk(f, du);
  }
  if (o.total) du.Print(du.total, "total");
  return du.status;
}
