// The zstd frame reader: decompression (-d -c), --test and zstdcat of
// arbitrary bytes, including skippable frames and concatenations; output
// is capped by the decoder's window limit (--memory), not by us.
#include "tests/fuzz/fuzz.h"

MC_FUZZ(zstd) {
  if (size == 0) return 0;
  unsigned pick = data[0];
  std::string_view in = mc::fuzz::View(data + 1, size - 1);
  std::vector<std::string> args = {"-q", "--memory=8MB"};
  switch (pick % 4) {
    case 0: args.insert(args.end(), {"-d", "-c"}); break;
    case 1: args.push_back("-t"); break;
    case 2: args.insert(args.end(), {"-d", "-c", "-f"}); break;  // pass-through of non-zstd input
    default: args.insert(args.end(), {"-d", "-c", "--no-check"}); break;
  }
  auto r = mc::fuzz::Run((pick & 4) ? "zstdcat" : "zstd", (pick & 4) ? std::vector<std::string>{"-q"} : args, in);
  if (r.status != 0 && r.status != 1) __builtin_trap();
  return 0;
}
