// Tests for the enumerated option arguments (GNU argmatch rules).
#include "applets/support/choice.h"

#include <catch2/catch.hpp>

namespace {

constexpr mc::Choice kCheck[] = {{"quiet", 2}, {"silent", 2}, {"diagnose-first", 1}};
constexpr mc::Choice kTee[] = {{"warn", 0}, {"warn-nopipe", 1}, {"exit", 2}, {"exit-nopipe", 3}};

TEST_CASE("exact words and unambiguous prefixes match") {
  CHECK(mc::MatchChoice("quiet", kCheck) == 2);
  CHECK(mc::MatchChoice("d", kCheck) == 1);
  CHECK(mc::MatchChoice("warn", kTee) == 0);  // exact beats the longer word
  CHECK(mc::MatchChoice("warn-", kTee) == 1);
  CHECK(mc::MatchChoice("e", kTee) == mc::kAmbiguousChoice);
  CHECK(mc::MatchChoice("x", kTee) == mc::kNoChoice);
  CHECK(mc::MatchChoice("", kTee) == mc::kNoChoice);
  CHECK(mc::MatchChoice("warnings", kTee) == mc::kNoChoice);
}

TEST_CASE("a prefix of synonyms is not ambiguous") {
  constexpr mc::Choice kColor[] = {{"never", 0}, {"no", 0}, {"none", 0}, {"auto", 1}};
  CHECK(mc::MatchChoice("n", kColor) == 0);
}

TEST_CASE("exact mode takes no prefixes") {
  CHECK(mc::MatchChoice("qui", kCheck, true) == mc::kNoChoice);
  CHECK(mc::MatchChoice("silent", kCheck, true) == 2);
}

TEST_CASE("the message lists synonyms on one line and quotes as GNU") {
  CHECK(mc::ChoiceError("x", "--check", kCheck, mc::kNoChoice) ==
        "invalid argument 'x' for '--check'\nValid arguments are:\n"
        "  - 'quiet', 'silent'\n  - 'diagnose-first'");
  CHECK(mc::ChoiceError("it's", "--output-error", kTee, mc::kAmbiguousChoice).starts_with(
      "ambiguous argument 'it\\'s' for '--output-error'\n"));
}

}  // namespace
