/* @applet id
   @help
Usage: id [OPTION]... [USER]...
Print user and group information for each specified USER,
or (when USER omitted) for the current process.

  -a             ignore, for compatibility with other versions
  -Z, --context  print only the security context of the process
  -g, --group    print only the effective group ID
  -G, --groups   print all group IDs
  -n, --name     print a name instead of a number, for -ugG
  -r, --real     print the real ID instead of the effective ID, with -ugG
  -u, --user     print only the effective user ID
  -z, --zero     delimit entries with NUL characters, not whitespace;
                   not permitted in default format
      --help        display this help and exit
      --version     output version information and exit

Without any OPTION, print some useful set of identified information.
*/
#include <unistd.h>

#include <string>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/users.h"
#include "applets/system/ident.h"
#include "registry/applet.h"

namespace {

using mc::ident::Decimal;

struct Ids {
  uid_t ruid, euid;
  gid_t rgid, egid;
};

// A USER operand: a name, else a uid ([+]digits) with a passwd entry.
const mc::users::User* FindUser(std::string_view spec) {
  if (const mc::users::User* u = mc::users::UserByName(spec)) return u;
  std::string_view digits = spec;
  if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
  if (digits.empty() || digits.size() > 10) return nullptr;
  unsigned long long v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return nullptr;
    v = v * 10 + static_cast<unsigned>(c - '0');
  }
  return v < 0xffffffffULL ? mc::users::UserById(static_cast<uid_t>(v)) : nullptr;
}

// The default format: uid=N(name) gid=N(name) [euid=..] [egid=..] groups=...
bool PrintFullInfo(mc::Invocation& inv, const std::string* user, const Ids& id) {
  mc::Output& out = inv.out();
  out.Write("uid=");
  out.Write(Decimal(id.ruid));
  const mc::users::User* pw = mc::users::UserById(id.ruid);
  auto name = [&](std::string_view n) {
    out.Put('(');
    out.Write(n);
    out.Put(')');
  };
  if (pw) name(pw->name);
  out.Write(" gid=");
  out.Write(Decimal(id.rgid));
  if (const mc::users::Group* g = mc::users::GroupById(id.rgid)) name(g->name);
  if (id.euid != id.ruid) {
    out.Write(" euid=");
    out.Write(Decimal(id.euid));
    pw = mc::users::UserById(id.euid);
    if (pw) name(pw->name);
  }
  if (id.egid != id.rgid) {
    out.Write(" egid=");
    out.Write(Decimal(id.egid));
    if (const mc::users::Group* g = mc::users::GroupById(id.egid)) name(g->name);
  }
  // The effective group first (for a USER operand, their passwd group).
  std::vector<gid_t> groups = mc::ident::GroupsOf(user, id.egid);
  out.Write(" groups=");
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (i > 0) out.Put(',');
    out.Write(Decimal(groups[i]));
    if (const mc::users::Group* g = mc::users::GroupById(groups[i])) name(g->name);
  }
  return true;
}

}  // namespace

MC_APPLET(id) {
  bool ignored = false, context = false, just_group = false, just_groups = false, names = false,
       real = false, just_user = false, zero = false;
  mc::cli::Parser parser(inv);
  parser.Flag("-a", ignored);
  parser.Flag("-Z,--context", context);
  parser.Flag("-g,--group", just_group);
  parser.Flag("-G,--groups", just_groups);
  parser.Flag("-n,--name", names);
  parser.Flag("-r,--real", real);
  parser.Flag("-u,--user", just_user);
  parser.Flag("-z,--zero", zero);
  std::vector<std::string> specs;
  if (auto rc = parser.Parse(&specs)) return *rc;
  auto die = [&](std::string_view msg) {
    mc::Warn(inv, msg);
    return 1;
  };
  // No SELinux support: GNU says this for -Z on a kernel without it.
  if (context) return die("--context (-Z) works only on an SELinux-enabled kernel");
  if (int(just_user) + int(just_group) + int(just_groups) > 1)
    return die("cannot print \"only\" of more than one choice");
  const bool default_format = !just_user && !just_group && !just_groups;
  if (default_format && (real || names))
    return die("cannot print only names or real IDs in default format");
  if (default_format && zero) return die("option --zero not permitted in default format");

  const bool several = specs.size() > 1;
  bool ok = true;
  auto print = [&](const std::string* user, const Ids& id) {
    mc::Output& out = inv.out();
    if (just_user) {
      ok = mc::ident::PrintUser(inv, real ? id.ruid : id.euid, names) && ok;
    } else if (just_group) {
      ok = mc::ident::PrintGroup(inv, real ? id.rgid : id.egid, names) && ok;
    } else if (just_groups) {
      ok = mc::ident::PrintGroupList(inv, user, id.rgid, id.egid, names, zero ? '\0' : ' ') && ok;
    } else {
      ok = PrintFullInfo(inv, user, id) && ok;
    }
    if (zero && just_groups && several) {
      out.Put('\0');
      out.Put('\0');
    } else {
      out.Put(zero ? '\0' : '\n');
    }
  };
  if (specs.empty()) {
    print(nullptr, Ids{::getuid(), ::geteuid(), ::getgid(), ::getegid()});
    return ok ? 0 : 1;
  }
  for (const std::string& spec : specs) {
    const mc::users::User* u = spec.empty() ? nullptr : FindUser(spec);
    if (u == nullptr) {
      // GNU's message for an empty name carries a stale errno (ENOENT).
      mc::Warn(inv, mc::QuoteC(spec) + ": no such user" +
                        (spec.empty() ? ": No such file or directory" : ""));
      ok = false;
      continue;
    }
    const std::string name = u->name;
    print(&name, Ids{u->uid, u->uid, u->gid, u->gid});
  }
  return ok ? 0 : 1;
}
