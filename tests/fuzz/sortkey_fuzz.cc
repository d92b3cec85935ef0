// sort's key specifications (-k POS1[,POS2] with ordering letters), -t and
// global ordering options: the first NUL-separated words are options, the
// rest is the input to sort.
#include "tests/fuzz/fuzz.h"

MC_FUZZ(sortkey) {
  std::string_view rest;
  auto words = mc::fuzz::Words(mc::fuzz::View(data, size), 6, &rest);
  std::vector<std::string> args;
  for (auto& w : words) {
    if (w.empty()) continue;
    // Keep to ordering and key options: no output files, no temp dirs,
    // no random source files, no --files0-from.
    if (w[0] == '-' && w.find_first_of("oTS", 1) != std::string::npos && w.rfind("-k", 0) != 0 && w.rfind("-t", 0) != 0) continue;
    if (w.rfind("--", 0) == 0) continue;
    if (w[0] != '-') w = "-k" + w;
    if (mc::fuzz::HasLongNumber(w, 9)) continue;
    args.push_back(w);
  }
  auto r = mc::fuzz::Run("sort", args, rest);
  if (r.status != 0 && r.status != 1 && r.status != 2) __builtin_trap();
  return 0;
}
