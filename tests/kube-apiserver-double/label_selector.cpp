// Label selector parsing and matching.
#include "tests/kube-apiserver-double/label_selector.hpp"

#include <algorithm>

#include "tests/kube-apiserver-double/api_status.hpp"

namespace peregrine::kubedouble {
namespace {

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string name_problem(std::string_view name) {
  if (name.empty()) return "name part must be non-empty";
  if (name.size() > 63) return "name part must be no more than 63 characters";
  if (!is_alnum(name.front()) || !is_alnum(name.back())) return "name part must start and end with an alphanumeric character";
  for (char c : name) {
    if (!is_alnum(c) && c != '-' && c != '_' && c != '.') return "name part must consist of alphanumeric characters, '-', '_' or '.'";
  }
  return "";
}

std::string dns_subdomain_problem(std::string_view s) {
  if (s.empty() || s.size() > 253) return "prefix part must be a DNS subdomain of at most 253 characters";
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok) return "prefix part must be a lowercase RFC 1123 subdomain";
  }
  if (!is_alnum(s.front()) || !is_alnum(s.back())) return "prefix part must start and end with an alphanumeric character";
  return "";
}

[[noreturn]] void syntax_error(std::string_view text, const std::string& why) {
  throw bad_request("unable to parse requirement: " + why + " in label selector \"" + std::string(text) + "\"");
}

std::vector<std::string> split_top_level(std::string_view text) {
  std::vector<std::string> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')') --depth;
    if (text[i] == ',' && depth == 0) {
      parts.emplace_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.emplace_back(text.substr(start));
  return parts;
}

void check_key(std::string_view whole, std::string_view key) {
  if (auto problem = label_key_problem(key); !problem.empty()) syntax_error(whole, "invalid label key \"" + std::string(key) + "\": " + problem);
}

void check_value(std::string_view whole, std::string_view value) {
  if (auto problem = label_value_problem(value); !problem.empty()) {
    syntax_error(whole, "invalid label value \"" + std::string(value) + "\": " + problem);
  }
}

LabelRequirement parse_requirement(std::string_view whole, std::string_view part) {
  part = trim(part);
  if (part.empty()) syntax_error(whole, "found '', expected: identifier");
  LabelRequirement req;
  if (part.front() == '!') {
    req.key = std::string(trim(part.substr(1)));
    req.op = LabelRequirement::Op::DoesNotExist;
    check_key(whole, req.key);
    return req;
  }
  // Set-based: "<key> in (...)" / "<key> notin (...)".
  const auto paren = part.find('(');
  if (paren != std::string_view::npos) {
    if (part.back() != ')') syntax_error(whole, "found '" + std::string(part) + "', expected: ')'");
    std::string_view head = trim(part.substr(0, paren));
    const auto space = head.find_last_of(" \t");
    if (space == std::string_view::npos) syntax_error(whole, "expected: in, notin");
    const std::string_view op = head.substr(space + 1);
    req.key = std::string(trim(head.substr(0, space)));
    if (op == "in") {
      req.op = LabelRequirement::Op::In;
    } else if (op == "notin") {
      req.op = LabelRequirement::Op::NotIn;
    } else {
      syntax_error(whole, "found '" + std::string(op) + "', expected: in, notin");
    }
    check_key(whole, req.key);
    std::string_view inner = part.substr(paren + 1, part.size() - paren - 2);
    size_t start = 0;
    while (start <= inner.size()) {
      auto comma = inner.find(',', start);
      if (comma == std::string_view::npos) comma = inner.size();
      std::string_view value = trim(inner.substr(start, comma - start));
      check_value(whole, value);
      req.values.emplace_back(value);
      start = comma + 1;
    }
    if (req.op == LabelRequirement::Op::In && req.values.size() == 1 && req.values[0].empty()) {
      syntax_error(whole, "for 'in', 'notin' operators, values set can't be empty");
    }
    return req;
  }
  // Equality-based.
  const auto ne = part.find("!=");
  const auto eq = part.find('=');
  if (ne != std::string_view::npos) {
    req.op = LabelRequirement::Op::NotEquals;
    req.key = std::string(trim(part.substr(0, ne)));
    req.values.emplace_back(trim(part.substr(ne + 2)));
  } else if (eq != std::string_view::npos) {
    req.op = LabelRequirement::Op::Equals;
    req.key = std::string(trim(part.substr(0, eq)));
    const size_t value_start = part.compare(eq, 2, "==") == 0 ? eq + 2 : eq + 1;
    req.values.emplace_back(trim(part.substr(value_start)));
  } else {
    req.op = LabelRequirement::Op::Exists;
    req.key = std::string(part);
    if (req.key.find_first_of(" \t<>") != std::string::npos) {
      syntax_error(whole, "found '" + std::string(part) + "', expected: =, !=, ==, in, notin");
    }
  }
  check_key(whole, req.key);
  for (const auto& v : req.values) check_value(whole, v);
  return req;
}

}  // namespace

std::string label_key_problem(std::string_view key) {
  if (key.empty()) return "name part must be non-empty";
  const auto slash = key.find('/');
  if (slash == std::string_view::npos) return name_problem(key);
  if (auto p = dns_subdomain_problem(key.substr(0, slash)); !p.empty()) return p;
  return name_problem(key.substr(slash + 1));
}

std::string label_value_problem(std::string_view value) {
  if (value.empty()) return "";
  if (value.size() > 63) return "must be no more than 63 characters";
  if (!is_alnum(value.front()) || !is_alnum(value.back())) return "must start and end with an alphanumeric character";
  for (char c : value) {
    if (!is_alnum(c) && c != '-' && c != '_' && c != '.') return "must consist of alphanumeric characters, '-', '_' or '.'";
  }
  return "";
}

LabelSelector LabelSelector::parse(std::string_view text) {
  LabelSelector selector;
  if (trim(text).empty()) return selector;
  for (const auto& part : split_top_level(text)) selector.requirements_.push_back(parse_requirement(text, part));
  return selector;
}

LabelSelector LabelSelector::from_json(const nlohmann::json& selector) {
  LabelSelector out;
  if (!selector.is_object()) return out;
  if (auto it = selector.find("matchLabels"); it != selector.end() && it->is_object()) {
    for (const auto& [k, v] : it->items()) {
      out.requirements_.push_back({k, LabelRequirement::Op::Equals, {v.is_string() ? v.get<std::string>() : v.dump()}});
    }
  }
  if (auto it = selector.find("matchExpressions"); it != selector.end() && it->is_array()) {
    for (const auto& expr : *it) {
      LabelRequirement req;
      req.key = expr.value("key", "");
      const std::string op = expr.value("operator", "");
      if (op == "In") req.op = LabelRequirement::Op::In;
      else if (op == "NotIn") req.op = LabelRequirement::Op::NotIn;
      else if (op == "Exists") req.op = LabelRequirement::Op::Exists;
      else if (op == "DoesNotExist") req.op = LabelRequirement::Op::DoesNotExist;
      else throw bad_request("invalid label selector operator \"" + op + "\"");
      if (auto values = expr.find("values"); values != expr.end() && values->is_array()) {
        for (const auto& v : *values) req.values.push_back(v.is_string() ? v.get<std::string>() : v.dump());
      }
      out.requirements_.push_back(std::move(req));
    }
  }
  return out;
}

bool LabelSelector::matches(const nlohmann::json& labels) const {
  for (const auto& req : requirements_) {
    const nlohmann::json* value = nullptr;
    if (labels.is_object()) {
      auto it = labels.find(req.key);
      if (it != labels.end()) value = &*it;
    }
    const std::string actual = value && value->is_string() ? value->get<std::string>() : "";
    const bool has = value != nullptr;
    const bool in_values = has && std::find(req.values.begin(), req.values.end(), actual) != req.values.end();
    switch (req.op) {
      case LabelRequirement::Op::Equals:
      case LabelRequirement::Op::In:
        if (!in_values) return false;
        break;
      case LabelRequirement::Op::NotEquals:
      case LabelRequirement::Op::NotIn:
        if (in_values) return false;
        break;
      case LabelRequirement::Op::Exists:
        if (!has) return false;
        break;
      case LabelRequirement::Op::DoesNotExist:
        if (has) return false;
        break;
    }
  }
  return true;
}

}  // namespace peregrine::kubedouble
