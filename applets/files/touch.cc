/* @applet touch
   @install bin
   @help
Usage: touch [OPTION]... FILE...
Update the access and modification times of each FILE to the current time.

A FILE argument that does not exist is created empty, unless -c or -h
is supplied.

A FILE argument string of - is handled specially and causes touch to
change the times of the file associated with standard output.

Mandatory arguments to long options are mandatory for short options too.
  -a                     change only the access time
  -c, --no-create        do not create any files
  -d, --date=STRING      parse STRING and use it instead of current time
  -f                     (ignored)
  -h, --no-dereference   affect each symbolic link instead of any referenced
                         file (useful only on systems that can change the
                         timestamps of a symlink)
  -m                     change only the modification time
  -r, --reference=FILE   use this file's times instead of current time
  -t STAMP               use [[CC]YY]MMDDhhmm[.ss] instead of current time
      --time=WORD        change the specified time:
                           WORD is access, atime, or use: equivalent to -a
                           WORD is modify or mtime: equivalent to -m
      --help        display this help and exit
      --version     output version information and exit

Note that the -d and -t options accept different time-date formats.
*/
// -d reads dates with the shared parser of date -d (parse_date.h).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/parse_date.h"
#include "applets/support/tz.h"
#include "registry/applet.h"

namespace {

bool Digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int Num(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// Local time in zone or, with utc_offset, a fixed zone. The fields must
// name a time that exists (no February 30th, no hour skipped by a
// transition); a 60th second is the next minute's first, as GNU's.
std::optional<timespec> FromFields(const mc::tz::Zone& zone, int year, int mon, int day, int hour,
                                   int min, int sec, long nsec, std::optional<long> utc_offset) {
  bool leap = sec == 60;
  std::optional<std::int64_t> t =
      utc_offset ? mc::tz::Zone::Load("").FromLocal(year, mon, day, hour, min, leap ? 59 : sec)
                 : zone.FromLocal(year, mon, day, hour, min, leap ? 59 : sec);
  if (!t) return std::nullopt;
  std::int64_t v = *t - (utc_offset ? *utc_offset : 0) + (leap ? 1 : 0);
  return timespec{static_cast<std::time_t>(v), nsec};
}

// -t [[CC]YY]MMDDhhmm[.ss]
std::optional<timespec> ParseStamp(const mc::tz::Zone& zone, std::string_view s) {
  int sec = 0;
  std::size_t dot = s.find('.');
  if (dot != std::string_view::npos) {
    std::string_view ss = s.substr(dot + 1);
    if (ss.size() != 2 || !Digits(ss)) return std::nullopt;
    sec = Num(ss);
    s = s.substr(0, dot);
  }
  if (!Digits(s) || (s.size() != 8 && s.size() != 10 && s.size() != 12)) return std::nullopt;
  std::int64_t now = std::time(nullptr);
  int year = mc::tz::YearOf(now + zone.OffsetAt(now));
  if (s.size() == 12) {
    year = Num(s.substr(0, 4));
    s.remove_prefix(4);
  } else if (s.size() == 10) {
    int yy = Num(s.substr(0, 2));
    year = yy < 69 ? 2000 + yy : 1900 + yy;
    s.remove_prefix(2);
  }
  return FromFields(zone, year, Num(s.substr(0, 2)), Num(s.substr(2, 2)), Num(s.substr(4, 2)),
                    Num(s.substr(6, 2)), sec, 0, std::nullopt);
}

}  // namespace

MC_APPLET(touch) {
  mc::cli::Parser p(inv);
  bool only_atime = false, only_mtime = false, no_create = false, no_deref = false, ignored = false;
  std::optional<std::string> date, stamp, ref, bad_time;
  bool time_ambiguous = false;
  p.Flag("-a", only_atime);
  p.Flag("-c,--no-create", no_create);
  p.OnValue("-d,--date", [&](const std::string& v) { date = v; });
  p.Flag("-f", ignored);
  p.Flag("-h,--no-dereference", no_deref);
  p.Flag("-m", only_mtime);
  p.OnValue("-r,--reference", [&](const std::string& v) { ref = v; });
  p.OnValue("-t", [&](const std::string& v) { stamp = v; });
  p.OnValue("--time", [&](const std::string& v) {
    // GNU's argmatch: an exact word, or a prefix of words of one meaning.
    struct Word {
      std::string_view name;
      char meaning;
    };
    static constexpr Word kWords[] = {
        {"atime", 'a'}, {"access", 'a'}, {"use", 'a'}, {"mtime", 'm'}, {"modify", 'm'}};
    char found = 0;
    bool ambiguous = false;
    for (const Word& w : kWords) {
      if (w.name == v) {
        found = w.meaning;
        ambiguous = false;
        break;
      }
      if (!v.empty() && w.name.substr(0, v.size()) == v) {
        if (found && found != w.meaning) ambiguous = true;
        found = w.meaning;
      }
    }
    if (found && !ambiguous) {
      (found == 'a' ? only_atime : only_mtime) = true;
    } else if (!bad_time) {
      bad_time = v;
      time_ambiguous = ambiguous || v.empty();
    }
  });
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (bad_time) {
    mc::Warn(inv, std::string(time_ambiguous ? "ambiguous" : "invalid") + " argument " +
                      mc::QuoteC(*bad_time) + " for '--time'");
    static constexpr std::string_view kValid =
        "Valid arguments are:\n  - 'atime', 'access', 'use'\n  - 'mtime', 'modify'\n";
    mc::WriteAll(inv.err_fd(), kValid.data(), kValid.size());
    return mc::UsageError(inv, "");
  }
  if (stamp && (date || ref)) return mc::UsageError(inv, "cannot specify times from more than one source");

  timespec ts[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
  if (ref) {
    struct stat st;
    int rc = no_deref ? ::lstat(ref->c_str(), &st) : ::stat(ref->c_str(), &st);
    if (rc != 0) {
      mc::Warn(inv, "failed to get attributes of " + mc::Quote(*ref) + ": " +
                        std::string(mc::ErrorText(errno)));
      return 1;
    }
    ts[0] = st.st_atim;
    ts[1] = st.st_mtim;
  }
  if (date) {
    // Relative items count from the reference file's time, as GNU's.
    timespec now;
    ::clock_gettime(CLOCK_REALTIME, &now);
    mc::date::Timestamp base = ref ? mc::date::Timestamp{ts[1].tv_sec, ts[1].tv_nsec}
                                   : mc::date::Timestamp{now.tv_sec, now.tv_nsec};
    auto t = mc::date::Parse(*date, base, mc::tz::Zone::Load(inv.GetEnv("TZ")));
    if (!t) {
      mc::Warn(inv, "invalid date format " + mc::QuoteC(*date));
      return 1;
    }
    ts[0] = ts[1] = timespec{static_cast<std::time_t>(t->sec), t->nsec};
  }
  if (stamp) {
    auto t = ParseStamp(mc::tz::Zone::Load(inv.GetEnv("TZ")), *stamp);
    if (!t) {
      mc::Warn(inv, "invalid date format " + mc::QuoteC(*stamp));
      return 1;
    }
    ts[0] = ts[1] = *t;
  }
  if (only_atime && !only_mtime) ts[1].tv_nsec = UTIME_OMIT;
  if (only_mtime && !only_atime) ts[0].tv_nsec = UTIME_OMIT;
  if (files.empty()) return mc::UsageError(inv, "missing file operand");

  int status = 0;
  for (const std::string& f : files) {
    int fd = -1, open_err = 0;
    bool is_stdout = f == "-";
    if (is_stdout) {
      fd = 1;
    } else if (!no_create && !no_deref) {
      fd = ::open(f.c_str(), O_WRONLY | O_CREAT | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0666);
      if (fd < 0) open_err = errno;
    }
    int rc = fd >= 0 ? ::futimens(fd, ts)
                     : ::utimensat(AT_FDCWD, f.c_str(), ts, no_deref ? AT_SYMLINK_NOFOLLOW : 0);
    int err = errno;
    if (fd >= 0 && !is_stdout && ::close(fd) != 0 && rc == 0) {
      rc = -1;
      err = errno;
    }
    if (rc != 0) {
      if (open_err && open_err != EISDIR) {
        mc::Warn(inv, "cannot touch " + mc::Quote(f) + ": " + std::string(mc::ErrorText(open_err)));
      } else {
        if (no_create && err == ENOENT) continue;
        mc::Warn(inv, "setting times of " + mc::Quote(f) + ": " + std::string(mc::ErrorText(err)));
      }
      status = 1;
    }
  }
  return status;
}
