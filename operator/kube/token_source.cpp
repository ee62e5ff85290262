// TokenSource: cached, periodically re-read bearer token.
#include "operator/kube/token_source.hpp"

#include <fstream>
#include <sstream>

#include "operator/kube/client_config.hpp"

namespace peregrine::kube {

std::string read_token_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError("cannot read token file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

TokenSource::TokenSource(std::string static_token, std::string token_file, std::chrono::seconds refresh_period)
    : static_token_(std::move(static_token)), token_file_(std::move(token_file)), refresh_period_(refresh_period) {}

std::string TokenSource::token() {
  if (token_file_.empty()) return static_token_;
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (!have_read_ || force_reread_ || now - read_at_ >= refresh_period_) {
    force_reread_ = false;
    try {
      cached_ = read_token_file(token_file_);
      have_read_ = true;
    } catch (const ConfigError&) {
      if (!have_read_) cached_ = static_token_;  // keep the last good token on a failed re-read
    }
    read_at_ = now;
  }
  return cached_;
}

void TokenSource::invalidate() {
  std::lock_guard lock(mutex_);
  force_reread_ = true;
}

}  // namespace peregrine::kube
