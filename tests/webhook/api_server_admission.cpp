// Mutating admission as the API server performs it, for tests (see api_server_admission.hpp).
#include "tests/webhook/api_server_admission.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>

#include "operator/kube/base64.hpp"
#include "tests/webhook/https_test_client.hpp"

namespace peregrine::webhook_test {

namespace {

const kube::GroupVersionResource kConfigurations{"admissionregistration.k8s.io", "v1",
                                                 "mutatingwebhookconfigurations", false};

bool listed(const Json& values, const std::string& wanted) {
  if (!values.is_array()) return false;
  return std::any_of(values.begin(), values.end(),
                     [&](const Json& value) { return value == "*" || value == wanted; });
}

bool rule_matches(const Json& webhook, const kube::GroupVersionResource& gvr, const std::string& operation) {
  for (const auto& rule : webhook.value("rules", Json::array())) {
    if (listed(rule.value("apiGroups", Json::array()), gvr.group) &&
        listed(rule.value("apiVersions", Json::array()), gvr.version) &&
        listed(rule.value("resources", Json::array()), gvr.resource) &&
        listed(rule.value("operations", Json::array()), operation)) {
      return true;
    }
  }
  return false;
}

std::string next_uid() {
  static std::atomic<int> counter{0};
  return "admission-" + std::to_string(++counter);
}

}  // namespace

ApiServerAdmission::ApiServerAdmission(std::shared_ptr<const kube::RestClient> client,
                                       std::map<std::string, uint16_t> service_ports)
    : client_(std::move(client)), service_ports_(std::move(service_ports)) {}

Json ApiServerAdmission::admit(const kube::GroupVersionResource& gvr, const std::string& ns,
                               const std::string& operation, const Json& object, const Json& old_object) {
  Json admitted = object;
  const auto configurations = client_->list(kConfigurations, "").items;
  for (const auto& configuration : configurations) {
    for (const auto& webhook : configuration.value("webhooks", Json::array())) {
      if (!rule_matches(webhook, gvr, operation)) continue;
      const Json client_config = webhook.value("clientConfig", Json::object());
      const Json service = client_config.value("service", Json::object());
      const std::string service_key = service.value("name", "") + "." + service.value("namespace", "");
      const bool ignore = webhook.value("failurePolicy", "Fail") == "Ignore";
      const std::string uid = next_uid();
      const Json review{
          {"apiVersion", "admission.k8s.io/v1"},
          {"kind", "AdmissionReview"},
          {"request",
           {{"uid", uid},
            {"kind", {{"group", gvr.group}, {"version", gvr.version}, {"kind", admitted.value("kind", "")}}},
            {"resource", {{"group", gvr.group}, {"version", gvr.version}, {"resource", gvr.resource}}},
            {"requestKind", {{"group", gvr.group}, {"version", gvr.version}, {"kind", admitted.value("kind", "")}}},
            {"requestResource", {{"group", gvr.group}, {"version", gvr.version}, {"resource", gvr.resource}}},
            {"name", admitted["metadata"].value("name", "")},
            {"namespace", ns},
            {"operation", operation},
            {"userInfo", {{"username", "system:admin"}}},
            {"object", admitted},
            {"oldObject", old_object},
            {"dryRun", false}}}};
      try {
        auto port = service_ports_.find(service_key);
        if (port == service_ports_.end()) throw std::runtime_error("no address for Service " + service_key);
        HttpsTarget target;
        target.port = port->second;
        target.server_name = service.value("name", "") + "." + service.value("namespace", "") + ".svc";
        target.ca_bundle_pem = kube::base64_decode(client_config.value("caBundle", ""));
        ++calls_;
        const HttpsReply reply = https_request(target, "POST", service.value("path", "/"), review.dump(),
                                               std::chrono::seconds(webhook.value("timeoutSeconds", 10)));
        if (reply.status != 200) throw std::runtime_error("webhook answered HTTP " + std::to_string(reply.status));
        const Json answer = Json::parse(reply.body);
        const Json& response = answer.at("response");
        if (response.value("uid", "") != uid) throw std::runtime_error("webhook answered for another uid");
        for (const auto& warning : response.value("warnings", Json::array())) warnings_.push_back(warning);
        if (!response.value("allowed", false)) {
          throw std::invalid_argument("denied by webhook " + webhook.value("name", ""));
        }
        if (response.contains("patch")) {
          if (response.value("patchType", "") != "JSONPatch") throw std::runtime_error("unknown patchType");
          admitted = admitted.patch(Json::parse(kube::base64_decode(response["patch"].get<std::string>())));
        }
      } catch (const std::invalid_argument&) {
        throw;
      } catch (const std::exception& e) {
        failures_.push_back(webhook.value("name", "") + ": " + e.what());
        if (!ignore) throw std::runtime_error("failed calling webhook " + webhook.value("name", "") + ": " + e.what());
      }
    }
  }
  return admitted;
}

Json ApiServerAdmission::create(const kube::GroupVersionResource& gvr, const std::string& ns, const Json& object) {
  return client_->create(gvr, ns, admit(gvr, ns, "CREATE", object, nullptr));
}

Json ApiServerAdmission::update(const kube::GroupVersionResource& gvr, const std::string& ns, const Json& object) {
  const Json old_object = client_->get(gvr, ns, object["metadata"]["name"].get<std::string>());
  Json next = object;
  next["metadata"]["resourceVersion"] = old_object["metadata"]["resourceVersion"];
  return client_->update(gvr, ns, admit(gvr, ns, "UPDATE", next, old_object));
}

}  // namespace peregrine::webhook_test
