// The common fields (volumes, labels, annotations, resources, scheduling, security, ...) of one rendered
// pod, merged from the component's spec, the top-level spec and the operator's own defaults.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>

#include "operator/api/jaeger_types.hpp"
#include "operator/render/instance.hpp"

namespace peregrine::operator_render {

struct MergedSpec {
  StringMap annotations;
  StringMap labels;
  Json volumes = Json::array();
  Json volume_mounts = Json::array();
  Json resources = Json::object();
  std::optional<Json> affinity;
  Json tolerations = Json::array();
  std::optional<Json> security_context;
  std::optional<Json> container_security_context;
  std::string service_account;
  Json image_pull_secrets = Json::array();
  std::string image_pull_policy;

  // Appends a volume and its mount unless one with the same name is already present.
  void add_volume(const Json& volume, const Json& mount);
};

// Merges `specs`, most specific first: the first value set wins for scalars, annotations and labels;
// lists are concatenated (volumes, mounts and pull secrets de-duplicated by name, first kept); resources
// merge per resource name. Then `base_annotations` fill in keys nobody set, and `base_labels` override
// user labels: those are the selector labels and must stay the operator's.
MergedSpec merge_specs(std::initializer_list<const operator_api::CommonSpec*> specs, const StringMap& base_labels,
                       const StringMap& base_annotations = {});

// The service account a component's pods run as: the merged one, else the instance's own (named after it).
std::string service_account_for(const Instance& instance, const MergedSpec& merged);

}  // namespace peregrine::operator_render
