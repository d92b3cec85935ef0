/* @applet nproc
   @help
Usage: nproc [OPTION]...
Print the number of processing units available to the current process,
which may be less than the number of online processors

      --all      print the number of installed processors
      --ignore=N  if possible, exclude N processing units
      --help        display this help and exit
      --version     output version information and exit
*/
#include <sched.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/numbers.h"
#include "applets/system/ident.h"
#include "registry/applet.h"

namespace {

// OMP_NUM_THREADS / OMP_THREAD_LIMIT as gnulib reads them: blanks, a
// decimal number (saturating), blanks, then the end or a ',' (the first
// level of a nested list). 0 when unset or not of that form.
unsigned long ParseOmp(const mc::Invocation& inv, std::string_view var) {
  auto v = inv.GetEnv(var);
  if (!v) return 0;
  std::string_view s = *v;
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  std::size_t i = 0;
  while (i < s.size() && space(s[i])) ++i;
  if (i == s.size() || s[i] < '0' || s[i] > '9') return 0;
  unsigned long n = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    unsigned d = static_cast<unsigned>(s[i] - '0');
    n = n > (ULONG_MAX - d) / 10 ? ULONG_MAX : n * 10 + d;
  }
  while (i < s.size() && space(s[i])) ++i;
  return i == s.size() || s[i] == ',' ? n : 0;
}

// The processors this process may run on (its affinity mask, grown until
// it holds every CPU the kernel knows), else the online count.
unsigned long CurrentProcessors() {
  for (int cpus = 1024; cpus <= (1 << 20); cpus *= 2) {
    cpu_set_t* set = CPU_ALLOC(cpus);
    if (set == nullptr) break;
    std::size_t size = CPU_ALLOC_SIZE(cpus);
    int rc = ::sched_getaffinity(0, size, set);
    int count = rc == 0 ? CPU_COUNT_S(size, set) : 0;
    CPU_FREE(set);
    if (rc == 0 && count > 0) return static_cast<unsigned long>(count);
    if (rc != 0 && errno != EINVAL) break;
  }
  long n = ::sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<unsigned long>(n) : 1;
}

}  // namespace

MC_APPLET(nproc) {
  bool all = false;
  std::string ignore_text;
  bool have_ignore = false;
  mc::cli::Parser parser(inv);
  parser.Flag("--all", all);
  parser.OnValue("--ignore", [&](const std::string& v) {
    ignore_text = v;
    have_ignore = true;
  });
  std::vector<std::string> operands;
  if (auto rc = parser.Parse(&operands)) return *rc;
  // --ignore is checked first: GNU rejects its value while still parsing.
  std::uintmax_t ignore = 0;
  if (have_ignore) {
    mc::NumError e = mc::ParseScaled(ignore_text, 10, "", ignore);
    if (e == mc::NumError::kOverflow) {
      mc::Warn(inv, "invalid number: " + mc::Quote(ignore_text) + ": " +
                        std::string(mc::ErrorText(EOVERFLOW)));
      return 1;
    }
    if (e != mc::NumError::kOk) {
      mc::Warn(inv, "invalid number: " + mc::Quote(ignore_text));
      return 1;
    }
  }
  if (!operands.empty()) return mc::UsageError(inv, "extra operand " + mc::QuoteC(operands[0]));
  unsigned long n;
  if (all) {
    long c = ::sysconf(_SC_NPROCESSORS_CONF);
    n = c > 0 ? static_cast<unsigned long>(c) : 1;
  } else {
    // OpenMP's variables override the count (capped by the limit, 0 = none).
    unsigned long threads = ParseOmp(inv, "OMP_NUM_THREADS");
    unsigned long limit = ParseOmp(inv, "OMP_THREAD_LIMIT");
    if (limit == 0) limit = ULONG_MAX;
    n = threads != 0 ? threads : CurrentProcessors();
    if (n > limit) n = limit;
  }
  n = ignore < n ? n - static_cast<unsigned long>(ignore) : 1;
  inv.out().Write(mc::ident::Decimal(n));
  inv.out().Put('\n');
  return 0;
}
