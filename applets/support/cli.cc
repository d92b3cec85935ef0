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
  std::string_view name;  // without dashes
  bool is_long;
  Arity arity;
  CLI::Option* option;  // null for --help and --version
};

// What an option takes, from its CLI11 declaration (see Parser::Add).
Arity ArityOf(const CLI::Option& o) {
  if (o.get_expected_max() == 0) return Arity::kNone;
  return o.get_expected_min() == 0 ? Arity::kOptional : Arity::kRequired;
}

}  // namespace

struct Parser::Impl {
  CLI::App app;
  std::vector<CLI::Option*> options;  // in declaration order
  std::function<int(std::string_view)> usage_error;
  // While Parse runs: the arguments and the index of the next one to read.
  std::vector<std::string>* args = nullptr;
  std::size_t next = 0;

  // Every option is a CLI11 option whose callback gets the value of one
  // occurrence (results holds one string, possibly empty) or none (a flag,
  // or an optional value left out). min/max: how many values it takes.
  void Add(const std::string& names, int min, int max, CLI::callback_t fn) {
    CLI::Option* o = app.add_option(names, std::move(fn));
    o->expected(min, max);
    options.push_back(o);
  }
};

Parser::Parser(Invocation& inv) : inv_(inv), impl_(new Impl) {
  impl_->app.set_help_flag();
  // One occurrence at a time reaches a callback; none for a flag.
  impl_->app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
}

Parser::~Parser() = default;

void Parser::Flag(const std::string& names, bool& value) {
  impl_->Add(names, 0, 0, [&value](const CLI::results_t&) { return value = true; });
}

void Parser::Counter(const std::string& names, int& count) {
  impl_->Add(names, 0, 0, [&count](const CLI::results_t&) { return ++count, true; });
}

void Parser::OnFlag(const std::string& names, std::function<void()> fn) {
  impl_->Add(names, 0, 0, [fn = std::move(fn)](const CLI::results_t&) { return fn(), true; });
}

void Parser::Value(const std::string& names, std::string& value) {
  impl_->Add(names, 1, 1, [&value](const CLI::results_t& r) { return value = r.front(), true; });
}

void Parser::Value(const std::string& names, std::vector<std::string>& values) {
  impl_->Add(names, 1, 1, [&values](const CLI::results_t& r) {
    values.push_back(r.front());
    return true;
  });
}

void Parser::OnValue(const std::string& names, std::function<void(const std::string&)> fn) {
  impl_->Add(names, 1, 1, [fn = std::move(fn)](const CLI::results_t& r) { return fn(r.front()), true; });
}

void Parser::OptionalValue(const std::string& names,
                           std::function<void(std::optional<std::string_view>)> fn) {
  impl_->Add(names, 0, 1, [fn = std::move(fn)](const CLI::results_t& r) {
    fn(r.empty() ? std::nullopt : std::optional<std::string_view>(r.front()));
    return true;
  });
}

void Parser::OnUsageError(std::function<int(std::string_view msg)> fn) {
  impl_->usage_error = std::move(fn);
}

void Parser::InsertArgs(const std::vector<std::string>& args) {
  if (impl_->args == nullptr) return;
  impl_->args->insert(impl_->args->begin() + static_cast<std::ptrdiff_t>(impl_->next), args.begin(),
                      args.end());
}

std::optional<int> Parser::Parse(std::vector<std::string>* operands) {
  return Parse(std::vector<std::string>(inv_.args().begin(), inv_.args().end()), operands);
}

std::optional<int> Parser::Parse(const std::vector<std::string>& given,
                                 std::vector<std::string>* operands) {
  Impl& impl = *impl_;
  // The spellings every option answers to, in declaration order (the order
  // of an ambiguity message's possibilities), --help and --version last.
  std::vector<Spelling> table;
  for (CLI::Option* opt : impl.options) {
    const Arity a = ArityOf(*opt);
    for (const auto& s : opt->get_snames()) table.push_back({s, false, a, opt});
    for (const auto& l : opt->get_lnames()) table.push_back({l, true, a, opt});
  }
  table.push_back({"help", true, Arity::kHelp, nullptr});
  table.push_back({"version", true, Arity::kVersion, nullptr});

  auto usage_error = [&](const std::string& msg) -> int {
    return impl.usage_error ? impl.usage_error(msg) : UsageError(inv_, msg);
  };
  // Runs one occurrence now. A value: return it from Parse.
  auto run = [&](const Spelling& s, std::optional<std::string> value) -> std::optional<int> {
    if (s.arity == Arity::kHelp) return PrintHelp(inv_);
    if (s.arity == Arity::kVersion) return PrintVersion(inv_);
    try {
      s.option->clear();
      if (value) s.option->add_result(std::move(*value));
      s.option->run_callback();
    } catch (const CLI::Error& e) {
      return usage_error(e.what());
    }
    return stop_;
  };

  std::vector<std::string> args = given;
  impl.args = &args;
  struct Done {  // Parse's callbacks may not insert arguments afterwards
    Impl& impl;
    ~Done() { impl.args = nullptr; }
  } done{impl};
  stop_.reset();
  const bool stop_at_operand = stop_at_operand_ || inv_.posixly_correct();
  bool options_done = false;
  std::size_t& i = impl.next;
  for (i = 0; i < args.size();) {
    // A copy: callbacks may insert arguments, moving the vector's elements.
    const std::string arg = args[i++];
    if (!options_done && ends_options_ && ends_options_(arg)) options_done = true;
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
      const std::size_t eq = arg.find('=');
      const std::string_view name =
          std::string_view(arg).substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      std::vector<const Spelling*> hits;
      const Spelling* exact = nullptr;
      for (const auto& s : table) {
        if (!s.is_long || s.name.substr(0, name.size()) != name) continue;
        if (s.name == name) exact = &s;
        // Two names of one option are not an ambiguity (glibc compares what
        // the options do, not their names).
        if (std::none_of(hits.begin(), hits.end(), [&](const Spelling* h) {
              return h->option == s.option && h->arity == s.arity;
            }))
          hits.push_back(&s);
      }
      if (exact == nullptr && hits.size() > 1) {
        std::string msg = "option '" + arg + "' is ambiguous; possibilities:";
        for (const auto* h : hits) msg += " '--" + std::string(h->name) + "'";
        return usage_error(msg);
      }
      const Spelling* s = exact ? exact : (hits.empty() ? nullptr : hits.front());
      if (s == nullptr) return usage_error("unrecognized option '" + arg + "'");
      const std::string long_name = "--" + std::string(s->name);
      std::optional<std::string> value;
      if (eq != std::string::npos) {
        if (s->arity != Arity::kRequired && s->arity != Arity::kOptional)
          return usage_error("option '" + long_name + "' doesn't allow an argument");
        value = arg.substr(eq + 1);
      } else if (s->arity == Arity::kRequired) {
        if (i >= args.size()) return usage_error("option '" + long_name + "' requires an argument");
        value = args[i++];
      }
      if (auto rc = run(*s, std::move(value))) return rc;
      continue;
    }
    // A cluster of short options.
    for (std::size_t j = 1; j < arg.size(); ++j) {
      const Spelling* s = nullptr;
      for (const auto& t : table)
        if (!t.is_long && t.name.size() == 1 && t.name[0] == arg[j]) s = &t;
      if (s == nullptr) return usage_error(std::string("invalid option -- '") + arg[j] + "'");
      if (s->arity == Arity::kNone) {
        if (auto rc = run(*s, std::nullopt)) return rc;
        continue;
      }
      std::optional<std::string> value;
      if (j + 1 < arg.size()) {
        value = arg.substr(j + 1);
      } else if (s->arity == Arity::kRequired) {
        if (i >= args.size())
          return usage_error(std::string("option requires an argument -- '") + arg[j] + "'");
        value = args[i++];
      }
      if (auto rc = run(*s, std::move(value))) return rc;
      break;
    }
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
