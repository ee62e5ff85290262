// Jaeger instance selection for sidecar injection (see instance_selection.hpp).
#include "operator/webhook/instance_selection.hpp"

#include "operator/webhook/object_fields.hpp"

namespace peregrine::operator_webhook {

namespace {

std::string trimmed(const std::string& value) {
  const auto first = value.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  const auto last = value.find_last_not_of(" \t");
  return value.substr(first, last - first + 1);
}

bool names_an_instance(const std::optional<std::string>& value) {
  return value && !trimmed(*value).empty() && !equals_ignore_case(trimmed(*value), "true") &&
         !equals_ignore_case(trimmed(*value), "false");
}

std::string qualified(const AgentProfile& profile) { return profile.namespace_name + "/" + profile.name; }

std::vector<const AgentProfile*> candidates(const std::vector<AgentProfile>& instances, const std::string* name,
                                            const std::string* namespace_name) {
  std::vector<const AgentProfile*> found;
  for (const auto& instance : instances) {
    if (instance.being_deleted) continue;
    if (name && instance.name != *name) continue;
    if (namespace_name && instance.namespace_name != *namespace_name) continue;
    found.push_back(&instance);
  }
  return found;
}

// Among instances called `name`: the one in the workload's namespace, else the only one anywhere.
const AgentProfile* by_name(const std::vector<AgentProfile>& instances, const std::string& name,
                            const std::string& workload_namespace, std::size_t* matches) {
  const auto local = candidates(instances, &name, &workload_namespace);
  if (!local.empty()) return local.front();
  const auto anywhere = candidates(instances, &name, nullptr);
  *matches = anywhere.size();
  return anywhere.size() == 1 ? anywhere.front() : nullptr;
}

Selection select_named(const std::string& value, const std::vector<AgentProfile>& instances,
                       const std::string& workload_namespace) {
  Selection selection;
  if (const auto slash = value.find('/'); slash != std::string::npos) {
    const std::string ns = value.substr(0, slash);
    const std::string name = value.substr(slash + 1);
    const auto exact = candidates(instances, &name, &ns);
    if (!exact.empty()) {
      selection.instance = exact.front();
      selection.reason = "the annotation names Jaeger instance " + value;
      return selection;
    }
    selection.reason = "no Jaeger instance " + value + " is available";
    selection.event_reason = "JaegerInstanceNotFound";
    return selection;
  }
  std::size_t matches = 0;
  if (const AgentProfile* found = by_name(instances, value, workload_namespace, &matches)) {
    selection.instance = found;
    selection.reason = "the annotation names Jaeger instance " + qualified(*found);
    return selection;
  }
  if (matches > 1) {
    selection.reason = std::to_string(matches) + " Jaeger instances are named " + value +
                       " in other namespaces; name one as namespace/name";
    selection.event_reason = "JaegerInstanceAmbiguous";
  } else {
    selection.reason = "no Jaeger instance named " + value + " is available";
    selection.event_reason = "JaegerInstanceNotFound";
  }
  return selection;
}

Selection select_any(const SelectionRequest& request, const std::vector<AgentProfile>& instances) {
  Selection selection;
  const auto all = candidates(instances, nullptr, nullptr);
  if (all.size() == 1) {
    selection.instance = all.front();
    selection.reason = "Jaeger instance " + qualified(*all.front()) + " is the only one available";
    return selection;
  }
  if (request.current_instance) {
    std::size_t matches = 0;
    if (const AgentProfile* kept = by_name(instances, *request.current_instance, request.workload_namespace, &matches)) {
      selection.instance = kept;
      selection.reason = "the workload keeps its Jaeger instance " + qualified(*kept);
      return selection;
    }
  }
  const auto local = candidates(instances, nullptr, &request.workload_namespace);
  if (local.size() == 1) {
    selection.instance = local.front();
    selection.reason = "Jaeger instance " + qualified(*local.front()) + " is the only one in namespace " +
                       request.workload_namespace;
    return selection;
  }
  if (all.empty()) {
    selection.reason = "no Jaeger instance is available";
    selection.event_reason = "NoJaegerInstance";
  } else {
    selection.reason = std::to_string(all.size()) +
                       " Jaeger instances are available and none is the only one in namespace " +
                       request.workload_namespace + "; set the annotation to an instance name";
    selection.event_reason = "JaegerInstanceAmbiguous";
  }
  return selection;
}

}  // namespace

Selection select_instance(const SelectionRequest& request, const std::vector<AgentProfile>& instances) {
  if (names_an_instance(request.workload_value)) {
    return select_named(trimmed(*request.workload_value), instances, request.workload_namespace);
  }
  if (names_an_instance(request.namespace_value)) {
    return select_named(trimmed(*request.namespace_value), instances, request.workload_namespace);
  }
  return select_any(request, instances);
}

}  // namespace peregrine::operator_webhook
