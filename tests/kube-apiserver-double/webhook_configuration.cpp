// Webhook configurations: defaults, validation, parsing and request matching (see webhook_configuration.hpp).
#include "tests/kube-apiserver-double/webhook_configuration.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <set>

namespace peregrine::kubedouble {
namespace {

using nlohmann::json;

void set_default(json& object, const char* key, const json& value) {
  if (!object.contains(key) || object[key].is_null()) object[key] = value;
}

std::vector<std::string> strings_of(const json& values) {
  std::vector<std::string> out;
  if (!values.is_array()) return out;
  for (const auto& value : values) {
    if (value.is_string()) out.push_back(value.get<std::string>());
  }
  return out;
}

bool listed(const std::vector<std::string>& values, const std::string& wanted) {
  return std::any_of(values.begin(), values.end(), [&](const std::string& v) { return v == "*" || v == wanted; });
}

std::pair<std::string, std::string> split_resource(const std::string& resource) {
  const auto slash = resource.find('/');
  if (slash == std::string::npos) return {resource, ""};
  return {resource.substr(0, slash), resource.substr(slash + 1)};
}

bool rule_lists(const WebhookRule& rule, const ResourceInfo& resource, const AdmissionFacts& facts) {
  if (!listed(rule.operations, facts.operation) || !listed(rule.api_groups, resource.group) ||
      !listed(rule.api_versions, resource.version)) {
    return false;
  }
  if (rule.scope == "Cluster" && resource.namespaced) return false;
  if (rule.scope == "Namespaced" && !resource.namespaced) return false;
  return std::any_of(rule.resources.begin(), rule.resources.end(), [&](const std::string& listed_resource) {
    const auto [name, sub] = split_resource(listed_resource);
    return (name == "*" || name == resource.plural) && (sub == "*" || sub == facts.subresource);
  });
}

bool any_rule_lists(const Webhook& webhook, const ResourceInfo& resource, const AdmissionFacts& facts) {
  return std::any_of(webhook.rules.begin(), webhook.rules.end(),
                     [&](const WebhookRule& rule) { return rule_lists(rule, resource, facts); });
}

bool qualified_webhook_name(const std::string& name) {
  // A DNS-1123 subdomain with at least three segments ("sidecar-injector.example.com").
  if (name.empty() || name.size() > 253) return false;
  if (std::count(name.begin(), name.end(), '.') < 2) return false;
  size_t start = 0;
  while (start <= name.size()) {
    const auto dot = name.find('.', start);
    const std::string label = name.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (label.empty() || label.size() > 63) return false;
    for (char c : label) {
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    if (label.front() == '-' || label.back() == '-') return false;
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return true;
}

using Problems = std::vector<std::pair<std::string, std::string>>;

void check_one_of(Problems& problems, const json& value, const std::string& field, const std::set<std::string>& allowed) {
  if (!value.is_string() || !allowed.count(value.get<std::string>())) {
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "\"" : ", \"") + a + "\"";
    problems.emplace_back(field, "Unsupported value: " + value.dump() + ": supported values: " + list);
  }
}

void check_client_config(Problems& problems, const json& client, const std::string& field) {
  const bool has_url = client.contains("url") && !client["url"].is_null();
  const bool has_service = client.contains("service") && !client["service"].is_null();
  if (has_url == has_service) {
    problems.emplace_back(field, "Required value: exactly one of url or service is required");
    return;
  }
  if (has_url) {
    const std::string url = client["url"].is_string() ? client["url"].get<std::string>() : "";
    if (url.rfind("https://", 0) != 0) {
      problems.emplace_back(field + ".url", "Invalid value: " + client["url"].dump() + ": 'https' is the only allowed URL scheme");
    }
    if (url.find('?') != std::string::npos || url.find('#') != std::string::npos) {
      problems.emplace_back(field + ".url", "Invalid value: " + client["url"].dump() + ": query parameters and fragments are not allowed");
    }
  } else {
    const json& service = client["service"];
    if (service.value("name", "").empty()) problems.emplace_back(field + ".service.name", "Required value: service name is required");
    if (service.value("namespace", "").empty()) {
      problems.emplace_back(field + ".service.namespace", "Required value: service namespace is required");
    }
    const json port = service.value("port", json(443));
    if (!port.is_number_integer() || port.get<int>() < 1 || port.get<int>() > 65535) {
      problems.emplace_back(field + ".service.port", "Invalid value: " + port.dump() + ": port is not valid: must be between 1 and 65535, inclusive");
    }
    if (service.contains("path") && service["path"].is_string()) {
      const std::string path = service["path"];
      if (path.empty() || path.front() != '/') {
        problems.emplace_back(field + ".service.path", "Invalid value: " + service["path"].dump() + ": must start with a '/'");
      }
    }
  }
  if (client.contains("caBundle") && !client["caBundle"].is_null()) {
    if (!client["caBundle"].is_string() || !decode_base64(client["caBundle"].get<std::string>())) {
      problems.emplace_back(field + ".caBundle", "Invalid value: illegal base64 data");
    }
  }
}

void check_rules(Problems& problems, const json& rules, const std::string& field) {
  if (!rules.is_array()) return;
  for (size_t r = 0; r < rules.size(); ++r) {
    const std::string rf = field + "[" + std::to_string(r) + "]";
    const json& rule = rules[r];
    for (const char* list : {"operations", "apiGroups", "apiVersions", "resources"}) {
      if (!rule.contains(list) || !rule[list].is_array() || rule[list].empty()) {
        problems.emplace_back(rf + "." + list, "Required value");
      }
    }
    for (const auto& operation : rule.value("operations", json::array())) {
      check_one_of(problems, operation, rf + ".operations", {"*", "CONNECT", "CREATE", "DELETE", "UPDATE"});
    }
    check_one_of(problems, rule.value("scope", json("*")), rf + ".scope", {"*", "Cluster", "Namespaced"});
  }
}

}  // namespace

void default_webhook_configuration(json& configuration, bool mutating) {
  auto webhooks = configuration.find("webhooks");
  if (webhooks == configuration.end() || !webhooks->is_array()) return;
  for (auto& webhook : *webhooks) {
    if (!webhook.is_object()) continue;
    set_default(webhook, "failurePolicy", "Fail");
    set_default(webhook, "matchPolicy", "Equivalent");
    set_default(webhook, "namespaceSelector", json::object());
    set_default(webhook, "objectSelector", json::object());
    set_default(webhook, "timeoutSeconds", 10);
    if (mutating) set_default(webhook, "reinvocationPolicy", "Never");
    if (auto rules = webhook.find("rules"); rules != webhook.end() && rules->is_array()) {
      for (auto& rule : *rules) {
        if (rule.is_object()) set_default(rule, "scope", "*");
      }
    }
    if (auto client = webhook.find("clientConfig"); client != webhook.end() && client->is_object()) {
      if (auto service = client->find("service"); service != client->end() && service->is_object()) {
        set_default(*service, "port", 443);
      }
    }
  }
}

Problems webhook_configuration_problems(const json& configuration, bool mutating) {
  Problems problems;
  const json webhooks = configuration.value("webhooks", json::array());
  if (!webhooks.is_array()) {
    problems.emplace_back("webhooks", "Invalid value: must be a list");
    return problems;
  }
  std::set<std::string> names;
  for (size_t i = 0; i < webhooks.size(); ++i) {
    const std::string field = "webhooks[" + std::to_string(i) + "]";
    const json& webhook = webhooks[i];
    const std::string name = webhook.value("name", "");
    if (!qualified_webhook_name(name)) {
      problems.emplace_back(field + ".name", "Invalid value: \"" + name + "\": should be a domain with at least three segments separated by dots");
    } else if (!names.insert(name).second) {
      problems.emplace_back(field + ".name", "Duplicate value: \"" + name + "\"");
    }
    const auto versions = strings_of(webhook.value("admissionReviewVersions", json::array()));
    if (versions.empty()) {
      problems.emplace_back(field + ".admissionReviewVersions",
                            "Required value: must specify one of v1, v1beta1");
    } else if (!listed(versions, "v1") && !listed(versions, "v1beta1")) {
      problems.emplace_back(field + ".admissionReviewVersions",
                            "Invalid value: must include at least one of v1, v1beta1");
    }
    if (!webhook.contains("sideEffects")) {
      problems.emplace_back(field + ".sideEffects", "Required value: must specify one of None, NoneOnDryRun");
    } else {
      check_one_of(problems, webhook["sideEffects"], field + ".sideEffects", {"None", "NoneOnDryRun"});
    }
    check_one_of(problems, webhook.value("failurePolicy", json("Fail")), field + ".failurePolicy", {"Fail", "Ignore"});
    check_one_of(problems, webhook.value("matchPolicy", json("Equivalent")), field + ".matchPolicy", {"Equivalent", "Exact"});
    if (mutating) {
      check_one_of(problems, webhook.value("reinvocationPolicy", json("Never")), field + ".reinvocationPolicy",
                   {"IfNeeded", "Never"});
    }
    const json timeout = webhook.value("timeoutSeconds", json(10));
    if (!timeout.is_number_integer() || timeout.get<int>() < 1 || timeout.get<int>() > 30) {
      problems.emplace_back(field + ".timeoutSeconds",
                            "Invalid value: " + timeout.dump() + ": the timeout value must be between 1 and 30 seconds");
    }
    check_client_config(problems, webhook.value("clientConfig", json::object()), field + ".clientConfig");
    check_rules(problems, webhook.value("rules", json::array()), field + ".rules");
  }
  return problems;
}

std::vector<Webhook> webhooks_of(const json& configuration, bool mutating) {
  std::vector<Webhook> out;
  const std::string configuration_name = configuration.value("metadata", json::object()).value("name", "");
  for (const auto& entry : configuration.value("webhooks", json::array())) {
    Webhook webhook;
    webhook.configuration = configuration_name;
    webhook.name = entry.value("name", "");
    webhook.mutating = mutating;
    const json client = entry.value("clientConfig", json::object());
    webhook.endpoint.url = client.value("url", "");
    if (const json service = client.value("service", json()); service.is_object()) {
      webhook.endpoint.service_namespace = service.value("namespace", "");
      webhook.endpoint.service_name = service.value("name", "");
      webhook.endpoint.path = service.value("path", "");
      webhook.endpoint.port = service.value("port", 443);
    }
    webhook.endpoint.ca_bundle_pem = decode_base64(client.value("caBundle", "")).value_or("");
    for (const auto& rule : entry.value("rules", json::array())) {
      webhook.rules.push_back(WebhookRule{strings_of(rule.value("operations", json::array())),
                                          strings_of(rule.value("apiGroups", json::array())),
                                          strings_of(rule.value("apiVersions", json::array())),
                                          strings_of(rule.value("resources", json::array())), rule.value("scope", "*")});
    }
    webhook.fail_closed = entry.value("failurePolicy", "Fail") == "Fail";
    webhook.match_equivalent = entry.value("matchPolicy", "Equivalent") == "Equivalent";
    webhook.namespace_selector = LabelSelector::from_json(entry.value("namespaceSelector", json::object()));
    webhook.object_selector = LabelSelector::from_json(entry.value("objectSelector", json::object()));
    webhook.side_effects = entry.value("sideEffects", "");
    webhook.timeout = std::chrono::seconds(entry.value("timeoutSeconds", 10));
    webhook.review_versions = strings_of(entry.value("admissionReviewVersions", json::array()));
    webhook.reinvoke_if_needed = mutating && entry.value("reinvocationPolicy", "Never") == "IfNeeded";
    out.push_back(std::move(webhook));
  }
  return out;
}

std::optional<ResourceInfo> matched_resource(const Webhook& webhook, const AdmissionFacts& facts,
                                             const std::vector<ResourceInfo>& other_versions) {
  if (any_rule_lists(webhook, facts.resource, facts)) return facts.resource;
  if (!webhook.match_equivalent) return std::nullopt;
  for (const auto& other : other_versions) {
    if (any_rule_lists(webhook, other, facts)) return other;
  }
  return std::nullopt;
}

bool selectors_match(const Webhook& webhook, const AdmissionFacts& facts, const json& namespace_labels,
                     const json& object, const json& old_object) {
  const bool is_namespace = facts.resource.group.empty() && facts.resource.plural == "namespaces";
  if (!webhook.namespace_selector.empty()) {
    if (is_namespace) {
      const json& subject = object.is_object() ? object : old_object;
      if (!webhook.namespace_selector.matches(subject.value("metadata", json::object()).value("labels", json()))) {
        return false;
      }
    } else if (facts.resource.namespaced && !webhook.namespace_selector.matches(namespace_labels)) {
      return false;
    }
  }
  if (webhook.object_selector.empty()) return true;
  const auto labels_match = [&](const json& candidate) {
    return candidate.is_object() &&
           webhook.object_selector.matches(candidate.value("metadata", json::object()).value("labels", json()));
  };
  return labels_match(object) || labels_match(old_object);
}

std::optional<std::string> decode_base64(const std::string& text) {
  if (text.empty()) return std::string();
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out(text.size() / 4 * 3, '\0');
  const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (written < 0) return std::nullopt;
  size_t padding = 0;
  if (text.back() == '=') ++padding;
  if (text.size() >= 2 && text[text.size() - 2] == '=') ++padding;
  out.resize(static_cast<size_t>(written) - padding);
  return out;
}

}  // namespace peregrine::kubedouble
