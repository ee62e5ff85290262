// The kinds of object the controller watches and writes: the Jaeger CR itself and every kind the renderers
// produce, with the REST resource each maps to. The HorizontalPodAutoscaler and CronJob versions follow what
// the cluster serves (RenderContext's autoscaling/cronjob API versions).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "operator/kube/group_version_resource.hpp"
#include "operator/render/render_context.hpp"

namespace peregrine::controller {

// jaegertracing.io/v1 jaegers (status subresource).
extern const kube::GroupVersionResource kJaegerResource;

// Label every owned object carries; owned informers filter on it.
inline constexpr const char* kManagedByLabel = "app.kubernetes.io/managed-by";
inline constexpr const char* kManagedByValue = "peregrine-operator";
inline constexpr const char* kInstanceLabel = "app.kubernetes.io/instance";

struct OwnedKind {
  std::string kind;  // "Deployment"
  kube::GroupVersionResource resource;
};

// Every owned kind, in apply order (ServiceAccount first, CronJob last).
std::vector<OwnedKind> owned_kinds(const operator_render::RenderContext& context);

// The owned kind with this apiVersion + kind, or nullopt for kinds the controller does not manage.
std::optional<OwnedKind> owned_kind_for(const std::vector<OwnedKind>& kinds, const std::string& api_version,
                                        const std::string& kind);

// "managed-by=peregrine-operator", the selector of owned informers.
std::string owned_label_selector();

}  // namespace peregrine::controller
