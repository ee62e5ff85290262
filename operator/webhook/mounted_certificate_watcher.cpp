// Certificate files from a mounted directory, re-read periodically (see mounted_certificate_watcher.hpp).
#include "operator/webhook/mounted_certificate_watcher.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

namespace peregrine::operator_webhook {

namespace {

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().empty()) return std::nullopt;
  return text.str();
}

}  // namespace

std::optional<TlsCertificate> read_certificate_dir(const std::string& dir) {
  auto cert = read_file(dir + "/tls.crt");
  auto key = read_file(dir + "/tls.key");
  if (!cert || !key) return std::nullopt;
  return TlsCertificate{*cert, *key};
}

MountedCertificateWatcher::MountedCertificateWatcher(std::string dir, std::chrono::milliseconds poll_period,
                                                     std::function<bool(const TlsCertificate&)> on_change)
    : dir_(std::move(dir)), poll_period_(poll_period), on_change_(std::move(on_change)) {}

MountedCertificateWatcher::~MountedCertificateWatcher() { stop(); }

bool MountedCertificateWatcher::poll() {
  const auto found = read_certificate_dir(dir_);
  if (!found) return current_.has_value();
  if (current_ && *current_ == *found) return true;
  if (rejected_ && *rejected_ == *found) return current_.has_value();  // already refused: wait for new files
  if (on_change_(*found)) {
    if (current_) spdlog::info("webhook: serving the renewed certificate from {}", dir_);
    current_ = *found;
    rejected_.reset();
  } else {
    rejected_ = *found;
  }
  return current_.has_value();
}

void MountedCertificateWatcher::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] {
    while (!stop_.wait_for(poll_period_)) poll();
  });
}

void MountedCertificateWatcher::stop() {
  stop_.request_stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace peregrine::operator_webhook
