// Tab stops for expand and unexpand: GNU's -t N, -t LIST, and the GNU 9
// "/N" (repeat every N) and "+N" (every N after the last stop) suffixes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/invocation.h"

namespace mc::fields {

class TabStops {
 public:
  // Adds the stops of one -t argument (several -t accumulate). Returns the
  // error message, if any.
  std::optional<std::string> Parse(std::string_view spec);
  // Checks the list once all options are read; returns the error message.
  std::optional<std::string> Finish();

  // The column of the next tab stop after `column`. *tab_index remembers
  // the position in the explicit list along a line (reset it to 0 per
  // line). *past_last is set when there is no further stop.
  std::uint64_t Next(std::uint64_t column, std::size_t* tab_index, bool* past_last) const;

  // A single stop distance (the common case), or 0.
  std::uint64_t uniform() const { return tab_size_; }

 private:
  std::vector<std::uint64_t> list_;
  std::uint64_t extend_ = 0, increment_ = 0, tab_size_ = 0;
};

// The invocation's arguments with the obsolete -N and -N,M forms turned
// into --tabs=N and --tabs=N,M (or the long option `as` names).
std::vector<std::string> ArgsWithObsoleteTabs(const Invocation& inv,
                                              std::string_view as = "--tabs=");

}  // namespace mc::fields
