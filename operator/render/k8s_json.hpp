// Building blocks of Kubernetes objects as JSON: operator labels, object metadata with the controller owner
// reference, container ports, env vars, probes. Empty values are left out, as Kubernetes' own encoding does,
// so rendered objects compare cleanly with what the API server returns.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "operator/render/instance.hpp"
#include "operator/render/merged_spec.hpp"

namespace peregrine::operator_render {

inline constexpr const char* kManagedBy = "peregrine-operator";

// app=jaeger plus app.kubernetes.io/{name,instance,component,part-of,managed-by}.
StringMap component_labels(const Instance& instance, const std::string& name, const std::string& component);

// {apiVersion, kind: Jaeger, name, uid, controller: true} pointing at the CR.
Json owner_reference(const Instance& instance);

// {name, namespace, labels, annotations (when any), ownerReferences}.
Json object_meta(const Instance& instance, const std::string& name, const StringMap& labels,
                 const StringMap& annotations = {});

// A top-level object: {apiVersion, kind, metadata}.
Json k8s_object(const std::string& api_version, const std::string& kind, Json metadata);

Json string_map_json(const StringMap& map);
Json string_list_json(const std::vector<std::string>& items);

Json container_port(const std::string& name, int port, bool udp = false);
Json env_var(const std::string& name, const std::string& value);
// envFrom entries for a Secret (empty list when `secret_name` is empty).
Json env_from_secret(const std::string& secret_name);
// Drops variables without a value (the Jaeger operator's RemoveEmptyVars).
Json without_empty_env(const Json& env);

// GET / on `port`: liveness (5s delay, every 15s, 5 failures) and readiness (1s delay).
Json liveness_probe(int port);
Json readiness_probe(int port);

// The port in the value of the first arg starting with `prefix` (text after the last ':'; a bare number
// is taken as is), or `fallback`.
int port_from_args(const std::vector<std::string>& args, const std::string& prefix, int fallback);
// --admin.http.host-port, else the deprecated --admin-http-port, else `fallback`.
int admin_port_from_args(const std::vector<std::string>& args, int fallback);
bool has_arg_with_prefix(const std::vector<std::string>& args, const std::string& prefix);

// Sets `object[key] = value` unless value is null, an empty object/array or an empty string.
void put_if_set(Json& object, const std::string& key, const Json& value);

// Pod-level fields shared by every workload: serviceAccountName, affinity, tolerations, securityContext,
// volumes, imagePullSecrets (each only when set).
void put_pod_common(Json& pod_spec, const Instance& instance, const MergedSpec& merged);

// DeploymentStrategy from the CR, defaulting to Recreate.
Json deployment_strategy(const std::optional<Json>& from_cr);

}  // namespace peregrine::operator_render
