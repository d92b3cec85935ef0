/* @applet stat
   @install usr/bin
   @help
Usage: stat [OPTION]... FILE...
Display file or file system status.

Mandatory arguments to long options are mandatory for short options too.
  -L, --dereference     follow links
  -f, --file-system     display file system status instead of file status
      --cached=MODE     specify how to use cached attributes;
                          useful on remote file systems. See MODE below
  -c  --format=FORMAT   use the specified FORMAT instead of the default;
                          output a newline after each use of FORMAT
      --printf=FORMAT   like --format, but interpret backslash escapes,
                          and do not output a mandatory trailing newline;
                          if you want a newline, include \n in FORMAT
  -t, --terse           print the information in terse form
      --help        display this help and exit
      --version     output version information and exit

The MODE argument of --cached can be: always, never, or default.
'always' will use cached attributes if available, while
'never' will try to synchronize with the latest attributes, and
'default' will leave it up to the underlying file system.

The valid format sequences for files (without --file-system):

  %a   permission bits in octal (note '#' and '0' printf flags)
  %A   permission bits and file type in human readable form
  %b   number of blocks allocated (see %B)
  %B   the size in bytes of each block reported by %b
  %C   SELinux security context string
  %d   device number in decimal (st_dev)
  %D   device number in hex (st_dev)
  %Hd  major device number in decimal
  %Ld  minor device number in decimal
  %f   raw mode in hex
  %F   file type
  %g   group ID of owner
  %G   group name of owner
  %h   number of hard links
  %i   inode number
  %m   mount point
  %n   file name
  %N   quoted file name with dereference if symbolic link
  %o   optimal I/O transfer size hint
  %s   total size, in bytes
  %r   device type in decimal (st_rdev)
  %R   device type in hex (st_rdev)
  %Hr  major device type in decimal, for character/block device special files
  %Lr  minor device type in decimal, for character/block device special files
  %t   major device type in hex, for character/block device special files
  %T   minor device type in hex, for character/block device special files
  %u   user ID of owner
  %U   user name of owner
  %w   time of file birth, human-readable; - if unknown
  %W   time of file birth, seconds since Epoch; 0 if unknown
  %x   time of last access, human-readable
  %X   time of last access, seconds since Epoch
  %y   time of last data modification, human-readable
  %Y   time of last data modification, seconds since Epoch
  %z   time of last status change, human-readable
  %Z   time of last status change, seconds since Epoch

Valid format sequences for file systems:

  %a   free blocks available to non-superuser
  %b   total data blocks in file system
  %c   total file nodes in file system
  %d   free file nodes in file system
  %f   free blocks in file system
  %i   file system ID in hex
  %l   maximum length of filenames
  %n   file name
  %s   block size (for faster transfers)
  %S   fundamental block size (for block counts)
  %t   file system type in hex
  %T   file system type in human readable form

--terse is equivalent to the following FORMAT:
    %n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o %C
--terse --file-system is equivalent to the following FORMAT:
    %n %i %l %t %s %S %b %f %a %c %d

NOTE: your shell may have its own version of stat, which usually supersedes
the version described here.  Please refer to your shell's documentation
for details about the options it supports.
*/
// stat: GNU coreutils 9.1's default, terse and --format/--printf output for
// files (statx, for the birth time) and file systems (statfs). No SELinux:
// %C prints '?' after the error getxattr gives for the security label.
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "applets/files/fileinfo.h"
#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/mode.h"
#include "applets/support/tz.h"
#include "applets/support/users.h"
#include "registry/applet.h"

namespace {

struct Spec {
  std::string flags;  // printf flags as written
  int width = -1, precision = -1;
};

std::string Printf(const Spec& sp, char conv, std::uintmax_t u, std::intmax_t i, std::string_view str) {
  std::string fmt = "%" + sp.flags;
  if (sp.width >= 0) fmt += std::to_string(sp.width);
  if (sp.precision >= 0) fmt += "." + std::to_string(sp.precision);
  char buf[512];
  std::string s(str);
  int n;
  switch (conv) {
    case 's': n = std::snprintf(buf, sizeof buf, (fmt + "s").c_str(), s.c_str()); break;
    case 'd': n = std::snprintf(buf, sizeof buf, (fmt + "jd").c_str(), i); break;
    case 'u': n = std::snprintf(buf, sizeof buf, (fmt + "ju").c_str(), u); break;
    case 'o': n = std::snprintf(buf, sizeof buf, (fmt + "jo").c_str(), u); break;
    default: n = std::snprintf(buf, sizeof buf, (fmt + "jx").c_str(), u); break;
  }
  if (n < 0) return std::string();
  if (static_cast<std::size_t>(n) < sizeof buf) return std::string(buf, static_cast<std::size_t>(n));
  // A long string with a large width: pad by hand.
  std::string out = s;
  if (sp.width > 0 && out.size() < static_cast<std::size_t>(sp.width)) {
    std::string pad(static_cast<std::size_t>(sp.width) - out.size(), ' ');
    out = sp.flags.find('-') != std::string::npos ? out + pad : pad + out;
  }
  return out;
}

struct Ctx {
  mc::Invocation& inv;
  mutable mc::tz::LazyZone zone;  // read when a time is printed
  std::string quoting;  // QUOTING_STYLE for %N
  int status = 0;
};

std::string Str(const Spec& sp, std::string_view s) { return Printf(sp, 's', 0, 0, s); }
std::string U(const Spec& sp, std::uintmax_t v) { return Printf(sp, 'u', v, 0, {}); }
std::string I(const Spec& sp, std::intmax_t v) { return Printf(sp, 'd', 0, v, {}); }
std::string O(const Spec& sp, std::uintmax_t v) { return Printf(sp, 'o', v, 0, {}); }
std::string X(const Spec& sp, std::uintmax_t v) { return Printf(sp, 'x', v, 0, {}); }

// Seconds since the epoch; with a precision, that many fraction digits.
std::string EpochSec(const Spec& sp, std::int64_t sec, long nsec) {
  if (sp.precision < 0) return I(sp, sec);
  std::string frac = std::to_string(nsec);
  frac.insert(0, 9 - frac.size(), '0');
  int prec = sp.precision;
  if (prec > 9) frac.append(static_cast<std::size_t>(prec - 9), '0');
  else frac.resize(static_cast<std::size_t>(prec));
  bool neg = sec < 0 && nsec != 0;
  std::string text = (neg && sec == -1 ? "-0" : std::to_string(neg ? sec + 1 : sec));
  if (neg) {
    // GNU prints negative times with the fraction counted toward zero.
    long rev = 1000000000 - nsec;
    frac = std::to_string(rev);
    frac.insert(0, 9 - frac.size(), '0');
    if (prec > 9) frac.append(static_cast<std::size_t>(prec - 9), '0');
    else frac.resize(static_cast<std::size_t>(prec));
  }
  if (prec > 0) text += "." + frac;
  Spec s2 = sp;
  s2.precision = -1;
  return Str(s2, text);
}

std::string TimeText(const Ctx& c, std::int64_t sec, long nsec) {
  return mc::files::FormatTime("%Y-%m-%d %H:%M:%S.%N %z", sec, nsec, c.zone.get());
}

bool Printable(unsigned char ch) { return ch >= 0x20 && ch < 0x7f; }

// %N: GNU quotes with QUOTING_STYLE, by default shell-escape-always.
std::string QuoteN(const Ctx& c, std::string_view s) {
  if (c.quoting == "literal") return std::string(s);
  if (c.quoting == "c" || c.quoting == "locale" || c.quoting == "clocale" || c.quoting == "escape") {
    char q = c.quoting == "locale" ? '\'' : '"';
    std::string body = mc::QuoteC(s);  // 'x' with C escapes
    body = body.substr(1, body.size() - 2);
    if (c.quoting == "escape") return body;
    if (q == '"') {
      std::string out;
      for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '\'') continue;
        if (body[i] == '"') out += '\\';
        out += body[i];
      }
      body = out;
    }
    return q + body + q;
  }
  if (c.quoting == "shell" || c.quoting == "shell-escape") return mc::QuoteName(s);
  (void)Printable;
  return mc::Quote(s);
}

struct FileData {
  struct statx sx;
  std::string name;
  int fd = -1;  // "-": standard input
  bool follow = false;
};

std::string_view FsTypeName(std::uint64_t t) {
  switch (t) {
    case 0xEF53: return "ext2/ext3";
    case 0x01021994: return "tmpfs";
    case 0x9FA0: return "proc";
    case 0x62656572: return "sysfs";
    case 0x1CD1: return "devpts";
    case 0x9123683E: return "btrfs";
    case 0x58465342: return "xfs";
    case 0x794C7630: return "overlayfs";
    case 0x6969: return "nfs";
    case 0x27E0EB: return "cgroupfs";
    case 0x63677270: return "cgroup2fs";
    case 0x858458F6: return "ramfs";
    case 0x4D44: return "msdos";
    case 0x2011BAB0: return "exfat";
    case 0x5346544E: return "ntfs";
    case 0x65735546: return "fuseblk";
    case 0x65735543: return "fusectl";
    case 0x73717368: return "squashfs";
    case 0x9660: return "isofs";
    case 0x64626720: return "debugfs";
    case 0x74726163: return "tracefs";
    case 0x73636673: return "securityfs";
    case 0xCAFE4A11: return "bpf_fs";
    case 0x6E736673: return "nsfs";
    case 0x42494E4D: return "binfmt_misc";
    case 0x19800202: return "mqueue";
    case 0x958458F6: return "hugetlbfs";
    case 0x61756673: return "aufs";
    case 0xFF534D42: return "cifs";
    case 0xF2F52010: return "f2fs";
    case 0x2FC12FC1: return "zfs";
    case 0x01021997: return "v9fs";
    case 0x9FA2: return "usbdevfs";
    case 0x6165676C: return "pstorefs";
    case 0x50495045: return "pipefs";
    case 0x534F434B: return "sockfs";
    case 0x62646576: return "bdevfs";
    case 0x453DCD28: return "cramfs";
    case 0x3153464A: return "jfs";
    case 0x52654973: return "reiserfs";
    case 0x5A3C69F0: return "aafs";
    case 0x7461636F: return "ocfs2";
    case 0x47504653: return "gpfs";
    case 0x564C: return "novell";
    case 0x517B: return "smb";
    case 0xFE534D42: return "smb2";
    case 0x137D: return "ext";
    case 0xEF51: return "ext2";
    case 0xCAFE: return "vxfs"; 
    case 0x15013346: return "udf";
    case 0x5DCA2DF5: return "sdcardfs";
    case 0xDE5E81E4: return "efivarfs";
    case 0xF97CFF8C: return "selinux";
    case 0x64646178: return "daxfs";
    case 0x6E667364: return "nfsd";
    case 0x5346414F: return "afs";
    case 0x00C36400: return "ceph";
    case 0x0BD00BD0: return "lustre";
    case 0xE0F5E1E2: return "erofs";
    case 0x2BAD1DEA: return "inotifyfs";
    case 0x09041934: return "anon-inode FS";
    case 0x7655821: return "rdt";
    case 0x13661366: return "balloon-kvm-fs";
    case 0x6B414653: return "k-afs";
    case 0x67596969: return "rpc_pipefs";
    case 0x444D4142: return "dma-buf-fs";
    case 0x5A4F4653: return "zonefs";
    case 0x478D4E02: return "secretmem";
    default: return {};
  }
}

// The mount point holding path: the last directory upward (from the
// canonical name) on the same device.
std::string MountPoint(const std::string& name, bool follow) {
  struct stat st;
  if ((follow ? ::stat(name.c_str(), &st) : ::lstat(name.c_str(), &st)) != 0) return "?";
  std::string dir;
  char* real = ::realpath(name.c_str(), nullptr);
  if (!real) return "?";
  dir = real;
  std::free(real);
  if (!S_ISDIR(st.st_mode)) {
    std::size_t slash = dir.rfind('/');
    dir = slash == 0 ? "/" : dir.substr(0, slash);
    if (::stat(dir.c_str(), &st) != 0) return "?";
  }
  while (dir != "/") {
    std::size_t slash = dir.rfind('/');
    std::string up = slash == 0 ? "/" : dir.substr(0, slash);
    struct stat ust;
    if (::stat(up.c_str(), &ust) != 0 || ust.st_dev != st.st_dev) break;
    if (ust.st_ino == st.st_ino) break;
    dir = up;
  }
  return dir;
}

std::string FileDirective(Ctx& c, const FileData& f, const Spec& sp, char conv, char mod) {
  const struct statx& x = f.sx;
  mode_t mode = x.stx_mode;
  dev_t dev = makedev(x.stx_dev_major, x.stx_dev_minor);
  dev_t rdev = makedev(x.stx_rdev_major, x.stx_rdev_minor);
  if (mod == 'H' || mod == 'L') {
    if (conv == 'd') return U(sp, mod == 'H' ? x.stx_dev_major : x.stx_dev_minor);
    return U(sp, mod == 'H' ? x.stx_rdev_major : x.stx_rdev_minor);
  }
  bool has_birth = (x.stx_mask & STATX_BTIME) != 0;
  switch (conv) {
    case 'a': return O(sp, mode & 07777);
    case 'A': return Str(sp, mc::mode::ModeString(mode));
    case 'b': return U(sp, x.stx_blocks);
    case 'B': return U(sp, 512);
    case 'C': {
      char buf[256];
      ssize_t n = f.follow ? ::getxattr(f.name.c_str(), "security.selinux", buf, sizeof buf)
                           : ::lgetxattr(f.name.c_str(), "security.selinux", buf, sizeof buf);
      if (n > 0) return Str(sp, std::string_view(buf, static_cast<std::size_t>(n)).substr(0, std::strlen(buf)));
      mc::Warn(c.inv, "failed to get security context of " + mc::Quote(f.name) + ": " +
                          std::string(mc::ErrorText(n < 0 ? errno : ENODATA)));
      c.status = 1;
      return Str(sp, "?");
    }
    case 'd': return U(sp, dev);
    case 'D': return X(sp, dev);
    case 'f': return X(sp, mode);
    case 'F': return Str(sp, mc::files::FileTypeName(mode, static_cast<std::intmax_t>(x.stx_size)));
    case 'g': return U(sp, x.stx_gid);
    case 'G': {
      const mc::users::Group* g = mc::users::GroupById(x.stx_gid);
      return Str(sp, g ? g->name : "UNKNOWN");
    }
    case 'h': return U(sp, x.stx_nlink);
    case 'i': return U(sp, x.stx_ino);
    case 'm': return Str(sp, MountPoint(f.name, f.follow));
    case 'n': return Str(sp, f.name);
    case 'N': {
      std::string s = QuoteN(c, f.name);
      if (S_ISLNK(mode)) {
        std::string buf(x.stx_size > 0 ? x.stx_size + 1 : 256, '\0');
        ssize_t n = ::readlink(f.name.c_str(), buf.data(), buf.size());
        if (n < 0) {
          mc::WarnErrno(c.inv, "cannot read symbolic link " + mc::Quote(f.name), errno);
          c.status = 1;
        } else {
          buf.resize(static_cast<std::size_t>(n));
          s += " -> " + QuoteN(c, buf);
        }
      }
      return Str(sp, s);
    }
    case 'o': return U(sp, x.stx_blksize);
    case 's': return I(sp, static_cast<std::intmax_t>(x.stx_size));
    case 'r': return U(sp, rdev);
    case 'R': return X(sp, rdev);
    case 't': return X(sp, x.stx_rdev_major);
    case 'T': return X(sp, x.stx_rdev_minor);
    case 'u': return U(sp, x.stx_uid);
    case 'U': {
      const mc::users::User* u = mc::users::UserById(x.stx_uid);
      return Str(sp, u ? u->name : "UNKNOWN");
    }
    case 'w': return Str(sp, has_birth ? TimeText(c, x.stx_btime.tv_sec, x.stx_btime.tv_nsec) : "-");
    case 'W': return has_birth ? EpochSec(sp, x.stx_btime.tv_sec, x.stx_btime.tv_nsec) : Str(sp, "0");
    case 'x': return Str(sp, TimeText(c, x.stx_atime.tv_sec, x.stx_atime.tv_nsec));
    case 'X': return EpochSec(sp, x.stx_atime.tv_sec, x.stx_atime.tv_nsec);
    case 'y': return Str(sp, TimeText(c, x.stx_mtime.tv_sec, x.stx_mtime.tv_nsec));
    case 'Y': return EpochSec(sp, x.stx_mtime.tv_sec, x.stx_mtime.tv_nsec);
    case 'z': return Str(sp, TimeText(c, x.stx_ctime.tv_sec, x.stx_ctime.tv_nsec));
    case 'Z': return EpochSec(sp, x.stx_ctime.tv_sec, x.stx_ctime.tv_nsec);
    default: return "?";
  }
}

struct FsData {
  struct statfs sf;
  std::string name;
};

std::string FsDirective(const FsData& f, const Spec& sp, char conv) {
  const struct statfs& s = f.sf;
  switch (conv) {
    case 'a': return U(sp, s.f_bavail);
    case 'b': return U(sp, s.f_blocks);
    case 'c': return U(sp, s.f_files);
    case 'd': return U(sp, s.f_ffree);
    case 'f': return U(sp, s.f_bfree);
    case 'i': {
      int val[2];
      std::memcpy(val, &s.f_fsid, sizeof val);
      std::uintmax_t id = static_cast<std::uint32_t>(val[1]) |
                          (static_cast<std::uintmax_t>(static_cast<std::uint32_t>(val[0])) << 32);
      return X(sp, id);
    }
    case 'l': return U(sp, static_cast<std::uintmax_t>(s.f_namelen));
    case 'n': return Str(sp, f.name);
    case 's': return U(sp, static_cast<std::uintmax_t>(s.f_bsize));
    case 'S': return U(sp, static_cast<std::uintmax_t>(s.f_frsize ? s.f_frsize : s.f_bsize));
    case 't': return X(sp, static_cast<std::uintmax_t>(s.f_type) & 0xffffffffu);
    case 'T': {
      std::uint64_t t = static_cast<std::uint64_t>(s.f_type) & 0xffffffffu;
      std::string_view n = FsTypeName(t);
      if (!n.empty()) return Str(sp, n);
      char buf[40];
      std::snprintf(buf, sizeof buf, "UNKNOWN (0x%lx)", static_cast<unsigned long>(t));
      return Str(sp, buf);
    }
    default: return "?";
  }
}

// Backslash escapes of --printf.
void Escape(std::string& out, std::string_view fmt, std::size_t& i, mc::Invocation& inv) {
  char e = fmt[i + 1];
  auto oct = [](char ch) { return ch >= '0' && ch <= '7'; };
  auto hex = [](char ch) {
    return (ch >= '0' && ch <= '9') ? ch - '0' : (ch >= 'a' && ch <= 'f') ? ch - 'a' + 10
                                                : (ch >= 'A' && ch <= 'F') ? ch - 'A' + 10 : -1;
  };
  if (oct(e)) {
    int v = 0, n = 0;
    std::size_t j = i + 1;
    while (n < 3 && j < fmt.size() && oct(fmt[j])) v = v * 8 + (fmt[j++] - '0'), ++n;
    out += static_cast<char>(v);
    i = j - 1;
    return;
  }
  if (e == 'x' && i + 2 < fmt.size() && hex(fmt[i + 2]) >= 0) {
    int v = 0, n = 0;
    std::size_t j = i + 2;
    while (n < 2 && j < fmt.size() && hex(fmt[j]) >= 0) v = v * 16 + hex(fmt[j++]), ++n;
    out += static_cast<char>(v);
    i = j - 1;
    return;
  }
  const char* from = "abefnrtv\"\\";
  const char* to = "\a\b\x1b\f\n\r\t\v\"\\";
  if (const char* p = std::strchr(from, e); p && e) {
    out += to[p - from];
  } else {
    inv.out().Write(out);
    out.clear();
    mc::Warn(inv, std::string("warning: unrecognized escape '\\") + e + "'");
    out += e;
  }
  ++i;
}

// Writes the expansion, each directive as soon as it is known, so that a
// directive's message comes after the text before it (as GNU's stdio).
template <typename Fn>
void Expand(std::string_view fmt, bool escapes, mc::Invocation& inv, Fn directive) {
  std::string out;
  for (std::size_t i = 0; i < fmt.size(); ++i) {
    char ch = fmt[i];
    if (escapes && ch == '\\' && i + 1 < fmt.size()) {
      Escape(out, fmt, i, inv);
      continue;
    }
    if (ch != '%') {
      out += ch;
      continue;
    }
    std::size_t start = i++;
    Spec sp;
    while (i < fmt.size() && std::strchr("-+ #0'", fmt[i]) && fmt[i]) sp.flags += fmt[i++];
    if (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') {
      sp.width = 0;
      while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9' && sp.width < 100000)
        sp.width = sp.width * 10 + (fmt[i++] - '0');
    }
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      // "%.Y": nanoseconds; a precision is read as printf reads it.
      sp.precision = (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9') ? 0 : 9;
      while (i < fmt.size() && fmt[i] >= '0' && fmt[i] <= '9' && sp.precision < 100000)
        sp.precision = sp.precision * 10 + (fmt[i++] - '0');
    }
    if (i >= fmt.size()) {
      if (i == start + 1) out += '%';  // a trailing '%' prints itself
      else out.append(fmt.substr(start));
      break;
    }
    char conv = fmt[i];
    if (conv == '%') {
      if (i != start + 1) {
        inv.out().Write(out);
        mc::Die(inv, mc::QuoteC(fmt.substr(start, i - start + 1)) + ": invalid directive");
      }
      out += '%';
      continue;
    }
    char mod = 0;
    if ((conv == 'H' || conv == 'L') && i + 1 < fmt.size() && (fmt[i + 1] == 'd' || fmt[i + 1] == 'r')) {
      mod = conv;
      conv = fmt[++i];
    }
    inv.out().Write(out);
    out.clear();
    out = directive(sp, conv, mod);
  }
  inv.out().Write(out);
}

constexpr std::string_view kFsDefault =
    "  File: \"%n\"\n    ID: %-8i Namelen: %-7l Type: %T\n"
    "Block size: %-10s Fundamental block size: %S\n"
    "Blocks: Total: %-10b Free: %-10f Available: %a\n"
    "Inodes: Total: %-10c Free: %d\n";
constexpr std::string_view kFsTerse = "%n %i %l %t %s %S %b %f %a %c %d\n";
constexpr std::string_view kTerse = "%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n";

std::string DefaultFormat(mode_t mode) {
  std::string f = "  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n";
  if (S_ISCHR(mode) || S_ISBLK(mode))
    f += "Device: %Hd,%Ld\tInode: %-10i  Links: %-5h Device type: %Hr,%Lr\n";
  else
    f += "Device: %Hd,%Ld\tInode: %-10i  Links: %h\n";
  f += "Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\n";
  f += "Access: %x\nModify: %y\nChange: %z\n Birth: %w\n";
  return f;
}

}  // namespace

MC_APPLET(stat) {
  mc::cli::Parser p(inv);
  bool follow = false, fs = false, terse = false, cached_given = false;
  std::string format;
  bool have_format = false, escapes = false, newline = false;
  p.Flag("-L,--dereference", follow);
  p.Flag("-f,--file-system", fs);
  p.Flag("-t,--terse", terse);
  p.OnValue("-c,--format", [&](const std::string& v) {
    format = v;
    newline = true;
    have_format = true;
    escapes = false;
  });
  p.OnValue("--printf", [&](const std::string& v) {
    format = v;
    newline = false;
    have_format = true;
    escapes = true;
  });
  p.OnValue("--cached", [&](const std::string& v) {
    static constexpr mc::Choice kCached[] = {{"default", 0}, {"never", 1}, {"always", 2}};
    if (!mc::ArgMatch(inv, v, "--cached", kCached)) p.Stop(mc::UsageError(inv, ""));
    cached_given = true;
  });
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (files.empty()) return mc::UsageError(inv, "missing operand");

  Ctx c{inv, mc::tz::LazyZone(inv.GetEnv("TZ")), "shell-escape-always"};
  if (auto q = inv.GetEnv("QUOTING_STYLE")) c.quoting = std::string(*q);
  const std::string quoting = c.quoting;
  mc::Output& out = inv.out();
  for (const std::string& name : files) {
    if (fs) {
      FsData d;
      d.name = name;
      if (name == "-") {
        mc::Warn(inv, "using '-' to denote standard input does not work in file system mode");
        c.status = 1;
        continue;
      }
      if (::statfs(name.c_str(), &d.sf) != 0) {
        mc::Warn(inv, "cannot read file system information for " + mc::Quote(name) + ": " +
                          std::string(mc::ErrorText(errno)));
        c.status = 1;
        continue;
      }
      std::string_view f = have_format ? std::string_view(format) : terse ? kFsTerse : kFsDefault;
      Expand(f, escapes, inv, [&](const Spec& sp, char conv, char) {
        return FsDirective(d, sp, conv);
      });
      if (newline) out.Put('\n');
      continue;
    }
    FileData d;
    d.name = name;
    d.follow = follow;
    int r;
    unsigned want = STATX_BASIC_STATS | STATX_BTIME;
    if (name == "-") r = ::statx(0, "", AT_EMPTY_PATH, want, &d.sx);
    else r = ::statx(AT_FDCWD, name.c_str(), follow ? 0 : AT_SYMLINK_NOFOLLOW, want, &d.sx);
    if (r != 0) {
      mc::Warn(inv, "cannot statx " + mc::Quote(name) + ": " + std::string(mc::ErrorText(errno)));
      c.status = 1;
      continue;
    }
    std::string def;
    std::string_view f;
    if (have_format) f = format;
    else if (terse) f = kTerse;
    else f = def = DefaultFormat(d.sx.stx_mode);
    // The default format names the file as it is (GNU: no quoting there).
    c.quoting = have_format || terse ? quoting : "literal";
    Expand(f, escapes, inv, [&](const Spec& sp, char conv, char mod) {
      return FileDirective(c, d, sp, conv, mod);
    });
    if (newline && have_format) out.Put('\n');
  }
  (void)cached_given;
  return c.status;
}
