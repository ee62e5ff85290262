// Discovery and OpenAPI v3 documents built from the ResourceCatalog.
#include "tests/kube-apiserver-double/discovery.hpp"

#include <cstdio>
#include <functional>

namespace peregrine::kubedouble {
namespace {

using nlohmann::json;

const json kAllVerbs = {"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"};

std::string hash_hex(const std::string& text) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%016zx", std::hash<std::string>{}(text));
  return buf;
}

json group_entry(const GroupVersions& g) {
  json versions = json::array();
  for (const auto& v : g.versions) versions.push_back({{"groupVersion", g.group + "/" + v}, {"version", v}});
  return {{"name", g.group},
          {"versions", versions},
          {"preferredVersion", {{"groupVersion", g.group + "/" + g.versions.front()}, {"version", g.versions.front()}}}};
}

std::string gv_path(const std::string& group, const std::string& version) {
  return group.empty() ? "api/" + version : "apis/" + group + "/" + version;
}

}  // namespace

json version_document() {
  return {{"major", "1"},         {"minor", "32"},          {"gitVersion", "v1.32.0-peregrine-double"},
          {"gitCommit", ""},      {"gitTreeState", "clean"}, {"buildDate", "2025-01-01T00:00:00Z"},
          {"goVersion", "go1.23"}, {"compiler", "gc"},        {"platform", "linux/amd64"}};
}

json core_api_versions(const std::string& server_address) {
  return {{"kind", "APIVersions"},
          {"versions", {"v1"}},
          {"serverAddressByClientCIDRs", {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", server_address}}}}};
}

json api_group_list(const ResourceCatalog& catalog) {
  json groups = json::array();
  for (const auto& g : catalog.groups()) {
    if (!g.group.empty()) groups.push_back(group_entry(g));
  }
  return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
}

std::optional<json> api_group(const ResourceCatalog& catalog, const std::string& group) {
  for (const auto& g : catalog.groups()) {
    if (g.group == group && !group.empty()) {
      json entry = group_entry(g);
      entry["kind"] = "APIGroup";
      entry["apiVersion"] = "v1";
      return entry;
    }
  }
  return std::nullopt;
}

std::optional<json> api_resource_list(const ResourceCatalog& catalog, const std::string& group,
                                      const std::string& version) {
  const auto resources = catalog.resources_in(group, version);
  if (resources.empty()) return std::nullopt;
  json list = json::array();
  for (const auto& r : resources) {
    json entry = {{"name", r.plural},
                  {"singularName", r.singular},
                  {"namespaced", r.namespaced},
                  {"kind", r.kind},
                  {"verbs", kAllVerbs},
                  {"storageVersionHash", hash_hex(r.storage_key()).substr(0, 11)}};
    if (!r.short_names.empty()) entry["shortNames"] = r.short_names;
    if (!r.categories.empty()) entry["categories"] = r.categories;
    list.push_back(entry);
    if (r.has_status) {
      list.push_back({{"name", r.plural + "/status"},
                      {"singularName", ""},
                      {"namespaced", r.namespaced},
                      {"kind", r.kind},
                      {"verbs", {"get", "patch", "update"}}});
    }
  }
  return json{{"kind", "APIResourceList"},
              {"apiVersion", "v1"},
              {"groupVersion", group.empty() ? version : group + "/" + version},
              {"resources", list}};
}

std::optional<json> openapi_v3_document(const ResourceCatalog& catalog, const std::string& group,
                                        const std::string& version) {
  const auto resources = catalog.resources_in(group, version);
  if (resources.empty()) return std::nullopt;
  json paths = json::object();
  for (const auto& r : resources) {
    const std::string base = "/" + gv_path(group, version);
    const std::string path = r.namespaced ? base + "/namespaces/{namespace}/" + r.plural + "/{name}"
                                          : base + "/" + r.plural + "/{name}";
    paths[path] = {{"patch",
                    {{"operationId", "patch" + r.kind},
                     {"x-kubernetes-group-version-kind", {{"group", group}, {"version", version}, {"kind", r.kind}}},
                     {"x-kubernetes-action", "patch"},
                     {"parameters",
                      {{{"name", "fieldValidation"}, {"in", "query"}, {"schema", {{"type", "string"}, {"uniqueItems", true}}}},
                       {{"name", "fieldManager"}, {"in", "query"}, {"schema", {{"type", "string"}, {"uniqueItems", true}}}},
                       {{"name", "dryRun"}, {"in", "query"}, {"schema", {{"type", "string"}, {"uniqueItems", true}}}}}},
                     {"responses", {{"200", {{"description", "OK"}}}}}}}};
  }
  return json{{"openapi", "3.0.0"},
              {"info", {{"title", "Kubernetes"}, {"version", "v1.32.0"}}},
              {"paths", paths},
              {"components", {{"schemas", json::object()}}}};
}

json openapi_v3_index(const ResourceCatalog& catalog) {
  json paths = json::object();
  for (const auto& g : catalog.groups()) {
    for (const auto& v : g.versions) {
      const auto doc = openapi_v3_document(catalog, g.group, v);
      if (!doc) continue;
      const std::string path = gv_path(g.group, v);
      paths[path] = {{"serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash_hex(doc->dump())}};
    }
  }
  return {{"paths", paths}};
}

}  // namespace peregrine::kubedouble
