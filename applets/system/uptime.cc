/* @applet uptime
   @help
Usage: uptime [OPTION]... [FILE]
Print the current time, the length of time the system has been up,
the number of users on the system, and the average number of jobs
in the run queue over the last 1, 5 and 15 minutes.  Processes in
an uninterruptible sleep state also contribute to the load average.
If FILE is not specified, use /var/run/utmp.  /var/log/wtmp as FILE is common.

      --help        display this help and exit
      --version     output version information and exit
*/
// GNU coreutils 9.1's uptime (Debian installs procps' instead): the time
// up comes from /proc/uptime, else from FILE's last BOOT_TIME record; the
// users are FILE's user processes; the load averages are /proc/loadavg's
// (the numbers the kernel prints with two decimals, as getloadavg reads
// them), and are left out when it cannot be read.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/time_format.h"
#include "applets/system/ident.h"
#include "applets/system/utmp.h"
#include "registry/applet.h"

namespace {

// A small /proc file's text, or nullopt (errno kept).
bool ReadSmall(const char* path, std::string* out) {
  int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  char buf[256];
  ssize_t n;
  do n = ::read(fd, buf, sizeof buf);
  while (n < 0 && errno == EINTR);
  int err = errno;
  ::close(fd);
  if (n < 0) {
    errno = err;
    return false;
  }
  out->assign(buf, static_cast<std::size_t>(n));
  return true;
}

bool IsNumberText(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if ((c < '0' || c > '9') && c != '.') return false;
  return true;
}

}  // namespace

MC_APPLET(uptime) {
  mc::cli::Parser parser(inv);
  std::vector<std::string> operands;
  if (auto rc = parser.Parse(&operands)) return *rc;
  if (operands.size() > 1) return mc::UsageError(inv, "extra operand " + mc::QuoteC(operands[1]));
  bool file_given = operands.size() == 1;
  auto records = mc::utmp::Read(file_given ? operands[0].c_str() : mc::utmp::kUtmpFile, !file_given);

  // Seconds up: the whole seconds of /proc/uptime's first number.
  std::int64_t up = 0;
  int err = 0;
  std::string text;
  if (ReadSmall("/proc/uptime", &text)) {
    std::size_t i = 0;
    bool digits = false;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      digits = true;
      up = up > (INT64_MAX - 9) / 10 ? -1 : up * 10 + (text[i++] - '0');
      if (up < 0) break;
    }
    if (!digits) up = 0;
  } else {
    err = errno;
  }
  unsigned long users = 0;
  std::int64_t boot = 0;
  for (const auto& r : records) {
    users += r.IsUser();
    if (r.type == mc::utmp::kBootTime) boot = r.sec;
  }
  std::int64_t now = ::time(nullptr);
  if (up == 0) {
    if (boot == 0) {
      if (err) mc::DieErrno(inv, "couldn't get boot time", err);
      mc::Die(inv, "couldn't get boot time");
    }
    up = now - boot;
  }

  std::string out;
  mc::tz::Zone zone = mc::tz::Zone::Load(inv.GetEnv("TZ"));
  mc::timefmt::Format(" %H:%M:%S  ", mc::timefmt::Breakdown(now, 0, zone), &out);
  auto two = [](long v) { return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10); };
  if (up < 0) {
    out += "up ???? days ??:??,  ";
  } else {
    std::int64_t days = up / 86400;
    long hours = static_cast<long>(up % 86400 / 3600), mins = static_cast<long>(up % 3600 / 60);
    std::string hh = hours < 10 ? " " + mc::ident::Decimal(static_cast<unsigned long>(hours))
                                : mc::ident::Decimal(static_cast<unsigned long>(hours));
    if (days > 0)
      out += "up " + mc::ident::Decimal(static_cast<unsigned long long>(days)) +
             (days == 1 ? " day " : " days ") + hh + ":" + two(mins) + ",  ";
    else
      out += "up  " + hh + ":" + two(mins) + ",  ";
  }
  out += mc::ident::Decimal(users) + (users == 1 ? " user" : " users");
  // getloadavg(): the first three numbers of /proc/loadavg.
  std::string loads;
  std::vector<std::string_view> avg;
  if (ReadSmall("/proc/loadavg", &loads)) {
    std::string_view rest = loads;
    while (avg.size() < 3) {
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      std::size_t end = rest.find_first_of(" \n");
      std::string_view tok = rest.substr(0, end);
      if (!IsNumberText(tok)) break;
      avg.push_back(tok);
      rest.remove_prefix(tok.size());
    }
  }
  if (!avg.empty()) {
    out += ",  load average: ";
    for (std::size_t i = 0; i < avg.size(); ++i) {
      if (i) out += ", ";
      out += avg[i];
    }
  }
  out += '\n';
  inv.out().Write(out);
  return 0;
}
