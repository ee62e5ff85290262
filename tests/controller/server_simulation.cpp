// Server-side effects for unit tests, using the API double's defaulting.
#include "tests/controller/server_simulation.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "operator/controller/owned_kinds.hpp"
#include "operator/kube/object_key.hpp"
#include "tests/kube-apiserver-double/object_defaults.hpp"
#include "tests/kube-apiserver-double/resource_catalog.hpp"

namespace peregrine::controller::testing {

namespace {

std::atomic<uint64_t> next_resource_version{100};

std::pair<std::string, std::string> split_api_version(const std::string& api_version) {
  const auto slash = api_version.find('/');
  if (slash == std::string::npos) return {"", api_version};
  return {api_version.substr(0, slash), api_version.substr(slash + 1)};
}

}  // namespace

nlohmann::json as_stored(const nlohmann::json& object, const nlohmann::json& existing) {
  static const kubedouble::ResourceCatalog catalog;
  const auto kinds = owned_kinds(operator_render::RenderContext{});
  const auto kind = owned_kind_for(kinds, object.value("apiVersion", ""), object.value("kind", ""));
  nlohmann::json stored = object;
  if (kind) {
    const auto [group, version] = split_api_version(kind->resource.api_version());
    const auto info = catalog.find(group, version, kind->resource.resource);
    if (info) {
      kubedouble::Allocators allocators{[] { return std::string("10.96.0.99"); }, [] { return 30099; }};
      kubedouble::apply_defaults(*info, stored, existing, allocators);
    }
  }
  auto& meta = stored["metadata"];
  meta["uid"] = existing.is_object() ? existing["metadata"].value("uid", "") : "uid-" + kube::object_name(object);
  meta["resourceVersion"] = std::to_string(next_resource_version++);
  meta["creationTimestamp"] = "2024-01-01T00:00:00Z";
  meta["generation"] = 1;
  return stored;
}

std::vector<nlohmann::json> render_or_fail(const nlohmann::json& cr) {
  const auto outcome = operator_render::render_cr(cr, operator_render::RenderContext{});
  EXPECT_TRUE(outcome.ok()) << (outcome.errors.empty() ? "" : outcome.errors.front());
  return outcome.objects;
}

std::map<ObjectId, nlohmann::json> stored_state(const std::vector<nlohmann::json>& objects) {
  std::map<ObjectId, nlohmann::json> state;
  for (const auto& object : objects) {
    state[ObjectId{object.value("kind", ""), kube::object_namespace(object), kube::object_name(object)}] =
        as_stored(object);
  }
  return state;
}

nlohmann::json jaeger_cr(const std::string& name, const nlohmann::json& spec) {
  return {{"apiVersion", "jaegertracing.io/v1"},
          {"kind", "Jaeger"},
          {"metadata", {{"name", name}, {"namespace", "ns"}, {"uid", "uid-" + name}}},
          {"spec", spec}};
}

}  // namespace peregrine::controller::testing
