// Object validation for built-in kinds and generic metadata.
#include "tests/kube-apiserver-double/object_validation.hpp"

#include <set>

#include "tests/kube-apiserver-double/api_status.hpp"
#include "tests/kube-apiserver-double/label_selector.hpp"
#include "tests/kube-apiserver-double/webhook_configuration.hpp"

namespace peregrine::kubedouble {
namespace {

using nlohmann::json;

bool lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::string dns_label_problem(const std::string& s, bool must_start_with_letter) {
  if (s.empty()) return "must be non-empty";
  if (s.size() > 63) return "must be no more than 63 characters";
  for (char c : s) {
    if (!lower_alnum(c) && c != '-') {
      return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'";
    }
  }
  if (must_start_with_letter && !(s.front() >= 'a' && s.front() <= 'z')) {
    return "a DNS-1035 label must start with an alphabetic character";
  }
  if (!lower_alnum(s.front()) || !lower_alnum(s.back())) return "must start and end with an alphanumeric character";
  return "";
}

std::string dns_subdomain_problem(const std::string& s) {
  if (s.empty()) return "must be non-empty";
  if (s.size() > 253) return "must be no more than 253 characters";
  for (char c : s) {
    if (!lower_alnum(c) && c != '-' && c != '.') {
      return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'";
    }
  }
  if (!lower_alnum(s.front()) || !lower_alnum(s.back())) return "must start and end with an alphanumeric character";
  return "";
}

std::string path_segment_problem(const std::string& s) {
  if (s.empty()) return "must be non-empty";
  if (s == "." || s == "..") return "may not be '.' or '..'";
  if (s.find('/') != std::string::npos || s.find('%') != std::string::npos) return "may not contain '/' or '%'";
  return "";
}

// IANA_SVC_NAME: ≤ 15 chars, lowercase alphanumerics and '-', at least one letter, no "--", no '-' at the ends.
std::string iana_svc_name_problem(const std::string& s) {
  if (s.empty() || s.size() > 15) return "must be no more than 15 characters";
  bool letter = false;
  for (char c : s) {
    if (!lower_alnum(c) && c != '-') return "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)";
    if (c >= 'a' && c <= 'z') letter = true;
  }
  if (!letter) return "must contain at least one letter (a-z)";
  if (s.find("--") != std::string::npos) return "must not contain consecutive hyphens";
  if (s.front() == '-' || s.back() == '-') return "must not begin or end with a hyphen";
  return "";
}

std::string config_key_problem(const std::string& s) {
  if (s.empty() || s.size() > 253) return "must be no more than 253 characters";
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '.' || c == '_';
    if (!ok) return "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
  }
  return "";
}

struct Checker {
  const ResourceInfo& info;
  std::string name;

  [[noreturn]] void fail(const std::string& field, const std::string& detail) const { throw invalid(info, name, field, detail); }
  void check(const std::string& problem, const std::string& field, const json& value) const {
    if (!problem.empty()) fail(field, "Invalid value: " + value.dump() + ": " + problem);
  }
};

void validate_metadata(const Checker& ck, const json& meta) {
  const std::string name = meta.value("name", "");
  if (ck.info.kind == "Namespace") {
    ck.check(dns_label_problem(name, false), "metadata.name", name);
  } else if (ck.info.kind == "Service") {
    ck.check(dns_label_problem(name, true), "metadata.name", name);
  } else if (ck.info.group == "rbac.authorization.k8s.io") {
    ck.check(path_segment_problem(name), "metadata.name", name);
  } else {
    ck.check(dns_subdomain_problem(name), "metadata.name", name);
  }
  if (auto labels = meta.find("labels"); labels != meta.end() && labels->is_object()) {
    for (const auto& [k, v] : labels->items()) {
      ck.check(label_key_problem(k), "metadata.labels", k);
      if (!v.is_string()) ck.fail("metadata.labels", "Invalid value: " + v.dump() + ": label values must be strings");
      ck.check(label_value_problem(v.get<std::string>()), "metadata.labels", v);
    }
  }
  if (auto annotations = meta.find("annotations"); annotations != meta.end() && annotations->is_object()) {
    for (const auto& [k, v] : annotations->items()) {
      ck.check(label_key_problem(k), "metadata.annotations", k);
      if (!v.is_string()) {
        ck.fail("metadata.annotations", "Invalid value: " + v.dump() + ": annotation values must be strings");
      }
    }
  }
}

void validate_containers(const Checker& ck, const json& pod_spec, const std::string& path) {
  const auto containers = pod_spec.find("containers");
  if (containers == pod_spec.end() || !containers->is_array() || containers->empty()) {
    ck.fail(path + ".containers", "Required value");
  }
  std::set<std::string> names;
  for (const char* list : {"containers", "initContainers"}) {
    auto it = pod_spec.find(list);
    if (it == pod_spec.end() || !it->is_array()) continue;
    for (size_t i = 0; i < it->size(); ++i) {
      const json& c = (*it)[i];
      const std::string where = path + "." + list + "[" + std::to_string(i) + "]";
      const std::string cname = c.value("name", "");
      ck.check(dns_label_problem(cname, false), where + ".name", cname);
      if (!names.insert(cname).second) ck.fail(where + ".name", "Duplicate value: \"" + cname + "\"");
      if (c.value("image", "").empty()) ck.fail(where + ".image", "Required value");
      if (auto ports = c.find("ports"); ports != c.end() && ports->is_array()) {
        for (size_t p = 0; p < ports->size(); ++p) {
          const json& port = (*ports)[p];
          const std::string pwhere = where + ".ports[" + std::to_string(p) + "]";
          const int number = port.value("containerPort", 0);
          if (number < 1 || number > 65535) {
            ck.fail(pwhere + ".containerPort", "Invalid value: " + std::to_string(number) + ": must be between 1 and 65535, inclusive");
          }
          if (port.contains("name")) ck.check(iana_svc_name_problem(port.value("name", "")), pwhere + ".name", port["name"]);
        }
      }
    }
  }
}

void validate_workload(const Checker& ck, const json& spec, bool needs_selector) {
  const json tmpl = spec.value("template", json::object());
  const json labels = tmpl.contains("metadata") ? tmpl["metadata"].value("labels", json::object()) : json::object();
  if (needs_selector) {
    auto selector = spec.find("selector");
    if (selector == spec.end() || !selector->is_object() ||
        (selector->value("matchLabels", json::object()).empty() &&
         selector->value("matchExpressions", json::array()).empty())) {
      ck.fail("spec.selector", "Required value");
    }
    if (!LabelSelector::from_json(*selector).matches(labels)) {
      ck.fail("spec.template.metadata.labels",
              "Invalid value: " + labels.dump() + ": `selector` does not match template `labels`");
    }
  }
  validate_containers(ck, tmpl.value("spec", json::object()), "spec.template.spec");
}

void validate_job_template(const Checker& ck, const json& job_spec, const std::string& path) {
  const json tmpl = job_spec.value("template", json::object());
  const json pod_spec = tmpl.value("spec", json::object());
  const std::string restart = pod_spec.value("restartPolicy", "");
  if (restart != "OnFailure" && restart != "Never") {
    ck.fail(path + ".template.spec.restartPolicy", "Required value: valid values: \"OnFailure\", \"Never\"");
  }
  validate_containers(ck, pod_spec, path + ".template.spec");
}

void validate_service(const Checker& ck, const json& spec) {
  const json ports = spec.value("ports", json::array());
  const std::string type = spec.value("type", "ClusterIP");
  if (ports.empty() && type != "ExternalName" && spec.value("clusterIP", "") != "None") {
    ck.fail("spec.ports", "Required value");
  }
  std::set<std::string> names;
  for (size_t i = 0; i < ports.size(); ++i) {
    const json& p = ports[i];
    const std::string where = "spec.ports[" + std::to_string(i) + "]";
    const int number = p.value("port", 0);
    if (number < 1 || number > 65535) {
      ck.fail(where + ".port", "Invalid value: " + std::to_string(number) + ": must be between 1 and 65535, inclusive");
    }
    const std::string pname = p.value("name", "");
    if (ports.size() > 1 && pname.empty()) ck.fail(where + ".name", "Required value");
    if (!pname.empty()) {
      ck.check(dns_label_problem(pname, false), where + ".name", pname);
      if (!names.insert(pname).second) ck.fail(where + ".name", "Duplicate value: \"" + pname + "\"");
    }
  }
  if (auto selector = spec.find("selector"); selector != spec.end() && selector->is_object()) {
    for (const auto& [k, v] : selector->items()) {
      ck.check(label_key_problem(k), "spec.selector", k);
      if (v.is_string()) ck.check(label_value_problem(v.get<std::string>()), "spec.selector", v);
    }
  }
}

void validate_config_keys(const Checker& ck, const json& object) {
  for (const char* field : {"data", "binaryData", "stringData"}) {
    if (auto it = object.find(field); it != object.end() && it->is_object()) {
      for (const auto& [k, v] : it->items()) ck.check(config_key_problem(k), field, k);
    }
  }
}

void check_immutable(const Checker& ck, const json& object, const json& existing, const json::json_pointer& ptr,
                     const std::string& field) {
  const json now = object.contains(ptr) ? object[ptr] : json();
  const json before = existing.contains(ptr) ? existing[ptr] : json();
  if (now != before) ck.fail(field, "Invalid value: " + now.dump() + ": field is immutable");
}

void validate_update(const Checker& ck, const json& object, const json& existing) {
  const std::string& kind = ck.info.kind;
  if (kind == "Deployment" || kind == "DaemonSet" || kind == "ReplicaSet" || kind == "StatefulSet") {
    check_immutable(ck, object, existing, "/spec/selector"_json_pointer, "spec.selector");
  }
  if (kind == "StatefulSet") {
    json a = object.value("spec", json::object());
    json b = existing.value("spec", json::object());
    for (const char* mutable_field : {"replicas", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy",
                                      "minReadySeconds", "ordinals", "revisionHistoryLimit"}) {
      a.erase(mutable_field);
      b.erase(mutable_field);
    }
    if (a != b) {
      ck.fail("spec", "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                      "'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' "
                      "and 'minReadySeconds' are forbidden");
    }
  }
  if (kind == "Job") {
    check_immutable(ck, object, existing, "/spec/selector"_json_pointer, "spec.selector");
    check_immutable(ck, object, existing, "/spec/template"_json_pointer, "spec.template");
  }
  if (kind == "Service") {
    const std::string before = existing.contains("spec") ? existing["spec"].value("clusterIP", "") : "";
    const std::string now = object.contains("spec") ? object["spec"].value("clusterIP", "") : "";
    if (!before.empty() && before != now) ck.fail("spec.clusterIP", "Invalid value: \"" + now + "\": field is immutable");
  }
  if (kind == "RoleBinding" || kind == "ClusterRoleBinding") {
    check_immutable(ck, object, existing, "/roleRef"_json_pointer, "roleRef");
  }
  if ((kind == "ConfigMap" || kind == "Secret") && existing.value("immutable", false)) {
    for (const char* field : {"data", "binaryData", "immutable"}) {
      json::json_pointer ptr("/" + std::string(field));
      const json now = object.contains(ptr) ? object[ptr] : json();
      const json before = existing.contains(ptr) ? existing[ptr] : json();
      if (now != before) ck.fail(field, "Forbidden: field is immutable when `immutable` is set");
    }
  }
}

}  // namespace

void validate_object(const ResourceInfo& info, const nlohmann::json& object, const nlohmann::json& existing) {
  const json meta = object.value("metadata", json::object());
  Checker ck{info, meta.value("name", "")};
  validate_metadata(ck, meta);
  const json spec = object.value("spec", json::object());
  const std::string& kind = info.kind;
  if (!info.is_custom) {
    if (kind == "Deployment" || kind == "DaemonSet" || kind == "ReplicaSet" || kind == "StatefulSet") {
      validate_workload(ck, spec, true);
    } else if (kind == "Pod") {
      validate_containers(ck, spec, "spec");
    } else if (kind == "Job") {
      validate_job_template(ck, spec, "spec");
    } else if (kind == "CronJob") {
      if (spec.value("schedule", "").empty()) ck.fail("spec.schedule", "Required value");
      const json job_template = spec.value("jobTemplate", json::object());
      validate_job_template(ck, job_template.value("spec", json::object()), "spec.jobTemplate.spec");
    } else if (kind == "Service") {
      validate_service(ck, spec);
    } else if (kind == "ConfigMap" || kind == "Secret") {
      validate_config_keys(ck, object);
    } else if (kind == "MutatingWebhookConfiguration" || kind == "ValidatingWebhookConfiguration") {
      const auto problems = webhook_configuration_problems(object, kind == "MutatingWebhookConfiguration");
      if (!problems.empty()) ck.fail(problems.front().first, problems.front().second);
    }
  }
  if (existing.is_object()) validate_update(ck, object, existing);
}

}  // namespace peregrine::kubedouble
