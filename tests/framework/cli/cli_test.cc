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
