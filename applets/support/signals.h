// Signal names and numbers as coreutils spells and parses them (env, timeout,
// and later kill): HUP, RTMIN+3, numbers, exit statuses such as 143.
#pragma once

#include <optional>
#include <string>

namespace mc::signals {

inline constexpr int kMaxSignal = 64;

// The name of signal n without "SIG" ("PIPE", "RTMIN+3"); nullopt for
// numbers that are not signals here (including 32 and 33, which the C
// library keeps). 0 is "EXIT".
std::optional<std::string> SignalToName(int n);
// 1..kMaxSignal and named.
bool IsSignal(int n);
// A signal operand: a number (an exit status such as 141 stands for the
// signal that caused it), or a name in any case with or without "SIG".
// nullopt for anything that is not a signal, 0 included.
std::optional<int> ParseSignal(const std::string& s);
// As ParseSignal, but 0 ("EXIT" or "0") is allowed (GNU's operand2sig,
// which timeout and kill use).
std::optional<int> ParseSignalOrZero(const std::string& s);

}  // namespace mc::signals
