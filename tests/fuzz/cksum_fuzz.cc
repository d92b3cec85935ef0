// Checksum -c line parsing (GNU and BSD/--tag forms, escaped names, any
// algorithm): the first byte picks the applet and options, the rest is the
// checklist on stdin. Names with '/' are rewritten so that a checklist can
// only open files in the run's directory or stdin.
#include <string>

#include "tests/fuzz/fuzz.h"

MC_FUZZ(cksum) {
  if (size == 0) return 0;
  static constexpr const char* kApplets[] = {"md5sum", "sha1sum", "sha256sum", "sha512sum",
                                             "b2sum", "cksum", "sha224sum", "sha384sum"};
  unsigned pick = data[0];
  std::string list(mc::fuzz::View(data + 1, size - 1));
  for (char& c : list)
    if (c == '/') c = '_';
  std::vector<std::string> args = {"-c"};
  if (pick & 8) args.push_back("--strict");
  if (pick & 16) args.push_back("--ignore-missing");
  if (pick & 32) args.push_back("-z");
  if ((pick & 64) && (pick % 8) == 5) args.insert(args.begin(), {"-a", "sha256"});
  auto r = mc::fuzz::Run(kApplets[pick % 8], args, list);
  if (r.status != 0 && r.status != 1) __builtin_trap();
  return 0;
}
