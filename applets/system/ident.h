// What id, groups and whoami share: ids printed as names or numbers, and a
// user's or the process's group list (GNU's print_group_list), all from
// applets/support/users (never libc NSS).
#pragma once

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "applets/support/invocation.h"

namespace mc::ident {

std::string Decimal(unsigned long long v);

// The user's or group's name (names) or number. An unknown name prints the
// number after "PROG: cannot find name for user/group ID N"; false then.
bool PrintUser(Invocation& inv, uid_t uid, bool names);
bool PrintGroup(Invocation& inv, gid_t gid, bool names);

// The groups of `user` (getgrouplist from /etc/group, `gid` first), or of
// this process when user is null (egid, then getgroups() without repeats).
std::vector<gid_t> GroupsOf(const std::string* user, gid_t gid);

// rgid, egid if different, then the other groups of `user` (or of this
// process), separated by delim. False if a name was missing.
bool PrintGroupList(Invocation& inv, const std::string* user, gid_t rgid, gid_t egid, bool names,
                    char delim);

}  // namespace mc::ident
