// Diagnostics in the GNU shape, written straight to the invocation's stderr:
//   PROG: MESSAGE
//   PROG: FILE: strerror(errno)
//   PROG: MESSAGE + "Try 'PROG --help' for more information."
#pragma once

#include <string>
#include <string_view>

#include "applets/support/invocation.h"

namespace mc {

// "PROG: MSG\n" on stderr.
void Warn(const Invocation& inv, std::string_view msg);
// "PROG: WHAT: strerror(err)\n" on stderr. WHAT is usually a quoted file name.
void WarnErrno(const Invocation& inv, std::string_view what, int err);
// Prints "PROG: MSG" (if MSG is not empty) and the "Try ... --help" line,
// and returns the applet's failure status.
int UsageError(const Invocation& inv, std::string_view msg);

// GNU's quotef(): the name as is when it needs no quoting, else shell-quoted
// ('a b', 'it'\''s', 'a'$'\n''b'). Used for file names in messages.
std::string QuoteName(std::string_view name);
// GNU's quote(): always in single quotes ('x'), escaping as quotef does.
std::string Quote(std::string_view s);

// strerror() without locale lookups.
std::string_view ErrorText(int err);

}  // namespace mc
