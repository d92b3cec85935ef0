// The options an applet documents, read back from its --help text: the one
// source of truth for the generated shell completions and man pages
// (multicall --completions, multicall --man), so they never drift from it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mc::help {

// One option line of a help text, such as
//   "  -k, --key=KEYDEF          sort via a key; KEYDEF gives location and type"
// with the indented lines that continue its description.
struct Option {
  std::vector<std::string> names;  // "-k", "--key" (without their arguments)
  std::string spec;                // "-k, --key=KEYDEF", as written
  bool takes_argument = false;     // "--key=KEYDEF", "-t FD" (not "[=WHEN]")
  std::string description;         // continuation lines joined by a space
};

// A help text cut into what a man page needs.
struct Page {
  std::vector<std::string> usage;  // "sort [OPTION]... [FILE]..." (no "Usage:"/"or:")
  std::string summary;             // the first line after the usage lines
  std::vector<Option> options;
};

// Reads every option line: indentation, then a comma-separated list of
// "-x", "-x ARG", "--long", "--long=ARG" or "--long[=ARG]", then two or more
// spaces (or the end of the line) before the description.
std::vector<Option> ParseOptions(std::string_view help);

Page ParsePage(std::string_view help);

// The option-spec part of a line if the line is an option line ("" if not),
// and the column its description starts at (0 when it has none).
std::string_view OptionSpec(std::string_view line, std::size_t* description_column);

}  // namespace mc::help
