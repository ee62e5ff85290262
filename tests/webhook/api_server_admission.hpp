// ApiServerAdmission: what the Kubernetes API server does with mutating webhooks, for end-to-end tests against
// the API test double (which does not call webhooks itself). For a create or update it reads every
// MutatingWebhookConfiguration stored in the double, and for each webhook whose rules match the resource and
// operation: builds the AdmissionReview v1 (uid, kind, resource, namespace, operation, object, oldObject), POSTs it
// over TLS to the webhook Service — verified with the configuration's caBundle and the Service's DNS name
// <service>.<namespace>.svc, connecting to the test's address for that Service —, checks the echoed uid, applies
// the base64 JSONPatch, and finally stores the result in the double. failurePolicy Ignore skips a failing
// webhook (remembered in `failures`); Fail rejects the request. namespaceSelector / objectSelector are not
// evaluated.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "operator/kube/rest_client.hpp"

namespace peregrine::webhook_test {

using Json = nlohmann::json;

class ApiServerAdmission {
 public:
  // `service_ports`: "<service>.<namespace>" → local port the Service is reachable at (on 127.0.0.1).
  ApiServerAdmission(std::shared_ptr<const kube::RestClient> client, std::map<std::string, uint16_t> service_ports);

  Json create(const kube::GroupVersionResource& gvr, const std::string& ns, const Json& object);
  // Reads the stored object as oldObject, admits `object` as an UPDATE and PUTs it.
  Json update(const kube::GroupVersionResource& gvr, const std::string& ns, const Json& object);

  // The admitted object without storing it.
  Json admit(const kube::GroupVersionResource& gvr, const std::string& ns, const std::string& operation,
             const Json& object, const Json& old_object);

  const std::vector<std::string>& warnings() const { return warnings_; }
  const std::vector<std::string>& failures() const { return failures_; }
  int calls() const { return calls_; }

 private:
  std::shared_ptr<const kube::RestClient> client_;
  std::map<std::string, uint16_t> service_ports_;
  std::vector<std::string> warnings_;
  std::vector<std::string> failures_;
  int calls_ = 0;
};

}  // namespace peregrine::webhook_test
