// A secret read from a file (es.password-file, es.token-file) and re-read when the file changes, so rotated
// Kubernetes secrets take effect without a restart. Trailing "\r\n" is trimmed, as Jaeger does.
#pragma once
#include <chrono>
#include <mutex>
#include <string>

namespace peregrine::esutil {

class FileSecret {
 public:
  // Reads the file once; throws std::runtime_error when it cannot be read.
  explicit FileSecret(std::string path);
  // Current value; checks the file's modification time at most once per second and re-reads it on change
  // (keeping the last good value when the file is temporarily unreadable).
  std::string value();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::mutex mu_;
  std::string value_;
  int64_t mtime_ns_ = 0;
  std::chrono::steady_clock::time_point next_check_;
};

// Reads a whole file and trims trailing CR/LF. Throws std::runtime_error.
std::string read_secret_file(const std::string& path);

}  // namespace peregrine::esutil
