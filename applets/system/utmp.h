// utmp records (glibc's struct utmpx on x86_64, 384 bytes each) read from
// the file with read(): no getutxent, no NSS. Shared by who, users, pinky
// and uptime, with the parts of GNU's output they have in common.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/invocation.h"
#include "applets/support/tz.h"

namespace mc::utmp {

inline constexpr const char* kUtmpFile = "/var/run/utmp";

enum Type : short {
  kEmpty = 0,
  kRunLevel = 1,
  kBootTime = 2,
  kNewTime = 3,
  kOldTime = 4,
  kInitProcess = 5,
  kLoginProcess = 6,
  kUserProcess = 7,
  kDeadProcess = 8,
};

struct Record {
  short type = kEmpty;
  int pid = 0;
  // Each up to its field's size, cut at the first NUL.
  std::string line, id, user, host;
  short term = 0, exit = 0;
  std::int64_t sec = 0;  // ut_tv.tv_sec (a 32-bit field on x86_64)
  std::uint32_t addr[4] = {0, 0, 0, 0};  // ut_addr_v6, network order

  // GNU's IS_USER_PROCESS: a USER_PROCESS entry with a name.
  bool IsUser() const { return type == kUserProcess && !user.empty(); }
  // The name without trailing spaces (extract_trimmed_name).
  std::string_view TrimmedUser() const;
  // "/dev/LINE", or LINE when it is already absolute.
  std::string DevicePath() const;
};

// Parses whole records from bytes; a short tail is ignored, as glibc does.
std::vector<Record> Parse(std::string_view bytes);

// Reads FILE as glibc's getutxent would: an absent or unreadable file, or
// a directory, is no records; a truncated last record is dropped.
// check_pids: drop user processes whose pid no longer exists (GNU's
// READ_UTMP_CHECK_PIDS, used for the default file).
std::vector<Record> Read(const char* file, bool check_pids);

// "%b %e %H:%M" of t in zone (GNU's time format in the C locale).
std::string TimeString(std::int64_t t, const tz::Zone& zone);

}  // namespace mc::utmp
