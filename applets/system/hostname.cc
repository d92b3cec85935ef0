/* @applet hostname
   @install bin
   @help
Usage: hostname [-a|-d|-f|-i|-s|-y]       display formatted name
       hostname                          display host name
       hostname {hostname|-F file}       set host name (from file)

Program options:
    -a, --alias            alias names
    -d, --domain           DNS domain name
    -f, --fqdn, --long     long host name (FQDN)
    -F, --file             read host name from given file
    -i, --ip-address       addresses for the host name
    -s, --short            short host name
    -y, --yp, --nis        NIS/YP domain name
    -h, --help             display this help and exit
    -V, --version          output version information and exit

The FQDN, domain, aliases and addresses come from /etc/hosts only (this
static binary does not use the resolver); -A, -I and -b are not supported.
*/
// Debian's hostname (net-tools' successor) for the forms that read; setting
// the name calls sethostname(), which needs CAP_SYS_ADMIN in the UTS
// namespace (root): other users get Debian's message and exit 1.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/system/hosts.h"
#include "registry/applet.h"

namespace {

std::string HostName() {
  char name[HOST_NAME_MAX + 1];
  if (::gethostname(name, sizeof name) != 0) return std::string();
  name[HOST_NAME_MAX] = '\0';
  return name;
}

// Debian's check: letters, digits, '-' and '.', no '-' or '.' at either end.
bool ValidName(std::string_view n) {
  if (n.empty() || n.front() == '-' || n.front() == '.' || n.back() == '-' || n.back() == '.')
    return false;
  for (char c : n)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
          c == '-' || c == '.'))
      return false;
  return true;
}

int SetName(mc::Invocation& inv, const std::string& name) {
  if (!ValidName(name)) {
    mc::Warn(inv, "the specified hostname is invalid");
    return 1;
  }
  if (::sethostname(name.data(), name.size()) != 0) {
    if (errno == EPERM) {
      mc::Warn(inv, "you must be root to change the host name");
    } else if (errno == EINVAL) {
      mc::Warn(inv, "name too long");
    } else {
      mc::WarnErrno(inv, "sethostname", errno);
    }
    return 1;
  }
  return 0;
}

// The first line of FILE that is not empty or a comment, trimmed.
bool NameFromFile(mc::Invocation& inv, const std::string& file, std::string* name) {
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    mc::WarnErrno(inv, file, errno);
    return false;
  }
  std::string text;
  char buf[4096];
  for (long n; (n = mc::ReadSome(fd, buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  std::string_view rest = text;
  while (!rest.empty()) {
    std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    std::size_t b = line.find_first_not_of(" \t\r");
    if (b == std::string_view::npos || line[b] == '#') continue;
    line.remove_prefix(b);
    line = line.substr(0, line.find_first_of(" \t\r"));
    name->assign(line);
    return true;
  }
  name->clear();
  return true;
}

}  // namespace

MC_APPLET(hostname) {
  char kind = 0;  // the last display option wins
  std::string file;
  bool have_file = false;
  mc::cli::Parser parser(inv);
  parser.OnFlag("-a,--alias", [&] { kind = 'a'; });
  parser.OnFlag("-d,--domain", [&] { kind = 'd'; });
  parser.OnFlag("-f,--fqdn,--long", [&] { kind = 'f'; });
  parser.OnFlag("-i,--ip-address", [&] { kind = 'i'; });
  parser.OnFlag("-s,--short", [&] { kind = 's'; });
  parser.OnFlag("-y,--yp,--nis", [&] { kind = 'y'; });
  parser.OnValue("-F,--file", [&](const std::string& v) {
    file = v;
    have_file = true;
  });
  bool help = false, version = false;
  parser.Flag("-h", help);
  parser.Flag("-V", version);
  std::vector<std::string> operands;
  // Usage errors exit 255, as Debian's (whose message is its whole usage).
  if (auto rc = parser.Parse(&operands)) return *rc == 0 ? 0 : 255;
  if (help) return mc::cli::PrintHelp(inv);
  if (version) return mc::cli::PrintVersion(inv);
  if (have_file || !operands.empty()) {
    if (kind != 0 || operands.size() > 1 || (have_file && !operands.empty())) {
      mc::UsageError(inv, "");
      return 255;
    }
    std::string name = operands.empty() ? std::string() : operands[0];
    if (have_file && !NameFromFile(inv, file, &name)) return 1;
    return SetName(inv, name);
  }
  mc::Output& out = inv.out();
  std::string name = HostName();
  if (kind == 'y') {
    char dom[256];
    if (::getdomainname(dom, sizeof dom) != 0 || std::string_view(dom) == "(none)" || !*dom) {
      mc::Warn(inv, "Local domain name not set");
      return 1;
    }
    out.Write(dom);
    out.Put('\n');
    return 0;
  }
  if (kind == 's') name = name.substr(0, name.find('.'));
  if (kind == 'f' || kind == 'd' || kind == 'a' || kind == 'i') {
    std::vector<mc::hosts::Entry> entries = mc::hosts::Lookup(name);
    if (entries.empty()) {
      mc::Warn(inv, "Name or service not known");
      return 1;
    }
    if (kind == 'f' || kind == 'd') {
      const std::string& fqdn = entries[0].names[0];
      std::size_t dot = fqdn.find('.');
      name = kind == 'f' ? fqdn : dot == std::string::npos ? std::string() : fqdn.substr(dot + 1);
    } else if (kind == 'a') {
      name.clear();
      for (std::size_t i = 1; i < entries[0].names.size(); ++i) {
        if (i > 1) name += ' ';
        name += entries[0].names[i];
      }
    } else {
      name.clear();
      std::vector<std::string> seen;
      for (const auto& e : entries) {
        bool dup = false;
        for (const auto& s : seen) dup = dup || s == e.address;
        if (dup) continue;
        seen.push_back(e.address);
        if (!name.empty()) name += ' ';
        name += e.address;
      }
    }
  }
  if (kind == 'd' && name.empty()) return 0;  // no domain: no line at all, as Debian
  out.Write(name);
  out.Put('\n');
  return 0;
}
