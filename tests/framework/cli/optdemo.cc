/* @applet optdemo
   @help
Usage: optdemo [OPTION]... [OPERAND]...
A test applet that prints what the option adapter parsed.
*/
// Test-only: exercises applets/support/cli.h through every kind of option.
#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "registry/applet.h"

MC_APPLET(optdemo) {
  bool all = false;
  int verbose = 0;
  std::string sep = "<unset>";
  std::vector<std::string> keys, order, operands;
  mc::cli::Parser p(inv);
  p.Flag("-a,--all", all);
  p.Counter("-v,--verbose", verbose);
  p.Value("-s,--separator", sep);
  p.Value("-k,--key", keys);
  // "x" sees the flags read before it: options act in command-line order.
  p.OnFlag("-x", [&] { order.push_back(all ? "x+a" : "x"); });
  p.OnValue("-y,--yank", [&](const std::string& v) { order.push_back("y=" + v); });
  p.OptionalValue("-c,--color", [&](std::optional<std::string_view> v) {
    order.push_back(v ? "color=" + std::string(*v) : "color");
  });
  p.Flag("--allow-empty", all);
  // -S splits its value at spaces into arguments read next (env -S).
  p.OnValue("-S,--split", [&](const std::string& v) {
    std::vector<std::string> words;
    for (std::size_t at = 0; at <= v.size();) {
      std::size_t sp = v.find(' ', at);
      if (sp == std::string::npos) sp = v.size();
      words.push_back(v.substr(at, sp - at));
      at = sp + 1;
    }
    p.InsertArgs(words);
  });
  // -e V: parsing stops with status 0 (V empty) or 1 (a bad value reported
  // at once); the fuzz target expects no other status.
  p.OnValue("-e,--exit", [&](const std::string& v) { p.Stop(v.empty() ? 0 : 1); });
  if (inv.GetEnv("OPTDEMO_STOP")) p.StopAtFirstOperand();
  if (inv.GetEnv("OPTDEMO_NUMBERS"))
    p.EndOptionsAt([](std::string_view a) { return a.size() > 1 && a[0] == '-' && a[1] >= '0' && a[1] <= '9'; });
  if (inv.GetEnv("OPTDEMO_TRY"))
    p.OnUsageError([&](std::string_view msg) {
      inv.out().Write("usage error: " + std::string(msg) + "\n");
      return 3;
    });
  if (auto rc = p.Parse(&operands)) return *rc;
  std::string out = "all=" + std::to_string(all) + " v=" + std::to_string(verbose) + " sep=[" + sep + "]";
  for (const auto& k : keys) out += " k=[" + k + "]";
  for (const auto& o : order) out += " " + o;
  for (const auto& o : operands) out += " op=[" + o + "]";
  inv.out().Write(out + "\n");
  return 0;
}
