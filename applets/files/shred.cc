/* @applet shred
   @install usr/bin
   @help
Usage: shred [OPTION]... FILE...
Overwrite the specified FILE(s) repeatedly, in order to make it harder
for even very expensive hardware probing to recover the data.

If FILE is -, shred standard output.

Mandatory arguments to long options are mandatory for short options too.
  -f, --force    change permissions to allow writing if necessary
  -n, --iterations=N  overwrite N times instead of the default (3)
      --random-source=FILE  get random bytes from FILE
  -s, --size=N   shred this many bytes (suffixes like K, M, G accepted)
  -u             deallocate and remove file after overwriting
      --remove[=HOW]  like -u but give control on HOW to delete;  See below
  -v, --verbose  show progress
  -x, --exact    do not round file sizes up to the next full block;
                   this is the default for non-regular files
  -z, --zero     add a final overwrite with zeros to hide shredding
      --help        display this help and exit
      --version     output version information and exit

Delete FILE(s) if --remove (-u) is specified.  The default is not to remove
the files because it is common to operate on device files like /dev/hda,
and those files usually should not be removed.
The optional HOW parameter indicates how to remove a directory entry:
'unlink' => use a standard unlink call.
'wipe' => also first obfuscate bytes in the name.
'wipesync' => also sync each obfuscated byte to the device.
The default mode is 'wipesync', but note it can be expensive.

CAUTION: shred assumes the file system and hardware overwrite data in place.
Although this is common, many platforms operate otherwise.  Also, backups
and mirrors may contain unremovable copies that will let a shredded file
be recovered later.  See the GNU coreutils manual for details.
*/
#include <fcntl.h>
#include <stdio.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "applets/support/choice.h"
#include "applets/support/cli.h"
#include "applets/support/diag.h"
#include "applets/support/numbers.h"
#include "registry/applet.h"

namespace {

enum class Remove { kNone, kUnlink, kWipe, kWipeSync };

struct Options {
  bool force = false, verbose = false, exact = false, zero = false;
  std::size_t iterations = 3;
  std::int64_t size = -1;
  Remove remove = Remove::kNone;
};

// Random bytes: getrandom(2), or the --random-source file.
class Random {
 public:
  Random(mc::Invocation& inv, std::optional<std::string> file) : inv_(inv), file_(std::move(file)) {
    if (file_) {
      fd_ = ::open(file_->c_str(), O_RDONLY | O_CLOEXEC);
      if (fd_ < 0) mc::DieErrno(inv, mc::QuoteName(*file_), errno);
    }
  }
  ~Random() {
    if (fd_ >= 0) ::close(fd_);
  }
  Random(const Random&) = delete;
  Random& operator=(const Random&) = delete;

  void Fill(void* buf, std::size_t n) {
    auto* p = static_cast<unsigned char*>(buf);
    while (n) {
      ssize_t got = fd_ >= 0 ? ::read(fd_, p, n) : ::getrandom(p, n, 0);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        if (got == 0) mc::Die(inv_, mc::Quote(*file_) + ": end of file");
        mc::DieErrno(inv_, mc::QuoteName(file_ ? *file_ : std::string("getrandom")), errno);
      }
      p += got;
      n -= static_cast<std::size_t>(got);
    }
  }
  // Uniform in [0, n).
  std::size_t Below(std::size_t n) {
    if (n <= 1) return 0;
    std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                          std::numeric_limits<std::uint64_t>::max() % n;
    for (;;) {
      std::uint64_t v;
      Fill(&v, sizeof v);
      if (v < limit) return static_cast<std::size_t>(v % n);
    }
  }

 private:
  mc::Invocation& inv_;
  std::optional<std::string> file_;
  int fd_ = -1;
};

// GNU shred's pass table: -N: N random passes; N > 0: N patterns follow;
// 0: the end (start again). Bit 0x1000 flips the first bit of each sector.
constexpr int kPatterns[] = {
    -2,
    2, 0x000, 0xFFF,
    2, 0x555, 0xAAA,
    -1,
    6, 0x249, 0x492, 0x6DB, 0x924, 0xB6D, 0xDB6,
    12, 0x111, 0x222, 0x333, 0x444, 0x666, 0x777, 0x888, 0x999, 0xBBB, 0xCCC, 0xDDD, 0xEEE,
    -1,
    8, 0x1000, 0x1249, 0x1492, 0x16DB, 0x1924, 0x1B6D, 0x1DB6, 0x1FFF,
    14, 0x1111, 0x1222, 0x1333, 0x1444, 0x1555, 0x1666, 0x1777, 0x1888, 0x1999, 0x1AAA, 0x1BBB,
    0x1CCC, 0x1DDD, 0x1EEE,
    -1,
    0,
};

// The passes in order: pattern values, -1 for random. Random passes come
// first, last and evenly between; the patterns are shuffled (GNU's
// genpattern, with our random numbers).
std::vector<int> PassOrder(std::size_t num, Random& rnd) {
  std::vector<int> dest(num);
  if (!num) return dest;
  std::size_t randpasses = 0, n = num, d = 0, p = 0;
  for (;;) {
    int k = kPatterns[p++];
    if (!k) {
      p = 0;
    } else if (k < 0) {
      std::size_t kk = static_cast<std::size_t>(-k);
      if (kk >= n) {
        randpasses += n;
        break;
      }
      randpasses += kk;
      n -= kk;
    } else if (static_cast<std::size_t>(k) <= n) {
      for (int i = 0; i < k; ++i) dest[d++] = kPatterns[p++];
      n -= static_cast<std::size_t>(k);
    } else if (n < 2 || 3 * n < static_cast<std::size_t>(k)) {
      randpasses += n;
      break;
    } else {
      std::size_t kk = static_cast<std::size_t>(k);
      do {
        if (n == kk || rnd.Below(kk) < n) {
          dest[d++] = kPatterns[p];
          --n;
        }
        ++p;
        --kk;
      } while (n);
      break;
    }
  }
  std::size_t top = num - randpasses;
  --randpasses;
  std::size_t accum = randpasses;
  for (n = 0; n < num; ++n) {
    if (accum <= randpasses) {
      accum += num - 1;
      dest[top++] = dest[n];
      dest[n] = -1;
    } else {
      std::size_t swap = n + rnd.Below(top - n);
      std::swap(dest[n], dest[swap]);
    }
    accum -= randpasses;
  }
  return dest;
}

void FillPattern(int type, unsigned char* r, std::size_t size) {
  unsigned bits = static_cast<unsigned>(type) & 0xfff;
  bits |= bits << 12;
  unsigned char three[3] = {static_cast<unsigned char>((bits >> 4) & 255),
                            static_cast<unsigned char>((bits >> 8) & 255),
                            static_cast<unsigned char>(bits & 255)};
  for (std::size_t i = 0; i < size; ++i) r[i] = three[i % 3];
  if (type & 0x1000)
    for (std::size_t i = 0; i < size; i += 512) r[i] ^= 0x80;
}

// A byte count as shred's progress shows it: powers of 1024, "1.5GiB",
// rounded down (offsets) or up (the total).
std::string Human(std::uint64_t n, bool up) {
  static constexpr char kLetters[] = "KMGTPEZY";
  char buf[48];
  if (n < 1024) {
    std::snprintf(buf, sizeof buf, "%lluB", static_cast<unsigned long long>(n));
    return buf;
  }
  int exp = 0;
  unsigned __int128 d = 1;
  while (exp < 8 && n / d >= 1024) d *= 1024, ++exp;
  unsigned __int128 q10 = static_cast<unsigned __int128>(n) * 10 / d;
  bool inexact10 = static_cast<unsigned __int128>(n) * 10 % d != 0;
  if (q10 < 100) {
    if (up && inexact10) ++q10;
    if (q10 < 100) {
      std::snprintf(buf, sizeof buf, "%d.%d%ciB", static_cast<int>(q10 / 10),
                    static_cast<int>(q10 % 10), kLetters[exp - 1]);
      return buf;
    }
  }
  unsigned __int128 q = n / d;
  if (up && n % d) ++q;
  if (q == 1024 && exp < 8) {
    std::snprintf(buf, sizeof buf, "1.0%ciB", kLetters[exp]);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%llu%ciB", static_cast<unsigned long long>(q), kLetters[exp - 1]);
  return buf;
}

class Shredder {
 public:
  Shredder(mc::Invocation& inv, const Options& o, Random& rnd) : inv_(inv), o_(o), rnd_(rnd) {}

  bool WipeFile(const std::string& name);
  bool WipeFd(int fd, const std::string& qname);

 private:
  bool DoWipeFd(int fd, const std::string& qname);
  int DoPass(int fd, const struct stat& st, const std::string& qname, std::int64_t* sizep, int type,
             std::size_t k, std::size_t n);
  int Sync(int fd, const std::string& qname);
  bool WipeName(const std::string& name, const std::string& qname);

  mc::Invocation& inv_;
  const Options& o_;
  Random& rnd_;
};

int Shredder::Sync(int fd, const std::string& qname) {
  auto ignorable = [](int e) { return e == EINVAL || e == EBADF || e == EISDIR; };
  if (::fdatasync(fd) == 0) return 0;
  int err = errno;
  if (!ignorable(err)) {
    mc::WarnErrno(inv_, qname + ": fdatasync failed", err);
    errno = err;
    return -1;
  }
  if (::fsync(fd) == 0) return 0;
  err = errno;
  if (!ignorable(err)) {
    mc::WarnErrno(inv_, qname + ": fsync failed", err);
    errno = err;
    return -1;
  }
  ::sync();
  return 0;
}

// One pass over the file. Returns -1 on a fatal error, 1 after write
// errors that were skipped, else 0.
int Shredder::DoPass(int fd, const struct stat& st, const std::string& qname, std::int64_t* sizep,
                     int type, std::size_t k, std::size_t n) {
  (void)st;
  std::int64_t size = *sizep;
  const bool known = size >= 0;
  const std::size_t out_size = type >= 0 ? 60 * 1024 : 64 * 1024;
  std::unique_ptr<unsigned char[]> buf(new unsigned char[out_size]);
  bool write_error = false;
  off_t at = ::lseek(fd, 0, SEEK_SET);
  if (at != 0) {
    if (at > 0) errno = EINVAL;
    mc::WarnErrno(inv_, qname + ": cannot rewind", errno);
    return -1;
  }
  char pass_name[8];
  if (type >= 0) {
    FillPattern(type, buf.get(), out_size);
    std::snprintf(pass_name, sizeof pass_name, "%02x%02x%02x", buf[0], buf[1], buf[2]);
  } else {
    std::memcpy(pass_name, "random", 7);
  }
  std::string head;
  time_t thresh = 0;
  std::string previous;
  if (n) {
    head = qname + ": pass " + std::to_string(k) + "/" + std::to_string(n) + " (" + pass_name + ")...";
    mc::Warn(inv_, head);
    thresh = ::time(nullptr) + 5;
  }
  std::int64_t offset = 0;
  for (;;) {
    std::size_t lim = out_size;
    if (known && size - offset < static_cast<std::int64_t>(out_size)) {
      if (size < offset) break;
      lim = static_cast<std::size_t>(size - offset);
      if (!lim) break;
    }
    if (type < 0) rnd_.Fill(buf.get(), lim);
    std::size_t soff = 0;
    while (soff < lim) {
      ssize_t w = ::write(fd, buf.get() + soff, lim - soff);
      if (w > 0) {
        soff += static_cast<std::size_t>(w);
        continue;
      }
      if (w < 0 && errno == EINTR) continue;
      if (!known && (w == 0 || errno == ENOSPC)) {
        *sizep = size = offset + static_cast<std::int64_t>(soff);
        break;
      }
      int err = w == 0 ? ENOSPC : errno;
      mc::WarnErrno(inv_, qname + ": error writing at offset " +
                              std::to_string(static_cast<long long>(offset) + static_cast<long long>(soff)),
                    err);
      // Bad media: skip the rest of this sector and go on.
      if (err == EIO && known && (soff | 511) < lim) {
        std::size_t next = (soff | 511) + 1;
        if (::lseek(fd, offset + static_cast<off_t>(next), SEEK_SET) != -1) {
          soff = next;
          write_error = true;
          continue;
        }
        mc::WarnErrno(inv_, qname + ": lseek failed", errno);
      }
      return -1;
    }
    offset += static_cast<std::int64_t>(soff);
    bool done = offset == size;
    if (n) {
      time_t now = 0;
      if ((done && !previous.empty()) || thresh <= (now = ::time(nullptr))) {
        std::string human = Human(static_cast<std::uint64_t>(offset), false);
        if (done || human != previous) {
          if (!known) {
            mc::Warn(inv_, head + human);
          } else {
            int percent = size == 0 ? 100 : static_cast<int>(static_cast<__int128>(offset) * 100 / size);
            std::string total = Human(static_cast<std::uint64_t>(size), true);
            if (done) human = total;
            mc::Warn(inv_, head + human + "/" + total + " " + std::to_string(percent) + "%");
          }
          previous = human;
          thresh = now + 5;
          if (Sync(fd, qname) != 0) {
            if (errno != EIO) return -1;
            write_error = true;
          }
        }
      }
    }
    if (!known && soff < lim) break;  // the end of the device
  }
  if (Sync(fd, qname) != 0) {
    if (errno != EIO) return -1;
    write_error = true;
  }
  return write_error ? 1 : 0;
}

bool Shredder::DoWipeFd(int fd, const std::string& qname) {
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    mc::WarnErrno(inv_, qname + ": fstat failed", errno);
    return false;
  }
  if ((S_ISCHR(st.st_mode) && ::isatty(fd)) || S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
    mc::Warn(inv_, qname + ": invalid file type");
    return false;
  }
  if (S_ISREG(st.st_mode) && st.st_size < 0) {
    mc::Warn(inv_, qname + ": file has negative size");
    return false;
  }
  std::int64_t size = o_.size;
  std::int64_t i_size = 0;
  const std::int64_t blksize = st.st_blksize > 0 ? st.st_blksize : 512;
  if (size == -1) {
    if (S_ISREG(st.st_mode)) {
      size = st.st_size;
      if (!o_.exact) {
        // Round up to a whole block, to clear the slack space too.
        std::int64_t rem = size % blksize;
        if (size && size < blksize) i_size = size;
        if (rem) size += std::min(blksize - rem, std::numeric_limits<std::int64_t>::max() - size);
      }
    } else {
      off_t end = ::lseek(fd, 0, SEEK_END);
      size = end <= 0 ? -1 : end;
    }
  } else if (S_ISREG(st.st_mode) && st.st_size < std::min(blksize, size)) {
    i_size = st.st_size;
  }
  std::vector<int> passes = PassOrder(o_.iterations, rnd_);
  const std::size_t total = o_.iterations + (o_.zero ? 1 : 0);
  const std::size_t n = o_.verbose ? total : 0;
  for (;;) {
    std::int64_t pass_size;
    std::size_t pn = n;
    if (i_size) {
      // A small file: its own size first (quietly), then the whole block.
      pass_size = i_size;
      i_size = 0;
      pn = 0;
    } else if (size) {
      pass_size = size;
      size = 0;
    } else {
      break;
    }
    bool ok = true;
    for (std::size_t i = 0; i < total; ++i) {
      int type = i < o_.iterations ? passes[i] : 0;
      int err = DoPass(fd, st, qname, &pass_size, type, i + 1, pn);
      if (err) {
        ok = false;
        if (err < 0) return false;
      }
    }
    if (!ok) return false;
  }
  if (o_.remove != Remove::kNone && ::ftruncate(fd, 0) != 0 &&
      (S_ISREG(st.st_mode) || S_TYPEISSHM(&st))) {
    mc::WarnErrno(inv_, qname + ": error truncating", errno);
    return false;
  }
  return true;
}

bool Shredder::WipeFd(int fd, const std::string& qname) {
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0) {
    mc::WarnErrno(inv_, qname + ": fcntl failed", errno);
    return false;
  }
  if (flags & O_APPEND) {
    mc::Warn(inv_, qname + ": cannot shred append-only file descriptor");
    return false;
  }
  return DoWipeFd(fd, qname);
}

// Renames the file to ever shorter names of '0's (or the next free name
// of the same length), then removes it.
bool Shredder::WipeName(const std::string& name, const std::string& qname) {
  static constexpr std::string_view kNameSet =
      "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.";
  std::string old = name;
  // The last component, without trailing slashes.
  std::size_t end = old.size();
  while (end > 1 && old[end - 1] == '/') --end;
  std::size_t base = old.rfind('/', end - 1);
  base = base == std::string::npos ? 0 : base + 1;
  std::string dir = base == 0 ? "." : old.substr(0, base > 1 ? base - 1 : 1);
  std::string qdir = mc::QuoteName(dir);
  bool ok = true;
  int dir_fd = -1;
  if (o_.remove == Remove::kWipeSync)
    dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (o_.verbose) mc::Warn(inv_, qname + ": removing");
  bool first = true;
  if (o_.remove != Remove::kUnlink) {
    for (std::size_t len = end - base; len != 0; --len) {
      std::string candidate = old.substr(0, base) + std::string(len, kNameSet[0]);
      bool renamed;
      for (;;) {
        renamed = ::renameat2(AT_FDCWD, old.c_str(), AT_FDCWD, candidate.c_str(), RENAME_NOREPLACE) == 0;
        if (renamed || errno != EEXIST) break;
        // The next name: count up in kNameSet.
        bool more = false;
        for (std::size_t i = candidate.size(); i-- > base;) {
          std::size_t pos = kNameSet.find(candidate[i]);
          if (pos + 1 < kNameSet.size()) {
            candidate[i] = kNameSet[pos + 1];
            more = true;
            break;
          }
          candidate[i] = kNameSet[0];
        }
        if (!more) break;
      }
      if (renamed) {
        if (dir_fd >= 0 && Sync(dir_fd, qdir) != 0) ok = false;
        if (o_.verbose) mc::Warn(inv_, (first ? qname : old) + ": renamed to " + candidate);
        first = false;
        old = candidate;
      }
    }
  }
  if (::unlink(old.c_str()) != 0) {
    mc::WarnErrno(inv_, qname + ": failed to remove", errno);
    ok = false;
  } else if (o_.verbose) {
    mc::Warn(inv_, qname + ": removed");
  }
  if (dir_fd >= 0) {
    if (Sync(dir_fd, qdir) != 0) ok = false;
    if (::close(dir_fd) != 0) {
      mc::WarnErrno(inv_, qdir + ": failed to close", errno);
      ok = false;
    }
  }
  return ok;
}

bool Shredder::WipeFile(const std::string& name) {
  std::string qname = mc::QuoteName(name);
  int fd = ::open(name.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0 && errno == EACCES && o_.force && ::chmod(name.c_str(), S_IWUSR) == 0)
    fd = ::open(name.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) {
    mc::WarnErrno(inv_, qname + ": failed to open for writing", errno);
    return false;
  }
  bool ok = DoWipeFd(fd, qname);
  if (::close(fd) != 0) {
    mc::WarnErrno(inv_, qname + ": failed to close", errno);
    ok = false;
  }
  if (ok && o_.remove != Remove::kNone) ok = WipeName(name, qname);
  return ok;
}

}  // namespace

MC_APPLET(shred) {
  Options o;
  std::optional<std::string> random_source;
  static constexpr mc::Choice kRemove[] = {
      {"unlink", static_cast<int>(Remove::kUnlink)},
      {"wipe", static_cast<int>(Remove::kWipe)},
      {"wipesync", static_cast<int>(Remove::kWipeSync)},
  };
  mc::cli::Parser p(inv);
  p.Flag("-f,--force", o.force);
  p.OnValue("-n,--iterations", [&](const std::string& v) {
    std::uintmax_t n;
    mc::NumError e = mc::ParseUnsigned(v, n);
    const std::uintmax_t max = std::numeric_limits<std::size_t>::max() / sizeof(int);
    if (e == mc::NumError::kOk && n > max) e = mc::NumError::kOverflow;
    if (e == mc::NumError::kOverflow) {
      mc::Warn(inv, "invalid number of passes: " + mc::QuoteC(v) + ": " +
                        std::string(mc::ErrorText(EOVERFLOW)));
      p.Stop(1);
    } else if (e != mc::NumError::kOk) {
      mc::Warn(inv, "invalid number of passes: " + mc::QuoteC(v));
      p.Stop(1);
    } else {
      o.iterations = static_cast<std::size_t>(n);
    }
  });
  p.OnValue("--random-source", [&](const std::string& v) {
    if (random_source && *random_source != v) {
      mc::Warn(inv, "multiple random sources specified");
      p.Stop(1);
    }
    random_source = v;
  });
  p.OnFlag("-u", [&] { o.remove = Remove::kWipeSync; });
  p.OptionalValue("--remove", [&](std::optional<std::string_view> v) {
    if (!v) {
      o.remove = Remove::kWipeSync;
      return;
    }
    auto m = mc::ArgMatch(inv, *v, "--remove", kRemove);
    if (!m) {
      p.Stop(mc::UsageError(inv, ""));
      return;
    }
    o.remove = static_cast<Remove>(*m);
  });
  p.OnValue("-s,--size", [&](const std::string& v) {
    std::uintmax_t n;
    mc::NumError e = mc::ParseScaled(v, 0, "cbBkKMGTPEZY0", n);
    if (e == mc::NumError::kOk && n > static_cast<std::uintmax_t>(std::numeric_limits<off_t>::max()))
      e = mc::NumError::kOverflow;
    if (e == mc::NumError::kOverflow) {
      mc::Warn(inv, "invalid file size: " + mc::QuoteC(v) + ": " + std::string(mc::ErrorText(EOVERFLOW)));
      p.Stop(1);
    } else if (e != mc::NumError::kOk) {
      mc::Warn(inv, "invalid file size: " + mc::QuoteC(v));
      p.Stop(1);
    } else {
      o.size = static_cast<std::int64_t>(n);
    }
  });
  p.Flag("-v,--verbose", o.verbose);
  p.Flag("-x,--exact", o.exact);
  p.Flag("-z,--zero", o.zero);
  std::vector<std::string> files;
  if (auto rc = p.Parse(&files)) return *rc;
  if (files.empty()) return mc::UsageError(inv, "missing file operand");

  Random rnd(inv, random_source);
  Shredder s(inv, o, rnd);
  bool ok = true;
  for (const std::string& f : files) {
    if (f == "-") {
      inv.out().Flush();
      ok &= s.WipeFd(inv.out().fd(), mc::QuoteName(f));
    } else {
      ok &= s.WipeFile(f);
    }
  }
  return ok ? 0 : 1;
}
