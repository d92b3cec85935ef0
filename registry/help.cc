// Help text access: the blob is one zstd frame for the whole binary and is
// decompressed only when help is asked for.
#include <zstd.h>

#include "registry/registry.h"

namespace mc::registry {

std::string HelpText(std::uint16_t applet) {
  const Table& t = GetTable();
  const AppletMeta& m = t.applets[applet];
  if (!t.help_compressed) {
    return std::string(reinterpret_cast<const char*>(t.help_blob.data()) + m.help_offset,
                       m.help_size);
  }
  std::string raw(t.help_raw_size, '\0');
  size_t got = ZSTD_decompress(raw.data(), raw.size(), t.help_blob.data(), t.help_blob.size());
  if (ZSTD_isError(got) || got != t.help_raw_size) return std::string();
  return raw.substr(m.help_offset, m.help_size);
}

}  // namespace mc::registry
