/* @applet uname
   @help
Usage: uname [OPTION]...
Print certain system information.  With no OPTION, same as -s.

  -a, --all                print all information, in the following order,
                             except omit -p and -i if unknown:
  -s, --kernel-name        print the kernel name
  -n, --nodename           print the network node hostname
  -r, --kernel-release     print the kernel release
  -v, --kernel-version     print the kernel version
  -m, --machine            print the machine hardware name
  -p, --processor          print the processor type (non-portable)
  -i, --hardware-platform  print the hardware platform (non-portable)
  -o, --operating-system   print the operating system
      --help        display this help and exit
      --version     output version information and exit
*/
#include <sys/utsname.h>

#include <cerrno>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/system/uname_print.h"
#include "registry/applet.h"

MC_APPLET(uname) {
  bool all = false, s = false, n = false, r = false, v = false, m = false, p = false, i = false,
       o = false;
  mc::cli::Parser parser(inv);
  parser.Flag("-a,--all", all);
  parser.Flag("-s,--kernel-name,--sysname", s);
  parser.Flag("-n,--nodename", n);
  parser.Flag("-r,--kernel-release,--release", r);
  parser.Flag("-v,--kernel-version", v);
  parser.Flag("-m,--machine", m);
  parser.Flag("-p,--processor", p);
  parser.Flag("-i,--hardware-platform", i);
  parser.Flag("-o,--operating-system", o);
  std::vector<std::string> operands;
  if (auto rc = parser.Parse(&operands)) return *rc;
  if (!operands.empty()) return mc::UsageError(inv, "extra operand " + mc::QuoteC(operands[0]));
  unsigned what = 0;
  if (all) what = mc::uname::kAll;
  if (s) what |= mc::uname::kKernelName;
  if (n) what |= mc::uname::kNodeName;
  if (r) what |= mc::uname::kRelease;
  if (v) what |= mc::uname::kVersion;
  if (m) what |= mc::uname::kMachine;
  if (p) what |= mc::uname::kProcessor;
  if (i) what |= mc::uname::kPlatform;
  if (o) what |= mc::uname::kOs;
  return mc::uname::Print(inv, what == 0 ? mc::uname::kKernelName : what);
}
