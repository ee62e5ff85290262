// TempDirectory implementation (mkdtemp: unique name, mode 0700).
#include "backend/storage/embedded/temp_directory.hpp"

#include <spdlog/spdlog.h>
#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <system_error>
#include <vector>

namespace peregrine::storage::embedded {

TempDirectory::TempDirectory(const std::string& name_prefix) {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string pattern = (base / (name_prefix + "XXXXXX")).string();
  std::vector<char> buf(pattern.begin(), pattern.end());
  buf.push_back('\0');
  if (::mkdtemp(buf.data()) == nullptr) {
    throw std::runtime_error("cannot create a temporary directory in " + base.string() + ": " + std::strerror(errno));
  }
  path_ = buf.data();
}

TempDirectory::~TempDirectory() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
  if (ec) spdlog::warn("cannot remove temporary directory {}: {}", path_.string(), ec.message());
}

}  // namespace peregrine::storage::embedded
