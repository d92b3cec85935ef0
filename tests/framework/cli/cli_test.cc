// GNU getopt_long conventions of applets/support/cli.h, through optdemo.
#include <catch2/catch.hpp>

#include "tests/harness/in_process.h"

using mc::testing::Run;

namespace {
std::string Out(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  auto r = Run("optdemo", args, "", env);
  return r.status == 0 ? r.out : "status " + std::to_string(r.status) + ": " + r.err;
}
}  // namespace

TEST_CASE("flags, clusters, counters") {
  CHECK(Out({}) == "all=0 v=0 sep=[<unset>]\n");
  CHECK(Out({"-a"}) == "all=1 v=0 sep=[<unset>]\n");
  CHECK(Out({"-avv", "--verbose"}) == "all=1 v=3 sep=[<unset>]\n");
}

TEST_CASE("values: attached, separate, long forms, empty, dash-leading") {
  CHECK(Out({"-s:"}) == "all=0 v=0 sep=[:]\n");
  CHECK(Out({"-s", ":"}) == "all=0 v=0 sep=[:]\n");
  CHECK(Out({"--separator=:"}) == "all=0 v=0 sep=[:]\n");
  CHECK(Out({"--separator", ":"}) == "all=0 v=0 sep=[:]\n");
  CHECK(Out({"-s", ""}) == "all=0 v=0 sep=[]\n");
  CHECK(Out({"--separator="}) == "all=0 v=0 sep=[]\n");
  CHECK(Out({"-s", "-a"}) == "all=0 v=0 sep=[-a]\n");
  CHECK(Out({"-as", "x", "-s", "y"}) == "all=1 v=0 sep=[y]\n");
  CHECK(Out({"-k", "1", "-k2", "--key=", "--key", "-3"}) == "all=0 v=0 sep=[<unset>] k=[1] k=[2] k=[] k=[-3]\n");
}

TEST_CASE("order-dependent callbacks and optional values") {
  CHECK(Out({"-x", "-y", "1", "-x", "--yank="}) == "all=0 v=0 sep=[<unset>] x y=1 x y=\n");
  CHECK(Out({"--color", "--color=never", "--col=al"}) == "all=0 v=0 sep=[<unset>] color color=never color=al\n");
  CHECK(Out({"--color", "op"}) == "all=0 v=0 sep=[<unset>] color op=[op]\n");
}

TEST_CASE("operands: permutation, --, -, POSIXLY_CORRECT, stop at operand") {
  CHECK(Out({"a", "-a", "b"}) == "all=1 v=0 sep=[<unset>] op=[a] op=[b]\n");
  CHECK(Out({"-", "--", "-a", "--"}) == "all=0 v=0 sep=[<unset>] op=[-] op=[-a] op=[--]\n");
  CHECK(Out({"a", "-a"}, {"POSIXLY_CORRECT=1"}) == "all=0 v=0 sep=[<unset>] op=[a] op=[-a]\n");
  CHECK(Out({"-a", "a", "-v"}, {"OPTDEMO_STOP=1"}) == "all=1 v=0 sep=[<unset>] op=[a] op=[-v]\n");
}

TEST_CASE("abbreviations and ambiguity") {
  CHECK(Out({"--sep=,"}) == "all=0 v=0 sep=[,]\n");
  CHECK(Out({"--verb"}) == "all=0 v=1 sep=[<unset>]\n");
  CHECK(Out({"--al"}) ==
        "status 1: optdemo: option '--al' is ambiguous; possibilities: '--all' '--allow-empty'\n"
        "Try 'optdemo --help' for more information.\n");
  CHECK(Out({"--all"}) == "all=1 v=0 sep=[<unset>]\n");  // exact match wins over a longer name
  CHECK(Out({"--he"}).rfind("Usage: optdemo", 0) == 0);
}

TEST_CASE("GNU error messages") {
  CHECK(Out({"-q"}) == "status 1: optdemo: invalid option -- 'q'\nTry 'optdemo --help' for more information.\n");
  CHECK(Out({"--bogus=1"}) ==
        "status 1: optdemo: unrecognized option '--bogus=1'\nTry 'optdemo --help' for more information.\n");
  CHECK(Out({"-s"}) ==
        "status 1: optdemo: option requires an argument -- 's'\nTry 'optdemo --help' for more information.\n");
  CHECK(Out({"--separator"}) ==
        "status 1: optdemo: option '--separator' requires an argument\nTry 'optdemo --help' for more information.\n");
  CHECK(Out({"--all=1"}) ==
        "status 1: optdemo: option '--all' doesn't allow an argument\nTry 'optdemo --help' for more information.\n");
  CHECK(Out({"--version"}) == "optdemo (multicall) 0.1.0\n");
  // --help and --version act where they stand; what follows is not read.
  CHECK(Out({"--version", "--bogus"}) == "optdemo (multicall) 0.1.0\n");
  CHECK(Out({"--bogus", "--version"}).rfind("status 1: optdemo: unrecognized option '--bogus'", 0) == 0);
}

TEST_CASE("options act in command-line order") {
  CHECK(Out({"-x", "-a", "-x"}) == "all=1 v=0 sep=[<unset>] x x+a\n");
  CHECK(Out({"-c", "-x", "-cnever", "--color", "-y", "2"}) ==
        "all=0 v=0 sep=[<unset>] color x color=never color y=2\n");
  // An invalid option before --help is reported; one after it is not read.
  CHECK(Out({"-q", "--help"}).rfind("status 1: optdemo: invalid option -- 'q'", 0) == 0);
  CHECK(Out({"--help", "-q"}).rfind("Usage: optdemo", 0) == 0);
}

TEST_CASE("empty values through every form") {
  CHECK(Out({"-s", "", "-y", "", "-k", ""}) == "all=0 v=0 sep=[] k=[] y=\n");
  CHECK(Out({"--separator=", "--yank=", "--key="}) == "all=0 v=0 sep=[] k=[] y=\n");
  CHECK(Out({"--color="}) == "all=0 v=0 sep=[<unset>] color=\n");
  CHECK(Out({"", "-a"}) == "all=1 v=0 sep=[<unset>] op=[]\n");
  // CLI11's own list syntax is not applied to values.
  CHECK(Out({"-k", "[a,b]"}) == "all=0 v=0 sep=[<unset>] k=[[a,b]]\n");
}

TEST_CASE("a callback stops parsing or inserts arguments") {
  CHECK(Out({"-a", "-e", "", "-q"}) == "");
  auto r = Run("optdemo", {"-e1", "--bogus"});
  CHECK(r.status == 1);
  CHECK(r.err == "");
  CHECK(Out({"-S", "-a -s x", "op"}) == "all=1 v=0 sep=[x] op=[op]\n");
  CHECK(Out({"--split=-S -v -v"}) == "all=0 v=2 sep=[<unset>]\n");
  CHECK(Out({"-S", "op1 -a", "op2"}) == "all=1 v=0 sep=[<unset>] op=[op1] op=[op2]\n");
  CHECK(Out({"-S", "op1 -a", "op2"}, {"OPTDEMO_STOP=1"}) ==
        "all=0 v=0 sep=[<unset>] op=[op1] op=[-a] op=[op2]\n");
  CHECK(Out({"-S", "-q"}).rfind("status 1: optdemo: invalid option -- 'q'", 0) == 0);
}

TEST_CASE("an argument the applet names ends the options") {
  CHECK(Out({"-a", "-1", "-v"}, {"OPTDEMO_NUMBERS=1"}) == "all=1 v=0 sep=[<unset>] op=[-1] op=[-v]\n");
  CHECK(Out({"-s", "-1", "-v"}, {"OPTDEMO_NUMBERS=1"}) == "all=0 v=1 sep=[-1]\n");
  CHECK(Out({"-1"}).rfind("status 1: optdemo: invalid option -- '1'", 0) == 0);
}

TEST_CASE("usage errors through the applet's handler") {
  CHECK(Out({"-q"}, {"OPTDEMO_TRY=1"}) == "status 3: ");
  auto r = Run("optdemo", {"--al"}, "", {"OPTDEMO_TRY=1"});
  CHECK(r.status == 3);
  CHECK(r.out == "usage error: option '--al' is ambiguous; possibilities: '--all' '--allow-empty'\n");
  CHECK(r.err == "");
}
