// GNU's quoting of operands in messages, in the C locale, for the core
// applets. (diag.h's Quote/QuoteName differ from GNU for names holding a
// single quote or ESC; these follow GNU 9.1 exactly in those cases too.)
#pragma once

#include <string>
#include <string_view>

namespace mc::core {

// GNU quote(): 'text' with C escapes inside (\', \\, \n, \t, \ooo ...).
std::string QuoteC(std::string_view s);

// GNU quoteaf(): always quoted for a shell: 'text', "it's", or
// 'a'$'\n''b' for control and non-ASCII bytes.
std::string QuoteShellAlways(std::string_view s);

}  // namespace mc::core
