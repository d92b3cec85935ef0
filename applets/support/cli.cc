#include "applets/support/cli.h"

#include <algorithm>

#include "applets/support/cli11.h"
#include "applets/support/diag.h"

#ifndef MC_VERSION
#define MC_VERSION "0.1.0"
#endif

namespace mc::cli {

namespace {

enum class Arity { kNone, kRequired, kOptional, kHelp, kVersion };

// One name an option answers to, as the tokenizer sees it.
struct Spelling {
  std::string name;  // without dashes
  bool is_long;
  Arity arity;
  const CLI::Option* option;  // null for optional-value and help/version
  std::size_t optional_index;
};

std::vector<std::string> SplitNames(const std::string& names, bool want_long) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= names.size()) {
    std::size_t comma = names.find(',', start);
    std::string n = names.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (want_long && n.rfind("--", 0) == 0) out.push_back(n.substr(2));
    if (!want_long && n.size() == 2 && n[0] == '-') out.push_back(n.substr(1));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// CLI11 treats an empty value as a missing one, but GNU tools accept them
// ("seq -s ''", "cut -d ''"): empty values travel through CLI11 as this
// marker and are turned back into "" on the way out.
constexpr std::string_view kEmptyValue = "\x01mc-empty-value\x01";

std::string Decode(const std::string& v) { return v == kEmptyValue ? std::string() : v; }

}  // namespace

struct Parser::Impl {
  struct OptionalSpec {
    std::vector<std::string> shorts, longs;
    std::function<void(std::optional<std::string_view>)> fn;
  };
  CLI::App app;
  std::vector<OptionalSpec> optional;
};

Parser::Parser(Invocation& inv) : inv_(inv), impl_(new Impl) {
  CLI::App& app = impl_->app;
  app.set_help_flag();
  app.allow_extras(false);
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

Parser::~Parser() = default;

void Parser::Flag(const std::string& names, bool& value) { impl_->app.add_flag(names, value); }

void Parser::Counter(const std::string& names, int& count) {
  impl_->app.add_flag_callback(names, [&count] { ++count; })
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->trigger_on_parse();
}

void Parser::OnFlag(const std::string& names, std::function<void()> fn) {
  impl_->app.add_flag_callback(names, std::move(fn))
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->trigger_on_parse();
}

void Parser::Value(const std::string& names, std::string& value) {
  impl_->app.add_option_function<std::string>(
      names, [&value](const std::string& v) { value = Decode(v); });
}

void Parser::Value(const std::string& names, std::vector<std::string>& values) {
  impl_->app
      .add_option_function<std::vector<std::string>>(
          names,
          [&values](const std::vector<std::string>& vs) {
            for (const auto& v : vs) values.push_back(Decode(v));
          })
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

void Parser::OnValue(const std::string& names, std::function<void(const std::string&)> fn) {
  impl_->app
      .add_option_function<std::string>(names,
                                        [fn = std::move(fn)](const std::string& v) { fn(Decode(v)); })
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast)
      ->trigger_on_parse();
}

void Parser::OptionalValue(const std::string& names,
                           std::function<void(std::optional<std::string_view>)> fn) {
  impl_->optional.push_back({SplitNames(names, false), SplitNames(names, true), std::move(fn)});
}

std::optional<int> Parser::Parse(std::vector<std::string>* operands) {
  std::vector<std::string> args(inv_.args().begin(), inv_.args().end());
  return Parse(args, operands);
}

std::optional<int> Parser::Parse(const std::vector<std::string>& args,
                                 std::vector<std::string>* operands) {
  // The spellings every option answers to.
  std::vector<Spelling> table;
  for (const CLI::Option* opt : impl_->app.get_options()) {
    Arity a = opt->get_expected_max() == 0 ? Arity::kNone : Arity::kRequired;
    for (const auto& s : opt->get_snames()) table.push_back({s, false, a, opt, 0});
    for (const auto& l : opt->get_lnames()) table.push_back({l, true, a, opt, 0});
  }
  for (std::size_t i = 0; i < impl_->optional.size(); ++i) {
    for (const auto& s : impl_->optional[i].shorts) table.push_back({s, false, Arity::kOptional, nullptr, i});
    for (const auto& l : impl_->optional[i].longs) table.push_back({l, true, Arity::kOptional, nullptr, i});
  }
  if (help_version_) {
    table.push_back({"help", true, Arity::kHelp, nullptr, 0});
    table.push_back({"version", true, Arity::kVersion, nullptr, 0});
  }

  // Normalized options for CLI11, in order; optional-value options run now
  // in sequence with the others' callbacks (trigger_on_parse) as far as
  // order matters to any applet.
  std::vector<std::string> for_cli;
  struct Deferred {
    std::size_t index;
    std::optional<std::string> value;
    std::size_t position;  // in for_cli
  };
  std::vector<Deferred> deferred;
  bool want_help = false, want_version = false;
  bool options_done = false;
  const bool stop_at_operand = stop_at_operand_ || inv_.posixly_correct();

  auto emit = [&](const Spelling& s, std::optional<std::string> value) {
    if (s.arity == Arity::kHelp) {
      want_help = true;
    } else if (s.arity == Arity::kVersion) {
      want_version = true;
    } else if (s.arity == Arity::kOptional) {
      deferred.push_back({s.optional_index, std::move(value), for_cli.size()});
    } else {
      const CLI::Option* o = s.option;
      if (value && value->empty()) value = std::string(kEmptyValue);
      if (!o->get_lnames().empty()) {
        std::string tok = "--" + o->get_lnames().front();
        if (value) tok += "=" + *value;
        for_cli.push_back(std::move(tok));
      } else {
        for_cli.push_back("-" + o->get_snames().front());
        if (value) for_cli.push_back(*value);
      }
    }
  };

  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_done || arg.size() < 2 || arg[0] != '-') {
      operands->push_back(arg);
      if (stop_at_operand) options_done = true;
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    if (arg[1] == '-') {
      std::size_t eq = arg.find('=');
      std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      std::vector<const Spelling*> hits;
      const Spelling* exact = nullptr;
      for (const auto& s : table) {
        if (!s.is_long || s.name.compare(0, name.size(), name) != 0) continue;
        if (s.name == name) exact = &s;
        if (std::none_of(hits.begin(), hits.end(), [&](const Spelling* h) {
              return h->option == s.option && h->arity == s.arity && h->option != nullptr;
            }))
          hits.push_back(&s);
      }
      if (exact == nullptr && hits.size() > 1) {
        std::string msg = "option '" + arg + "' is ambiguous; possibilities:";
        for (const auto* h : hits) msg += " '--" + h->name + "'";
        return UsageError(inv_, msg);
      }
      const Spelling* s = exact ? exact : (hits.empty() ? nullptr : hits.front());
      if (s == nullptr) return UsageError(inv_, "unrecognized option '" + arg + "'");
      std::optional<std::string> value;
      if (eq != std::string::npos) value = arg.substr(eq + 1);
      if (value && (s->arity == Arity::kNone || s->arity == Arity::kHelp ||
                    s->arity == Arity::kVersion))
        return UsageError(inv_, "option '--" + s->name + "' doesn't allow an argument");
      if (!value && s->arity == Arity::kRequired) {
        if (i + 1 >= args.size())
          return UsageError(inv_, "option '--" + s->name + "' requires an argument");
        value = args[++i];
      }
      emit(*s, std::move(value));
      // GNU tools act on --help and --version where they stand: later
      // arguments, even invalid ones, are not looked at.
      if (want_help || want_version) break;
      continue;
    }
    // A cluster of short options.
    for (std::size_t j = 1; j < arg.size(); ++j) {
      const Spelling* s = nullptr;
      for (const auto& t : table)
        if (!t.is_long && t.name.size() == 1 && t.name[0] == arg[j]) s = &t;
      if (s == nullptr) return UsageError(inv_, std::string("invalid option -- '") + arg[j] + "'");
      if (s->arity == Arity::kNone) {
        emit(*s, std::nullopt);
        continue;
      }
      std::optional<std::string> value;
      if (j + 1 < arg.size()) {
        value = arg.substr(j + 1);
      } else if (s->arity == Arity::kRequired) {
        if (i + 1 >= args.size())
          return UsageError(inv_, std::string("option requires an argument -- '") + arg[j] + "'");
        value = args[++i];
      }
      emit(*s, std::move(value));
      break;
    }
  }

  if (want_help) return PrintHelp(inv_);
  if (want_version) return PrintVersion(inv_);

  // Optional-value options run first, then CLI11 (which runs the callbacks
  // of the rest in order).
  for (auto& d : deferred) {
    impl_->optional[d.index].fn(d.value ? std::optional<std::string_view>(*d.value) : std::nullopt);
  }
  try {
    std::reverse(for_cli.begin(), for_cli.end());  // CLI11 takes them reversed
    impl_->app.parse(for_cli);
  } catch (const CLI::ParseError& e) {
    return UsageError(inv_, e.what());
  }
  return std::nullopt;
}

int PrintHelp(Invocation& inv) {
  inv.out().Write(inv.help_text());
  return 0;
}

int PrintVersion(Invocation& inv) {
  Output& out = inv.out();
  out.Write(inv.prog());
  out.Write(" (multicall) " MC_VERSION "\n");
  return 0;
}

std::optional<int> SoleHelpOrVersion(Invocation& inv) {
  if (inv.args().size() != 1) return std::nullopt;
  std::string_view a = inv.args()[0];
  if (a == "--help") return PrintHelp(inv);
  if (a == "--version") return PrintVersion(inv);
  return std::nullopt;
}

}  // namespace mc::cli
