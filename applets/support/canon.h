// File-name canonicalisation for readlink -f/-e/-m, realpath, ln -r and
// cp/mv's "into itself" checks: one implementation, gnulib's rules.
//
//   - The result is absolute, without ".", "..", repeated slashes or
//     symbolic links (unless resolve_symlinks is false: then "." and ".."
//     are dealt with lexically, links kept, as realpath -s does).
//   - Mode: kExisting, every component must exist (readlink -e,
//     realpath -e); kAllButLast, all but the last (readlink -f, realpath's
//     default); kMissing, none need exist (readlink -m, realpath -m).
//   - More than 40 links in one name: ELOOP. A non-directory followed by
//     more components: ENOTDIR (except in kMissing).
#pragma once

#include <string>
#include <string_view>

namespace mc::canon {

enum class Mode { kExisting, kAllButLast, kMissing };

// 0 and *out set, or the errno that stopped it.
int Canonicalize(std::string_view name, Mode mode, bool resolve_symlinks, std::string* out);

// realpath -L: ".." removed lexically first, links resolved afterwards.
int CanonicalizeLogical(std::string_view name, Mode mode, std::string* out);

// The relative name of canonical `path` seen from canonical directory
// `base` ("../x", "." for the same name).
std::string Relative(std::string_view path, std::string_view base);

// Whether canonical `prefix` is `path` or one of its ancestors.
bool IsPrefix(std::string_view prefix, std::string_view path);

}  // namespace mc::canon
