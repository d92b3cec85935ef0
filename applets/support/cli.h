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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/invocation.h"

namespace mc::cli {

// Only cli.cc includes CLI11: its headers define validator objects at
// namespace scope, which would add a static initializer (and allocations on
// every exec) to each applet that included them.
class Parser {
 public:
  explicit Parser(Invocation& inv);
  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // Names are CLI11-style lists: "-n,--number", "--color", "-u".
  // A boolean flag (last occurrence wins).
  void Flag(const std::string& names, bool& value);
  // A flag counted each time it appears (-v -v).
  void Counter(const std::string& names, int& count);
  // A flag that runs fn each time it appears, in command-line order.
  void OnFlag(const std::string& names, std::function<void()> fn);
  // An option with a required value: a string keeps the last occurrence, a
  // vector collects every occurrence. Parse numbers yourself (numbers.h) so
  // messages are GNU's.
  void Value(const std::string& names, std::string& value);
  void Value(const std::string& names, std::vector<std::string>& values);
  // An option whose value runs fn each time it appears, in order.
  void OnValue(const std::string& names, std::function<void(const std::string&)> fn);
  // An option with an optional value, --name[=VALUE] (GNU getopt's optional
  // arguments attach only with '='; a short form takes the rest of its
  // cluster): fn gets the value or nullopt.
  void OptionalValue(const std::string& names,
                     std::function<void(std::optional<std::string_view>)> fn);

  // Options end at the first operand (env, nice, xargs style).
  void StopAtFirstOperand() { stop_at_operand_ = true; }
  // --help/--version are not options of this applet.
  void NoHelpOrVersion() { help_version_ = false; }

  // Parses the invocation's arguments, or args if given (for applets that
  // rewrite obsolete forms such as head -5 first). Operands are appended to
  // *operands. nullopt: go on; a value: return it from the applet now
  // (help or version printed: 0; an error reported: the failure status).
  std::optional<int> Parse(std::vector<std::string>* operands);
  std::optional<int> Parse(const std::vector<std::string>& args,
                           std::vector<std::string>* operands);

 private:
  struct Impl;
  Invocation& inv_;
  std::unique_ptr<Impl> impl_;
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
