// The `jaegertracing.io/v1` `Jaeger` custom resource as plain C++ data: every field the Jaeger operator
// supports. Kubernetes sub-objects the operator only passes through (volumes, resources, affinity, probes,
// deployment strategies, ...) stay as JSON so nothing the user wrote is lost.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "operator/api/deployment_strategy.hpp"
#include "operator/api/options.hpp"
#include "operator/api/storage_type.hpp"

namespace peregrine::operator_api {

using Json = nlohmann::json;
using StringMap = std::map<std::string, std::string>;

inline constexpr const char* kJaegerApiVersion = "jaegertracing.io/v1";
inline constexpr const char* kJaegerKind = "Jaeger";

// Fields shared by the whole spec and by every component (most specific wins when merged).
struct CommonSpec {
  Json volumes = Json::array();        // []Volume
  Json volume_mounts = Json::array();  // []VolumeMount
  StringMap annotations;
  StringMap labels;
  Json resources = Json::object();  // ResourceRequirements
  std::optional<Json> affinity;
  Json tolerations = Json::array();
  std::optional<Json> security_context;            // PodSecurityContext
  std::optional<Json> container_security_context;  // SecurityContext
  std::string service_account;
  std::optional<Json> liveness_probe;
  Json image_pull_secrets = Json::array();  // []LocalObjectReference
  std::string image_pull_policy;
};

struct AutoScaleSpec {
  std::optional<bool> autoscale;
  std::optional<std::int32_t> min_replicas;
  std::optional<std::int32_t> max_replicas;
};

struct MetricsStorageSpec {
  std::string type;  // "" or "prometheus"
  std::string server_url;
};

struct AllInOneSpec {
  std::string image;
  Options options;
  Json config = Json::object();
  MetricsStorageSpec metrics_storage;
  CommonSpec common;
  std::optional<bool> tracing_enabled;
  std::optional<Json> strategy;  // apps/v1 DeploymentStrategy
  std::string priority_class_name;
};

struct QuerySpec {
  std::optional<std::int32_t> replicas;
  std::string image;
  Options options;
  MetricsStorageSpec metrics_storage;
  CommonSpec common;
  std::string service_type;
  std::int32_t node_port = 0;
  std::int32_t grpc_node_port = 0;
  std::optional<bool> tracing_enabled;
  std::string priority_class_name;
  std::optional<Json> strategy;
  StringMap node_selector;
};

struct CollectorSpec {
  AutoScaleSpec autoscale;
  std::optional<std::int32_t> replicas;
  std::string image;
  Options options;
  CommonSpec common;
  Json config = Json::object();
  std::string service_type;
  std::string priority_class_name;
  std::optional<Json> strategy;
  std::string kafka_secret_name;
  StringMap node_selector;
  std::optional<Json> lifecycle;
  std::optional<std::int64_t> termination_grace_period_seconds;
};

struct IngesterSpec {
  AutoScaleSpec autoscale;
  std::optional<std::int32_t> replicas;
  std::string image;
  Options options;
  CommonSpec common;
  Json config = Json::object();
  std::optional<Json> strategy;
  std::string kafka_secret_name;
  StringMap node_selector;
};

struct AgentSpec {
  std::string strategy;  // "" / "Sidecar" (default) or "DaemonSet"
  std::string image;
  Options options;
  CommonSpec common;
  Json config = Json::object();
  std::optional<Json> sidecar_security_context;
  std::optional<bool> host_network;
  std::string dns_policy;
  std::string priority_class_name;
};

// Free-form JSON handed to Jaeger as a file (`ui.json`, `sampling.json`).
struct FreeFormSpec {
  Json options = Json::object();
};

struct IngressTlsSpec {
  std::vector<std::string> hosts;
  std::string secret_name;
};

struct IngressSpec {
  std::optional<bool> enabled;
  std::string security;  // "", "none" or "oauth-proxy" (the latter is OpenShift-only)
  std::vector<std::string> hosts;
  std::string path_type;
  std::vector<IngressTlsSpec> tls;
  std::string secret_name;  // deprecated in favour of tls
  CommonSpec common;
  Options options;
  std::optional<std::string> ingress_class_name;
};

struct CassandraCreateSchemaSpec {
  std::optional<bool> enabled;
  std::string image;
  std::string datacenter;
  std::string mode;
  std::string trace_ttl;  // Go duration, e.g. "48h"
  std::string timeout;    // Go duration
  std::optional<Json> affinity;
  std::optional<std::int32_t> ttl_seconds_after_finished;
};

struct DependenciesSpec {
  std::optional<bool> enabled;
  std::string spark_master;
  std::string schedule;
  std::optional<std::int32_t> successful_jobs_history_limit;
  std::string image;
  std::string java_opts;
  bool cassandra_client_auth_enabled = false;
  std::optional<bool> elasticsearch_client_node_only;
  std::optional<bool> elasticsearch_nodes_wan_only;
  std::string elasticsearch_time_range;
  std::optional<std::int32_t> ttl_seconds_after_finished;
  std::optional<std::int32_t> backoff_limit;
  CommonSpec common;
};

struct EsIndexCleanerSpec {
  std::optional<bool> enabled;
  std::optional<std::int32_t> number_of_days;
  std::string schedule;
  std::optional<std::int32_t> successful_jobs_history_limit;
  std::string image;
  std::optional<std::int32_t> ttl_seconds_after_finished;
  std::optional<std::int32_t> backoff_limit;
  CommonSpec common;
  std::string priority_class_name;
};

struct EsRolloverSpec {
  std::string image;
  std::string schedule;
  std::optional<std::int32_t> successful_jobs_history_limit;
  std::string conditions;
  std::optional<std::int32_t> ttl_seconds_after_finished;
  std::optional<std::int32_t> backoff_limit;
  std::string read_ttl;  // Go duration
  CommonSpec common;
};

struct GrpcPluginSpec {
  std::string image;  // init container that copies the plugin binary to /plugin
};

struct StorageSpec {
  StorageType type = StorageType::Memory;
  std::string secret_name;
  Options options;
  CassandraCreateSchemaSpec cassandra_create_schema;
  DependenciesSpec dependencies;
  EsIndexCleanerSpec es_index_cleaner;
  EsRolloverSpec es_rollover;
  Json elasticsearch = Json::object();  // OpenShift Elasticsearch operator settings: accepted, not rendered
  GrpcPluginSpec grpc_plugin;
};

struct JaegerSpec {
  DeploymentStrategy strategy = DeploymentStrategy::AllInOne;
  AllInOneSpec all_in_one;
  QuerySpec query;
  CollectorSpec collector;
  IngesterSpec ingester;
  AgentSpec agent;
  FreeFormSpec ui;
  FreeFormSpec sampling;
  StorageSpec storage;
  IngressSpec ingress;
  CommonSpec common;
};

struct ObjectMeta {
  std::string name;
  std::string namespace_name;
  std::string uid;
  StringMap labels;
  StringMap annotations;
};

struct Jaeger {
  std::string api_version = kJaegerApiVersion;
  std::string kind = kJaegerKind;
  ObjectMeta metadata;
  JaegerSpec spec;
};

}  // namespace peregrine::operator_api
