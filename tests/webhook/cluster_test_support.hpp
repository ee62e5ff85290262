// Shared fixture of the end-to-end webhook tests: the API test double process with the Jaeger CRD and a
// MutatingWebhookConfiguration CRD preloaded, the namespaces the tests use, and helpers to create Jaegers and
// workloads, read them back and inspect their sidecars and Events.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "operator/kube/well_known_resources.hpp"
#include "operator/webhook/cluster_injection_context.hpp"
#include "operator/webhook/injection_constants.hpp"
#include "operator/webhook/webhook_options.hpp"
#include "tests/webhook/kube_double_process.hpp"
#include "tests/webhook/test_objects.hpp"

namespace peregrine::webhook_test {

inline constexpr const char* kOperatorNamespace = "peregrine-system";
inline constexpr const char* kServiceName = "peregrine-operator-webhook";
inline constexpr const char* kConfigurationName = "peregrine-operator";
inline constexpr const char* kSecretName = "peregrine-operator-webhook-cert";

class WebhookClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = std::make_unique<KubeDoubleProcess>(
        PEREGRINE_KUBE_DOUBLE_BINARY,
        std::vector<std::string>{PEREGRINE_JAEGER_CRD, PEREGRINE_WEBHOOK_FIXTURES "/mutatingwebhookconfigurations-crd.yaml"});
    client_ = cluster_->client();
    for (const char* ns : {"observability", "apps", kOperatorNamespace}) create_namespace(ns);
  }

  void create_namespace(const std::string& name, Json annotations = Json::object()) {
    Json ns{{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", name}}}};
    if (!annotations.empty()) ns["metadata"]["annotations"] = annotations;
    client_->create(kube::resources::kNamespaces, "", ns);
  }

  void annotate_namespace(const std::string& name, const Json& value) {
    client_->patch(kube::resources::kNamespaces, "", name, kube::PatchType::Merge,
                   {{"metadata", {{"annotations", {{operator_webhook::kInjectAnnotation, value}}}}}});
  }

  void create_jaeger(const std::string& name, const std::string& ns, Json spec = Json::object()) {
    client_->create(operator_webhook::kJaegers, ns, jaeger_cr(name, ns, std::move(spec)));
  }

  void delete_jaeger(const std::string& name, const std::string& ns) {
    client_->remove(operator_webhook::kJaegers, ns, name);
  }

  static const kube::GroupVersionResource& gvr_of(const std::string& kind) {
    if (kind == "StatefulSet") return kube::resources::kStatefulSets;
    if (kind == "DaemonSet") return kube::resources::kDaemonSets;
    return kube::resources::kDeployments;
  }

  Json create_workload(const WorkloadSpec& spec) { return client_->create(gvr_of(spec.kind), spec.ns, workload(spec)); }

  Json get_workload(const std::string& kind, const std::string& ns, const std::string& name) const {
    return client_->get(gvr_of(kind), ns, name);
  }

  static bool has_agent(const Json& object) {
    for (const auto& container : object["spec"]["template"]["spec"]["containers"]) {
      if (container["name"] == operator_webhook::kAgentContainerName) return true;
    }
    return false;
  }

  static std::string injected_label(const Json& object) {
    return object["metadata"].value("labels", Json::object()).value(operator_webhook::kInjectedLabel, "");
  }

  bool workload_has_agent(const std::string& kind, const std::string& ns, const std::string& name) const {
    return has_agent(get_workload(kind, ns, name));
  }

  // Events about the workload `name` in `ns` with `reason`.
  std::vector<Json> events(const std::string& ns, const std::string& name, const std::string& reason) const {
    std::vector<Json> found;
    for (const auto& event : client_->list(kube::resources::kEvents, ns).items) {
      if (event["involvedObject"].value("name", "") == name && event.value("reason", "") == reason) {
        found.push_back(event);
      }
    }
    return found;
  }

  operator_webhook::WebhookOptions options(bool webhook_enabled) const {
    operator_webhook::WebhookOptions options;
    options.webhook_enabled = webhook_enabled;
    options.bind_address = "127.0.0.1:0";
    options.operator_namespace = kOperatorNamespace;
    options.service_name = kServiceName;
    options.configuration_name = kConfigurationName;
    options.secret_name = kSecretName;
    options.render_context = test_render_context();
    options.namespace_poll = std::chrono::milliseconds(100);
    options.certificate_poll = std::chrono::milliseconds(50);
    options.reporting_instance = "peregrine-operator-test";
    return options;
  }

  std::unique_ptr<KubeDoubleProcess> cluster_;
  std::shared_ptr<kube::RestClient> client_;
};

}  // namespace peregrine::webhook_test
