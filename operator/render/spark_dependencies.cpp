// The `<n>-spark-dependencies` CronJob that computes the service dependency graph from stored spans
// (pkg/cronjob/spark_dependencies.go of the Jaeger operator).
#include "operator/render/cronjobs.hpp"
#include "operator/render/images.hpp"
#include "operator/render/k8s_json.hpp"
#include "operator/render/merged_spec.hpp"
#include "operator/render/naming.hpp"
#include "operator/render/workload.hpp"

namespace peregrine::operator_render {

namespace {

using operator_api::StorageType;

Json storage_env(const operator_api::StorageSpec& storage) {
  const auto& options = storage.options;
  auto option = [&](const char* key) { return options.get(key).value_or(""); };
  const auto& dependencies = storage.dependencies;
  if (storage.type == StorageType::Cassandra) {
    std::string keyspace = option("cassandra.keyspace");
    return Json::array({
        env_var("CASSANDRA_CONTACT_POINTS", option("cassandra.servers")),
        env_var("CASSANDRA_KEYSPACE", keyspace.empty() ? "jaeger_v1_test" : keyspace),
        env_var("CASSANDRA_USERNAME", option("cassandra.username")),
        env_var("CASSANDRA_PASSWORD", option("cassandra.password")),
        env_var("CASSANDRA_USE_SSL", option("cassandra.tls")),
        env_var("CASSANDRA_LOCAL_DC", option("cassandra.local-dc")),
        env_var("CASSANDRA_CLIENT_AUTH_ENABLED", dependencies.cassandra_client_auth_enabled ? "true" : "false"),
    });
  }
  Json env = Json::array({
      env_var("ES_NODES", option("es.server-urls")),
      env_var("ES_INDEX_PREFIX", option("es.index-prefix")),
      env_var("ES_INDEX_DATE_SEPARATOR", option("es.index-date-separator")),
      env_var("ES_USERNAME", option("es.username")),
      env_var("ES_PASSWORD", option("es.password")),
      env_var("ES_TIME_RANGE", dependencies.elasticsearch_time_range),
      env_var("ES_USE_ALIASES", option("es.use-aliases")),
  });
  if (dependencies.elasticsearch_nodes_wan_only) {
    env.push_back(env_var("ES_NODES_WAN_ONLY", *dependencies.elasticsearch_nodes_wan_only ? "true" : "false"));
  }
  if (dependencies.elasticsearch_client_node_only) {
    env.push_back(env_var("ES_CLIENT_NODE_ONLY", *dependencies.elasticsearch_client_node_only ? "true" : "false"));
  }
  return env;
}

}  // namespace

std::optional<Json> render_spark_dependencies(const Instance& instance) {
  const auto& spec = instance.spec();
  const auto& storage = spec.storage;
  const auto& dependencies = storage.dependencies;
  if (!dependencies.enabled.value_or(false)) return std::nullopt;
  if (storage.type != StorageType::Elasticsearch && storage.type != StorageType::Cassandra) return std::nullopt;

  const std::string name = truncate_name(instance.name(), "-spark-dependencies", 52);
  MergedSpec merged = merge_specs(
      {&dependencies.common, &spec.common}, component_labels(instance, name, "spark-dependencies"),
      {{"prometheus.io/scrape", "false"}, {"sidecar.istio.io/inject", "false"}, {"linkerd.io/inject", "disabled"}});
  // The job mounts only the volumes declared for it, not the instance-wide ones.
  merged.volumes = dependencies.common.volumes;
  merged.volume_mounts = dependencies.common.volume_mounts;

  Json env = Json::array({
      env_var("STORAGE", std::string(operator_api::storage_type_name(storage.type))),
      env_var("SPARK_MASTER", dependencies.spark_master),
      env_var("JAVA_OPTS", dependencies.java_opts),
  });
  for (const auto& entry : storage_env(storage)) env.push_back(entry);

  ContainerParts container;
  container.name = dns_name(name);
  container.image = resolve_image(dependencies.image, ImageComponent::SparkDependencies, instance.context);
  container.env = without_empty_env(env);
  container.env_from = env_from_secret(storage.secret_name);

  Json pod_spec{{"containers", Json::array({build_container(container, merged)})}, {"restartPolicy", "Never"}};
  put_pod_common(pod_spec, instance, merged);

  Json job_spec{{"parallelism", 1},
                {"template",
                 {{"metadata", {{"labels", string_map_json(merged.labels)}, {"annotations", string_map_json(merged.annotations)}}},
                  {"spec", pod_spec}}}};
  if (dependencies.backoff_limit) job_spec["backoffLimit"] = *dependencies.backoff_limit;
  if (dependencies.ttl_seconds_after_finished) job_spec["ttlSecondsAfterFinished"] = *dependencies.ttl_seconds_after_finished;

  Json spec_json{{"schedule", dependencies.schedule},
                 {"concurrencyPolicy", "Forbid"},
                 {"jobTemplate", {{"spec", std::move(job_spec)}}}};
  if (dependencies.successful_jobs_history_limit) {
    spec_json["successfulJobsHistoryLimit"] = *dependencies.successful_jobs_history_limit;
  }
  Json cronjob = k8s_object(instance.context.cronjob_api_version, "CronJob", object_meta(instance, name, merged.labels));
  cronjob["spec"] = std::move(spec_json);
  return cronjob;
}

}  // namespace peregrine::operator_render
