// Helpers shared by head and tail: GNU's messages for inputs and counts.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "applets/support/invocation.h"
#include "applets/support/numbers.h"

namespace mc::text {

// Opens an operand ("-" is stdin). On failure reports
// "PROG: cannot open 'NAME' for reading: strerror" and returns -1.
int OpenForReading(Invocation& inv, std::string_view name);

// The name used in headers and read errors: "standard input" for "-".
std::string_view DisplayName(std::string_view name);

// "PROG: error reading 'NAME': strerror".
void ReadError(Invocation& inv, std::string_view name, int err);

// A count with head/tail's multiplier suffixes (b, k, K, kB, KiB, M, ...).
NumError ParseCount(std::string_view s, std::uintmax_t& out);

// Reports "PROG: invalid number of WHAT: 'S'" (plus ": Value too large for
// defined data type" on overflow) and returns the failure status.
int CountError(const Invocation& inv, std::string_view what, std::string_view s, NumError e);

}  // namespace mc::text
