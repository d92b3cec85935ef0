/* @applet date
   @install bin
   @help
Usage: date [OPTION]... [+FORMAT]
  or:  date [-u|--utc|--universal] [MMDDhhmm[[CC]YY][.ss]]
Display date and time in the given FORMAT.
With -s, or with [MMDDhhmm[[CC]YY][.ss]], set the date and time.

Mandatory arguments to long options are mandatory for short options too.
  -d, --date=STRING          display time described by STRING, not 'now'
  -f, --file=DATEFILE        like --date; once for each line of DATEFILE
  -I[FMT], --iso-8601[=FMT]  output date/time in ISO 8601 format.
                               FMT='date' for date only (the default),
                               'hours', 'minutes', 'seconds', or 'ns'
                               for date and time to the indicated precision.
                               Example: 2006-08-14T02:34:56-06:00
      --resolution           output the available resolution of timestamps
                               Example: 0.000000001
  -R, --rfc-email            output date and time in RFC 5322 format.
                               Example: Mon, 14 Aug 2006 02:34:56 -0600
      --rfc-3339=FMT         output date/time in RFC 3339 format.
                               FMT='date', 'seconds', or 'ns'
                               for date and time to the indicated precision.
                               Example: 2006-08-14 02:34:56-06:00
  -r, --reference=FILE       display the last modification time of FILE
  -s, --set=STRING           set time described by STRING
  -u, --utc, --universal     print or set Coordinated Universal Time (UTC)
      --help        display this help and exit
      --version     output version information and exit

FORMAT controls the output.  Interpreted sequences are:

  %%   a literal %
  %a   abbreviated weekday name (e.g., Sun)
  %A   full weekday name (e.g., Sunday)
  %b   abbreviated month name (e.g., Jan)
  %B   full month name (e.g., January)
  %c   date and time (e.g., Thu Mar  3 23:05:25 2005)
  %C   century; like %Y, except omit last two digits (e.g., 20)
  %d   day of month (e.g., 01)
  %D   date; same as %m/%d/%y
  %e   day of month, space padded; same as %_d
  %F   full date; like %+4Y-%m-%d
  %g   last two digits of year of ISO week number (see %G)
  %G   year of ISO week number (see %V); normally useful only with %V
  %h   same as %b
  %H   hour (00..23)
  %I   hour (01..12)
  %j   day of year (001..366)
  %k   hour, space padded ( 0..23); same as %_H
  %l   hour, space padded ( 1..12); same as %_I
  %m   month (01..12)
  %M   minute (00..59)
  %n   a newline
  %N   nanoseconds (000000000..999999999)
  %p   AM or PM
  %P   like %p, but lower case
  %q   quarter of year (1..4)
  %r   12-hour clock time (e.g., 11:11:04 PM)
  %R   24-hour hour and minute; same as %H:%M
  %s   seconds since the Epoch (1970-01-01 00:00 UTC)
  %S   second (00..60)
  %t   a tab
  %T   time; same as %H:%M:%S
  %u   day of week (1..7); 1 is Monday
  %U   week number of year, with Sunday as first day of week (00..53)
  %V   ISO week number, with Monday as first day of week (01..53)
  %w   day of week (0..6); 0 is Sunday
  %W   week number of year, with Monday as first day of week (00..53)
  %x   date (e.g., 12/31/99)
  %X   time (e.g., 23:13:48)
  %y   last two digits of year (00..99)
  %Y   year
  %z   +hhmm numeric time zone (e.g., -0400)
  %:z  +hh:mm numeric time zone (e.g., -04:00)
  %::z  +hh:mm:ss numeric time zone (e.g., -04:00:00)
  %:::z  numeric time zone with : to necessary precision (e.g., -04, +05:30)
  %Z   alphabetic time zone abbreviation (e.g., EDT)

By default, date pads numeric fields with zeroes.
The following optional flags may follow '%':

  -  (hyphen) do not pad the field
  _  (underscore) pad with spaces
  0  (zero) pad with zeros
  +  pad with zeros, and put '+' before future years with >4 digits
  ^  use upper case if possible
  #  use opposite case if possible

After any flags comes an optional field width, as a decimal number;
then an optional modifier, which is either
E to use the locale's alternate representations if available, or
O to use the locale's alternate numeric symbols if available.

STRING is read as GNU date reads it for the common forms: @SECONDS,
ISO 8601 dates and times, month names, "3pm", relative items such as
"2 days ago", "next friday", "tomorrow", and a leading TZ="ZONE".
*/
#include <sys/stat.h>
#include <time.h>

#include <cerrno>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/support/output.h"
#include "applets/support/parse_date.h"
#include "applets/support/time_format.h"
#include "applets/support/tz.h"
#include "registry/applet.h"

namespace {

enum Precision { kDate, kHours, kMinutes, kSeconds, kNs };

constexpr mc::Choice kIso[] = {{"hours", kHours}, {"minutes", kMinutes}, {"date", kDate}, {"seconds", kSeconds}, {"ns", kNs}};
constexpr mc::Choice kRfc3339[] = {{"date", kDate}, {"seconds", kSeconds}, {"ns", kNs}};

std::string IsoFormat(int p) {
  switch (p) {
    case kHours: return "%Y-%m-%dT%H%:z";
    case kMinutes: return "%Y-%m-%dT%H:%M%:z";
    case kSeconds: return "%Y-%m-%dT%H:%M:%S%:z";
    case kNs: return "%Y-%m-%dT%H:%M:%S,%N%:z";
    default: return "%Y-%m-%d";
  }
}

std::string Rfc3339Format(int p) {
  switch (p) {
    case kSeconds: return "%Y-%m-%d %H:%M:%S%:z";
    case kNs: return "%Y-%m-%d %H:%M:%S.%N%:z";
    default: return "%Y-%m-%d";
  }
}

// The set form: MMDDhhmm[[CC]YY][.ss], in local time.
std::optional<mc::date::Timestamp> ParseSetForm(std::string_view s, mc::date::Timestamp now, const mc::tz::Zone& zone) {
  int sec = 0;
  std::size_t dot = s.find('.');
  auto digits = [](std::string_view d) {
    if (d.empty()) return false;
    for (char c : d)
      if (c < '0' || c > '9') return false;
    return true;
  };
  if (dot != std::string_view::npos) {
    std::string_view ss = s.substr(dot + 1);
    if (ss.size() != 2 || !digits(ss)) return std::nullopt;
    sec = (ss[0] - '0') * 10 + (ss[1] - '0');
    s = s.substr(0, dot);
  }
  if (!digits(s) || (s.size() != 8 && s.size() != 10 && s.size() != 12)) return std::nullopt;
  auto two = [&](std::size_t at) { return (s[at] - '0') * 10 + (s[at + 1] - '0'); };
  int mon = two(0), day = two(2), hour = two(4), min = two(6);
  int year = mc::timefmt::Breakdown(now.sec, 0, zone).year;
  if (s.size() == 10) year = two(8) + (two(8) < 69 ? 2000 : 1900);
  if (s.size() == 12) year = two(8) * 100 + two(10);
  auto t = zone.FromLocal(year, mon, day, hour, min, sec == 60 ? 59 : sec);
  if (!t) return std::nullopt;
  return mc::date::Timestamp{*t + (sec == 60 ? 1 : 0), 0};
}

}  // namespace

MC_APPLET(date) {
  std::optional<std::string> date_str, file, reference, set_str;
  std::optional<std::string> format;
  bool utc = false, resolution = false;
  int formats = 0;
  std::vector<std::string> operands;
  mc::cli::Parser p(inv);
  p.OnValue("-d,--date", [&](const std::string& v) { date_str = v; });
  p.OnValue("-f,--file", [&](const std::string& v) { file = v; });
  p.OnValue("-r,--reference", [&](const std::string& v) { reference = v; });
  p.OnValue("-s,--set", [&](const std::string& v) { set_str = v; });
  p.OnFlag("-u,--utc,--universal", [&] { utc = true; });
  p.OnFlag("--resolution", [&] { resolution = true; });
  p.OnFlag("-R,--rfc-email", [&] {
    format = "%a, %d %b %Y %H:%M:%S %z";
    ++formats;
  });
  p.OptionalValue("-I,--iso-8601", [&](std::optional<std::string_view> v) {
    int prec = kDate;
    if (v) {
      auto m = mc::ArgMatch(inv, *v, "--iso-8601", kIso);
      if (!m) {
        return p.Stop(mc::UsageError(inv, ""));
      }
      prec = *m;
    }
    format = IsoFormat(prec);
    ++formats;
  });
  p.OnValue("--rfc-3339", [&](const std::string& v) {
    auto m = mc::ArgMatch(inv, v, "--rfc-3339", kRfc3339);
    if (!m) {
      return p.Stop(mc::UsageError(inv, ""));
    }
    format = Rfc3339Format(*m);
    ++formats;
  });
  if (auto rc = p.Parse(&operands)) return *rc;

  int sources = (date_str ? 1 : 0) + (file ? 1 : 0) + (reference ? 1 : 0) + (resolution ? 1 : 0);
  if (sources > 1) return mc::UsageError(inv, "the options to specify dates for printing are mutually exclusive");
  if (set_str && sources) return mc::UsageError(inv, "the options to print and set the time may not be used together");
  std::optional<std::string> set_operand;
  if (operands.size() > 1) return mc::UsageError(inv, "extra operand " + mc::Quote(operands[1]));
  for (const auto& op : operands) {
    if (!op.empty() && op[0] == '+') {
      if (format || formats) {
        mc::Warn(inv, "multiple output formats specified");
        return 1;
      }
      format = op.substr(1);
    } else if (!set_str && !sources) {
      set_operand = op;
    } else {
      return mc::UsageError(inv, "extra operand " + mc::Quote(op));
    }
  }
  if (formats > 1) {
    mc::Warn(inv, "multiple output formats specified");
    return 1;
  }

  mc::tz::Zone zone = utc ? mc::tz::Zone::Load("UTC0") : mc::tz::Zone::Load(inv.GetEnv("TZ"));
  std::string fmt = format.value_or(resolution ? "%s.%N" : "%a %b %e %H:%M:%S %Z %Y");
  timespec ts;
  ::clock_gettime(CLOCK_REALTIME, &ts);
  mc::date::Timestamp now{ts.tv_sec, ts.tv_nsec};

  auto show = [&](mc::date::Timestamp t) {
    mc::timefmt::BrokenTime tm = utc ? mc::timefmt::BreakdownAt(t.sec, t.nsec, 0, "UTC")
                                     : mc::timefmt::Breakdown(t.sec, t.nsec, zone);
    std::string line;
    mc::timefmt::Format(fmt, tm, &line);
    line.push_back('\n');
    inv.out().Write(line);
  };

  if (resolution) {
    show(mc::date::Timestamp{0, 1});  // clock_getres: the kernel's is 1 ns
    return 0;
  }
  if (file) {
    int status = 0;
    status = mc::ForEachInputRecords(inv, {*file}, '\n', [&](mc::LineReader& r) {
      std::string_view line;
      while (r.Next(line)) {
        auto t = mc::date::Parse(line, now, zone);
        if (!t) {
          mc::Warn(inv, "invalid date " + mc::Quote(line));
          status = 1;
          continue;
        }
        show(*t);
      }
      return true;
    }) | status;
    return status;
  }
  mc::date::Timestamp when = now;
  if (reference) {
    struct stat st;
    if (::stat(reference->c_str(), &st) != 0) {
      mc::WarnErrno(inv, *reference, errno);
      return 1;
    }
    when = {st.st_mtim.tv_sec, st.st_mtim.tv_nsec};
  } else if (date_str || set_str) {
    const std::string& s = date_str ? *date_str : *set_str;
    auto t = mc::date::Parse(s, now, zone);
    if (!t) {
      mc::Warn(inv, "invalid date " + mc::Quote(s));
      return 1;
    }
    when = *t;
  } else if (set_operand) {
    auto t = ParseSetForm(*set_operand, now, zone);
    if (!t) {
      mc::Warn(inv, "invalid date " + mc::Quote(*set_operand));
      return 1;
    }
    when = *t;
  }
  int status = 0;
  if (set_str || set_operand) {
    timespec set{static_cast<time_t>(when.sec), when.nsec};
    if (::clock_settime(CLOCK_REALTIME, &set) != 0) {
      mc::WarnErrno(inv, "cannot set date", errno);
      status = 1;
    }
  }
  show(when);
  return status;
}
