// tr's SET parsing (ranges, classes, equivalence classes, [c*n] repeats,
// escapes) and translation: the first byte picks options, then SET1 and
// SET2 separated by NUL, then the text to translate.
#include "tests/fuzz/fuzz.h"

MC_FUZZ(tr) {
  if (size == 0) return 0;
  unsigned flags = data[0];
  std::string_view rest;
  auto sets = mc::fuzz::Words(mc::fuzz::View(data + 1, size - 1), 2, &rest);
  if (sets.empty()) return 0;
  if (mc::fuzz::HasLongNumber(sets[0], 6) || (sets.size() > 1 && mc::fuzz::HasLongNumber(sets[1], 6))) return 0;
  std::vector<std::string> args;
  if (flags & 1) args.push_back("-c");
  if (flags & 2) args.push_back("-d");
  if (flags & 4) args.push_back("-s");
  if (flags & 8) args.push_back("-t");
  args.push_back("--");
  args.insert(args.end(), sets.begin(), sets.end());
  if ((flags & 16) && sets.size() > 1) args.pop_back();
  auto r = mc::fuzz::Run("tr", args, rest);
  if (r.status != 0 && r.status != 1) __builtin_trap();
  return 0;
}
