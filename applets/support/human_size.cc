#include "applets/support/human_size.h"

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/numbers.h"

namespace mc::human {
namespace {

using u128 = unsigned __int128;

constexpr char kPowerLetter[] = {0, 'K', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'};
constexpr int kExponentMax = 8;

void AppendDecimal(std::string& s, u128 v) {
  char buf[48];
  int n = 0;
  do buf[n++] = static_cast<char>('0' + static_cast<int>(v % 10));
  while (v /= 10);
  while (n) s += buf[--n];
}

}  // namespace

std::string Format(std::uintmax_t count, unsigned opts, std::uintmax_t from, std::uintmax_t to) {
  if (to == 0) to = 1;
  const unsigned base = (opts & kBase1024) ? 1024 : 1000;
  // amt + (tenths + rounding/4)/10 approximates count*from/to; rounding:
  // 0 exact, 1 below a half of a tenth, 2 a half, 3 above.
  const u128 total = static_cast<u128>(count) * from;
  u128 amt = total / to;
  u128 rem = total % to;
  unsigned tenths = static_cast<unsigned>(rem * 10 / to);
  u128 r2 = (rem * 10 % to) * 2;
  unsigned rounding = r2 < to ? (r2 != 0 ? 1 : 0) : (r2 == to ? 2 : 3);
  int exponent = -1;
  std::string frac;
  if (opts & kAutoscale) {
    exponent = 0;
    if (amt >= base) {
      do {
        unsigned r10 = static_cast<unsigned>(amt % base) * 10 + tenths;
        unsigned r2b = (r10 % base) * 2 + (rounding >> 1);
        amt /= base;
        tenths = r10 / base;
        rounding = r2b < base ? (r2b + rounding != 0 ? 1 : 0) : 2 + (base < r2b + rounding ? 1 : 0);
        ++exponent;
      } while (amt >= base && exponent < kExponentMax);
      if (amt < 10) {
        if (rounding > 0) {
          ++tenths;
          rounding = 0;
          if (tenths == 10) {
            ++amt;
            tenths = 0;
          }
        }
        if (amt < 10 && (tenths || !(opts & kSuppressPointZero))) {
          frac = ".";
          frac += static_cast<char>('0' + tenths);
          tenths = rounding = 0;
        }
      }
    }
  }
  if (tenths + rounding > 0) {
    ++amt;
    if ((opts & kAutoscale) && amt == base && exponent < kExponentMax) {
      ++exponent;
      if (!(opts & kSuppressPointZero)) frac = ".0";
      amt = 1;
    }
  }
  std::string out;
  AppendDecimal(out, amt);
  out += frac;
  if (opts & kSI) {
    if (exponent < 0) {
      exponent = 0;
      for (u128 power = 1; power < to; power *= base)
        if (++exponent == kExponentMax) break;
    }
    if (exponent) out += (!(opts & kBase1024) && exponent == 1) ? 'k' : kPowerLetter[exponent];
    if (opts & kB) {
      if ((opts & kBase1024) && exponent) out += 'i';
      out += 'B';
    }
  }
  return out;
}

ParseResult ParseBlockSize(std::string_view spec, BlockSize& out) {
  unsigned opts = 0;
  if (!spec.empty() && spec[0] == '\'') {
    opts |= kGroupDigits;
    spec.remove_prefix(1);
  }
  // GNU's ARGMATCH: an unambiguous prefix of either word.
  auto prefix_of = [&](std::string_view word) {
    return !spec.empty() && spec.size() <= word.size() && word.substr(0, spec.size()) == spec;
  };
  bool hr = prefix_of("human-readable"), si = prefix_of("si");
  if (hr != si) {
    out.opts = opts | kAutoscale | kSI | (hr ? unsigned{kBase1024} : 0u);
    out.size = 1;
    return ParseResult::kOk;
  }
  std::uintmax_t v = 0;
  std::string_view rest;
  NumError e = ParseScaled(spec, 0, "eEgGkKmMpPtTyYzZ0", v, &rest);
  if (e == NumError::kInvalid) return ParseResult::kInvalid;
  if (e == NumError::kInvalidSuffix) return ParseResult::kInvalidSuffix;
  if (e == NumError::kOverflow) return ParseResult::kOverflow;
  // No digits before the suffix: print the unit.
  std::size_t i = 0;
  while (i < spec.size() && (spec[i] == ' ' || (spec[i] >= '\t' && spec[i] <= '\r') || spec[i] == '+')) ++i;
  if (i < spec.size() && !(spec[i] >= '0' && spec[i] <= '9')) {
    opts |= kSI;
    std::string_view suf = spec.substr(i);
    if (suf.back() == 'B') opts |= kB;
    if (suf.back() != 'B' || (suf.size() >= 2 && suf[suf.size() - 2] == 'i')) opts |= kBase1024;
  }
  if (v == 0) return ParseResult::kInvalid;
  out.opts = opts;
  out.size = v;
  return ParseResult::kOk;
}

BlockSize FromEnvironment(const Invocation& inv, std::optional<std::string_view> spec) {
  if (!spec) spec = inv.GetEnv("BLOCK_SIZE");
  if (!spec) spec = inv.GetEnv("BLOCKSIZE");
  BlockSize def;
  def.size = inv.posixly_correct() ? 512 : 1024;
  if (!spec) return def;
  BlockSize b;
  if (ParseBlockSize(*spec, b) != ParseResult::kOk) return def;
  return b;
}

std::string ErrorMessage(ParseResult r, std::string_view option, std::string_view arg) {
  std::string opt(option);
  switch (r) {
    case ParseResult::kInvalidSuffix:
      return "invalid suffix in " + opt + " argument " + QuoteC(arg);
    case ParseResult::kOverflow:
      return opt + " argument " + QuoteC(arg) + " too large";
    default:
      return "invalid " + opt + " argument " + QuoteC(arg);
  }
}

void AddSizeOptions(cli::Parser& p, const Invocation& inv, bool short_b, const char* si_names,
                    int bad_status, BlockSize* bs, bool* given) {
  // GNU names the option as typed: -B for the short form.
  cli::Parser* parser = &p;  // both outlive the parse
  const Invocation* in = &inv;
  auto block_size = [parser, in, bad_status, bs, given](const char* opt, const std::string& v) {
    BlockSize b;
    ParseResult r = ParseBlockSize(v, b);
    if (r != ParseResult::kOk) {
      Warn(*in, ErrorMessage(r, opt, v));
      parser->Stop(bad_status);
      return;
    }
    *bs = b;
    *given = true;
  };
  if (short_b) p.OnValue("-B", [block_size](const std::string& v) { block_size("-B", v); });
  p.OnValue("--block-size", [block_size](const std::string& v) { block_size("--block-size", v); });
  p.OnFlag("-h,--human-readable", [bs, given] {
    *bs = {kAutoscale | kSI | kBase1024, 1};
    *given = true;
  });
  p.OnFlag(si_names, [bs, given] {
    *bs = {kAutoscale | kSI, 1};
    *given = true;
  });
}

}  // namespace mc::human
