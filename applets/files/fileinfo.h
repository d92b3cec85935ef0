// What ls and stat print about a file: file type names and time stamps in
// the local zone (support/time_format.h). Mode strings: support/mode.h.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "applets/support/tz.h"

namespace mc::files {

// "regular file", "directory", ... as stat's %F.
std::string_view FileTypeName(mode_t mode, std::intmax_t size);

// The time sec.nsec in zone, formatted as GNU date's +FORMAT (support/
// time_format.h: nstrftime in the C locale, zone abbreviations from tz).
std::string FormatTime(std::string_view fmt, std::int64_t sec, long nsec, const tz::Zone& zone);

// Decimal text.
std::string Dec(std::intmax_t v);
std::string UDec(std::uintmax_t v);

}  // namespace mc::files
