// /etc/hosts read by us: the host name's lines, without the resolver
// (getaddrinfo and gethostbyname go through NSS, which a static binary
// must not load). Used by hostname -f/-d/-a/-i and by hostid.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mc::hosts {

struct Entry {
  std::string address;             // as written: 127.0.0.1, ::1
  std::vector<std::string> names;  // canonical name first, then aliases
};

// Every /etc/hosts line listing `name` (compared without case), in file
// order. Empty when the file is missing or has none.
std::vector<Entry> Lookup(std::string_view name);

}  // namespace mc::hosts
