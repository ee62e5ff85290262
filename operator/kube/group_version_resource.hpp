// GroupVersionResource: which REST collection a call targets, and the URL paths derived from it
// (core group under /api/v1, named groups under /apis/<group>/<version>; namespaced or cluster-scoped).
#pragma once
#include <compare>
#include <string>

namespace peregrine::kube {

struct GroupVersionResource {
  std::string group;     // "" for the core group
  std::string version;   // "v1"
  std::string resource;  // plural, lower case: "deployments"
  bool namespaced = true;

  // "v1" or "apps/v1" — the apiVersion of objects of this resource.
  std::string api_version() const;
  // "/api/v1" or "/apis/apps/v1".
  std::string api_prefix() const;
  // Collection path. For namespaced resources an empty namespace means "across all namespaces".
  std::string collection_path(const std::string& ns) const;
  // Object path, optionally with a subresource ("status", "scale").
  std::string object_path(const std::string& ns, const std::string& name, const std::string& subresource = "") const;
  // "deployments.apps" / "pods" — the form used in Status messages and RBAC.
  std::string group_resource() const;

  auto operator<=>(const GroupVersionResource&) const = default;
};

// Percent-encodes one path segment (names and namespaces are DNS labels in practice; this keeps odd input safe).
std::string escape_path_segment(const std::string& segment);

}  // namespace peregrine::kube
