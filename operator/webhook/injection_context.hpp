// InjectionContext: the cluster facts injection needs beyond the workload itself — which namespaces the operator
// manages, a Namespace's annotations, and the Jaeger instances. The admission webhook and reconcile mode read
// them from informer caches (cluster_injection_context.hpp); tests supply fixed values.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "operator/webhook/agent_profile.hpp"
#include "operator/webhook/object_fields.hpp"

namespace peregrine::operator_webhook {

class InjectionContext {
 public:
  virtual ~InjectionContext() = default;
  // Workloads in other namespaces are not the operator's business (WATCH_NAMESPACE).
  virtual bool watches_namespace(const std::string& ns) const = 0;
  // The Namespace's annotations; nullopt when it cannot be read (injection then relies on the workload's own).
  virtual std::optional<StringMap> namespace_annotations(const std::string& ns) const = 0;
  // The Jaeger instances in the watched namespaces.
  virtual std::vector<AgentProfile> jaeger_instances() const = 0;
  // False until the facts above are complete (caches synced): deciding earlier could strip sidecars of
  // instances not seen yet.
  virtual bool ready() const { return true; }
};

}  // namespace peregrine::operator_webhook
