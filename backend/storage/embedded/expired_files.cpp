// Expired-file selection and compaction.
#include "backend/storage/embedded/expired_files.hpp"

#include <rocksdb/db.h>
#include <rocksdb/metadata.h>
#include <rocksdb/options.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "backend/storage/embedded/expiry_hooks.hpp"

namespace peregrine::storage::embedded {

namespace {

std::string base_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

std::vector<SstFile> live_files(rocksdb::DB& db) {
  rocksdb::TablePropertiesCollection props;
  rocksdb::Status s = db.GetPropertiesOfAllTables(&props);
  if (!s.ok()) {
    spdlog::warn("embedded storage maintenance: cannot read table properties: {}", s.ToString());
    return {};
  }
  std::map<std::string, std::optional<int64_t>> expiry_by_file;
  for (const auto& [path, p] : props) {
    if (p) expiry_by_file[base_name(path)] = max_expiry_of(*p);
  }
  std::vector<rocksdb::LiveFileMetaData> meta;
  db.GetLiveFilesMetaData(&meta);
  std::vector<SstFile> files;
  files.reserve(meta.size());
  for (const auto& m : meta) {
    SstFile f;
    f.name = m.name;
    f.level = m.level;
    f.being_compacted = m.being_compacted;
    auto it = expiry_by_file.find(base_name(m.name));
    if (it != expiry_by_file.end()) f.max_expiry_us = it->second;
    files.push_back(std::move(f));
  }
  return files;
}

}  // namespace

std::map<int, std::vector<std::string>> expired_files_by_level(const std::vector<SstFile>& files, int64_t now_us) {
  std::map<int, std::vector<std::string>> out;
  for (const auto& f : files) {
    if (f.being_compacted || !f.max_expiry_us || *f.max_expiry_us > now_us) continue;
    out[f.level].push_back(f.name);
  }
  return out;
}

ExpiredCompaction compact_expired_files(rocksdb::DB& db, int64_t now_us) {
  ExpiredCompaction result;
  for (const auto& [level, names] : expired_files_by_level(live_files(db), now_us)) {
    rocksdb::Status s = db.CompactFiles(rocksdb::CompactionOptions(), names, level);
    if (s.ok()) {
      result.files += names.size();
    } else {
      result.ok = false;
      spdlog::warn("embedded storage maintenance: compacting {} expired file(s) on level {} failed: {}", names.size(),
                   level, s.ToString());
    }
  }
  return result;
}

}  // namespace peregrine::storage::embedded
