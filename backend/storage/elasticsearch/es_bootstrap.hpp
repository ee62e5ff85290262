// EsBootstrap: what must happen once before the first span is written — learn the backend version (es.version
// or GET /) and, with es.create-index-templates, install the span, service and dependencies templates for that
// version. Runs lazily from the bulk writer and is retried until it succeeds, so a cluster that is still
// starting delays writes (with back-pressure) instead of failing the collector's start-up.
#pragma once
#include <mutex>
#include <optional>
#include <string>

#include "backend/esutil/backend_version.hpp"
#include "backend/esutil/es_http_client.hpp"
#include "backend/storage/elasticsearch/es_options.hpp"

namespace peregrine::storage::elasticsearch {

class EsBootstrap {
 public:
  EsBootstrap(const EsStorageOptions& opts, esutil::EsHttpClient& http) : opts_(opts), http_(http) {}

  // true once done; on failure returns false with *error set (the next call retries).
  bool ensure(std::string* error);

 private:
  const EsStorageOptions& opts_;
  esutil::EsHttpClient& http_;
  std::mutex mu_;
  bool done_ = false;
  std::optional<esutil::BackendVersion> version_;
};

}  // namespace peregrine::storage::elasticsearch
