// The option adapter (applets/support/cli.h) through the test applet optdemo:
// argv is the input split at NUL bytes; an odd first byte parses with
// StopAtFirstOperand, as tr, basename and env do.
#include "tests/fuzz/fuzz.h"

MC_FUZZ(cli) {
  if (size == 0) return 0;
  bool stop = data[0] & 1;
  auto args = mc::fuzz::Words(mc::fuzz::View(data + 1, size - 1), 64);
  std::vector<std::string> env = {"LC_ALL=C"};
  if (stop) env.push_back("OPTDEMO_STOP=1");
  auto r = mc::testing::Run("optdemo", args, {}, env);
  // Usage errors are 1, success 0; nothing else is possible.
  if (r.status != 0 && r.status != 1) __builtin_trap();
  if (r.status == 0 && (r.out.empty() || r.out.back() != '\n')) __builtin_trap();
  return 0;
}
