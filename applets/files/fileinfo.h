// What ls and stat print about a file: mode strings, file type names and
// strftime-style time stamps in the local zone (support/tz.h, C locale).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "applets/support/tz.h"

namespace mc::files {

// "drwxr-xr-x" (ten characters, s/S/t/T for the special bits).
std::string ModeString(mode_t mode);
// "regular file", "directory", ... as stat's %F.
std::string_view FileTypeName(mode_t mode, std::intmax_t size);

// strftime in the C locale for sec/nsec in zone: %a %A %b %B %c %C %d %D %e
// %F %g %G %h %H %I %j %k %l %m %M %n %N (with a width: %3N) %p %r %R %s
// %S %t %T %u %V %w %x %X %y %Y %z %Z %%, and the - _ 0 ^ flags. %Z is
// "UTC" at offset 0, else the numeric offset (no zone abbreviations).
std::string FormatTime(std::string_view fmt, std::int64_t sec, long nsec, const tz::Zone& zone);

// Decimal text.
std::string Dec(std::intmax_t v);
std::string UDec(std::uintmax_t v);

}  // namespace mc::files
