// Colour settings shared by ls and dircolors: GNU's indicator codes (the
// two-letter keys of LS_COLORS), the long keywords of the dircolors
// database that name them, ls's built-in defaults (used when LS_COLORS is
// unset) and dircolors' default database (dircolors -p, and what dircolors
// compiles without a FILE).
#pragma once

#include <string_view>

namespace mc::colors {

enum Ind { kLc, kRc, kEc, kRs, kNo, kFi, kDi, kLn, kPi, kSo, kBd, kCd, kMi, kOr, kEx, kDo, kSu, kSg,
           kSt, kOw, kTw, kCa, kMh, kCl, kNumInd };
inline constexpr const char* kIndNames[] = {"lc", "rc", "ec", "rs", "no", "fi", "di", "ln",
                                            "pi", "so", "bd", "cd", "mi", "or", "ex", "do",
                                            "su", "sg", "st", "ow", "tw", "ca", "mh", "cl"};

// ls's own defaults, as GNU ls has them (they are not the database's: GNU
// ls colours a fifo 33 where the database says 40;33).
struct Default {
  Ind ind;
  const char* code;
};
inline constexpr Default kLsDefaults[] = {
    {kLc, "\033["}, {kRc, "m"}, {kRs, "0"}, {kDi, "01;34"}, {kLn, "01;36"}, {kPi, "33"},
    {kSo, "01;35"}, {kBd, "01;33"}, {kCd, "01;33"}, {kEx, "01;32"}, {kDo, "01;35"},
    {kSu, "37;41"}, {kSg, "30;43"}, {kSt, "37;44"}, {kOw, "34;42"}, {kTw, "30;42"}, {kCl, "\033[K"}};

// The indicator a database keyword (NORMAL, DIR, LINK, ...; any case)
// stands for, or -1.
int KeywordIndicator(std::string_view keyword);

// GNU coreutils 9.1's default database text.
std::string_view Database();

}  // namespace mc::colors
