// Puts the webhook CA into the MutatingWebhookConfiguration: every webhook of the named configuration gets
// clientConfig.caBundle (base64 PEM). ca_bundle_patch() is the pure part (a JSON Patch with a `test` on each
// webhook's name, so a concurrent reorder fails instead of patching the wrong entry); publish_ca_bundle() reads
// the configuration and applies the patch when anything differs.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "operator/kube/group_version_resource.hpp"
#include "operator/kube/rest_client.hpp"

namespace peregrine::operator_webhook {

inline const kube::GroupVersionResource kMutatingWebhookConfigurations{
    "admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", false};

// Operations making each webhook's caBundle equal `ca_bundle_base64`; empty when all already are.
nlohmann::json ca_bundle_patch(const nlohmann::json& configuration, const std::string& ca_bundle_base64);

// Returns true when the configuration was patched, false when it already carried the bundle. Throws
// kube::KubeError (e.g. 404 when the configuration does not exist).
bool publish_ca_bundle(const kube::RestClient& client, const std::string& configuration_name,
                       const std::string& ca_bundle_pem);

}  // namespace peregrine::operator_webhook
