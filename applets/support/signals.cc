#include "applets/support/signals.h"

#include <signal.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdlib>

namespace mc::signals {
namespace {

struct SignalName {
  const char* name;
  int number;
};

// Canonical names first: a number's name is the first entry holding it.
constexpr SignalName kSignalNames[] = {
    {"EXIT", 0},    {"HUP", 1},     {"INT", 2},     {"QUIT", 3},    {"ILL", 4},
    {"TRAP", 5},    {"ABRT", 6},    {"BUS", 7},     {"FPE", 8},     {"KILL", 9},
    {"USR1", 10},   {"SEGV", 11},   {"USR2", 12},   {"PIPE", 13},   {"ALRM", 14},
    {"TERM", 15},   {"STKFLT", 16}, {"CHLD", 17},   {"CONT", 18},   {"STOP", 19},
    {"TSTP", 20},   {"TTIN", 21},   {"TTOU", 22},   {"URG", 23},    {"XCPU", 24},
    {"XFSZ", 25},   {"VTALRM", 26}, {"PROF", 27},   {"WINCH", 28},  {"POLL", 29},
    {"PWR", 30},    {"SYS", 31},    {"IOT", 6},     {"CLD", 17},    {"IO", 29},
};

// Parses a whole decimal number as strtol would (leading blanks and a sign
// allowed); nullopt when anything is left over or it overflows.
std::optional<long> WholeLong(const std::string& s) {
  errno = 0;
  char* end = nullptr;
  long v = std::strtol(s.c_str(), &end, 10);
  if (*end != '\0' || errno != 0) return std::nullopt;
  return v;
}

// A name without "SIG": HUP, RTMIN+2, RTMAX-1, or a number.
std::optional<int> NameToSignal(const std::string& up) {
  if (!up.empty() && up[0] >= '0' && up[0] <= '9') {
    auto v = WholeLong(up);
    if (!v || *v > kMaxSignal) return std::nullopt;
    return static_cast<int>(*v);
  }
  for (const auto& s : kSignalNames)
    if (up == s.name) return s.number;
  const int rtmin = SIGRTMIN, rtmax = SIGRTMAX;
  if (up.compare(0, 5, "RTMIN") == 0) {
    auto v = WholeLong(up.substr(5));
    if (v && *v >= 0 && *v <= rtmax - rtmin) return rtmin + static_cast<int>(*v);
  } else if (up.compare(0, 5, "RTMAX") == 0) {
    auto v = WholeLong(up.substr(5));
    if (v && *v >= rtmin - rtmax && *v <= 0) return rtmax + static_cast<int>(*v);
  }
  return std::nullopt;
}

std::string Decimal(int n) {
  std::string out;
  bool neg = n < 0;
  unsigned v = neg ? 0u - static_cast<unsigned>(n) : static_cast<unsigned>(n);
  do {
    out.insert(out.begin(), static_cast<char>('0' + v % 10));
    v /= 10;
  } while (v != 0);
  if (neg) out.insert(out.begin(), '-');
  return out;
}

std::optional<int> Parse(const std::string& s) {
  std::optional<int> n;
  if (!s.empty() && s[0] >= '0' && s[0] <= '9') {
    auto v = WholeLong(s);
    if (v && *v <= 0x7fffffff) {
      int i = static_cast<int>(*v);
      n = WIFSIGNALED(i) ? WTERMSIG(i) : i;
    }
  } else {
    std::string up = s;
    for (char& c : up)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    n = NameToSignal(up);
    if (!n && up.compare(0, 3, "SIG") == 0) n = NameToSignal(up.substr(3));
  }
  return n;
}

}  // namespace

std::optional<std::string> SignalToName(int n) {
  for (const auto& s : kSignalNames)
    if (s.number == n) return std::string(s.name);
  const int rtmin = SIGRTMIN, rtmax = SIGRTMAX;
  if (n < rtmin || n > rtmax) return std::nullopt;
  const bool low = n <= rtmin + (rtmax - rtmin) / 2;
  std::string name = low ? "RTMIN" : "RTMAX";
  int delta = n - (low ? rtmin : rtmax);
  if (delta > 0) name += "+" + Decimal(delta);
  if (delta < 0) name += Decimal(delta);
  return name;
}

bool IsSignal(int n) { return n >= 1 && n <= kMaxSignal && SignalToName(n).has_value(); }

std::optional<int> ParseSignal(const std::string& s) {
  std::optional<int> n = Parse(s);
  if (!n || !IsSignal(*n)) return std::nullopt;
  return n;
}

std::optional<int> ParseSignalOrZero(const std::string& s) {
  std::optional<int> n = Parse(s);
  if (!n || (*n != 0 && !IsSignal(*n))) return std::nullopt;
  return n;
}

}  // namespace mc::signals
