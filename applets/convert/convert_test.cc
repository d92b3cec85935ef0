// In-process tests of the convert area: factor's arithmetic on numbers
// whose factors are known, numfmt's rounding, dos2unix/unix2dos filters.
#include <catch2/catch.hpp>
#include <string>

#include "tests/harness/in_process.h"

using mc::testing::Run;

TEST_CASE("factor: products of known primes up to 128 bits") {
  // 2^127-1 is prime; (2^61-1)(2^67-... ) style products exercise both
  // the one-word and the two-word Montgomery paths.
  CHECK(Run("factor", {"170141183460469231731687303715884105727"}).out ==
        "170141183460469231731687303715884105727: 170141183460469231731687303715884105727\n");
  // (2^61-1) * (2^31-1)
  CHECK(Run("factor", {"4951760154835678088235319297"}).out ==
        "4951760154835678088235319297: 2147483647 2305843009213693951\n");
  // (2^61-1)^2: a square of a 61-bit prime, above 2^64.
  CHECK(Run("factor", {"5316911983139663487003542222693990401"}).out ==
        "5316911983139663487003542222693990401: 2305843009213693951 2305843009213693951\n");
  CHECK(Run("factor", {"-h", "5316911983139663487003542222693990401"}).out ==
        "5316911983139663487003542222693990401: 2305843009213693951^2\n");
  // Strong pseudoprime to bases 2..37? No: 3825123056546413051 is one to
  // bases 2..23; the 12-base test must still call it composite.
  CHECK(Run("factor", {"3825123056546413051"}).out == "3825123056546413051: 149491 747451 34233211\n");
}

TEST_CASE("factor: every integer below 3000 multiplies back") {
  std::string args_out;
  std::vector<std::string> args;
  for (int i = 2; i < 3000; i++) args.push_back(std::to_string(i));
  auto r = Run("factor", args);
  REQUIRE(r.status == 0);
  std::size_t pos = 0;
  for (int i = 2; i < 3000; i++) {
    std::size_t nl = r.out.find('\n', pos);
    std::string line = r.out.substr(pos, nl - pos);
    pos = nl + 1;
    std::size_t colon = line.find(':');
    REQUIRE(std::stol(line.substr(0, colon)) == i);
    long product = 1;
    std::size_t p = colon + 1;
    while (p < line.size()) {
      std::size_t next = line.find(' ', p + 1);
      product *= std::stol(line.substr(p + 1, next == std::string::npos ? std::string::npos : next - p - 1));
      p = next == std::string::npos ? line.size() : next;
    }
    CHECK(product == i);
  }
}

TEST_CASE("numfmt: scaling and rounding") {
  CHECK(Run("numfmt", {"--to=si", "1500", "999", "1001"}).out == "1.5K\n999\n1.1K\n");
  CHECK(Run("numfmt", {"--to=iec", "--round=nearest", "1536"}).out == "1.5K\n");
  CHECK(Run("numfmt", {"--from=auto", "2Mi"}).out == "2097152\n");
  auto r = Run("numfmt", {"x"});
  CHECK(r.status == 2);
  CHECK(r.err == "numfmt: invalid number: 'x'\n");
}

TEST_CASE("dos2unix and unix2dos filter standard input") {
  CHECK(Run("dos2unix", {}, "a\r\nb\r\r\n").out == "a\nb\r\n");
  CHECK(Run("unix2dos", {}, "a\nb\r\n").out == "a\r\nb\r\n");
}
