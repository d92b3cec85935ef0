// GNU's human_readable() and human_options(): the one size formatter of
// ls -s/-l, du and df (and later dd's status lines).
//
// Sizes are printed as COUNT * FROM bytes expressed in units of TO bytes,
// rounded up (GNU's default human_ceiling), or, with kAutoscale, in the
// largest power of 1024 (kBase1024) or 1000 that keeps the number below
// the base, with one decimal while it is below 10 ("1.5K", "10K", "1.0M").
// Suffixes K M G T P E Z Y ('k' for 1000 with --si); kB adds "B" ("kB",
// "KiB" with kBase1024).
//
// Block sizes (--block-size=SIZE and the environment): "human-readable",
// "si", or an integer with an optional suffix (K, KB, KiB, M, ...). A
// suffix without digits ("K", "MB") prints the suffix after each number.
// A leading "'" (thousands separators) is accepted; it changes nothing,
// because the binary always formats as in the C locale, which has no
// grouping.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "applets/support/invocation.h"

namespace mc::cli {
class Parser;
}

namespace mc::human {

enum Opts : unsigned {
  kAutoscale = 1,     // pick the unit from the value (-h, --si)
  kBase1024 = 2,      // powers of 1024, else 1000
  kSI = 4,            // print the unit letter
  kB = 8,             // append "B" ("iB" with kBase1024)
  kGroupDigits = 16,  // "'" given: a no-op in the C locale
  kSuppressPointZero = 32,  // "1K", not "1.0K" (df's header)
};

// The text of count*from bytes in units of `to` bytes.
std::string Format(std::uintmax_t count, unsigned opts, std::uintmax_t from, std::uintmax_t to);

struct BlockSize {
  unsigned opts = 0;
  std::uintmax_t size = 1024;
};

enum class ParseResult { kOk, kInvalid, kInvalidSuffix, kOverflow };

// Parses a --block-size value. On failure `out` is left unchanged.
ParseResult ParseBlockSize(std::string_view spec, BlockSize& out);

// GNU's human_options(spec): spec, else BLOCK_SIZE, else BLOCKSIZE, else
// 512 under POSIXLY_CORRECT or 1024. An invalid environment value falls
// back to that default silently.
BlockSize FromEnvironment(const Invocation& inv, std::optional<std::string_view> spec);

// "invalid --block-size argument 'X'" and friends (GNU's xstrtol_fatal);
// option is the name as the user wrote it ("--block-size", "-B").
std::string ErrorMessage(ParseResult r, std::string_view option, std::string_view arg);

// Declares the size options ls, du and df share: --block-size=SIZE (and -B
// SIZE when short_b), -h/--human-readable, and si_names ("--si", or
// "-H,--si" for df). Each sets *bs and *given; a bad SIZE is reported as
// GNU does and stops the parse with bad_status.
void AddSizeOptions(cli::Parser& p, const Invocation& inv, bool short_b, const char* si_names,
                    int bad_status, BlockSize* bs, bool* given);

}  // namespace mc::human
