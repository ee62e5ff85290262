// EsDependencyReader: service dependency links from Jaeger's "[prefix-]jaeger-dependencies-YYYY-MM-DD" indices
// (documents {"timestamp", "dependencies":[{"parent","child","callCount"}]} written by the spark-dependencies
// job), or the "…-read" alias with es.use-aliases. Links of the same parent → child are summed.
#pragma once
#include <memory>
#include <string>

#include "backend/esutil/es_http_client.hpp"
#include "backend/storage/elasticsearch/es_options.hpp"
#include "backend/storage/span_reader.hpp"

namespace peregrine::storage::elasticsearch {

class EsDependencyReader : public DependencyReader {
 public:
  EsDependencyReader(EsStorageOptions opts, std::shared_ptr<esutil::EsHttpClient> http);
  std::vector<model::DependencyLink> get_dependencies(int64_t end_ts_us, int64_t lookback_us) override;

  std::vector<std::string> read_indices(int64_t start_us, int64_t end_us) const;

 private:
  EsStorageOptions opts_;
  std::shared_ptr<esutil::EsHttpClient> http_;
  std::string base_;
};

}  // namespace peregrine::storage::elasticsearch
