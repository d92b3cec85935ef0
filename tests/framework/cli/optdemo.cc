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
  p.OnFlag("-x", [&] { order.push_back("x"); });
  p.OnValue("-y,--yank", [&](const std::string& v) { order.push_back("y=" + v); });
  p.OptionalValue("--color", [&](std::optional<std::string_view> v) {
    order.push_back(v ? "color=" + std::string(*v) : "color");
  });
  p.Flag("--allow-empty", all);
  if (inv.GetEnv("OPTDEMO_STOP")) p.StopAtFirstOperand();
  if (auto rc = p.Parse(&operands)) return *rc;
  std::string out = "all=" + std::to_string(all) + " v=" + std::to_string(verbose) + " sep=[" + sep + "]";
  for (const auto& k : keys) out += " k=[" + k + "]";
  for (const auto& o : order) out += " " + o;
  for (const auto& o : operands) out += " op=[" + o + "]";
  inv.out().Write(out + "\n");
  return 0;
}
