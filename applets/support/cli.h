// GNU command-line conventions on top of CLI11: the one option parser of
// every applet.
//
// Applets declare their options through Parser, which keeps them as CLI11
// options; Parser then reads the arguments the way glibc's getopt_long does
// and runs each option's callback (through CLI11) the moment it is read:
//   - short options cluster (-nb), take values attached or separate (-n5, -n 5);
//   - long options take --name=V or --name V, and any unambiguous prefix;
//   - option values may be empty (-d '', --delimiter=);
//   - optional values attach only: --name=V, or the rest of a short cluster;
//   - options may follow operands unless POSIXLY_CORRECT is set (or the
//     applet stops at the first operand, as env does); "--" ends options;
//     "-" is an operand;
//   - options act in command-line order; --help and --version print and
//     return 0 where they stand, so later arguments are not looked at;
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
  // A boolean flag, set when it appears.
  void Flag(const std::string& names, bool& value);
  // A flag counted each time it appears (-v -v).
  void Counter(const std::string& names, int& count);
  // A flag that runs fn each time it appears.
  void OnFlag(const std::string& names, std::function<void()> fn);
  // An option with a required value, possibly empty: a string keeps the
  // last occurrence, a vector collects every occurrence. Parse numbers
  // yourself (numbers.h) so messages are GNU's.
  void Value(const std::string& names, std::string& value);
  void Value(const std::string& names, std::vector<std::string>& values);
  // An option whose value runs fn each time it appears.
  void OnValue(const std::string& names, std::function<void(const std::string&)> fn);
  // An option with an optional value, --name[=VALUE] (GNU getopt's optional
  // arguments attach only with '='; a short form takes the rest of its
  // cluster): fn gets the value or nullopt.
  void OptionalValue(const std::string& names,
                     std::function<void(std::optional<std::string_view>)> fn);

  // Options end at the first operand (env, nice, xargs style).
  void StopAtFirstOperand() { stop_at_operand_ = true; }
  // An argument for which ends(arg) is true ends the options: it and all
  // that follow are operands (seq's negative numbers, "-1" and "-.5").
  void EndOptionsAt(bool (*ends)(std::string_view arg)) { ends_options_ = ends; }
  // Usage errors go to fn (which prints them and returns the status)
  // instead of mc::UsageError: for tools that word them differently (cmp)
  // or add a hint (env).
  void OnUsageError(std::function<int(std::string_view msg)> fn);

  // For callbacks, while Parse runs. Stop: parsing ends, Parse returns
  // status (a bad option value reported at once, as getopt loops do).
  // InsertArgs: args are read next, before the rest (env -S).
  void Stop(int status) { stop_ = status; }
  void InsertArgs(const std::vector<std::string>& args);

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
  bool (*ends_options_)(std::string_view) = nullptr;
  std::optional<int> stop_;
};

// Prints the applet's --help text to stdout and returns 0.
int PrintHelp(Invocation& inv);
// Prints "PROG (multicall) VERSION" to stdout and returns 0.
int PrintVersion(Invocation& inv);

// For applets without options (true, false): handles a sole --help or
// --version argument. nullopt when the arguments are something else.
std::optional<int> SoleHelpOrVersion(Invocation& inv);

}  // namespace mc::cli
