// WebhookAdmission: the double's admission chain — what the API server does with the admission webhooks
// registered through admissionregistration.k8s.io/v1 before it stores a create or an update:
//  1. every MutatingWebhookConfiguration (by name), every webhook in order, whose rules, matchPolicy,
//     namespaceSelector and objectSelector match the request gets an AdmissionReview v1 over HTTPS; its JSONPatch is
//     applied before the next one; reinvocationPolicy IfNeeded webhooks are called once more when a later webhook
//     changed the object;
//  2. then every matching ValidatingWebhookConfiguration webhook (in sequence, not in parallel).
// Calls go to clientConfig.url, or to clientConfig.service resolved the way kube-apiserver does with
// --enable-aggregator-routing: the Service's port → the Endpoints object of the same name (first ready address and
// the matching port), verified with caBundle (system roots when empty) against <service>.<namespace>.svc. The path
// carries ?timeout=<timeoutSeconds>s and the call is cut at timeoutSeconds. A denial becomes the webhook's status
// (4xx, "admission webhook "<name>" denied the request: ..."); a failed call (connection, TLS, timeout, non-200,
// malformed AdmissionReview, unusable patch) is skipped under failurePolicy Ignore and is a 500 InternalError
// ("failed calling webhook") under Fail. Warnings come back to the client as Warning headers.
// Not emulated: DELETE and CONNECT requests are never sent to webhooks; validating webhooks run before (not
// after) the double's own object validation; admission configurations themselves are never sent to webhooks (as in
// Kubernetes); no audit annotations; no ClusterIP routing (a Service without Endpoints cannot be called).
#pragma once
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/kube-apiserver-double/admission_facts.hpp"
#include "tests/kube-apiserver-double/object_store.hpp"
#include "tests/kube-apiserver-double/resource_catalog.hpp"
#include "tests/kube-apiserver-double/webhook_configuration.hpp"
#include "tests/kube-apiserver-double/webhook_review.hpp"

namespace peregrine::kubedouble {

class WebhookAdmission {
 public:
  WebhookAdmission(ResourceCatalog& catalog, ObjectStore& store, bool log_failures);

  // The object to store. Throws ApiServerError when a webhook denies or a failurePolicy Fail webhook fails.
  nlohmann::json admit(const AdmissionFacts& facts, nlohmann::json object, const nlohmann::json& old_object,
                       std::vector<std::string>& warnings);

  // {"calls": {webhook: n}, "denials": {webhook: n}, "failures": {webhook: n}, "recentFailures": [...]}
  nlohmann::json stats() const;

 private:
  struct Target {
    std::string host;
    uint16_t port = 0;
    std::string server_name;
    std::string path;
  };

  std::vector<Webhook> registered(bool mutating) const;
  std::vector<ResourceInfo> other_versions(const ResourceInfo& resource) const;
  nlohmann::json namespace_labels(const AdmissionFacts& facts) const;
  Target resolve(const WebhookEndpoint& endpoint) const;
  // One call: the verdict, or a thrown failure (std::exception) for the caller to apply the failure policy to.
  WebhookVerdict call(const Webhook& webhook, const AdmissionFacts& facts, const ResourceInfo& sent_as,
                      const nlohmann::json& object, const nlohmann::json& old_object);
  // Runs `webhook` if it matches; returns false when it does not apply. Applies a patch to `object`.
  bool run(const Webhook& webhook, const AdmissionFacts& facts, const nlohmann::json& ns_labels,
           nlohmann::json& object, const nlohmann::json& old_object, std::vector<std::string>& warnings);
  void record(std::map<std::string, uint64_t>& counter, const std::string& webhook);
  void record_failure(const Webhook& webhook, const std::string& message);

  ResourceCatalog& catalog_;
  ObjectStore& store_;
  const bool log_failures_;
  mutable std::mutex mutex_;
  std::map<std::string, uint64_t> calls_;
  std::map<std::string, uint64_t> denials_;
  std::map<std::string, uint64_t> failures_;
  std::deque<std::string> recent_failures_;
};

// "Warning" header values for client-visible warnings: 299 - "<text>" with quotes and backslashes escaped.
std::string warning_header_value(const std::string& text);

}  // namespace peregrine::kubedouble
