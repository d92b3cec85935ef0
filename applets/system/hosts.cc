#include "applets/system/hosts.h"

#include <fcntl.h>
#include <unistd.h>

#include "applets/support/input.h"

namespace mc::hosts {
namespace {

bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

}  // namespace

std::vector<Entry> Lookup(std::string_view name) {
  std::vector<Entry> out;
  int fd = ::open("/etc/hosts", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return out;
  std::string text;
  char buf[8192];
  for (long n; (n = ReadSome(fd, buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  std::string_view rest = text;
  while (!rest.empty()) {
    std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(nl == std::string_view::npos ? rest.size() : nl + 1);
    line = line.substr(0, line.find('#'));
    std::vector<std::string_view> words;
    while (true) {
      std::size_t b = line.find_first_not_of(" \t\r");
      if (b == std::string_view::npos) break;
      line.remove_prefix(b);
      std::size_t e = line.find_first_of(" \t\r");
      words.push_back(line.substr(0, e));
      line.remove_prefix(e == std::string_view::npos ? line.size() : e);
    }
    if (words.size() < 2) continue;
    bool match = false;
    for (std::size_t i = 1; i < words.size(); ++i) match = match || SameName(words[i], name);
    if (!match) continue;
    Entry e{std::string(words[0]), {}};
    for (std::size_t i = 1; i < words.size(); ++i) e.names.emplace_back(words[i]);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace mc::hosts
