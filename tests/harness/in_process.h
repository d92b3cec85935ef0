// Runs an applet inside the test process, as the dispatcher would, with
// stdin, stdout and stderr on memory files:
//
//   auto r = mc::testing::Run("cat", {"-n"}, "a\nb\n");
//   CHECK(r.out == "     1\ta\n     2\tb\n");
//   CHECK(r.status == 0);
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mc::testing {

struct Result {
  int status = -1;
  std::string out, err;
};

// env: NAME=VALUE strings (empty: an empty environment).
Result Run(std::string_view applet, const std::vector<std::string>& args,
           std::string_view stdin_data = {}, const std::vector<std::string>& env = {});

// A fresh temporary directory for a test, removed at exit of the process.
std::string TempDir();
// Writes data to path (creating or truncating it); returns path.
std::string WriteFile(const std::string& path, std::string_view data);
std::string ReadFile(const std::string& path);

}  // namespace mc::testing
