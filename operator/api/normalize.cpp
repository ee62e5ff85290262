// Defaulting rules, following pkg/strategy/controller.go (normalize) of the Jaeger operator.
#include "operator/api/normalize.hpp"

#include <algorithm>
#include <cctype>

namespace peregrine::operator_api {

namespace {

bool is_true(const std::optional<std::string>& value) {
  if (!value) return false;
  std::string lower = *value;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower == "true";
}

// The Spark job cannot talk TLS to Elasticsearch, so it is only switched on by default without TLS.
bool elasticsearch_tls_configured(const Options& options) {
  return is_true(options.get("es.tls")) || is_true(options.get("es.tls.enabled")) ||
         is_true(options.get("es.tls.skip-host-verify")) || !options.get("es.tls.ca").value_or("").empty();
}

bool supports_spark_dependencies(StorageType type) {
  return type == StorageType::Elasticsearch || type == StorageType::Cassandra;
}

void normalize_dependencies(StorageSpec& storage) {
  if (!storage.dependencies.enabled && supports_spark_dependencies(storage.type) &&
      !elasticsearch_tls_configured(storage.options)) {
    storage.dependencies.enabled = true;
  }
  if (storage.dependencies.schedule.empty()) storage.dependencies.schedule = kDefaultDependenciesSchedule;
}

void normalize_index_cleaner(StorageSpec& storage) {
  EsIndexCleanerSpec& cleaner = storage.es_index_cleaner;
  if (!cleaner.enabled && storage.type == StorageType::Elasticsearch) cleaner.enabled = true;
  if (cleaner.schedule.empty()) cleaner.schedule = kDefaultIndexCleanerSchedule;
  if (!cleaner.number_of_days) cleaner.number_of_days = kDefaultIndexCleanerDays;
}

void normalize_cassandra_schema(CassandraCreateSchemaSpec& schema) {
  if (!schema.enabled) schema.enabled = true;
  // create-schema's own default datacenter is "dc1", Jaeger's is "test": align with Jaeger.
  if (schema.datacenter.empty()) schema.datacenter = "test";
  if (schema.mode.empty()) schema.mode = "prod";
}

void normalize_ui(JaegerSpec& spec) {
  Json& ui = spec.ui.options;
  if (!ui.is_object()) ui = Json::object();
  // The archive button is shown only when an archive storage is configured (explicit settings win).
  if (!ui.contains("archiveEnabled") && (is_true(spec.storage.options.get("es-archive.enabled")) ||
                                         is_true(spec.storage.options.get("cassandra-archive.enabled")))) {
    ui["archiveEnabled"] = true;
  }
  // The dependencies tab needs either the memory storage or the Spark job.
  bool dependencies_available =
      spec.storage.type == StorageType::Memory || spec.storage.dependencies.enabled.value_or(false);
  if (!dependencies_available) {
    Json& dependencies = ui["dependencies"];
    if (dependencies.is_null()) dependencies = Json::object();
    if (dependencies.is_object() && !dependencies.contains("menuEnabled")) dependencies["menuEnabled"] = false;
  }
}

}  // namespace

Jaeger normalize(Jaeger jaeger) {
  if (jaeger.metadata.name.empty()) jaeger.metadata.name = kDefaultInstanceName;
  JaegerSpec& spec = jaeger.spec;
  // memory and badger live inside one process: only all-in-one can use them.
  if (!is_distributed_storage(spec.storage.type)) spec.strategy = DeploymentStrategy::AllInOne;
  // OAuth proxy security exists on OpenShift only; on Kubernetes the query ingress is always plain.
  spec.ingress.security = "none";
  normalize_dependencies(spec.storage);
  normalize_index_cleaner(spec.storage);
  if (spec.storage.es_rollover.schedule.empty()) spec.storage.es_rollover.schedule = kDefaultRolloverSchedule;
  normalize_cassandra_schema(spec.storage.cassandra_create_schema);
  normalize_ui(spec);
  return jaeger;
}

}  // namespace peregrine::operator_api
