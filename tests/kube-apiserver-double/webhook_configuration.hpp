// Admission webhook configurations (admissionregistration.k8s.io/v1 Mutating- and ValidatingWebhookConfiguration)
// as plain data and pure functions: the API server's defaults and validation for the stored objects, the parsed
// form the admission chain works from, and which webhooks a request matches (rules with operations / groups /
// versions / resources incl. "*", "*/*" and "<resource>/<subresource>", scope, matchPolicy Equivalent over the
// resource's other served versions, namespaceSelector and objectSelector).
#pragma once
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "tests/kube-apiserver-double/admission_facts.hpp"
#include "tests/kube-apiserver-double/label_selector.hpp"
#include "tests/kube-apiserver-double/resource_info.hpp"

namespace peregrine::kubedouble {

struct WebhookRule {
  std::vector<std::string> operations;
  std::vector<std::string> api_groups;
  std::vector<std::string> api_versions;
  std::vector<std::string> resources;
  std::string scope = "*";  // "*", "Cluster" or "Namespaced"
};

struct WebhookEndpoint {
  std::string url;  // set: call this https URL
  std::string service_namespace;
  std::string service_name;
  std::string path;  // "" → "/"
  int port = 443;
  std::string ca_bundle_pem;  // decoded caBundle; empty → system roots
};

struct Webhook {
  std::string configuration;  // metadata.name of the configuration holding it
  std::string name;
  bool mutating = true;
  WebhookEndpoint endpoint;
  std::vector<WebhookRule> rules;
  bool fail_closed = true;         // failurePolicy Fail
  bool match_equivalent = true;    // matchPolicy Equivalent
  LabelSelector namespace_selector;
  LabelSelector object_selector;
  std::string side_effects;        // None / NoneOnDryRun / Some / Unknown
  std::chrono::seconds timeout{10};
  std::vector<std::string> review_versions;
  bool reinvoke_if_needed = false;  // reinvocationPolicy IfNeeded (mutating only)
};

// Fills the API server's defaults in place (failurePolicy Fail, matchPolicy Equivalent, empty selectors,
// timeoutSeconds 10, reinvocationPolicy Never, rule scope "*", service port 443).
void default_webhook_configuration(nlohmann::json& configuration, bool mutating);

// Every problem as {field path, detail} (empty when valid), worded like the API server's field errors.
std::vector<std::pair<std::string, std::string>> webhook_configuration_problems(const nlohmann::json& configuration,
                                                                                bool mutating);

// The webhooks of a stored (defaulted, valid) configuration, in order.
std::vector<Webhook> webhooks_of(const nlohmann::json& configuration, bool mutating);

// The resource version the webhook is called with: the requested one when a rule lists it, else (matchPolicy
// Equivalent) the first of `other_versions` — the resource's other served versions — that a rule lists.
std::optional<ResourceInfo> matched_resource(const Webhook& webhook, const AdmissionFacts& facts,
                                             const std::vector<ResourceInfo>& other_versions);

// namespaceSelector against the namespace's labels (cluster-scoped requests: always true, except Namespaces,
// which are matched by their own labels) and objectSelector against the object's or the old object's labels.
bool selectors_match(const Webhook& webhook, const AdmissionFacts& facts, const nlohmann::json& namespace_labels,
                     const nlohmann::json& object, const nlohmann::json& old_object);

// Base64 (standard alphabet, padded) as the API server decodes []byte fields; nullopt when malformed.
std::optional<std::string> decode_base64(const std::string& text);

}  // namespace peregrine::kubedouble
