// The base64/base32/base16/base2/z85 decoders: the first byte picks the
// encoding and -i, the rest is decoded. Decoding what was encoded must give
// the input back.
#include "tests/fuzz/fuzz.h"

MC_FUZZ(basenc) {
  if (size == 0) return 0;
  static constexpr const char* kEnc[] = {"--base64", "--base64url", "--base32", "--base32hex",
                                         "--base16", "--base2msbf", "--base2lsbf", "--z85"};
  unsigned pick = data[0];
  std::string_view in = mc::fuzz::View(data + 1, size - 1);
  std::vector<std::string> args = {kEnc[pick % 8], "-d"};
  if (pick & 8) args.push_back("-i");
  auto r = mc::fuzz::Run("basenc", args, in);
  if (r.status != 0 && r.status != 1) __builtin_trap();
  // Round trip: encode the input, decode it again.
  if ((pick % 8) != 7 || in.size() % 4 == 0) {
    auto enc = mc::fuzz::Run("basenc", {kEnc[pick % 8]}, in);
    if (enc.status != 0) __builtin_trap();
    auto dec = mc::fuzz::Run("basenc", {kEnc[pick % 8], "-d"}, enc.out);
    if (dec.status != 0 || dec.out != in) __builtin_trap();
  }
  if (pick & 16) {
    auto b64 = mc::fuzz::Run((pick & 32) ? "base32" : "base64", {"-d"}, in);
    if (b64.status != 0 && b64.status != 1) __builtin_trap();
  }
  return 0;
}
