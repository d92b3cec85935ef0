// hexdump's -e format strings (iteration counts, byte counts, conversions,
// _a/_A/_c/_p/_u): the format, then after a NUL the data. Counts above
// 9999 are skipped (see defect D5 in the reliability probe: iteration
// counts that overflow hang; reported, not fixed here).
#include "tests/fuzz/fuzz.h"

MC_FUZZ(hexdump) {
  std::string_view rest;
  auto words = mc::fuzz::Words(mc::fuzz::View(data, size), 2, &rest);
  if (words.empty()) return 0;
  std::vector<std::string> args;
  for (auto& w : words) {
    if (mc::fuzz::HasLongNumber(w, 4)) return 0;
    args.push_back("-e");
    args.push_back(w);
  }
  auto r = mc::fuzz::Run("hexdump", args, rest.substr(0, 2048));
  if (r.status != 0 && r.status != 1) __builtin_trap();
  return 0;
}
