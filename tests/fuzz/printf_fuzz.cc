// printf's format and argument conversions: FORMAT and ARGUMENTs are the
// input split at NUL bytes. Huge widths and precisions are skipped (output
// size, not a defect).
#include "tests/fuzz/fuzz.h"

MC_FUZZ(printf) {
  std::string_view s = mc::fuzz::View(data, size);
  if (mc::fuzz::HasLongNumber(s, 4)) return 0;
  auto args = mc::fuzz::Words(s, 16);
  if (args.empty()) return 0;
  if (args[0].rfind("--", 0) == 0) args.insert(args.begin(), "--");
  auto r = mc::fuzz::Run("printf", args);
  if (r.status != 0 && r.status != 1) __builtin_trap();
  return 0;
}
