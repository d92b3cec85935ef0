// od's -t type specifications, -A radix, -j/-N/-w and the traditional
// offset forms: NUL-separated option words, then the data to dump.
#include "tests/fuzz/fuzz.h"

MC_FUZZ(od) {
  std::string_view rest;
  auto words = mc::fuzz::Words(mc::fuzz::View(data, size), 6, &rest);
  std::vector<std::string> args;
  for (auto& w : words) {
    if (mc::fuzz::HasLongNumber(w, 4)) return 0;
    if (!w.empty() && w[0] != '-' && w[0] != '+') w = "-t" + w;  // a bare word is a type
    args.push_back(w);
  }
  auto r = mc::fuzz::Run("od", args, rest.substr(0, 4096));
  if (r.status != 0 && r.status != 1) __builtin_trap();
  return 0;
}
