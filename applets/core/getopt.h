// A GNU getopt_long work-alike for the core applets whose option values may
// be empty ("-s ''") or whose argument list grows while it is parsed
// (env -S). Same rules and messages as glibc: clustering, abbreviations,
// permutation unless POSIXLY_CORRECT or stop_at_operand, "--", and each
// option handled the moment it is seen (--help prints and returns at once).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/invocation.h"

namespace mc::core {

enum class ArgKind { kNone, kRequired, kOptional };

struct LongOption {
  std::string_view name;
  ArgKind arg;
  int key;
};

struct OptionSpec {
  // getopt-style: "f:s:w" ("x:" takes a value). Long options optional.
  std::string_view shorts;
  std::span<const LongOption> longs;
  // Options end at the first operand (getopt's leading '+').
  bool stop_at_operand = false;
  // Arguments for which this returns true end the options (seq's negative
  // numbers).
  std::function<bool(std::string_view)> ends_options;
};

// Called for each option with its key (the short letter or LongOption::key)
// and value; a returned status stops parsing and becomes the applet's.
using OptionHandler = std::function<std::optional<int>(int key, std::optional<std::string> value)>;

// Parses args from *index. Operands found before the options end are
// appended to *operands; on return *index is the first argument not
// parsed (all of them are operands). The handler may insert arguments at
// *index (they are parsed next). --help and --version are built in.
std::optional<int> ParseOptions(Invocation& inv, const OptionSpec& spec,
                                std::vector<std::string>& args, std::size_t* index,
                                std::vector<std::string>* operands, const OptionHandler& handler);

}  // namespace mc::core
