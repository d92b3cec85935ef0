// Invariants of the default binary's applet table.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "registry/registry.h"

using namespace mc::registry;

TEST_CASE("names are sorted, unique and resolve") {
  const Table& t = GetTable();
  REQUIRE(t.entries.size() > 0);
  for (std::size_t i = 1; i < t.entries.size(); ++i) CHECK(NameAt(i - 1) < NameAt(i));
  for (std::size_t i = 0; i < t.entries.size(); ++i) {
    CHECK(Find(NameAt(i)) == t.entries[i].applet);
    CHECK(t.entries[i].applet < t.applets.size());
  }
  CHECK(Find("") == -1);
  CHECK(Find("no-such-applet") == -1);
  CHECK(Find("ca") == -1);
}

TEST_CASE("every applet has help that starts with its usage") {
  const Table& t = GetTable();
  std::set<std::string> primaries;
  for (std::uint16_t a = 0; a < t.applets.size(); ++a) {
    std::string name(PrimaryName(a));
    primaries.insert(name);
    std::string help = HelpText(a);
    INFO(name);
    CHECK(help.rfind("Usage: ", 0) == 0);
    CHECK(help.find(name) != std::string::npos);
    CHECK(help.back() == '\n');
    CHECK(!InstallDir(a).empty());
    CHECK(Meta(a).failure_code >= 1);
  }
  CHECK(primaries.size() == t.applets.size());
}

TEST_CASE("help blob is compressed once large") {
  const Table& t = GetTable();
  CHECK(t.help_compressed == (t.help_raw_size >= 4096));
  if (t.help_compressed) CHECK(t.help_blob.size() < t.help_raw_size);
}
