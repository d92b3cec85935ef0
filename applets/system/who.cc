/* @applet who
   @help
Usage: who [OPTION]... [ FILE | ARG1 ARG2 ]
Print information about users who are currently logged in.

  -a, --all         same as -b -d --login -p -r -t -T -u
  -b, --boot        time of last system boot
  -d, --dead        print dead processes
  -H, --heading     print line of column headings
      --ips         print ips instead of hostnames. with --lookup,
                    canonicalizes based on stored IP, if available,
                    rather than stored hostname
  -l, --login       print system login processes
      --lookup      attempt to canonicalize hostnames via DNS
  -m                only hostname and user associated with stdin
  -p, --process     print active processes spawned by init
  -q, --count       all login names and number of users logged on
  -r, --runlevel    print current runlevel
  -s, --short       print only name, line, and time (default)
  -t, --time        print last system clock change
  -T, -w, --mesg    add user's message status as +, - or ?
  -u, --users       list users logged in
      --message     same as -T
      --writable    same as -T
      --help        display this help and exit
      --version     output version information and exit

If FILE is not specified, use /var/run/utmp.  /var/log/wtmp as FILE is common.
If ARG1 ARG2 given, -m presumed: 'am i' or 'mom likes' are usual.

--lookup does nothing here: this static binary does not use the resolver.
*/
// GNU coreutils 9.1's who (with Debian's --ips), reading utmp records
// ourselves (utmp.h). Times use the C locale's "%b %e %H:%M".
#include <arpa/inet.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/system/ident.h"
#include "applets/system/utmp.h"
#include "registry/applet.h"

namespace {

struct Options {
  bool short_list = false, short_output = false, include_idle = false;
  bool include_heading = false, include_mesg = false, include_exit = false;
  bool need_boottime = false, need_deadprocs = false, need_login = false;
  bool need_initspawn = false, need_clockchange = false, need_runlevel = false;
  bool need_users = false, my_line_only = false, ips = false;
};

// s padded with spaces to width (on the right, as "%-*s").
void PadRight(std::string* out, std::string_view s, std::size_t width) {
  out->append(s);
  if (s.size() < width) out->append(width - s.size(), ' ');
}
void PadLeft(std::string* out, std::string_view s, std::size_t width) {
  if (s.size() < width) out->append(width - s.size(), ' ');
  out->append(s);
}

class Who {
 public:
  Who(mc::Invocation& inv, const Options& o)
      : inv_(inv), o_(o), zone_(mc::tz::Zone::Load(inv.GetEnv("TZ"))) {}

  void Run(const std::vector<mc::utmp::Record>& records) {
    if (o_.short_list) return ListEntries(records);
    if (o_.include_heading)
      Line("NAME", ' ', "LINE", "TIME", "IDLE", "PID", "COMMENT", "EXIT");
    std::string tty;
    if (o_.my_line_only) {
      const char* name = ::ttyname(inv_.in_fd());
      if (!name) return;
      tty = name;
      if (tty.compare(0, 5, "/dev/") == 0) tty.erase(0, 5);
      if (tty.size() > 32) tty.resize(32);  // compared as ut_line's 32 bytes
    }
    for (const auto& r : records) {
      if (!o_.my_line_only || r.line == tty) {
        if (o_.need_users && r.IsUser()) User(r);
        else if (o_.need_runlevel && r.type == mc::utmp::kRunLevel) RunLevel(r);
        else if (o_.need_boottime && r.type == mc::utmp::kBootTime)
          Line("", ' ', "system boot", Time(r), "", "", "", "");
        else if (o_.need_clockchange && r.type == mc::utmp::kNewTime)
          Line("", ' ', "clock change", Time(r), "", "", "", "");
        else if (o_.need_initspawn && r.type == mc::utmp::kInitProcess)
          Line("", ' ', r.line, Time(r), "", Pid(r), "id=" + r.id, "");
        else if (o_.need_login && r.type == mc::utmp::kLoginProcess)
          Line("LOGIN", ' ', r.line, Time(r), "", Pid(r), "id=" + r.id, "");
        else if (o_.need_deadprocs && r.type == mc::utmp::kDeadProcess)
          Line("", ' ', r.line, Time(r), "", Pid(r), "id=" + r.id,
               "term=" + Num(r.term) + " exit=" + Num(r.exit));
      }
      if (r.type == mc::utmp::kBootTime) boottime_ = r.sec;
    }
  }

 private:
  static std::string Num(long v) {
    return v < 0 ? "-" + mc::ident::Decimal(static_cast<unsigned long>(-v))
                 : mc::ident::Decimal(static_cast<unsigned long>(v));
  }
  static std::string Pid(const mc::utmp::Record& r) { return Num(r.pid); }
  std::string Time(const mc::utmp::Record& r) const { return mc::utmp::TimeString(r.sec, zone_); }

  void ListEntries(const std::vector<mc::utmp::Record>& records) {
    unsigned long n = 0;
    std::string out;
    for (const auto& r : records) {
      if (!r.IsUser()) continue;
      if (n++) out += ' ';
      out += r.TrimmedUser();
    }
    out += "\n# users=" + mc::ident::Decimal(n) + "\n";
    inv_.out().Write(out);
  }

  // GNU's print_line: fixed columns, trailing spaces removed.
  void Line(std::string_view user, char state, std::string_view line, std::string_view time,
            std::string_view idle, std::string_view pid, std::string_view comment,
            std::string_view exitstr) {
    std::string s;
    PadRight(&s, user, 8);
    if (o_.include_mesg) {
      s += ' ';
      s += state;
    }
    s += ' ';
    PadRight(&s, line, 12);
    s += ' ';
    PadRight(&s, time, 12);
    if (o_.include_idle && !o_.short_output) {
      s += ' ';
      PadRight(&s, idle, 6);
    }
    if (!o_.short_output) {
      s += ' ';
      PadLeft(&s, pid, 10);
    }
    s += ' ';
    PadRight(&s, comment, 8);
    if (o_.include_exit) {
      s += ' ';
      PadRight(&s, exitstr, 12);
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    s += '\n';
    inv_.out().Write(s);
  }

  std::string Idle(std::int64_t when) {
    if (now_ == 0) now_ = ::time(nullptr);
    if (boottime_ < when && now_ - 24 * 60 * 60 < when && when <= now_) {
      long idle = static_cast<long>(now_ - when);
      if (idle < 60) return "  .  ";
      std::string s;
      long h = idle / 3600, m = idle % 3600 / 60;
      s += static_cast<char>('0' + h / 10);
      s += static_cast<char>('0' + h % 10);
      s += ':';
      s += static_cast<char>('0' + m / 10);
      s += static_cast<char>('0' + m % 10);
      return s;
    }
    return " old ";
  }

  void User(const mc::utmp::Record& r) {
    struct stat st;
    char mesg = '?';
    std::string idle = "  ?";
    if (::stat(r.DevicePath().c_str(), &st) == 0) {
      mesg = (st.st_mode & S_IWGRP) ? '+' : '-';
      if (st.st_atime != 0) idle = Idle(st.st_atime);
    }
    std::string host;
    // "(host)" or "(host:display)": GNU splits at the ':' only to look
    // the host up (--lookup), which this binary does not do.
    if (!r.host.empty()) host = "(" + r.host + ")";
    if (o_.ips && (r.addr[0] | r.addr[1] | r.addr[2] | r.addr[3]) != 0) host = Address(r);
    Line(r.user, mesg, r.line, Time(r), idle, Pid(r), host, "");
  }

  // Debian's --ips: the stored address, IPv4 unless it looks like IPv6.
  static std::string Address(const mc::utmp::Record& r) {
    const std::uint32_t* a = r.addr;
    bool mapped = a[0] == 0 && a[1] == 0 && a[2] == htonl(0xffff);
    std::uint32_t top = ntohl(a[0]) >> 16;
    bool v6_range = (top >= 0x2000 && top <= 0x3fff) || (top >= 0xfc00 && top <= 0xfdff) ||
                    (top >= 0xfec0 && top <= 0xfeff);
    char buf[INET6_ADDRSTRLEN];
    if (!v6_range || mapped || (a[1] == 0 && a[2] == 0 && a[3] == 0)) {
      in_addr in;
      in.s_addr = mapped ? a[3] : a[0];
      if (::inet_ntop(AF_INET, &in, buf, sizeof buf)) return buf;
    } else {
      in6_addr in6;
      __builtin_memcpy(&in6, a, sizeof in6);
      if (::inet_ntop(AF_INET6, &in6, buf, sizeof buf)) return buf;
    }
    return "";
  }

  void RunLevel(const mc::utmp::Record& r) {
    auto last = static_cast<unsigned char>(r.pid / 256);
    auto curr = static_cast<unsigned char>(r.pid % 256);
    std::string line = "run-level ";
    if (curr != 0) line += static_cast<char>(curr);  // "%c" of NUL ends the string
    std::string comment;
    if (last >= 0x20 && last < 0x7f) {
      comment = "last=";
      comment += last == 'N' ? 'S' : static_cast<char>(last);
    }
    Line("", ' ', line, Time(r), "", "", comment, "");
  }

  mc::Invocation& inv_;
  const Options& o_;
  mc::tz::Zone zone_;
  std::int64_t boottime_ = INT64_MIN;
  std::int64_t now_ = 0;
};

}  // namespace

MC_APPLET(who) {
  Options o;
  bool assumptions = true;
  mc::cli::Parser parser(inv);
  parser.OnFlag("-a,--all", [&] {
    o.need_boottime = o.need_deadprocs = o.need_login = o.need_initspawn = true;
    o.need_runlevel = o.need_clockchange = o.need_users = true;
    o.include_mesg = o.include_idle = o.include_exit = true;
    assumptions = false;
  });
  parser.OnFlag("-b,--boot", [&] { o.need_boottime = true, assumptions = false; });
  parser.OnFlag("-d,--dead", [&] {
    o.need_deadprocs = o.include_idle = o.include_exit = true;
    assumptions = false;
  });
  parser.Flag("-H,--heading", o.include_heading);
  parser.Flag("--ips", o.ips);
  parser.OnFlag("-l,--login", [&] { o.need_login = o.include_idle = true, assumptions = false; });
  bool lookup = false;
  parser.Flag("--lookup", lookup);
  parser.Flag("-m", o.my_line_only);
  parser.OnFlag("-p,--process", [&] { o.need_initspawn = true, assumptions = false; });
  parser.Flag("-q,--count", o.short_list);
  parser.OnFlag("-r,--runlevel", [&] { o.need_runlevel = o.include_idle = true, assumptions = false; });
  parser.Flag("-s,--short", o.short_output);
  parser.OnFlag("-t,--time", [&] { o.need_clockchange = true, assumptions = false; });
  parser.Flag("-T,-w,--mesg,--message,--writable", o.include_mesg);
  parser.OnFlag("-u,--users", [&] { o.need_users = o.include_idle = true, assumptions = false; });
  std::vector<std::string> operands;
  if (auto rc = parser.Parse(&operands)) return *rc;
  if (assumptions) o.need_users = o.short_output = true;
  if (o.include_exit) o.short_output = false;
  if (operands.size() > 2) return mc::UsageError(inv, "extra operand " + mc::QuoteC(operands[2]));
  if (operands.size() == 2) o.my_line_only = true;
  bool file_given = operands.size() == 1;
  auto records = mc::utmp::Read(file_given ? operands[0].c_str() : mc::utmp::kUtmpFile, !file_given);
  Who(inv, o).Run(records);
  return 0;
}
