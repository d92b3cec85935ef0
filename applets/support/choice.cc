#include "applets/support/choice.h"

#include "applets/support/diag.h"

namespace mc {

int MatchChoice(std::string_view arg, std::span<const Choice> choices, bool exact) {
  int found = kNoChoice;
  for (const Choice& c : choices) {
    if (c.word == arg) return c.value;
    if (exact || arg.empty() || !c.word.starts_with(arg)) continue;
    if (found == kNoChoice) found = c.value;
    else if (found != c.value) found = kAmbiguousChoice;
  }
  return found;
}

std::string ChoiceError(std::string_view arg, std::string_view option,
                        std::span<const Choice> choices, int match) {
  // GNU quotes the argument with C escapes ('it\'s'), as QuoteC does.
  std::string msg = match == kAmbiguousChoice ? "ambiguous" : "invalid";
  msg.append(" argument ").append(QuoteC(arg)).append(" for '").append(option);
  msg.append("'\nValid arguments are:");
  for (std::size_t i = 0; i < choices.size(); ++i) {
    bool synonym = i > 0 && choices[i].value == choices[i - 1].value;
    msg.append(synonym ? ", '" : "\n  - '").append(choices[i].word).push_back('\'');
  }
  return msg;
}

std::optional<int> ArgMatch(const Invocation& inv, std::string_view arg, std::string_view option,
                            std::span<const Choice> choices, bool exact) {
  int match = MatchChoice(arg, choices, exact);
  if (match >= 0) return match;
  Warn(inv, ChoiceError(arg, option, choices, match));
  return std::nullopt;
}

}  // namespace mc
