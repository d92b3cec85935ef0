// Enumerated option arguments (GNU argmatch): "--total=always",
// "--sort=num". A word matches exactly or by an unambiguous prefix; words
// that are synonyms share a value, so a prefix of several of them is not
// ambiguous. A failed match gets GNU's message:
//
//   PROG: invalid argument 'x' for '--check'
//   Valid arguments are:
//     - 'quiet', 'silent'
//     - 'diagnose-first'
//
// (synonyms on one line); the caller adds the "Try ..." line and the status.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "applets/support/invocation.h"

namespace mc {

struct Choice {
  std::string_view word;
  int value;
};

// What MatchChoice returns when ARG selects no value or several.
inline constexpr int kNoChoice = -1;
inline constexpr int kAmbiguousChoice = -2;

// The value ARG selects: an exact word, or (unless EXACT) a prefix whose
// matching words all share one value. Values must be >= 0.
int MatchChoice(std::string_view arg, std::span<const Choice> choices, bool exact = false);

// GNU's message for a failed match (MATCH is kNoChoice or
// kAmbiguousChoice), without the program name or a final newline, ready
// for Warn(): "invalid argument 'x' for '--opt'\nValid arguments are:...".
std::string ChoiceError(std::string_view arg, std::string_view option,
                        std::span<const Choice> choices, int match);

// MatchChoice; on failure the message goes to stderr and the result is
// empty.
std::optional<int> ArgMatch(const Invocation& inv, std::string_view arg, std::string_view option,
                            std::span<const Choice> choices, bool exact = false);

}  // namespace mc
