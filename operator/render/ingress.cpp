// Query ingress rendering (pkg/ingress/query.go of the Jaeger operator).
#include "operator/render/ingress.hpp"

#include "operator/render/k8s_json.hpp"
#include "operator/render/merged_spec.hpp"
#include "operator/render/naming.hpp"

namespace peregrine::operator_render {

namespace {

using operator_api::DeploymentStrategy;

// The UI's base path (`query.base-path`) of whichever process serves the UI.
std::string query_base_path(const Instance& instance) {
  const auto& spec = instance.spec();
  const auto& options = spec.strategy == DeploymentStrategy::AllInOne ? spec.all_in_one.options : spec.query.options;
  return options.get("query.base-path").value_or("");
}

Json rule(const std::string& host, const std::string& path, const std::string& path_type, const Json& backend) {
  Json http_path{{"pathType", path_type}, {"backend", backend}};
  if (!path.empty()) http_path["path"] = path;
  Json entry{{"http", {{"paths", Json::array({http_path})}}}};
  if (!host.empty()) entry["host"] = host;
  return entry;
}

Json tls_entries(const operator_api::IngressSpec& ingress) {
  Json tls = Json::array();
  for (const auto& entry : ingress.tls) {
    Json item = Json::object();
    put_if_set(item, "hosts", string_list_json(entry.hosts));
    put_if_set(item, "secretName", entry.secret_name);
    tls.push_back(item);
  }
  // The deprecated ingress.secretName is used only when ingress.tls is absent.
  if (tls.empty() && !ingress.secret_name.empty()) tls.push_back({{"secretName", ingress.secret_name}});
  return tls;
}

}  // namespace

std::optional<Json> render_query_ingress(const Instance& instance) {
  const auto& spec = instance.spec();
  const auto& ingress = spec.ingress;
  if (ingress.enabled.has_value() && !*ingress.enabled) return std::nullopt;

  const std::string name = instance.name() + "-query";
  MergedSpec merged = merge_specs({&ingress.common, &spec.common}, component_labels(instance, name, "query-ingress"));

  const Json backend{{"service", {{"name", query_service_name(instance)}, {"port", {{"number", 16686}}}}}};
  const std::string path_type = ingress.path_type.empty() ? "ImplementationSpecific" : ingress.path_type;
  std::string path = query_base_path(instance);
  // Prefix and Exact paths must be absolute; "/" is what an empty path means to every controller.
  if (path.empty() && path_type != "ImplementationSpecific") path.push_back('/');

  Json ingress_spec = Json::object();
  if (!ingress.hosts.empty()) {
    Json rules = Json::array();
    for (const auto& host : ingress.hosts) rules.push_back(rule(host, path, path_type, backend));
    ingress_spec["rules"] = rules;
  } else if (!path.empty()) {
    ingress_spec["rules"] = Json::array({rule("", path, path_type, backend)});
  } else {
    ingress_spec["defaultBackend"] = backend;
  }
  put_if_set(ingress_spec, "tls", tls_entries(ingress));
  if (ingress.ingress_class_name) put_if_set(ingress_spec, "ingressClassName", *ingress.ingress_class_name);

  Json object = k8s_object("networking.k8s.io/v1", "Ingress",
                           object_meta(instance, name, merged.labels, merged.annotations));
  object["spec"] = ingress_spec;
  return object;
}

}  // namespace peregrine::operator_render
