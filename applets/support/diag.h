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

// Ends the applet at once with STATUS, its message (if any) already
// printed: GNU's error(STATUS, ...) without leaving the process.
// registry::InvokeApplet catches it and returns STATUS, so an applet only
// catches it where it has to clean up first.
struct Exit {
  int status;
};
// Warn(MSG) or WarnErrno(WHAT, ERR), then Exit with the applet's failure
// status (or STATUS).
[[noreturn]] void Die(const Invocation& inv, std::string_view msg);
[[noreturn]] void Die(const Invocation& inv, std::string_view msg, int status);
[[noreturn]] void DieErrno(const Invocation& inv, std::string_view what, int err);

// GNU's quotef(): the name as is when it needs no quoting, else quoted as
// Quote() does. Used for file names at the start of messages ("cat: a b:").
std::string QuoteName(std::string_view name);
// GNU's quoteaf(): always quoted for a shell: 'x', "it's", 'a'$'\n''b'.
// Used for file names and operands inside messages.
std::string Quote(std::string_view s);
// GNU's quote(): 'x' with C escapes inside ('it\'s', 'a\nb'). GNU uses it
// for option arguments such as numbers in "invalid number" messages.
std::string QuoteC(std::string_view s);
// Appends the C escape of a byte: \n style where C has one, else three
// octal digits (\033).
void AppendEscape(std::string& out, unsigned char c);

// strerror() without locale lookups.
std::string_view ErrorText(int err);

}  // namespace mc
