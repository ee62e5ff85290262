// Storage preparation Jobs (pkg/storage/cassandra_dependencies.go and elasticsearch_dependencies.go).
#include "operator/render/storage_jobs.hpp"

#include <chrono>

#include "operator/api/go_duration.hpp"
#include "operator/render/es_script_env.hpp"
#include "operator/render/images.hpp"
#include "operator/render/k8s_json.hpp"
#include "operator/render/merged_spec.hpp"
#include "operator/render/naming.hpp"
#include "operator/render/workload.hpp"

namespace peregrine::operator_render {

namespace {

using operator_api::StorageType;

constexpr std::int64_t kDefaultSchemaJobTimeoutSeconds = 86400;  // a day, then the Job fails for good
// The schema script retries forever; restarting its container after ~5 minutes guards against a stuck loop.
constexpr std::int64_t kSchemaPodTimeoutSeconds = 320;
constexpr std::int64_t kDefaultTraceTtlSeconds = 172800;  // create.sh's default: 2 days

std::int64_t seconds_of(const std::string& go_duration, std::int64_t fallback) {
  if (go_duration.empty()) return fallback;
  auto parsed = operator_api::parse_go_duration(go_duration);
  if (!parsed) return fallback;
  return std::chrono::duration_cast<std::chrono::seconds>(*parsed + std::chrono::milliseconds(500)).count();
}

}  // namespace

std::optional<Json> render_cassandra_schema_job(const Instance& instance) {
  const auto& spec = instance.spec();
  const auto& storage = spec.storage;
  const auto& schema = storage.cassandra_create_schema;
  if (storage.type != StorageType::Cassandra || !schema.enabled.value_or(true)) return std::nullopt;

  auto option = [&](const char* key, const char* fallback) {
    std::string value = storage.options.get(key).value_or("");
    return value.empty() ? std::string(fallback) : value;
  };
  std::string servers = option("cassandra.servers", "");
  std::string host = servers.substr(0, servers.find(','));

  Json env = Json::array({
      env_var("MODE", schema.mode.empty() ? "prod" : schema.mode),
      env_var("DATACENTER", schema.datacenter.empty() ? "test" : schema.datacenter),
      env_var("CQLSH_HOST", host.empty() ? "cassandra" : host),
      env_var("CQLSH_PORT", option("cassandra.port", "9042")),
      env_var("KEYSPACE", option("cassandra.keyspace", "jaeger_v1_test")),
  });
  // Credentials come from the storage secret when there is one.
  if (storage.secret_name.empty()) {
    env.push_back(env_var("CASSANDRA_USERNAME", option("cassandra.username", "")));
    env.push_back(env_var("CASSANDRA_PASSWORD", option("cassandra.password", "")));
  }
  env.push_back(env_var("TRACE_TTL", std::to_string(seconds_of(schema.trace_ttl, kDefaultTraceTtlSeconds))));

  const std::string name = truncate_name(instance.name(), "-cassandra-schema-job", 63);
  MergedSpec merged = merge_specs(
      {&spec.collector.common, &spec.common}, component_labels(instance, name, "cronjob-cassandra-schema"),
      {{"prometheus.io/scrape", "false"}, {"sidecar.istio.io/inject", "false"}, {"linkerd.io/inject", "disabled"}});

  ContainerParts container;
  container.name = dns_name(name);
  container.image = resolve_image(schema.image, ImageComponent::CassandraSchema, instance.context);
  container.env = env;
  container.env_from = env_from_secret(storage.secret_name);
  Json container_json = build_container(container, merged);
  container_json.erase("imagePullPolicy");
  container_json.erase("securityContext");

  Json pod_spec{{"containers", Json::array({container_json})},
                {"activeDeadlineSeconds", kSchemaPodTimeoutSeconds},
                {"restartPolicy", "OnFailure"}};
  if (schema.affinity) pod_spec["affinity"] = *schema.affinity;
  put_if_set(pod_spec, "tolerations", merged.tolerations);
  if (merged.security_context) put_if_set(pod_spec, "securityContext", *merged.security_context);
  put_if_set(pod_spec, "volumes", merged.volumes);
  put_if_set(pod_spec, "imagePullSecrets", merged.image_pull_secrets);

  Json job_spec{{"activeDeadlineSeconds", seconds_of(schema.timeout, kDefaultSchemaJobTimeoutSeconds)},
                {"template", {{"metadata", {{"annotations", string_map_json(merged.annotations)}}}, {"spec", pod_spec}}}};
  if (schema.ttl_seconds_after_finished) job_spec["ttlSecondsAfterFinished"] = *schema.ttl_seconds_after_finished;

  Json job = k8s_object("batch/v1", "Job", object_meta(instance, name, merged.labels));
  job["spec"] = std::move(job_spec);
  return job;
}

std::optional<Json> render_es_rollover_mapping_job(const Instance& instance) {
  const auto& spec = instance.spec();
  const auto& storage = spec.storage;
  if (!uses_es_aliases(storage)) return std::nullopt;

  const std::string name = truncate_name(instance.name(), "-es-rollover-create-mapping", 63);
  MergedSpec merged = merge_specs(
      {&storage.es_rollover.common, &spec.common}, component_labels(instance, name, "job-es-rollover-create-mapping"),
      {{"prometheus.io/scrape", "false"}, {"sidecar.istio.io/inject", "false"}, {"linkerd.io/inject", "disabled"}});

  Json env = es_script_env(storage.options);
  if (auto shards = storage.options.get("es.num-shards")) env.push_back(env_var("SHARDS", *shards));
  if (auto replicas = storage.options.get("es.num-replicas")) env.push_back(env_var("REPLICAS", *replicas));

  ContainerParts container;
  container.name = dns_name(name);
  container.image = resolve_image(storage.es_rollover.image, ImageComponent::EsRollover, instance.context);
  container.args = {"init", first_elasticsearch_url(storage.options)};
  container.env = without_empty_env(env);
  container.env_from = env_from_secret(storage.secret_name);

  Json pod_spec{{"containers", Json::array({build_container(container, merged)})}, {"restartPolicy", "OnFailure"}};
  put_pod_common(pod_spec, instance, merged);

  Json job = k8s_object("batch/v1", "Job", object_meta(instance, name, merged.labels));
  job["spec"] = {{"template",
                  {{"metadata", {{"labels", string_map_json(merged.labels)}, {"annotations", string_map_json(merged.annotations)}}},
                   {"spec", pod_spec}}}};
  return job;
}

}  // namespace peregrine::operator_render
