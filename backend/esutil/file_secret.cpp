// Reloadable file secret (see file_secret.hpp).
#include "backend/esutil/file_secret.hpp"

#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace peregrine::esutil {

namespace {

int64_t file_mtime_ns(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
}

}  // namespace

std::string read_secret_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read secret file " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string v = ss.str();
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r')) v.pop_back();
  return v;
}

FileSecret::FileSecret(std::string path) : path_(std::move(path)) {
  mtime_ns_ = file_mtime_ns(path_);
  value_ = read_secret_file(path_);
  next_check_ = std::chrono::steady_clock::now() + std::chrono::seconds(1);
}

std::string FileSecret::value() {
  std::lock_guard<std::mutex> lock(mu_);
  auto now = std::chrono::steady_clock::now();
  if (now >= next_check_) {
    next_check_ = now + std::chrono::seconds(1);
    int64_t mtime = file_mtime_ns(path_);
    if (mtime >= 0 && mtime != mtime_ns_) {
      try {
        value_ = read_secret_file(path_);
        mtime_ns_ = mtime;
      } catch (const std::exception&) {
        // keep the last good value; the next check retries
      }
    }
  }
  return value_;
}

}  // namespace peregrine::esutil
