// The double's admission chain: registered webhooks, service resolution, HTTPS calls, patches, failure
// policies (see webhook_admission.hpp).
#include "tests/kube-apiserver-double/webhook_admission.hpp"

#include <atomic>
#include <iostream>

#include "tests/kube-apiserver-double/api_status.hpp"
#include "tests/kube-apiserver-double/https_client.hpp"
#include "tests/kube-apiserver-double/webhook_review.hpp"

namespace peregrine::kubedouble {
namespace {

using nlohmann::json;

constexpr const char* kAdmissionGroup = "admissionregistration.k8s.io";
constexpr size_t kRecentFailures = 50;

std::string next_uid() {
  static std::atomic<uint64_t> counter{0};
  return "c0ffee00-0000-4000-8000-" + std::to_string(1000000000000ULL + ++counter).substr(1);
}

// "https://host[:port]/path" → host, port, path.
void parse_https_url(const std::string& url, std::string& host, uint16_t& port, std::string& path) {
  const std::string rest = url.substr(std::string("https://").size());
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  path = slash == std::string::npos ? "/" : rest.substr(slash);
  port = 443;
  host = authority;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') port = static_cast<uint16_t>(std::stoi(authority.substr(close + 2)));
  } else if (const auto colon = authority.rfind(':'); colon != std::string::npos) {
    host = authority.substr(0, colon);
    port = static_cast<uint16_t>(std::stoi(authority.substr(colon + 1)));
  }
}

std::string denial_message(const Webhook& webhook, const WebhookVerdict& verdict) {
  const std::string denied = "admission webhook \"" + webhook.name + "\" denied the request";
  if (!verdict.message.empty()) return denied + ": " + verdict.message;
  if (!verdict.reason.empty()) return denied + ": " + verdict.reason;
  return denied + " without explanation";
}

}  // namespace

WebhookAdmission::WebhookAdmission(ResourceCatalog& catalog, ObjectStore& store, bool log_failures)
    : catalog_(catalog), store_(store), log_failures_(log_failures) {}

std::vector<Webhook> WebhookAdmission::registered(bool mutating) const {
  const auto info = catalog_.find(kAdmissionGroup, "v1",
                                  mutating ? "mutatingwebhookconfigurations" : "validatingwebhookconfigurations");
  std::vector<Webhook> out;
  if (!info) return out;
  for (const auto& configuration : store_.list(*info, "", ListQuery{}).items) {  // by name, as the API server orders them
    for (auto& webhook : webhooks_of(configuration, mutating)) out.push_back(std::move(webhook));
  }
  return out;
}

std::vector<ResourceInfo> WebhookAdmission::other_versions(const ResourceInfo& resource) const {
  std::vector<ResourceInfo> out;
  for (const auto& group : catalog_.groups()) {
    if (group.group != resource.group) continue;
    for (const auto& version : group.versions) {
      if (version == resource.version) continue;
      if (auto other = catalog_.find(resource.group, version, resource.plural)) out.push_back(*other);
    }
  }
  return out;
}

json WebhookAdmission::namespace_labels(const AdmissionFacts& facts) const {
  if (facts.ns.empty()) return nullptr;
  const auto namespaces = catalog_.find("", "v1", "namespaces");
  try {
    return store_.get(*namespaces, "", facts.ns)["metadata"].value("labels", json::object());
  } catch (const ApiServerError&) {
    return nullptr;
  }
}

WebhookAdmission::Target WebhookAdmission::resolve(const WebhookEndpoint& endpoint) const {
  Target target;
  if (!endpoint.url.empty()) {
    parse_https_url(endpoint.url, target.host, target.port, target.path);
    target.server_name = target.host;
    return target;
  }
  const std::string service_id = endpoint.service_namespace + "/" + endpoint.service_name;
  const auto services = catalog_.find("", "v1", "services");
  const auto endpoints_info = catalog_.find("", "v1", "endpoints");
  json service;
  try {
    service = store_.get(*services, endpoint.service_namespace, endpoint.service_name);
  } catch (const ApiServerError&) {
    throw std::runtime_error("service \"" + service_id + "\" not found");
  }
  json service_port;
  for (const auto& port : service["spec"].value("ports", json::array())) {
    if (port.value("port", -1) == endpoint.port) service_port = port;
  }
  if (!service_port.is_object()) {
    throw std::runtime_error("service \"" + service_id + "\" has no port " + std::to_string(endpoint.port));
  }
  json endpoints;
  try {
    endpoints = store_.get(*endpoints_info, endpoint.service_namespace, endpoint.service_name);
  } catch (const ApiServerError&) {
    throw std::runtime_error("service \"" + service_id + "\" has no endpoints");
  }
  const std::string port_name = service_port.value("name", "");
  for (const auto& subset : endpoints.value("subsets", json::array())) {
    const json addresses = subset.value("addresses", json::array());
    if (addresses.empty()) continue;
    const json ports = subset.value("ports", json::array());
    for (const auto& port : ports) {
      if (port_name.empty() ? ports.size() == 1 : port.value("name", "") == port_name) {
        target.host = addresses[0].value("ip", "");
        target.port = static_cast<uint16_t>(port.value("port", 0));
        target.server_name = endpoint.service_name + "." + endpoint.service_namespace + ".svc";
        target.path = endpoint.path.empty() ? "/" : endpoint.path;
        return target;
      }
    }
  }
  throw std::runtime_error("service \"" + service_id + "\" has no ready endpoints for port " +
                           std::to_string(endpoint.port));
}

WebhookVerdict WebhookAdmission::call(const Webhook& webhook, const AdmissionFacts& facts, const ResourceInfo& sent_as,
                                      const json& object, const json& old_object) {
  bool speaks_v1 = false;
  for (const auto& version : webhook.review_versions) speaks_v1 = speaks_v1 || version == "v1";
  if (!speaks_v1) throw std::runtime_error("webhook does not accept v1 AdmissionReview");
  const Target target = resolve(webhook.endpoint);
  const std::string path =
      target.path + (target.path.find('?') == std::string::npos ? "?" : "&") + "timeout=" +
      std::to_string(webhook.timeout.count()) + "s";
  const std::string url = "https://" + target.server_name + ":" + std::to_string(target.port) + path;
  const std::string uid = next_uid();
  const json review = admission_review_request(uid, facts, sent_as, object, old_object);
  HttpsTarget https;
  https.connect_host = target.host;
  https.port = target.port;
  https.server_name = target.server_name;
  https.ca_bundle_pem = webhook.endpoint.ca_bundle_pem;
  record(calls_, webhook.name);
  try {
    const HttpsReply reply = https_request(https, "POST", path, review.dump(), webhook.timeout);
    if (reply.status != 200) {
      throw std::runtime_error("the server responded with HTTP " + std::to_string(reply.status) + ": " +
                               reply.body.substr(0, 200));
    }
    return read_admission_response(uid, reply.body, webhook.mutating);
  } catch (const std::exception& e) {
    throw std::runtime_error("Post \"" + url + "\": " + e.what());
  }
}

bool WebhookAdmission::run(const Webhook& webhook, const AdmissionFacts& facts, const json& ns_labels, json& object,
                           const json& old_object, std::vector<std::string>& warnings) {
  const auto sent_as = matched_resource(webhook, facts, other_versions(facts.resource));
  if (!sent_as || !selectors_match(webhook, facts, ns_labels, object, old_object)) return false;
  if (facts.dry_run && webhook.side_effects != "None" && webhook.side_effects != "NoneOnDryRun") {
    throw ApiServerError(400, "BadRequest", "admission webhook \"" + webhook.name + "\" does not support dry run");
  }
  try {
    const WebhookVerdict verdict = call(webhook, facts, *sent_as, object, old_object);
    warnings.insert(warnings.end(), verdict.warnings.begin(), verdict.warnings.end());
    if (!verdict.allowed) {
      record(denials_, webhook.name);
      const int code = verdict.code >= 400 ? verdict.code : 400;
      throw ApiServerError(code, verdict.reason.empty() ? "BadRequest" : verdict.reason, denial_message(webhook, verdict));
    }
    if (verdict.patch) {
      try {
        json patched = object;
        if (patched.is_object()) {
          patched["apiVersion"] = sent_as->group_version();
          patched["kind"] = sent_as->kind;
        }
        patched = patched.patch(*verdict.patch);
        if (!patched.is_object()) throw std::runtime_error("the patched object is not an object");
        patched["apiVersion"] = facts.resource.group_version();
        patched["kind"] = facts.resource.kind;
        object = std::move(patched);
      } catch (const std::exception& e) {
        throw std::runtime_error(std::string("the JSONPatch cannot be applied: ") + e.what());
      }
    }
  } catch (const ApiServerError&) {
    throw;
  } catch (const std::exception& e) {
    record_failure(webhook, e.what());
    if (webhook.fail_closed) {
      throw ApiServerError(500, "InternalError",
                           "Internal error occurred: failed calling webhook \"" + webhook.name + "\": " + e.what());
    }
  }
  return true;
}

json WebhookAdmission::admit(const AdmissionFacts& facts, json object, const json& old_object,
                             std::vector<std::string>& warnings) {
  if (facts.resource.group == kAdmissionGroup) return object;
  const auto mutating = registered(true);
  const auto validating = registered(false);
  if (mutating.empty() && validating.empty()) return object;
  const json ns_labels = namespace_labels(facts);

  // Mutating webhooks in order; IfNeeded ones remember the object they returned.
  std::vector<std::pair<const Webhook*, json>> reinvocable;
  for (const auto& webhook : mutating) {
    if (run(webhook, facts, ns_labels, object, old_object, warnings) && webhook.reinvoke_if_needed) {
      reinvocable.emplace_back(&webhook, object);
    }
  }
  for (const auto& [webhook, after_its_call] : reinvocable) {
    if (object != after_its_call) run(*webhook, facts, ns_labels, object, old_object, warnings);
  }
  for (const auto& webhook : validating) run(webhook, facts, ns_labels, object, old_object, warnings);
  return object;
}

void WebhookAdmission::record(std::map<std::string, uint64_t>& counter, const std::string& webhook) {
  std::lock_guard lock(mutex_);
  ++counter[webhook];
}

void WebhookAdmission::record_failure(const Webhook& webhook, const std::string& message) {
  const std::string line = "failed calling webhook \"" + webhook.name + "\" (failurePolicy " +
                           (webhook.fail_closed ? "Fail" : "Ignore") + "): " + message;
  if (log_failures_) std::cerr << "admission: " << line << std::endl;
  std::lock_guard lock(mutex_);
  ++failures_[webhook.name];
  recent_failures_.push_back(line);
  if (recent_failures_.size() > kRecentFailures) recent_failures_.pop_front();
}

json WebhookAdmission::stats() const {
  std::lock_guard lock(mutex_);
  return {{"calls", calls_}, {"denials", denials_}, {"failures", failures_}, {"recentFailures", recent_failures_}};
}

std::string warning_header_value(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '"' || c == '\\') escaped.push_back('\\');
    escaped.push_back(c == '\n' || c == '\r' ? ' ' : c);
  }
  return "299 - \"" + escaped + "\"";
}

}  // namespace peregrine::kubedouble
