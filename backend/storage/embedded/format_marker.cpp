// Format marker check and creation.
#include "backend/storage/embedded/format_marker.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>

namespace peregrine::storage::embedded {

namespace {

constexpr std::string_view kMarkerPrefix = "peregrine-embedded-format ";

// The version a marker file names; 0 when its content is not a marker.
int read_marker(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  if (!std::getline(in, line) || line.rfind(kMarkerPrefix, 0) != 0) return 0;
  int version = 0;
  const char* first = line.data() + kMarkerPrefix.size();
  const char* last = line.data() + line.size();
  auto [end, ec] = std::from_chars(first, last, version);
  return ec == std::errc() && end == last ? version : 0;
}

// Writes the marker and syncs it, so it is on disk before RocksDB creates the database beside it.
void write_marker(const std::filesystem::path& file) {
  const std::string text = format_marker_text(kFormatVersion);
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  const int error = errno;
  if (fd >= 0) ::close(fd);
  if (!ok) {
    throw std::runtime_error("cannot write the embedded storage format marker " + file.string() + ": " +
                             std::strerror(error));
  }
}

}  // namespace

std::string format_marker_text(int version) { return std::string(kMarkerPrefix) + std::to_string(version) + "\n"; }

void check_or_write_format(const std::filesystem::path& directory, bool read_only) {
  std::error_code ec;
  const std::filesystem::path marker = directory / kFormatMarkerFile;
  const bool has_database = std::filesystem::exists(directory / "CURRENT", ec);
  if (std::filesystem::exists(marker, ec)) {
    const int version = read_marker(marker);
    if (version == kFormatVersion) return;
    throw std::runtime_error(
        "embedded storage in " + directory.string() + " has on-disk format " +
        (version == 0 ? std::string("unknown (unreadable ") + kFormatMarkerFile + ")" : std::to_string(version)) +
        "; this Peregrine reads format " + std::to_string(kFormatVersion) +
        ". Point badger.directory-value at another directory, or delete this one to start empty");
  }
  if (has_database) {
    throw std::runtime_error(
        "embedded storage in " + directory.string() +
        " was written by an earlier Peregrine build (on-disk format 1: one index row per span), which this build "
        "cannot search; it reads format " +
        std::to_string(kFormatVersion) +
        ". The directory was left untouched: point badger.directory-value at another directory, or delete this "
        "one to start empty");
  }
  if (!read_only) write_marker(marker);
}

}  // namespace peregrine::storage::embedded
