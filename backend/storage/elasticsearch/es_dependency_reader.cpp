// Dependency reads from Elasticsearch (see es_dependency_reader.hpp).
#include "backend/storage/elasticsearch/es_dependency_reader.hpp"

#include <map>
#include <nlohmann/json.hpp>

#include "backend/esutil/es_error.hpp"
#include "backend/esutil/index_names.hpp"
#include "backend/storage/elasticsearch/es_queries.hpp"
#include "backend/storage/span_writer.hpp"

namespace peregrine::storage::elasticsearch {

EsDependencyReader::EsDependencyReader(EsStorageOptions opts, std::shared_ptr<esutil::EsHttpClient> http)
    : opts_(std::move(opts)),
      http_(std::move(http)),
      base_(esutil::apply_index_prefix(opts_.index_prefix, esutil::kDependenciesIndexBase)) {}

std::vector<std::string> EsDependencyReader::read_indices(int64_t start_us, int64_t end_us) const {
  std::vector<std::string> local;
  if (opts_.use_aliases) local = {base_ + "read"};
  else local = esutil::time_range_indices(base_, opts_.dependencies_layout, start_us, end_us);
  return esutil::with_remote_clusters(local, opts_.remote_read_clusters);
}

std::vector<model::DependencyLink> EsDependencyReader::get_dependencies(int64_t end_ts_us, int64_t lookback_us) {
  const int64_t start_us = end_ts_us - lookback_us;
  const std::string target = "/" + esutil::url_encode(esutil::join_indices(read_indices(start_us, end_ts_us)), "*,:") +
                             "/_search?ignore_unavailable=true";
  esutil::EsResponse resp =
      http_->request("POST", target, dependencies_body(start_us, end_ts_us, opts_.max_doc_count));
  if (!resp.ok()) throw StorageError(esutil::EsError("failed to search for dependencies", resp).what());
  auto j = nlohmann::json::parse(resp.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw StorageError("failed to search for dependencies: unparsable response");

  std::map<std::pair<std::string, std::string>, model::DependencyLink> links;
  if (j.contains("hits") && j["hits"].contains("hits") && j["hits"]["hits"].is_array()) {
    for (const auto& hit : j["hits"]["hits"]) {
      const auto& src = hit.value("_source", nlohmann::json::object());
      if (!src.contains("dependencies") || !src["dependencies"].is_array()) continue;
      for (const auto& d : src["dependencies"]) {
        if (!d.is_object()) throw StorageError("unmarshalling ElasticSearch documents failed");
        model::DependencyLink l;
        l.parent = d.value("parent", "");
        l.child = d.value("child", "");
        l.call_count = d.value("callCount", uint64_t{0});
        if (d.contains("source") && d["source"].is_string()) l.source = d["source"].get<std::string>();
        auto key = std::make_pair(l.parent, l.child);
        auto it = links.find(key);
        if (it == links.end()) links.emplace(key, l);
        else it->second.call_count += l.call_count;
      }
    }
  }
  std::vector<model::DependencyLink> out;
  for (auto& [_, l] : links) out.push_back(std::move(l));
  return out;
}

}  // namespace peregrine::storage::elasticsearch
