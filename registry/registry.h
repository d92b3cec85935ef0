// The applet table of one multicall binary. The data behind these
// declarations is generated at build time (registry/gen/registry_gen.cc) for
// each multicall_binary() and linked into it; this header is the only way the
// dispatcher, the multiplexer and the tests reach it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace mc {
class Invocation;
}

namespace mc::registry {

// One row per applet (not per name): plain constant data, no pointers, so
// the table needs no load-time relocations.
struct AppletMeta {
  std::uint32_t help_offset;   // into the uncompressed help blob
  std::uint32_t help_size;
  std::uint16_t name_offset;   // primary name, into Names()
  std::uint8_t install_dir;    // index into InstallDirs()
  std::uint8_t failure_code;   // exit status for usage and write errors
};

// One row per name, sorted by name (aliases have their own rows).
struct NameEntry {
  std::uint16_t name_offset;   // into Names(), NUL-terminated
  std::uint16_t applet;        // index into Applets()
};

struct Table {
  const char* multiplexer;                // the binary's own name ("multicall")
  const char* names;                     // NUL-separated names
  std::span<const NameEntry> entries;    // sorted, unique
  std::span<const AppletMeta> applets;
  std::span<const char* const> install_dirs;
  std::span<const unsigned char> help_blob;  // zstd frame (or raw, see help_compressed)
  std::uint32_t help_raw_size;
  bool help_compressed;
};

// Defined by the generated table.
const Table& GetTable();
int InvokeApplet(std::uint16_t applet, Invocation& inv);

// Lookup by exact name; returns the applet index or -1.
int Find(std::string_view name);
std::string_view NameAt(std::size_t entry);
std::string_view PrimaryName(std::uint16_t applet);
std::string_view InstallDir(std::uint16_t applet);
const AppletMeta& Meta(std::uint16_t applet);

// Decompresses the help blob (only called for --help and listings that need
// it) and returns the applet's help text: usage lines, then the description.
std::string HelpText(std::uint16_t applet);

// The whole uncompressed help blob, and an applet's text cut from it: for
// callers that need many applets' help (completions, man pages).
std::string HelpBlob();
std::string HelpText(std::uint16_t applet, std::string_view blob);

}  // namespace mc::registry
