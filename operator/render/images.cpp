// Default images and their override rules.
#include "operator/render/images.hpp"

namespace peregrine::operator_render {

namespace {

bool has_tag_or_digest(const std::string& image) {
  if (image.find('@') != std::string::npos) return true;
  auto slash = image.rfind('/');
  auto colon = image.rfind(':');
  return colon != std::string::npos && (slash == std::string::npos || colon > slash);
}

const ImageDefault& default_for(ImageComponent component) {
  for (const auto& entry : image_defaults()) {
    if (entry.component == component) return entry;
  }
  return image_defaults().front();
}

}  // namespace

const std::vector<ImageDefault>& image_defaults() {
  // Spark dependencies is a Spark job that Peregrine does not reimplement: the upstream image is used, untagged
  // (it is published as "latest" only), exactly as the Jaeger operator does.
  static const std::vector<ImageDefault> kDefaults{
      {ImageComponent::AllInOne, "peregrine/all-in-one", "RELATED_IMAGE_JAEGER_ALL_IN_ONE", true},
      {ImageComponent::Collector, "peregrine/collector", "RELATED_IMAGE_JAEGER_COLLECTOR", true},
      {ImageComponent::Query, "peregrine/query", "RELATED_IMAGE_JAEGER_QUERY", true},
      {ImageComponent::Ingester, "peregrine/ingester", "RELATED_IMAGE_JAEGER_INGESTER", true},
      {ImageComponent::Agent, "peregrine/agent", "RELATED_IMAGE_JAEGER_AGENT", true},
      {ImageComponent::CassandraSchema, "peregrine/cassandra-schema", "RELATED_IMAGE_CASSANDRA_SCHEMA", true},
      {ImageComponent::SparkDependencies, "ghcr.io/jaegertracing/spark-dependencies/spark-dependencies",
       "RELATED_IMAGE_SPARK_DEPENDENCIES", false},
      {ImageComponent::EsIndexCleaner, "peregrine/es-index-cleaner", "RELATED_IMAGE_JAEGER_ES_INDEX_CLEANER", true},
      {ImageComponent::EsRollover, "peregrine/es-rollover", "RELATED_IMAGE_JAEGER_ES_ROLLOVER", true},
  };
  return kDefaults;
}

std::string resolve_image(const std::string& from_cr, ImageComponent component, const RenderContext& context) {
  if (!from_cr.empty()) return from_cr;
  const ImageDefault& fallback = default_for(component);
  std::string image(fallback.repository);
  if (auto it = context.image_overrides.find(component); it != context.image_overrides.end() && !it->second.empty()) {
    image = it->second;
  }
  if (fallback.versioned && !has_tag_or_digest(image)) image += ":" + context.operator_version;
  return image;
}

}  // namespace peregrine::operator_render
