#include "applets/core/getopt.h"

#include "applets/support/cli.h"
#include "applets/support/diag.h"

namespace mc::core {

namespace {

constexpr int kHelpKey = -1000;
constexpr int kVersionKey = -1001;

constexpr LongOption kStandard[] = {
    {"help", ArgKind::kNone, kHelpKey},
    {"version", ArgKind::kNone, kVersionKey},
};

}  // namespace

std::optional<int> ParseOptions(Invocation& inv, const OptionSpec& spec,
                                std::vector<std::string>& args, std::size_t* index,
                                std::vector<std::string>* operands, const OptionHandler& handler) {
  const bool stop_at_operand = spec.stop_at_operand || inv.posixly_correct();
  std::vector<LongOption> longs(spec.longs.begin(), spec.longs.end());
  longs.insert(longs.end(), std::begin(kStandard), std::end(kStandard));

  auto dispatch = [&](int key, std::optional<std::string> value) -> std::optional<int> {
    if (key == kHelpKey) return cli::PrintHelp(inv);
    if (key == kVersionKey) return cli::PrintVersion(inv);
    return handler(key, std::move(value));
  };

  std::size_t& i = *index;
  while (i < args.size()) {
    const std::string arg = args[i];
    if (spec.ends_options && spec.ends_options(arg)) break;
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      if (stop_at_operand) break;
      operands->push_back(arg);
      ++i;
      continue;
    }
    ++i;
    if (arg[1] == '-') {
      const std::size_t eq = arg.find('=');
      const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      const LongOption* hit = nullptr;
      std::vector<const LongOption*> prefixed;
      for (const auto& l : longs) {
        if (l.name == name) {
          hit = &l;
          break;
        }
        if (l.name.substr(0, name.size()) == name) prefixed.push_back(&l);
      }
      if (!hit && prefixed.size() > 1) {
        std::string msg = "option '" + arg + "' is ambiguous; possibilities:";
        for (const auto* l : prefixed) msg += " '--" + std::string(l->name) + "'";
        return UsageError(inv, msg);
      }
      if (!hit && prefixed.size() == 1) hit = prefixed.front();
      if (!hit) return UsageError(inv, "unrecognized option '" + arg + "'");
      std::optional<std::string> value;
      if (eq != std::string::npos) {
        if (hit->arg == ArgKind::kNone)
          return UsageError(inv, "option '--" + std::string(hit->name) + "' doesn't allow an argument");
        value = arg.substr(eq + 1);
      } else if (hit->arg == ArgKind::kRequired) {
        if (i >= args.size())
          return UsageError(inv, "option '--" + std::string(hit->name) + "' requires an argument");
        value = args[i++];
      }
      if (auto rc = dispatch(hit->key, std::move(value))) return rc;
      continue;
    }
    for (std::size_t j = 1; j < arg.size(); ++j) {
      const char c = arg[j];
      const std::size_t at = c == ':' ? std::string_view::npos : spec.shorts.find(c);
      if (at == std::string_view::npos) {
        Warn(inv, std::string("invalid option -- '") + c + "'");
        return UsageError(inv, "");
      }
      const bool optional = spec.shorts.substr(at + 1, 2) == "::";
      const bool required = !optional && spec.shorts.substr(at + 1, 1) == ":";
      if (!optional && !required) {
        if (auto rc = dispatch(c, std::nullopt)) return rc;
        continue;
      }
      std::optional<std::string> value;
      if (j + 1 < arg.size()) {
        value = arg.substr(j + 1);
      } else if (required) {
        if (i >= args.size())
          return UsageError(inv, std::string("option requires an argument -- '") + c + "'");
        value = args[i++];
      }
      if (auto rc = dispatch(c, std::move(value))) return rc;
      break;
    }
  }
  return std::nullopt;
}

}  // namespace mc::core
