// GNU's filevercmp(): version ordering of file names (ls -v).
#pragma once

#include <string_view>

namespace mc {

// <0, 0, >0 as a sorts before, with, after b.
int FileVersionCompare(std::string_view a, std::string_view b);

}  // namespace mc
