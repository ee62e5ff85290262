// caBundle patching of the MutatingWebhookConfiguration (see ca_bundle_publisher.hpp).
#include "operator/webhook/ca_bundle_publisher.hpp"

#include "operator/kube/base64.hpp"

namespace peregrine::operator_webhook {

nlohmann::json ca_bundle_patch(const nlohmann::json& configuration, const std::string& ca_bundle_base64) {
  nlohmann::json patch = nlohmann::json::array();
  if (!configuration.is_object() || !configuration.contains("webhooks") || !configuration["webhooks"].is_array()) {
    return patch;
  }
  const nlohmann::json& webhooks = configuration["webhooks"];
  for (std::size_t i = 0; i < webhooks.size(); ++i) {
    const nlohmann::json& webhook = webhooks[i];
    if (!webhook.is_object()) continue;
    const std::string base = "/webhooks/" + std::to_string(i);
    const bool has_client_config = webhook.contains("clientConfig") && webhook["clientConfig"].is_object();
    if (has_client_config && webhook["clientConfig"].value("caBundle", "") == ca_bundle_base64) continue;
    if (webhook.contains("name")) patch.push_back({{"op", "test"}, {"path", base + "/name"}, {"value", webhook["name"]}});
    if (has_client_config) {
      patch.push_back({{"op", "add"}, {"path", base + "/clientConfig/caBundle"}, {"value", ca_bundle_base64}});
    } else {
      patch.push_back({{"op", "add"}, {"path", base + "/clientConfig"}, {"value", {{"caBundle", ca_bundle_base64}}}});
    }
  }
  return patch;
}

bool publish_ca_bundle(const kube::RestClient& client, const std::string& configuration_name,
                       const std::string& ca_bundle_pem) {
  const nlohmann::json configuration = client.get(kMutatingWebhookConfigurations, "", configuration_name);
  const nlohmann::json patch = ca_bundle_patch(configuration, kube::base64_encode(ca_bundle_pem));
  if (patch.empty()) return false;
  client.patch(kMutatingWebhookConfigurations, "", configuration_name, kube::PatchType::Json, patch);
  return true;
}

}  // namespace peregrine::operator_webhook
