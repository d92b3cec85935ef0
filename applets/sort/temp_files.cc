#include "applets/sort/temp_files.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "applets/support/signal_cleanup.h"

namespace mc::sort {

namespace sc = mc::sigcleanup;

TempFiles::TempFiles(std::vector<std::string> dirs) : dirs_(std::move(dirs)) {
  made_.resize(dirs_.size());
}

TempFiles::~TempFiles() {
  sc::BlockSignals block;
  for (const auto& f : files_) {
    ::unlink(f.path.c_str());
    sc::Forget(f.cleanup_id);
  }
  for (const auto& d : made_) {
    if (d.path.empty()) continue;
    ::rmdir(d.path.c_str());
    sc::Forget(d.cleanup_id);
  }
}

int TempFiles::Create(std::string* path, int* err, std::string* dir) {
  std::size_t i = next_dir_++ % dirs_.size();
  // Creating a file and registering it is one step for the signal handler.
  sc::BlockSignals block;
  if (made_[i].path.empty()) {
    std::string tmpl = dirs_[i];
    if (tmpl.empty() || tmpl.back() != '/') tmpl += '/';
    tmpl += "sortXXXXXX";
    if (::mkdtemp(tmpl.data()) == nullptr) {
      *err = errno;
      *dir = dirs_[i];
      return -1;
    }
    made_[i] = {tmpl, sc::Add(tmpl)};
  }
  std::string p = made_[i].path + "/" + std::to_string(counter_);
  int fd = ::open(p.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    *err = errno;
    *dir = dirs_[i];
    return -1;
  }
  ++counter_;
  files_.push_back({p, sc::Add(p)});
  *path = p;
  return fd;
}

void TempFiles::Remove(const std::string& path) {
  sc::BlockSignals block;
  ::unlink(path.c_str());
  for (auto it = files_.begin(); it != files_.end(); ++it) {
    if (it->path == path) {
      sc::Forget(it->cleanup_id);
      files_.erase(it);
      break;
    }
  }
}

}  // namespace mc::sort
