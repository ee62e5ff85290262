// Helpers for operator tests: render a CR written as YAML and look objects up by kind and name.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "operator/api/yaml_json.hpp"
#include "operator/render/render.hpp"

namespace peregrine::operator_test {

using operator_api::Json;

inline operator_render::RenderContext test_context() {
  operator_render::RenderContext context;
  context.operator_version = "1.2.3";
  return context;
}

inline Json parse_single_yaml(const std::string& yaml) {
  auto documents = operator_api::parse_yaml_documents(yaml);
  if (!documents.ok() || documents.documents.size() != 1) throw std::runtime_error("bad test YAML: " + documents.error);
  return documents.documents.front();
}

// Renders a CR; fails the test (and returns nothing) when the CR is rejected.
inline std::vector<Json> render_yaml(const std::string& yaml,
                                     const operator_render::RenderContext& context = test_context()) {
  auto outcome = operator_render::render_cr(parse_single_yaml(yaml), context);
  for (const auto& error : outcome.errors) ADD_FAILURE() << "unexpected validation error: " << error;
  return outcome.objects;
}

inline std::vector<std::string> render_errors(const std::string& yaml) {
  return operator_render::render_cr(parse_single_yaml(yaml), test_context()).errors;
}

inline const Json* find_object(const std::vector<Json>& objects, const std::string& kind, const std::string& name) {
  for (const auto& object : objects) {
    if (object["kind"] == kind && object["metadata"]["name"] == name) return &object;
  }
  return nullptr;
}

// The object, or an empty JSON object after recording a failure.
inline Json get_object(const std::vector<Json>& objects, const std::string& kind, const std::string& name) {
  if (const Json* found = find_object(objects, kind, name)) return *found;
  ADD_FAILURE() << "no " << kind << " named " << name;
  return Json::object();
}

inline std::vector<std::string> kinds_and_names(const std::vector<Json>& objects) {
  std::vector<std::string> out;
  for (const auto& object : objects) {
    out.push_back(object["kind"].get<std::string>() + "/" + object["metadata"]["name"].get<std::string>());
  }
  return out;
}

inline Json first_container(const Json& workload) {
  if (workload["kind"] == "CronJob") return workload["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0];
  return workload["spec"]["template"]["spec"]["containers"][0];
}

inline std::vector<std::string> strings_of(const Json& array) {
  std::vector<std::string> out;
  for (const auto& item : array) out.push_back(item.get<std::string>());
  return out;
}

// Value of env var `name` in `container`, or "<unset>".
inline std::string env_value(const Json& container, const std::string& name) {
  for (const auto& entry : container.value("env", Json::array())) {
    if (entry["name"] == name) return entry.value("value", std::string());
  }
  return "<unset>";
}

inline std::vector<std::string> port_names(const Json& ports) {
  std::vector<std::string> out;
  for (const auto& port : ports) out.push_back(port["name"].get<std::string>());
  return out;
}

}  // namespace peregrine::operator_test
