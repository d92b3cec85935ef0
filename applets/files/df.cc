/* @applet df
   @install bin
   @help
Usage: df [OPTION]... [FILE]...
Show information about the file system on which each FILE resides,
or all file systems by default.

Mandatory arguments to long options are mandatory for short options too.
  -a, --all             include pseudo, duplicate, inaccessible file systems
  -B, --block-size=SIZE  scale sizes by SIZE before printing them; e.g.,
                           '-BM' prints sizes in units of 1,048,576 bytes;
                           see SIZE format below
  -h, --human-readable  print sizes in powers of 1024 (e.g., 1023M)
  -H, --si              print sizes in powers of 1000 (e.g., 1.1G)
  -i, --inodes          list inode information instead of block usage
  -k                    like --block-size=1K
  -l, --local           limit listing to local file systems
      --no-sync         do not invoke sync before getting usage info (default)
      --output[=FIELD_LIST]  use the output format defined by FIELD_LIST,
                               or print all fields if FIELD_LIST is omitted.
  -P, --portability     use the POSIX output format
      --sync            invoke sync before getting usage info
      --total           elide all entries insignificant to available space,
                          and produce a grand total
  -t, --type=TYPE       limit listing to file systems of type TYPE
  -T, --print-type      print file system type
  -x, --exclude-type=TYPE   limit listing to file systems not of type TYPE
  -v                    (ignored)
      --help        display this help and exit
      --version     output version information and exit

Display values are in units of the first available SIZE from --block-size,
and the DF_BLOCK_SIZE, BLOCK_SIZE and BLOCKSIZE environment variables.
Otherwise, units default to 1024 bytes (or 512 if POSIXLY_CORRECT is set).

The SIZE argument is an integer and optional unit (example: 10K is 10*1024).
Units are K,M,G,T,P,E,Z,Y (powers of 1024) or KB,MB,... (powers of 1000).
Binary prefixes can be used, too: KiB=K, MiB=M, and so on.

FIELD_LIST is a comma-separated list of columns to be included.  Valid
field names are: 'source', 'fstype', 'itotal', 'iused', 'iavail', 'ipcent',
'size', 'used', 'avail', 'pcent', 'file' and 'target' (see info page).
*/
// df: GNU coreutils 9.1's report of file system usage. The mount list is
// read from /proc/self/mounts when df runs. Without -a, GNU's filters
// apply: dummy file system types, file systems with no blocks, and
// duplicates of one device (the entry with a '/' in its source, or the
// shorter mount point, or one mounted over the same directory, wins).
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/human_size.h"
#include "registry/applet.h"

namespace {

enum Field { kSource, kFstype, kItotal, kIused, kIavail, kIpcent, kSize, kUsed, kAvail, kPcent, kFile, kTarget, kNumFields };

constexpr const char* kFieldNames[] = {"source", "fstype", "itotal", "iused", "iavail", "ipcent",
                                       "size",   "used",   "avail",  "pcent", "file",   "target"};
constexpr const char* kCaptions[] = {"Filesystem", "Type", "Inodes", "IUsed", "IFree", "IUse%",
                                     "Size",       "Used", "Avail",  "Use%",  "File",  "Mounted on"};
constexpr std::size_t kMinWidth[] = {14, 4, 5, 5, 5, 4, 5, 5, 5, 4, 4, 0};
constexpr bool kLeft[] = {true, true, false, false, false, false, false, false, false, false, true, true};

enum class Mode { kDefault, kHuman, kInodes, kPosix, kOutput };

struct Mount {
  std::string source, target, type;
  bool dummy = false, remote = false;
  dev_t dev = static_cast<dev_t>(-1);
};

std::string Unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() + 0 && s[i + 1] >= '0' && s[i + 1] <= '3' && s[i + 2] >= '0' &&
        s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
      out += static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool DummyType(std::string_view t) {
  for (const char* d : {"autofs", "proc", "subfs", "debugfs", "devpts", "fusectl", "fuse.portal", "mqueue",
                        "rpc_pipefs", "sysfs", "devfs", "kernfs", "ignore", "none"})
    if (t == d) return true;
  return false;
}

bool Remote(const Mount& m) {
  const std::string& s = m.source;
  return s.find(':') != std::string::npos ||
         (s.size() >= 2 && s[0] == '/' && s[1] == '/' &&
          (m.type == "smbfs" || m.type == "smb3" || m.type == "cifs")) ||
         s == "-hosts";
}

std::vector<Mount> ReadMounts(bool& ok) {
  std::vector<Mount> list;
  int fd = ::open("/proc/self/mounts", O_RDONLY | O_CLOEXEC);
  ok = fd >= 0;
  if (!ok) return list;
  std::string data;
  char buf[8192];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) data.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string_view line(data.data() + pos, nl - pos);
    pos = nl + 1;
    std::string_view f[3];
    std::size_t i = 0;
    for (int k = 0; k < 3; ++k) {
      while (i < line.size() && line[i] == ' ') ++i;
      std::size_t e = line.find(' ', i);
      if (e == std::string_view::npos) e = line.size();
      f[k] = line.substr(i, e - i);
      i = e;
    }
    if (f[2].empty()) continue;
    Mount m;
    m.source = Unescape(f[0]);
    m.target = Unescape(f[1]);
    m.type = Unescape(f[2]);
    m.dummy = DummyType(m.type);
    m.remote = Remote(m);
    list.push_back(std::move(m));
  }
  return list;
}

struct Options {
  Mode mode = Mode::kDefault;
  mc::human::BlockSize bs;
  bool all = false, local = false, total = false, print_type = false, posix = false;
  std::vector<std::string> only_types, exclude_types;
  std::vector<Field> fields;
};

struct Totals {
  std::uintmax_t size = 0, used = 0, avail = 0, itotal = 0, iused = 0, iavail = 0;
};

std::string Percent(std::uintmax_t used, std::uintmax_t avail) {
  std::uintmax_t total = used + avail;
  if (total == 0 || total < used) return "-";
  unsigned __int128 u100 = static_cast<unsigned __int128>(used) * 100;
  std::uintmax_t pct = static_cast<std::uintmax_t>(u100 / total + (u100 % total != 0));
  return std::to_string(pct) + "%";
}

class Table {
 public:
  explicit Table(const Options& o) : o_(o) {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print(mc::Output& out) const {
    std::vector<std::size_t> w(o_.fields.size());
    for (std::size_t c = 0; c < o_.fields.size(); ++c) {
      w[c] = kMinWidth[o_.fields[c]];
      for (const auto& r : rows_) w[c] = std::max(w[c], r[c].size());
    }
    for (const auto& r : rows_) {
      std::string line;
      for (std::size_t c = 0; c < r.size(); ++c) {
        if (c) line += ' ';
        std::size_t pad = w[c] > r[c].size() ? w[c] - r[c].size() : 0;
        if (c + 1 == r.size() && kLeft[o_.fields[c]]) {
          line += r[c];  // no trailing blanks
        } else if (kLeft[o_.fields[c]]) {
          line += r[c];
          line.append(pad, ' ');
        } else {
          line.append(pad, ' ');
          line += r[c];
        }
      }
      line += '\n';
      out.Write(line);
    }
  }

 private:
  const Options& o_;
  std::vector<std::vector<std::string>> rows_;
};

std::string Header(const Options& o, Field f) {
  if (f == kSize) {
    if (o.mode == Mode::kHuman || (o.mode == Mode::kOutput && (o.bs.opts & mc::human::kAutoscale)))
      return "Size";
    if (o.mode == Mode::kPosix) return std::to_string(o.bs.size) + "-blocks";
    unsigned opts = mc::human::kSuppressPointZero | mc::human::kAutoscale | mc::human::kSI |
                    (o.bs.opts & (mc::human::kBase1024 | mc::human::kB));
    std::uintmax_t q1000 = o.bs.size, q1024 = o.bs.size;
    bool d1000, d1024;
    do {
      d1000 = q1000 % 1000 == 0;
      q1000 /= 1000;
      d1024 = q1024 % 1024 == 0;
      q1024 /= 1024;
    } while (d1000 && d1024);
    if (d1000 < d1024) opts |= mc::human::kBase1024;
    if (d1024 < d1000) opts &= ~unsigned{mc::human::kBase1024};
    if (!(opts & mc::human::kBase1024)) opts |= mc::human::kB;
    return mc::human::Format(o.bs.size, opts, 1, 1) + "-blocks";
  }
  if (f == kAvail && (o.mode == Mode::kDefault || o.mode == Mode::kPosix)) return "Available";
  if (f == kPcent && o.mode == Mode::kPosix) return "Capacity";
  return kCaptions[f];
}

}  // namespace

MC_APPLET(df) {
  mc::cli::Parser p(inv);
  Options o;
  bool block_given = false, inodes = false, sync_first = false;
  std::optional<std::string> output;
  std::string conflict;
  p.Flag("-a,--all", o.all);
  mc::human::AddSizeOptions(p, inv, true, "-H,--si", 1, &o.bs, &block_given);
  p.OnFlag("-i,--inodes", [&] {
    inodes = true;
    if (conflict.empty()) conflict = "-i";
  });
  p.OnFlag("-k", [&] {
    o.bs = {0, 1024};
    block_given = true;
  });
  p.Flag("-l,--local", o.local);
  p.OnFlag("--no-sync", [&] { sync_first = false; });
  p.OptionalValue("--output", [&](std::optional<std::string_view> v) {
    output = v ? std::string(*v) : std::string("source,fstype,itotal,iused,iavail,ipcent,size,used,avail,pcent,file,target");
    if (!v) {
      // --output alone: every field, each once, even if given before.
      o.fields.clear();
    }
    std::string_view s = *output;
    while (!s.empty() || (v && v->empty())) {
      std::size_t comma = s.find(',');
      std::string_view name = s.substr(0, comma);
      int f = -1;
      for (int k = 0; k < kNumFields; ++k)
        if (name == kFieldNames[k]) f = k;
      if (f < 0) {
        mc::Warn(inv, "option --output: field " + mc::Quote(name) + " unknown");
        p.Stop(mc::UsageError(inv, ""));
        return;
      }
      for (Field g : o.fields)
        if (g == f) {
          mc::Warn(inv, "option --output: field " + mc::Quote(name) + " used more than once");
          p.Stop(mc::UsageError(inv, ""));
          return;
        }
      o.fields.push_back(static_cast<Field>(f));
      if (comma == std::string_view::npos) break;
      s.remove_prefix(comma + 1);
    }
  });
  p.OnFlag("-P,--portability", [&] {
    o.posix = true;
    if (conflict.empty()) conflict = "-P";
  });
  p.Flag("--sync", sync_first);
  p.Flag("--total", o.total);
  p.Value("-t,--type", o.only_types);
  p.OnFlag("-T,--print-type", [&] {
    o.print_type = true;
    if (conflict.empty()) conflict = "-T";
  });
  p.Value("-x,--exclude-type", o.exclude_types);
  p.OnFlag("-v", [] {});
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;

  if (output && !conflict.empty()) {
    mc::Warn(inv, "options " + conflict + " and --output are mutually exclusive");
    return mc::UsageError(inv, "");
  }
  for (const std::string& t : o.only_types)
    for (const std::string& x : o.exclude_types)
      if (t == x) {
        mc::Warn(inv, "file system type " + mc::Quote(t) + " both selected and excluded");
        return 1;
      }
  if (!block_given) {
    o.bs = mc::human::FromEnvironment(inv, inv.GetEnv("DF_BLOCK_SIZE"));
  }
  if (output) {
    o.mode = Mode::kOutput;
  } else {
    if (o.bs.opts & mc::human::kAutoscale) o.mode = Mode::kHuman;
    else if (inodes) o.mode = Mode::kInodes;
    else if (o.posix) o.mode = Mode::kPosix;
    if (inodes) o.mode = Mode::kInodes;
    if (o.posix && !block_given && !inv.GetEnv("DF_BLOCK_SIZE") && !inv.GetEnv("BLOCK_SIZE") &&
        !inv.GetEnv("BLOCKSIZE"))
      o.bs = {0, inv.posixly_correct() ? 512u : 1024u};
    o.fields = {kSource};
    if (o.print_type) o.fields.push_back(kFstype);
    if (inodes) o.fields.insert(o.fields.end(), {kItotal, kIused, kIavail, kIpcent});
    else o.fields.insert(o.fields.end(), {kSize, kUsed, kAvail, kPcent});
    o.fields.push_back(kTarget);
  }
  if (sync_first) ::sync();

  bool mounts_ok = true;
  std::vector<Mount> mounts = ReadMounts(mounts_ok);
  int status = 0;
  if (!mounts_ok && files.empty()) {
    mc::Die(inv, "cannot read table of mounted file systems: " + std::string(mc::ErrorText(errno)));
  }
  auto type_selected = [&](const std::string& t) {
    if (!o.only_types.empty()) {
      bool found = false;
      for (const auto& s : o.only_types) found |= s == t;
      if (!found) return false;
    }
    for (const auto& x : o.exclude_types)
      if (x == t) return false;
    return true;
  };

  Table table(o);
  {
    std::vector<std::string> h;
    for (Field f : o.fields) h.push_back(Header(o, f));
    table.AddRow(std::move(h));
  }
  Totals tot;
  bool any = false;
  auto num = [&](std::uintmax_t v, std::uintmax_t unit) {
    return mc::human::Format(v, o.bs.opts, unit, o.bs.size);
  };
  auto inum = [&](std::uintmax_t v) {
    return (o.bs.opts & mc::human::kAutoscale) ? mc::human::Format(v, o.bs.opts, 1, 1) : std::to_string(v);
  };
  // One row; false when the file system is skipped (no blocks, without -a).
  auto row = [&](const Mount& m, const std::string& file, bool listed) {
    struct statvfs sv;
    if (::statvfs(m.target.c_str(), &sv) != 0) {
      int err = errno;
      if (listed || !(err == EACCES || err == ENOENT || err == ENOTDIR)) {
        mc::Warn(inv, mc::QuoteName(m.target) + ": " + std::string(mc::ErrorText(err)));
        status = 1;
      }
      return;
    }
    if (sv.f_blocks == 0 && !o.all && !listed) return;
    std::uintmax_t unit = sv.f_frsize ? sv.f_frsize : sv.f_bsize;
    std::uintmax_t size = sv.f_blocks, avail = sv.f_bavail;
    std::uintmax_t used = sv.f_blocks >= sv.f_bfree ? sv.f_blocks - sv.f_bfree : 0;
    std::uintmax_t itotal = sv.f_files, iavail = sv.f_ffree;
    std::uintmax_t iused = sv.f_files >= sv.f_ffree ? sv.f_files - sv.f_ffree : 0;
    tot.size += size * unit;
    tot.used += used * unit;
    tot.avail += avail * unit;
    tot.itotal += itotal;
    tot.iused += iused;
    tot.iavail += iavail;
    std::vector<std::string> r;
    for (Field f : o.fields) {
      switch (f) {
        case kSource: r.push_back(m.source); break;
        case kFstype: r.push_back(m.type); break;
        case kItotal: r.push_back(inum(itotal)); break;
        case kIused: r.push_back(inum(iused)); break;
        case kIavail: r.push_back(inum(iavail)); break;
        case kIpcent: r.push_back(Percent(iused, iavail)); break;
        case kSize: r.push_back(num(size, unit)); break;
        case kUsed: r.push_back(num(used, unit)); break;
        case kAvail: r.push_back(num(avail, unit)); break;
        case kPcent: r.push_back(Percent(used, avail)); break;
        case kFile: r.push_back(file.empty() ? "-" : file); break;
        case kTarget: r.push_back(m.target); break;
        default: break;
      }
    }
    table.AddRow(std::move(r));
    any = true;
  };

  if (files.empty()) {
    std::vector<const Mount*> keep;
    for (Mount& m : mounts) {
      if ((m.remote && o.local) || (m.dummy && !o.all) || !type_selected(m.type)) continue;
      struct stat st;
      if (::stat(m.target.c_str(), &st) == 0) m.dev = st.st_dev;
      if (o.all) {
        keep.push_back(&m);
        continue;
      }
      const Mount** seen = nullptr;
      for (const Mount*& k : keep)
        if (k->dev == m.dev && m.dev != static_cast<dev_t>(-1)) seen = &k;
      if (!seen) {
        keep.push_back(&m);
        continue;
      }
      const Mount* old = *seen;
      if (m.remote && old->remote && old->source != m.source) {
        keep.push_back(&m);
      } else if ((m.source.find('/') != std::string::npos && old->source.find('/') == std::string::npos) ||
                 old->target.size() > m.target.size() ||
                 (old->source != m.source && old->target == m.target)) {
        *seen = &m;
      }
    }
    for (const Mount* m : keep) row(*m, "", false);
  } else {
    for (const std::string& f : files) {
      struct stat st;
      if (::stat(f.c_str(), &st) != 0) {
        mc::Warn(inv, mc::QuoteName(f) + ": " + std::string(mc::ErrorText(errno)));
        status = 1;
        continue;
      }
      char* real = ::realpath(f.c_str(), nullptr);
      std::string canon = real ? real : f;
      std::free(real);
      // The mount point with the longest prefix of the canonical name on
      // the file's device (the last one listed wins a tie: mounted over).
      const Mount* best = nullptr;
      std::size_t best_len = 0;
      for (const Mount& m : mounts) {
        const std::string& t = m.target;
        bool prefix = t == "/" || canon == t ||
                      (canon.size() > t.size() && canon.compare(0, t.size(), t) == 0 && canon[t.size()] == '/');
        if (!prefix) continue;
        struct stat ms;
        if (::stat(t.c_str(), &ms) != 0 || ms.st_dev != st.st_dev) continue;
        if (!best || t.size() >= best_len) {
          best = &m;
          best_len = t.size();
        }
      }
      Mount fallback;
      if (!best) {
        fallback.source = "-";
        fallback.target = canon;
        fallback.type = "-";
        best = &fallback;
      }
      if (!type_selected(best->type) || (best->remote && o.local)) continue;
      row(*best, f, true);
    }
  }
  if (o.total && any) {
    std::vector<std::string> r;
    for (Field f : o.fields) {
      switch (f) {
        case kSource: r.push_back("total"); break;
        case kFstype: r.push_back("-"); break;
        case kItotal: r.push_back(inum(tot.itotal)); break;
        case kIused: r.push_back(inum(tot.iused)); break;
        case kIavail: r.push_back(inum(tot.iavail)); break;
        case kIpcent: r.push_back(Percent(tot.iused, tot.iavail)); break;
        case kSize: r.push_back(num(tot.size, 1)); break;
        case kUsed: r.push_back(num(tot.used, 1)); break;
        case kAvail: r.push_back(num(tot.avail, 1)); break;
        case kPcent: r.push_back(Percent(tot.used, tot.avail)); break;
        default: r.push_back("-"); break;
      }
    }
    table.AddRow(std::move(r));
  }
  if (!any) {
    if (status == 0 || files.empty()) {
      mc::Warn(inv, "no file systems processed");
      status = 1;
    }
    return status;
  }
  table.Print(inv.out());
  return status;
}
