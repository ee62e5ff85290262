// Declared API calls of sidecar injection (see webhook_api_calls.hpp).
#include "operator/webhook/webhook_api_calls.hpp"

#include "operator/kube/well_known_resources.hpp"
#include "operator/webhook/ca_bundle_publisher.hpp"
#include "operator/webhook/cluster_injection_context.hpp"
#include "operator/webhook/workload_kind.hpp"

namespace peregrine::operator_webhook {

void declare_webhook_api_calls(kube::DeclaredApiCalls& calls) {
  calls.declare({"list", "watch"}, kJaegers);
  calls.declare({"get", "list", "watch"}, kube::resources::kNamespaces);
  for (const auto& info : workload_kinds()) calls.declare({"list", "watch", "patch"}, info.gvr);
  calls.declare({"create"}, kube::resources::kEvents);
  calls.declare({"get", "update"}, kube::resources::kSecrets);
  calls.declare({"get", "patch"}, kMutatingWebhookConfigurations);
}

}  // namespace peregrine::operator_webhook
