// A fixed InjectionContext for tests: given namespaces' annotations, a list of Jaeger profiles, an optional
// watched-namespace list, and a switch that makes every lookup throw (to test failure handling).
#pragma once
#include <map>
#include <set>
#include <stdexcept>

#include "operator/webhook/injection_context.hpp"

namespace peregrine::webhook_test {

class FakeInjectionContext : public operator_webhook::InjectionContext {
 public:
  std::map<std::string, operator_webhook::StringMap> namespaces;
  std::vector<operator_webhook::AgentProfile> instances;
  std::set<std::string> watched;  // empty = all
  bool fail = false;
  bool is_ready = true;

  bool ready() const override { return is_ready; }

  bool watches_namespace(const std::string& ns) const override { return watched.empty() || watched.count(ns) > 0; }
  std::optional<operator_webhook::StringMap> namespace_annotations(const std::string& ns) const override {
    if (fail) throw std::runtime_error("namespace lookup failed");
    auto it = namespaces.find(ns);
    if (it == namespaces.end()) return std::nullopt;
    return it->second;
  }
  std::vector<operator_webhook::AgentProfile> jaeger_instances() const override {
    if (fail) throw std::runtime_error("instance lookup failed");
    return instances;
  }
};

}  // namespace peregrine::webhook_test
