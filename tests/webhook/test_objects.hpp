// Builders for the objects webhook tests feed to injection: Jaeger CRs, their agent profiles, workloads
// (Deployment / StatefulSet / DaemonSet) with annotations, labels and containers, and AdmissionReviews.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "operator/render/render_context.hpp"
#include "operator/webhook/agent_profile.hpp"

namespace peregrine::webhook_test {

using Json = nlohmann::json;

inline operator_render::RenderContext test_render_context() {
  operator_render::RenderContext context;
  context.operator_version = "1.2.3";
  return context;
}

inline Json jaeger_cr(const std::string& name, const std::string& ns, Json spec = Json::object()) {
  return {{"apiVersion", "jaegertracing.io/v1"},
          {"kind", "Jaeger"},
          {"metadata", {{"name", name}, {"namespace", ns}, {"uid", "uid-" + ns + "-" + name}}},
          {"spec", std::move(spec)}};
}

inline operator_webhook::AgentProfile profile(const std::string& name, const std::string& ns,
                                              Json spec = Json::object()) {
  return operator_webhook::agent_profile_from_cr(jaeger_cr(name, ns, std::move(spec)), test_render_context());
}

inline Json app_container(const std::string& name, Json env = nullptr) {
  Json container{{"name", name}, {"image", "example/" + name + ":1"}};
  if (!env.is_null()) container["env"] = std::move(env);
  return container;
}

struct WorkloadSpec {
  std::string kind = "Deployment";
  std::string name = "myapp";
  std::string ns = "default";
  Json annotations = Json::object();
  Json labels = Json::object();
  Json template_labels = Json{{"app", "myapp"}};
  Json containers = Json::array({app_container("myapp")});
};

inline Json workload(const WorkloadSpec& spec) {
  Json metadata{{"name", spec.name}, {"namespace", spec.ns}};
  if (!spec.annotations.empty()) metadata["annotations"] = spec.annotations;
  if (!spec.labels.empty()) metadata["labels"] = spec.labels;
  Json pod_template{{"metadata", {{"labels", spec.template_labels}}}, {"spec", {{"containers", spec.containers}}}};
  return {{"apiVersion", "apps/v1"},
          {"kind", spec.kind},
          {"metadata", metadata},
          {"spec", {{"selector", {{"matchLabels", spec.template_labels}}}, {"template", pod_template}}}};
}

inline Json annotated_deployment(const std::string& value, const std::string& ns = "default") {
  WorkloadSpec spec;
  spec.ns = ns;
  spec.annotations = {{"sidecar.jaegertracing.io/inject", value}};
  return workload(spec);
}

inline Json admission_review(const Json& object, const std::string& operation = "CREATE",
                             const std::string& uid = "705ab4f5-6393-11e8-b7cc-42010a800002") {
  const std::string kind = object.value("kind", "Deployment");
  std::string resource = kind == "StatefulSet" ? "statefulsets" : kind == "DaemonSet" ? "daemonsets" : "deployments";
  return {{"apiVersion", "admission.k8s.io/v1"},
          {"kind", "AdmissionReview"},
          {"request",
           {{"uid", uid},
            {"kind", {{"group", "apps"}, {"version", "v1"}, {"kind", kind}}},
            {"resource", {{"group", "apps"}, {"version", "v1"}, {"resource", resource}}},
            {"requestKind", {{"group", "apps"}, {"version", "v1"}, {"kind", kind}}},
            {"requestResource", {{"group", "apps"}, {"version", "v1"}, {"resource", resource}}},
            {"name", object["metadata"].value("name", "")},
            {"namespace", object["metadata"].value("namespace", "")},
            {"operation", operation},
            {"userInfo", {{"username", "admin"}}},
            {"object", object},
            {"oldObject", nullptr},
            {"dryRun", false}}}};
}

}  // namespace peregrine::webhook_test
