#include "applets/system/utmp.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "applets/support/time_format.h"

namespace mc::utmp {
namespace {

// Offsets in glibc's x86_64 struct utmpx.
constexpr std::size_t kSize = 384;
constexpr std::size_t kType = 0, kPid = 4, kLine = 8, kLineLen = 32, kId = 40, kIdLen = 4,
                      kUser = 44, kUserLen = 32, kHost = 76, kHostLen = 256, kTerm = 332,
                      kExit = 334, kSec = 340, kAddr = 348;

std::int32_t Int32(const char* p) {
  std::int32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
short Int16(const char* p) {
  short v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
std::string Field(const char* p, std::size_t len) {
  const void* nul = std::memchr(p, '\0', len);
  return std::string(p, nul ? static_cast<const char*>(nul) - p : len);
}

}  // namespace

std::string_view Record::TrimmedUser() const {
  std::string_view s = user;
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::string Record::DevicePath() const {
  if (!line.empty() && line[0] == '/') return line;
  return "/dev/" + line;
}

std::vector<Record> Parse(std::string_view bytes) {
  std::vector<Record> out;
  for (std::size_t off = 0; bytes.size() - off >= kSize; off += kSize) {
    const char* p = bytes.data() + off;
    Record r;
    r.type = Int16(p + kType);
    r.pid = Int32(p + kPid);
    r.line = Field(p + kLine, kLineLen);
    r.id = Field(p + kId, kIdLen);
    r.user = Field(p + kUser, kUserLen);
    r.host = Field(p + kHost, kHostLen);
    r.term = Int16(p + kTerm);
    r.exit = Int16(p + kExit);
    r.sec = Int32(p + kSec);
    std::memcpy(r.addr, p + kAddr, sizeof r.addr);
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<Record> Read(const char* file, bool check_pids) {
  std::string bytes;
  int fd = ::open(file, O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    char buf[16 * kSize];
    for (;;) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // an error ends the records, as in glibc
      bytes.append(buf, static_cast<std::size_t>(n));
    }
    ::close(fd);
  }
  std::vector<Record> records = Parse(bytes);
  if (check_pids) {
    std::vector<Record> kept;
    for (auto& r : records) {
      if (r.IsUser() && r.pid > 0 && ::kill(r.pid, 0) < 0 && errno == ESRCH) continue;
      kept.push_back(std::move(r));
    }
    records = std::move(kept);
  }
  return records;
}

std::string TimeString(std::int64_t t, const tz::Zone& zone) {
  std::string out;
  timefmt::Format("%b %e %H:%M", timefmt::Breakdown(t, 0, zone), &out);
  return out;
}

}  // namespace mc::utmp
