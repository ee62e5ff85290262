// A fresh private directory under the system temp directory ($TMPDIR or /tmp), removed with its contents when
// the object is destroyed: the home of an ephemeral (badger.ephemeral=true) store.
#pragma once
#include <filesystem>
#include <string>

namespace peregrine::storage::embedded {

class TempDirectory {
 public:
  // Throws std::runtime_error when the directory cannot be created.
  explicit TempDirectory(const std::string& name_prefix);
  ~TempDirectory();
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace peregrine::storage::embedded
