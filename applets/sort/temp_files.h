// sort's temporary files: one private directory (mode 0700, "sortXXXXXX")
// per temporary directory in use, holding numbered run files (mode 0600).
// Everything is removed when the TempFiles object goes away, and also on a
// fatal signal (applets/support/signal_cleanup.h), which is then re-raised.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace mc::sort {

class TempFiles {
 public:
  // dirs: -T directories in order (empty: $TMPDIR or /tmp, decided by caller).
  explicit TempFiles(std::vector<std::string> dirs);
  ~TempFiles();
  TempFiles(const TempFiles&) = delete;
  TempFiles& operator=(const TempFiles&) = delete;

  // Creates a new temporary file for reading and writing, round-robin over
  // the directories. Returns its fd, or -1 with *err (errno) and *dir set to
  // the directory that failed.
  int Create(std::string* path, int* err, std::string* dir);
  // Removes one file made by Create.
  void Remove(const std::string& path);

 private:
  struct Entry {
    std::string path;
    std::size_t cleanup_id;  // its registration for removal on a signal
  };
  std::vector<std::string> dirs_;
  std::vector<Entry> made_;  // private directories, per entry of dirs_
  std::vector<Entry> files_;
  std::size_t next_dir_ = 0;
  unsigned counter_ = 0;
};

}  // namespace mc::sort
