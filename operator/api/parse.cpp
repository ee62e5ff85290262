// JSON → Jaeger CR types, field by field, following apis/v1/jaeger_types.go of the Jaeger operator.
#include "operator/api/parse.hpp"

#include "operator/api/field_reader.hpp"

namespace peregrine::operator_api {

namespace {

CommonSpec read_common(FieldReader& in) {
  CommonSpec common;
  common.volumes = in.object_list("volumes");
  common.volume_mounts = in.object_list("volumeMounts");
  common.annotations = in.string_map("annotations");
  common.labels = in.string_map("labels");
  common.resources = in.object("resources").value_or(Json::object());
  common.affinity = in.object("affinity");
  common.tolerations = in.object_list("tolerations");
  common.security_context = in.object("securityContext");
  common.container_security_context = in.object("containerSecurityContext");
  common.service_account = in.string("serviceAccount");
  common.liveness_probe = in.object("livenessProbe");
  common.image_pull_secrets = in.object_list("imagePullSecrets");
  common.image_pull_policy = in.string("imagePullPolicy");
  return common;
}

AutoScaleSpec read_autoscale(FieldReader& in) {
  AutoScaleSpec spec;
  spec.autoscale = in.boolean("autoscale");
  spec.min_replicas = in.int32("minReplicas");
  spec.max_replicas = in.int32("maxReplicas");
  return spec;
}

MetricsStorageSpec read_metrics_storage(FieldReader in) {
  MetricsStorageSpec spec;
  spec.type = in.string("type");
  spec.server_url = in.string("server-url");
  return spec;
}

AllInOneSpec read_all_in_one(FieldReader in) {
  AllInOneSpec spec;
  spec.image = in.string("image");
  spec.options = in.options("options");
  spec.config = in.object("config").value_or(Json::object());
  spec.metrics_storage = read_metrics_storage(in.child("metricsStorage"));
  spec.common = read_common(in);
  spec.tracing_enabled = in.boolean("tracingEnabled");
  spec.strategy = in.object("strategy");
  spec.priority_class_name = in.string("priorityClassName");
  return spec;
}

QuerySpec read_query(FieldReader in) {
  QuerySpec spec;
  spec.replicas = in.int32("replicas");
  spec.image = in.string("image");
  spec.options = in.options("options");
  spec.metrics_storage = read_metrics_storage(in.child("metricsStorage"));
  spec.common = read_common(in);
  spec.service_type = in.string("serviceType");
  spec.node_port = in.int32("nodePort").value_or(0);
  spec.grpc_node_port = in.int32("grpcNodePort").value_or(0);
  spec.tracing_enabled = in.boolean("tracingEnabled");
  spec.priority_class_name = in.string("priorityClassName");
  spec.strategy = in.object("strategy");
  spec.node_selector = in.string_map("nodeSelector");
  return spec;
}

CollectorSpec read_collector(FieldReader in) {
  CollectorSpec spec;
  spec.autoscale = read_autoscale(in);
  spec.replicas = in.int32("replicas");
  spec.image = in.string("image");
  spec.options = in.options("options");
  spec.common = read_common(in);
  spec.config = in.object("config").value_or(Json::object());
  spec.service_type = in.string("serviceType");
  spec.priority_class_name = in.string("priorityClassName");
  spec.strategy = in.object("strategy");
  spec.kafka_secret_name = in.string("kafkaSecretName");
  spec.node_selector = in.string_map("nodeSelector");
  spec.lifecycle = in.object("lifecycle");
  spec.termination_grace_period_seconds = in.integer("terminationGracePeriodSeconds", 0, INT64_MAX);
  return spec;
}

IngesterSpec read_ingester(FieldReader in) {
  IngesterSpec spec;
  spec.autoscale = read_autoscale(in);
  spec.replicas = in.int32("replicas");
  spec.image = in.string("image");
  spec.options = in.options("options");
  spec.common = read_common(in);
  spec.config = in.object("config").value_or(Json::object());
  spec.strategy = in.object("strategy");
  spec.kafka_secret_name = in.string("kafkaSecretName");
  spec.node_selector = in.string_map("nodeSelector");
  return spec;
}

AgentSpec read_agent(FieldReader in) {
  AgentSpec spec;
  spec.strategy = in.string("strategy");
  spec.image = in.string("image");
  spec.options = in.options("options");
  spec.common = read_common(in);
  spec.config = in.object("config").value_or(Json::object());
  spec.sidecar_security_context = in.object("sidecarSecurityContext");
  spec.host_network = in.boolean("hostNetwork");
  spec.dns_policy = in.string("dnsPolicy");
  spec.priority_class_name = in.string("priorityClassName");
  return spec;
}

FreeFormSpec read_free_form(FieldReader in) {
  FreeFormSpec spec;
  spec.options = in.object("options").value_or(Json::object());
  return spec;
}

IngressSpec read_ingress(FieldReader in) {
  IngressSpec spec;
  spec.enabled = in.boolean("enabled");
  spec.security = in.string("security");
  spec.hosts = in.string_list("hosts");
  spec.path_type = in.string("pathType");
  const Json& tls = in.raw("tls");
  if (!tls.is_null() && !tls.is_array()) {
    in.errors().push_back(in.path_of("tls") + ": expected a list, got " + std::string(json_type_phrase(tls)));
  } else if (tls.is_array()) {
    for (std::size_t i = 0; i < tls.size(); ++i) {
      FieldReader entry(tls[i], in.path_of("tls") + "[" + std::to_string(i) + "]", in.errors());
      spec.tls.push_back({entry.string_list("hosts"), entry.string("secretName")});
    }
  }
  spec.secret_name = in.string("secretName");
  spec.common = read_common(in);
  spec.options = in.options("options");
  spec.ingress_class_name = in.optional_string("ingressClassName");
  return spec;
}

CassandraCreateSchemaSpec read_cassandra_create_schema(FieldReader in) {
  CassandraCreateSchemaSpec spec;
  spec.enabled = in.boolean("enabled");
  spec.image = in.string("image");
  spec.datacenter = in.string("datacenter");
  spec.mode = in.string("mode");
  spec.trace_ttl = in.string("traceTTL");
  spec.timeout = in.string("timeout");
  spec.affinity = in.object("affinity");
  spec.ttl_seconds_after_finished = in.int32("ttlSecondsAfterFinished");
  return spec;
}

DependenciesSpec read_dependencies(FieldReader in) {
  DependenciesSpec spec;
  spec.enabled = in.boolean("enabled");
  spec.spark_master = in.string("sparkMaster");
  spec.schedule = in.string("schedule");
  spec.successful_jobs_history_limit = in.int32("successfulJobsHistoryLimit");
  spec.image = in.string("image");
  spec.java_opts = in.string("javaOpts");
  spec.cassandra_client_auth_enabled = in.boolean("cassandraClientAuthEnabled").value_or(false);
  spec.elasticsearch_client_node_only = in.boolean("elasticsearchClientNodeOnly");
  spec.elasticsearch_nodes_wan_only = in.boolean("elasticsearchNodesWanOnly");
  spec.elasticsearch_time_range = in.string("elasticsearchTimeRange");
  spec.ttl_seconds_after_finished = in.int32("ttlSecondsAfterFinished");
  spec.backoff_limit = in.int32("backoffLimit");
  spec.common = read_common(in);
  return spec;
}

EsIndexCleanerSpec read_es_index_cleaner(FieldReader in) {
  EsIndexCleanerSpec spec;
  spec.enabled = in.boolean("enabled");
  spec.number_of_days = in.int32("numberOfDays");
  spec.schedule = in.string("schedule");
  spec.successful_jobs_history_limit = in.int32("successfulJobsHistoryLimit");
  spec.image = in.string("image");
  spec.ttl_seconds_after_finished = in.int32("ttlSecondsAfterFinished");
  spec.backoff_limit = in.int32("backoffLimit");
  spec.common = read_common(in);
  spec.priority_class_name = in.string("priorityClassName");
  return spec;
}

EsRolloverSpec read_es_rollover(FieldReader in) {
  EsRolloverSpec spec;
  spec.image = in.string("image");
  spec.schedule = in.string("schedule");
  spec.successful_jobs_history_limit = in.int32("successfulJobsHistoryLimit");
  spec.conditions = in.string("conditions");
  spec.ttl_seconds_after_finished = in.int32("ttlSecondsAfterFinished");
  spec.backoff_limit = in.int32("backoffLimit");
  spec.read_ttl = in.string("readTTL");
  spec.common = read_common(in);
  return spec;
}

StorageSpec read_storage(FieldReader in) {
  StorageSpec spec;
  const std::string type = in.string("type");
  if (!type.empty()) {
    if (auto parsed = parse_storage_type(type)) {
      spec.type = *parsed;
    } else {
      std::string valid;
      for (auto name : storage_type_names()) valid += (valid.empty() ? "" : ", ") + std::string(name);
      in.errors().push_back(in.path_of("type") + ": unknown storage type \"" + type + "\" (valid types: " + valid +
                            ")");
    }
  }
  spec.secret_name = in.string("secretName");
  spec.options = in.options("options");
  spec.cassandra_create_schema = read_cassandra_create_schema(in.child("cassandraCreateSchema"));
  spec.dependencies = read_dependencies(in.child("dependencies"));
  spec.es_index_cleaner = read_es_index_cleaner(in.child("esIndexCleaner"));
  spec.es_rollover = read_es_rollover(in.child("esRollover"));
  spec.elasticsearch = in.object("elasticsearch").value_or(Json::object());
  spec.grpc_plugin.image = in.child("grpcPlugin").string("image");
  return spec;
}

}  // namespace

bool is_jaeger_document(const Json& document) {
  return document.is_object() && document.value("apiVersion", Json()) == kJaegerApiVersion &&
         document.value("kind", Json()) == kJaegerKind;
}

ParseResult parse_jaeger(const Json& document) {
  ParseResult result;
  auto& errors = result.errors;
  if (!document.is_object()) {
    errors.push_back("the document is not a map");
    return result;
  }
  FieldReader root(document, "", errors);
  const std::string api_version = root.string("apiVersion");
  const std::string kind = root.string("kind");
  if (api_version != kJaegerApiVersion || kind != kJaegerKind) {
    errors.push_back("not a Jaeger resource: expected apiVersion " + std::string(kJaegerApiVersion) + " and kind " +
                     kJaegerKind + ", got apiVersion \"" + api_version + "\" and kind \"" + kind + "\"");
    return result;
  }
  Jaeger& jaeger = result.jaeger;
  jaeger.api_version = api_version;
  jaeger.kind = kind;

  FieldReader metadata = root.child("metadata");
  jaeger.metadata.name = metadata.string("name");
  jaeger.metadata.namespace_name = metadata.string("namespace");
  jaeger.metadata.uid = metadata.string("uid");
  jaeger.metadata.labels = metadata.string_map("labels");
  jaeger.metadata.annotations = metadata.string_map("annotations");

  FieldReader spec = root.child("spec");
  JaegerSpec& out = jaeger.spec;
  out.strategy = parse_deployment_strategy(spec.string("strategy"));
  out.all_in_one = read_all_in_one(spec.child("allInOne"));
  out.query = read_query(spec.child("query"));
  out.collector = read_collector(spec.child("collector"));
  out.ingester = read_ingester(spec.child("ingester"));
  out.agent = read_agent(spec.child("agent"));
  out.ui = read_free_form(spec.child("ui"));
  out.sampling = read_free_form(spec.child("sampling"));
  out.storage = read_storage(spec.child("storage"));
  out.ingress = read_ingress(spec.child("ingress"));
  out.common = read_common(spec);
  return result;
}

}  // namespace peregrine::operator_api
