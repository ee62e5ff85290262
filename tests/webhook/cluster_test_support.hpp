// Shared fixture of the end-to-end webhook tests: the API test double process (which calls registered admission
// webhooks itself) with the Jaeger CRD preloaded, the namespaces the tests use, the webhook registration exactly as
// manifests/install.yaml ships it (MutatingWebhookConfiguration + webhook Service) with Endpoints routing that
// Service to operators in this process, and helpers to create Jaegers and workloads, read them back and inspect
// their sidecars, Events and the double's admission counters.
#pragma once
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "operator/kube/well_known_resources.hpp"
#include "operator/webhook/ca_bundle_publisher.hpp"
#include "operator/webhook/cluster_injection_context.hpp"
#include "operator/webhook/injection_constants.hpp"
#include "operator/webhook/webhook_options.hpp"
#include "tests/kube-apiserver-double/manifest_loader.hpp"
#include "tests/webhook/kube_double_process.hpp"
#include "tests/webhook/test_objects.hpp"

namespace peregrine::webhook_test {

inline constexpr const char* kOperatorNamespace = "peregrine-system";
inline constexpr const char* kServiceName = "peregrine-operator-webhook";
inline constexpr const char* kConfigurationName = "peregrine-operator";
inline constexpr const char* kSecretName = "peregrine-operator-webhook-cert";
inline constexpr const char* kWebhookName = "sidecar-injector.peregrine.jaegertracing.io";

class WebhookClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    cluster_ = std::make_unique<KubeDoubleProcess>(
        PEREGRINE_KUBE_DOUBLE_BINARY,
        std::vector<std::string>{PEREGRINE_JAEGER_CRD});
    client_ = cluster_->client();
    for (const char* ns : {"observability", "apps", kOperatorNamespace}) create_namespace(ns);
  }

  // The MutatingWebhookConfiguration and the webhook Service of manifests/install.yaml, unchanged.
  void install_webhook_registration() {
    for (const auto& object : kubedouble::load_manifest_file(PEREGRINE_INSTALL_MANIFEST)) {
      const std::string kind = object.value("kind", "");
      if (kind == "MutatingWebhookConfiguration") {
        client_->create(operator_webhook::kMutatingWebhookConfigurations, "", object);
      } else if (kind == "Service" && object["metadata"].value("name", "") == kServiceName) {
        client_->create(kube::resources::kServices, kOperatorNamespace, object);
      }
    }
  }

  // What the endpoints controller would write for operator pods serving the webhook on these local ports.
  void route_webhook_service(const std::vector<uint16_t>& ports) {
    Json subsets = Json::array();
    for (uint16_t port : ports) {
      const Json address{{"ip", "127.0.0.1"}};
      const Json endpoint_port{{"name", "https-webhook"}, {"port", port}, {"protocol", "TCP"}};
      subsets.push_back(Json{{"addresses", Json::array({address})}, {"ports", Json::array({endpoint_port})}});
    }
    Json endpoints{{"apiVersion", "v1"},
                   {"kind", "Endpoints"},
                   {"metadata", {{"name", kServiceName}, {"namespace", kOperatorNamespace}}},
                   {"subsets", subsets}};
    if (auto existing = client_->get_if_exists(kube::resources::kEndpoints, kOperatorNamespace, kServiceName)) {
      endpoints["metadata"]["resourceVersion"] = (*existing)["metadata"]["resourceVersion"];
      client_->update(kube::resources::kEndpoints, kOperatorNamespace, endpoints);
    } else {
      client_->create(kube::resources::kEndpoints, kOperatorNamespace, endpoints);
    }
  }

  // The double's admission counters for the sidecar injector: calls, denials, failures.
  struct AdmissionCounts {
    uint64_t calls = 0;
    uint64_t denials = 0;
    uint64_t failures = 0;
    Json recent_failures;
  };
  AdmissionCounts admission_counts() const {
    const Json admission = client_->get_path("/__double/stats")["admission"];
    AdmissionCounts counts;
    counts.calls = admission["calls"].value(kWebhookName, uint64_t{0});
    counts.denials = admission["denials"].value(kWebhookName, uint64_t{0});
    counts.failures = admission["failures"].value(kWebhookName, uint64_t{0});
    counts.recent_failures = admission["recentFailures"];
    return counts;
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

  // A workload in "apps" carrying the injection annotation with `value` (its pod labels and container named after it).
  static WorkloadSpec annotated(const std::string& name, const Json& value, const std::string& kind = "Deployment") {
    WorkloadSpec spec;
    spec.kind = kind;
    spec.name = name;
    spec.ns = "apps";
    spec.annotations = {{operator_webhook::kInjectAnnotation, value}};
    spec.template_labels = {{"app", name}};
    spec.containers = Json::array({app_container(name)});
    return spec;
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
