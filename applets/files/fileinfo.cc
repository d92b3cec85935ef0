#include "applets/files/fileinfo.h"

#include <sys/stat.h>

#include "applets/support/time_format.h"

namespace mc::files {

std::string Dec(std::intmax_t v) {
  if (v < 0) return "-" + UDec(0 - static_cast<std::uintmax_t>(v));
  return UDec(static_cast<std::uintmax_t>(v));
}

std::string UDec(std::uintmax_t v) {
  char buf[24];
  int n = 0;
  do buf[n++] = static_cast<char>('0' + v % 10);
  while (v /= 10);
  std::string s;
  while (n) s += buf[--n];
  return s;
}

std::string_view FileTypeName(mode_t m, std::intmax_t size) {
  switch (m & S_IFMT) {
    case S_IFREG: return size == 0 ? "regular empty file" : "regular file";
    case S_IFDIR: return "directory";
    case S_IFLNK: return "symbolic link";
    case S_IFCHR: return "character special file";
    case S_IFBLK: return "block special file";
    case S_IFIFO: return "fifo";
    case S_IFSOCK: return "socket";
    default: return "weird file";
  }
}

std::string FormatTime(std::string_view fmt, std::int64_t sec, long nsec, const tz::Zone& zone) {
  std::string out;
  mc::timefmt::Format(fmt, mc::timefmt::Breakdown(sec, nsec, zone), &out);
  return out;
}

}  // namespace mc::files
