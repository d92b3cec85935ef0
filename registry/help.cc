// Help text access: the blob is one zstd frame for the whole binary and is
// decompressed only when help is asked for.
#include <zstd.h>

#include "registry/registry.h"

namespace mc::registry {

std::string HelpBlob() {
  const Table& t = GetTable();
  if (!t.help_compressed) {
    return std::string(reinterpret_cast<const char*>(t.help_blob.data()), t.help_blob.size());
  }
  std::string raw(t.help_raw_size, '\0');
  size_t got = ZSTD_decompress(raw.data(), raw.size(), t.help_blob.data(), t.help_blob.size());
  if (ZSTD_isError(got) || got != t.help_raw_size) return std::string();
  return raw;
}

std::string HelpText(std::uint16_t applet) { return HelpText(applet, HelpBlob()); }

std::string HelpText(std::uint16_t applet, std::string_view blob) {
  const AppletMeta& m = GetTable().applets[applet];
  if (blob.size() < std::size_t{m.help_offset} + m.help_size) return std::string();
  return std::string(blob.substr(m.help_offset, m.help_size));
}

}  // namespace mc::registry
