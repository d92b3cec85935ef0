/* @applet hostid
   @help
Usage: hostid [OPTION]
Print the numeric identifier (in hexadecimal) for the current host.

      --help        display this help and exit
      --version     output version information and exit
*/
// glibc's gethostid() reads /etc/hostid and otherwise resolves the host
// name, which in a static binary goes through NSS. This does the same with
// /etc/hosts read by us: the first IPv4 address listed for the host name,
// its 16-bit halves swapped, as glibc computes it; 0 when there is none.
#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>

#include <climits>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/input.h"
#include "applets/system/hosts.h"
#include "registry/applet.h"

namespace {

std::uint32_t HostId() {
  int fd = ::open("/etc/hostid", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    std::int32_t id;
    long n = mc::ReadFull(fd, &id, sizeof id);
    ::close(fd);
    if (n == static_cast<long>(sizeof id)) return static_cast<std::uint32_t>(id);
  }
  char name[HOST_NAME_MAX + 1];
  if (::gethostname(name, sizeof name) != 0) return 0;
  name[HOST_NAME_MAX] = '\0';
  for (const mc::hosts::Entry& e : mc::hosts::Lookup(name)) {
    struct in_addr a;
    if (::inet_pton(AF_INET, e.address.c_str(), &a) != 1) continue;
    std::uint32_t in = a.s_addr;  // network byte order, as glibc keeps it
    return (in << 16) | (in >> 16);
  }
  return 0;
}

}  // namespace

MC_APPLET(hostid) {
  mc::cli::Parser parser(inv);
  std::vector<std::string> operands;
  if (auto rc = parser.Parse(&operands)) return *rc;
  if (!operands.empty()) return mc::UsageError(inv, "extra operand " + mc::QuoteC(operands[0]));
  std::uint32_t id = HostId();
  char buf[9];
  static const char kHex[] = "0123456789abcdef";
  for (int i = 7; i >= 0; --i, id >>= 4) buf[i] = kHex[id & 15];
  buf[8] = '\n';
  inv.out().Write(std::string_view(buf, 9));
  return 0;
}
