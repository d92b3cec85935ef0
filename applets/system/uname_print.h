// uname's output, shared with arch (GNU's arch is uname -m).
#pragma once

#include "applets/support/invocation.h"

namespace mc::uname {

enum : unsigned {
  kKernelName = 1,
  kNodeName = 2,
  kRelease = 4,
  kVersion = 8,
  kMachine = 16,
  kProcessor = 32,
  kPlatform = 64,
  kOs = 128,
  kAll = ~0u,  // -a: as every bit, but -p and -i are left out when unknown
};

// Prints the selected fields, space-separated, in uname's order, and a
// newline. Returns the exit status.
int Print(Invocation& inv, unsigned what);

}  // namespace mc::uname
