// Everything rendering needs besides the CR itself: operator version, image overrides (from RELATED_IMAGE_*
// variables, read by the caller), the fallback namespace and the API versions the cluster serves.
// Rendering never reads the environment; callers fill this in.
#pragma once
#include <map>
#include <string>

namespace peregrine::operator_render {

// The container images an instance can use, each overridable per CR and per operator.
enum class ImageComponent {
  AllInOne,
  Collector,
  Query,
  Ingester,
  Agent,
  CassandraSchema,
  SparkDependencies,
  EsIndexCleaner,
  EsRollover,
};

struct RenderContext {
  std::string operator_version = "0.0.0";               // tag of the default images
  std::map<ImageComponent, std::string> image_overrides;  // operator-wide defaults (RELATED_IMAGE_*)
  std::string default_namespace = "default";             // used when the CR has no metadata.namespace
  // Platform capabilities: clusters older than 1.21 / 1.23 serve only the beta APIs.
  std::string cronjob_api_version = "batch/v1";           // or "batch/v1beta1"
  std::string autoscaling_api_version = "autoscaling/v2";  // or "autoscaling/v2beta2"
};

}  // namespace peregrine::operator_render
