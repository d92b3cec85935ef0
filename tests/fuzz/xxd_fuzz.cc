// xxd -r (hex dump with offsets) and -r -p (plain hex) reading arbitrary
// text; the first byte picks -p, -c and -s forms.
#include "tests/fuzz/fuzz.h"

MC_FUZZ(xxd) {
  if (size == 0) return 0;
  unsigned pick = data[0];
  std::string_view in = mc::fuzz::View(data + 1, size - 1);
  std::vector<std::string> args = {"-r"};
  if (pick & 1) args.push_back("-p");
  if (pick & 2) args.insert(args.end(), {"-c", std::string(1, static_cast<char>('1' + (pick >> 4) % 9))});
  if (pick & 4) args.insert(args.end(), {"-s", (pick & 8) ? "-16" : "+16"});
  // Offsets in the dump seek stdout forward (a memory file here, read back
  // whole); keep them below 16 MiB so a run stays quick.
  if (!(pick & 1)) {
    std::size_t run = 0;
    for (char c : in) {
      bool hex = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
      run = hex ? run + 1 : 0;
      if (run > 6) return 0;
    }
  }
  auto r = mc::fuzz::Run("xxd", args, in);
  if (r.status < 0 || r.status > 5) __builtin_trap();
  return 0;
}
