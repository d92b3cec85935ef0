// multicall --man APPLET: the applet's help text as a man page (roff, the
// man(7) macros), so installs can ship share/man/man1/APPLET.1.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mc {

std::string ManPage(std::uint16_t applet, std::string_view name, std::string_view version);

}  // namespace mc
