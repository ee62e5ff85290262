// TokenSource: the bearer token to send. A static token, or a token file (projected service account tokens
// rotate) re-read when the cached value is older than the refresh period; a failed re-read keeps the last token.
#pragma once
#include <chrono>
#include <mutex>
#include <string>

namespace peregrine::kube {

class TokenSource {
 public:
  TokenSource(std::string static_token, std::string token_file, std::chrono::seconds refresh_period);

  // Current token ("" when none). Thread-safe.
  std::string token();
  // Forces the next token() to re-read the file (used after a 401).
  void invalidate();

 private:
  const std::string static_token_;
  const std::string token_file_;
  const std::chrono::seconds refresh_period_;
  std::mutex mutex_;
  std::string cached_;
  std::chrono::steady_clock::time_point read_at_{};
  bool have_read_ = false;
  bool force_reread_ = false;
};

// Reads a token file and trims surrounding whitespace; throws ConfigError when unreadable.
std::string read_token_file(const std::string& path);

}  // namespace peregrine::kube
