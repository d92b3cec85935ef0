#include <algorithm>
#include <cstring>

#include "registry/registry.h"

namespace mc::registry {

std::string_view NameAt(std::size_t entry) {
  const Table& t = GetTable();
  return t.names + t.entries[entry].name_offset;
}

int Find(std::string_view name) {
  const Table& t = GetTable();
  auto it = std::lower_bound(
      t.entries.begin(), t.entries.end(), name,
      [&t](const NameEntry& e, std::string_view n) {
        return std::string_view(t.names + e.name_offset) < n;
      });
  if (it == t.entries.end() || std::string_view(t.names + it->name_offset) != name)
    return -1;
  return it->applet;
}

std::string_view PrimaryName(std::uint16_t applet) {
  const Table& t = GetTable();
  return t.names + t.applets[applet].name_offset;
}

std::string_view InstallDir(std::uint16_t applet) {
  const Table& t = GetTable();
  return t.install_dirs[t.applets[applet].install_dir];
}

const AppletMeta& Meta(std::uint16_t applet) { return GetTable().applets[applet]; }

}  // namespace mc::registry
