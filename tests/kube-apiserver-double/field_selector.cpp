// Field selector parsing and matching.
#include "tests/kube-apiserver-double/field_selector.hpp"

#include <algorithm>

#include "tests/kube-apiserver-double/api_status.hpp"

namespace peregrine::kubedouble {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool supported(const ResourceInfo& info, const std::string& field) {
  if (field == "metadata.name" || field == "metadata.namespace") return true;
  if (info.kind == "Event") {
    static const std::vector<std::string> event_fields{
        "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
        "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "type",
        "source", "reportingComponent", "regarding.kind", "regarding.name", "regarding.namespace", "regarding.uid"};
    return std::find(event_fields.begin(), event_fields.end(), field) != event_fields.end();
  }
  if (info.kind == "Pod") return field == "spec.nodeName" || field == "status.phase" || field == "spec.restartPolicy";
  if (info.kind == "Secret") return field == "type";
  return false;
}

std::string field_value(const nlohmann::json& object, const std::string& path) {
  const nlohmann::json* cur = &object;
  size_t start = 0;
  while (start <= path.size()) {
    auto dot = path.find('.', start);
    if (dot == std::string::npos) dot = path.size();
    const std::string part = path.substr(start, dot - start);
    if (!cur->is_object()) return "";
    auto it = cur->find(part);
    if (it == cur->end()) return "";
    cur = &*it;
    start = dot + 1;
  }
  if (cur->is_string()) return cur->get<std::string>();
  if (cur->is_null()) return "";
  return cur->dump();
}

}  // namespace

FieldSelector FieldSelector::parse(std::string_view text, const ResourceInfo& info) {
  FieldSelector out;
  if (trim(text).empty()) return out;
  size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    const std::string_view part = trim(text.substr(start, comma - start));
    Term term;
    const auto ne = part.find("!=");
    const auto eq = part.find('=');
    if (ne != std::string_view::npos) {
      term.negate = true;
      term.field = std::string(trim(part.substr(0, ne)));
      term.value = std::string(trim(part.substr(ne + 2)));
    } else if (eq != std::string_view::npos) {
      term.field = std::string(trim(part.substr(0, eq)));
      const size_t vs = part.compare(eq, 2, "==") == 0 ? eq + 2 : eq + 1;
      term.value = std::string(trim(part.substr(vs)));
    } else {
      throw bad_request("invalid selector: '" + std::string(text) + "'; can't understand '" + std::string(part) + "'");
    }
    if (!supported(info, term.field)) {
      throw bad_request("field label not supported: " + term.field);
    }
    out.terms_.push_back(std::move(term));
    start = comma + 1;
  }
  return out;
}

bool FieldSelector::matches(const nlohmann::json& object) const {
  for (const auto& term : terms_) {
    const bool equal = field_value(object, term.field) == term.value;
    if (equal == term.negate) return false;
  }
  return true;
}

std::string FieldSelector::required_name() const {
  for (const auto& term : terms_) {
    if (term.field == "metadata.name" && !term.negate) return term.value;
  }
  return "";
}

}  // namespace peregrine::kubedouble
