// Every Kubernetes API call sidecar injection makes, for RBAC derivation (`peregrine-operator api-calls`):
// list/watch Jaeger CRs; get/list/watch Namespaces (get when namespace-scoped); list/watch/patch Deployments,
// StatefulSets and DaemonSets; create Events; get/update the certificate Secret; get/patch the
// MutatingWebhookConfiguration.
#pragma once
#include "operator/kube/declared_api_calls.hpp"

namespace peregrine::operator_webhook {

void declare_webhook_api_calls(kube::DeclaredApiCalls& calls = kube::DeclaredApiCalls::global());

}  // namespace peregrine::operator_webhook
