// ApiPath: what a request path addresses — discovery documents, OpenAPI, health, the double's admin hooks,
// or a resource (group, version, optional namespace, resource, optional name and subresource). Paths of any
// other shape are Unknown (answered 404).
#pragma once
#include <string>

namespace peregrine::kubedouble {

struct ApiPath {
  enum class Kind {
    Unknown,
    Version,            // /version
    CoreVersions,       // /api
    CoreResourceList,   // /api/v1
    GroupList,          // /apis
    Group,              // /apis/<group>
    GroupResourceList,  // /apis/<group>/<version>
    OpenApiIndex,       // /openapi/v3
    OpenApiDocument,    // /openapi/v3/api/v1, /openapi/v3/apis/<group>/<version>
    OpenApiV2,          // /openapi/v2 (not served)
    Health,             // /healthz, /livez, /readyz
    Admin,              // /__double/<action>
    Resource,
  };
  Kind kind = Kind::Unknown;
  std::string group;
  std::string version;
  std::string ns;  // set when the path has /namespaces/<ns>/<resource>...
  std::string resource;
  std::string name;
  std::string subresource;
  std::string admin_action;
};

ApiPath parse_api_path(const std::string& path);

}  // namespace peregrine::kubedouble
