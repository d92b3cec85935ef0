// GNU command-line conventions on top of CLI11.
//
// Applets declare their options on a CLI::App through Parser; Parser then
// reads the arguments the way GNU getopt_long does and hands CLI11 only the
// normalized options (operands never reach CLI11):
//   - short options cluster (-nb), take values attached or separate (-n5, -n 5);
//   - long options take --name=V or --name V, and any unambiguous prefix;
//   - options may follow operands unless POSIXLY_CORRECT is set (or the
//     applet stops at the first operand, as env does); "--" ends options;
//     "-" is an operand;
//   - --help and --version print and return 0;
//   - errors print GNU's messages ("invalid option -- 'z'", "unrecognized
//     option '--x'", "option '--x' is ambiguous; possibilities: ...") and the
//     "Try 'PROG --help'" line, and return the applet's failure status.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli11.h"
#include "applets/support/invocation.h"

namespace mc::cli {

class Parser {
 public:
  explicit Parser(Invocation& inv);

  CLI::App& app() { return app_; }

  // A boolean flag (last occurrence wins).
  CLI::Option* Flag(const std::string& names, bool& value) {
    return app_.add_flag(names, value);
  }
  // A flag that runs fn each time it appears (for order-dependent options).
  CLI::Option* OnFlag(const std::string& names, std::function<void()> fn);
  // An option with a required value (last occurrence wins for scalars; a
  // vector collects every occurrence).
  template <class T>
  CLI::Option* Value(const std::string& names, T& value) {
    return app_.add_option(names, value);
  }
  // An option whose value runs fn each time it appears.
  CLI::Option* OnValue(const std::string& names, std::function<void(const std::string&)> fn);
  // A long option with an optional value, --name[=VALUE]: fn gets the value
  // or nullopt. (GNU getopt's optional arguments only attach with '='; the
  // short form takes the rest of its cluster.)
  void OptionalValue(const std::string& names,
                     std::function<void(std::optional<std::string_view>)> fn);

  // Options end at the first operand (env, nice, xargs style).
  void StopAtFirstOperand() { stop_at_operand_ = true; }
  // --help/--version are not options of this applet (e.g. echo handles its own).
  void NoHelpOrVersion() { help_version_ = false; }

  // Parses the invocation's arguments, or args if given (for applets that
  // rewrite obsolete forms such as head -5 first). Operands are appended to
  // *operands. nullopt: go on; a value: return it from the applet now.
  std::optional<int> Parse(std::vector<std::string>* operands);
  std::optional<int> Parse(const std::vector<std::string>& args,
                           std::vector<std::string>* operands);

 private:
  struct OptionalSpec {
    std::vector<std::string> shorts, longs;
    std::function<void(std::optional<std::string_view>)> fn;
  };

  Invocation& inv_;
  CLI::App app_;
  std::vector<OptionalSpec> optional_;
  bool stop_at_operand_ = false;
  bool help_version_ = true;
};

// Prints the applet's --help text to stdout and returns 0.
int PrintHelp(Invocation& inv);
// Prints "PROG (multicall) VERSION" to stdout and returns 0.
int PrintVersion(Invocation& inv);

// For applets without options (true, false): handles a sole --help or
// --version argument. nullopt when the arguments are something else.
std::optional<int> SoleHelpOrVersion(Invocation& inv);

}  // namespace mc::cli
