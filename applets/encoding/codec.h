// The shared engine of base64, base32 and basenc: RFC 4648 encodings
// (base64, base64url, base32, base32hex, base16), bit strings (base2 with
// either bit order) and Z85, streamed in large blocks with GNU's wrapping,
// decoding and error semantics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "applets/support/invocation.h"

namespace mc::encoding {

enum class Encoding {
  kNone,
  kBase64,
  kBase64Url,
  kBase32,
  kBase32Hex,
  kBase16,
  kBase2Msbf,
  kBase2Lsbf,
  kZ85,
};

// Runs base64 (fixed = kBase64), base32 (kBase32) or basenc (kNone: the
// encoding comes from the options).
int Main(Invocation& inv, Encoding fixed);

// Pure helpers, exposed for tests.
// Encodes a whole message (with padding), without wrapping. Z85 requires a
// length that is a multiple of 4 (returns false otherwise).
bool EncodeAll(Encoding e, std::string_view in, std::string& out);
// Decodes a whole message with GNU's rules (newlines ignored). Returns false
// on invalid input; `out` then holds what GNU would still have written.
bool DecodeAll(Encoding e, std::string_view in, std::string& out, bool ignore_garbage);

}  // namespace mc::encoding
