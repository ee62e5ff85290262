// Index templates for Jaeger's span, service and dependencies indices, in the two shapes Elasticsearch
// accepts: the legacy _template API (Elasticsearch 7, OpenSearch 1/2) and composable _index_template
// (Elasticsearch 8+, with a priority). Field mappings follow Jaeger's (keyword ids/names, long µs times,
// startTimeMillis as epoch_millis date, nested tags / process.tags / logs.fields / references, "tag.*" and
// "process.tag.*" object fields mapped as keyword by dynamic templates), so Jaeger and Peregrine can share
// indices in either direction.
#pragma once
#include <cstdint>
#include <string>

#include "backend/esutil/backend_version.hpp"

namespace peregrine::esutil {

enum class TemplateKind { Span, Service, Dependencies };

struct TemplateParams {
  std::string index_prefix;  // as given by the user ("" or e.g. "prod"); "-" is appended as Jaeger does
  int64_t shards = 5;
  int64_t replicas = 1;
  int64_t priority = 0;  // Elasticsearch 8+ only
  bool use_ilm = false;  // adds the read alias and the lifecycle / ISM rollover alias settings
  std::string ilm_policy_name = "jaeger-ilm-policy";
};

// "jaeger-span" / "jaeger-service" / "jaeger-dependencies".
const char* template_base_name(TemplateKind kind);

// Template name as Jaeger registers it: prefix applied to the base name ("prod-jaeger-span").
std::string template_name(TemplateKind kind, const std::string& index_prefix);

// The template body (JSON text) for this backend version.
std::string render_index_template(TemplateKind kind, const TemplateParams& params, const BackendVersion& version);

// "/_template/<name>" or "/_index_template/<name>".
std::string template_endpoint(const std::string& name, const BackendVersion& version);

}  // namespace peregrine::esutil
