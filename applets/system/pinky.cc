/* @applet pinky
   @help
Usage: pinky [OPTION]... [USER]...

  -l              produce long format output for the specified USERs
  -b              omit the user's home directory and shell in long format
  -h              omit the user's project file in long format
  -p              omit the user's plan file in long format
  -s              do short format output, this is the default
  -f              omit the line of column headings in short format
  -w              omit the user's full name in short format
  -i              omit the user's full name and remote host in short format
  -q              omit the user's full name, remote host and idle time
                  in short format
      --help        display this help and exit
      --version     output version information and exit

A lightweight 'finger' program;  print user information.
The utmp file will be /var/run/utmp.
*/
// GNU coreutils 9.1's pinky. Names come from our /etc/passwd parser;
// remote hosts are printed as stored (GNU looks them up in DNS, which this
// static binary does not do).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/users.h"
#include "applets/system/ident.h"
#include "applets/system/utmp.h"
#include "registry/applet.h"

namespace {

struct Options {
  bool heading = true, fullname = true, idle = true, where = true;
  bool project = true, plan = true, home_and_shell = true;
};

void PadRight(std::string* out, std::string_view s, std::size_t width) {
  out->append(s);
  if (s.size() < width) out->append(width - s.size(), ' ');
}

// The GECOS name up to the first ',', each '&' replaced by the login name
// with its first letter capitalized.
std::string FullName(const mc::users::User& pw) {
  std::string_view gecos = pw.gecos;
  gecos = gecos.substr(0, gecos.find(','));
  std::string out;
  for (char c : gecos) {
    if (c != '&') {
      out += c;
      continue;
    }
    std::string_view name = pw.name;
    if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') {
      out += static_cast<char>(name[0] - 'a' + 'A');
      name.remove_prefix(1);
    }
    out += name;
  }
  return out;
}

std::string TwoDigits(long v) {
  std::string s;
  if (v < 10) s += '0';
  s += mc::ident::Decimal(static_cast<unsigned long>(v));
  return s;
}

std::string IdleString(std::int64_t when, std::int64_t now) {
  std::int64_t idle = now - when;
  if (idle < 60) return "     ";
  if (idle < 24 * 60 * 60) return TwoDigits(idle / 3600) + ":" + TwoDigits(idle % 3600 / 60);
  return mc::ident::Decimal(static_cast<unsigned long>(idle / (24 * 60 * 60))) + "d";
}

// Copies a file's bytes to stdout; false when it cannot be opened.
bool CopyFile(mc::Invocation& inv, const std::string& path, std::string_view label) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  inv.out().Write(label);
  char buf[8192];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    inv.out().Write(std::string_view(buf, static_cast<std::size_t>(n)));
  }
  ::close(fd);
  return true;
}

void LongEntry(mc::Invocation& inv, const Options& o, const std::string& name) {
  const mc::users::User* pw = mc::users::UserByName(name);
  std::string s = "Login name: ";
  PadRight(&s, name, 28);
  s += "In real life: ";
  if (!pw) {
    s += " ???\n";
    inv.out().Write(s);
    return;
  }
  s += " " + FullName(*pw) + "\n";
  if (o.home_and_shell) {
    s += "Directory: ";
    PadRight(&s, pw->home, 29);
    s += "Shell:  " + pw->shell + "\n";
  }
  inv.out().Write(s);
  if (o.project) CopyFile(inv, pw->home + "/.project", "Project: ");
  if (o.plan) CopyFile(inv, pw->home + "/.plan", "Plan:\n");
  inv.out().Put('\n');
}

void ShortEntry(mc::Invocation& inv, const Options& o, const mc::utmp::Record& r,
                const mc::tz::Zone& zone, std::int64_t now) {
  struct stat st;
  char mesg = '?';
  std::int64_t last_change = 0;
  if (::stat(r.DevicePath().c_str(), &st) == 0) {
    mesg = (st.st_mode & S_IWGRP) ? ' ' : '*';
    last_change = st.st_atime;
  }
  std::string s;
  PadRight(&s, r.user, 8);
  if (o.fullname) {
    const mc::users::User* pw = mc::users::UserByName(r.user);
    if (!pw) {
      s += "         ???";  // " %19s" of "        ???"
    } else {
      std::string full = FullName(*pw);
      if (full.size() > 19) full.resize(19);
      s += ' ';
      PadRight(&s, full, 19);
    }
  }
  s += ' ';
  s += mesg;
  PadRight(&s, r.line, 8);
  if (o.idle) {
    s += ' ';
    PadRight(&s, last_change ? IdleString(last_change, now) : "?????", 6);
  }
  s += ' ';
  s += mc::utmp::TimeString(r.sec, zone);
  if (o.where && !r.host.empty()) s += " " + r.host;
  s += '\n';
  inv.out().Write(s);
}

}  // namespace

MC_APPLET(pinky) {
  Options o;
  bool short_format = true;
  mc::cli::Parser parser(inv);
  parser.OnFlag("-s", [&] { short_format = true; });
  parser.OnFlag("-l", [&] { short_format = false; });
  parser.OnFlag("-f", [&] { o.heading = false; });
  parser.OnFlag("-w", [&] { o.fullname = false; });
  parser.OnFlag("-i", [&] { o.fullname = o.where = false; });
  parser.OnFlag("-q", [&] { o.fullname = o.where = o.idle = false; });
  parser.OnFlag("-h", [&] { o.project = false; });
  parser.OnFlag("-p", [&] { o.plan = false; });
  parser.OnFlag("-b", [&] { o.home_and_shell = false; });
  std::vector<std::string> names;
  if (auto rc = parser.Parse(&names)) return *rc;
  if (!short_format) {
    if (names.empty())
      return mc::UsageError(
          inv, "no username specified; at least one must be specified when using -l");
    for (const auto& name : names) LongEntry(inv, o, name);
    return 0;
  }
  auto records = mc::utmp::Read(mc::utmp::kUtmpFile, false);
  mc::tz::Zone zone = mc::tz::Zone::Load(inv.GetEnv("TZ"));
  if (o.heading) {
    std::string s;
    PadRight(&s, "Login", 8);
    if (o.fullname) {
      s += ' ';
      PadRight(&s, "Name", 19);
    }
    s += ' ';
    PadRight(&s, " TTY", 9);
    if (o.idle) {
      s += ' ';
      PadRight(&s, "Idle", 6);
    }
    s += ' ';
    PadRight(&s, "When", 12);
    if (o.where) s += " Where";
    s += '\n';
    inv.out().Write(s);
  }
  std::int64_t now = ::time(nullptr);
  for (const auto& r : records) {
    if (!r.IsUser()) continue;
    bool wanted = names.empty();
    for (const auto& n : names) wanted = wanted || r.user == std::string_view(n).substr(0, 32);
    if (wanted) ShortEntry(inv, o, r, zone, now);
  }
  return 0;
}
