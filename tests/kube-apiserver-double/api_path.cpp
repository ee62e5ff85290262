// Request path classification.
#include "tests/kube-apiserver-double/api_path.hpp"

#include <vector>

namespace peregrine::kubedouble {
namespace {

std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

// rest = segments after /api/v1 or /apis/<g>/<v>.
bool parse_resource(const std::vector<std::string>& rest, ApiPath& out) {
  const bool ns_prefix = !rest.empty() && rest[0] == "namespaces";
  switch (rest.size()) {
    case 1:
      out.resource = rest[0];
      return true;
    case 2:
      out.resource = rest[0];
      out.name = rest[1];
      return true;
    case 3:
      if (ns_prefix && rest[2] != "status" && rest[2] != "finalize") {
        out.ns = rest[1];
        out.resource = rest[2];
      } else {
        out.resource = rest[0];
        out.name = rest[1];
        out.subresource = rest[2];
      }
      return true;
    case 4:
      if (!ns_prefix) return false;
      out.ns = rest[1];
      out.resource = rest[2];
      out.name = rest[3];
      return true;
    case 5:
      if (!ns_prefix) return false;
      out.ns = rest[1];
      out.resource = rest[2];
      out.name = rest[3];
      out.subresource = rest[4];
      return true;
    default:
      return false;
  }
}

}  // namespace

ApiPath parse_api_path(const std::string& path) {
  ApiPath out;
  const auto seg = split(path);
  if (seg.empty()) return out;
  using K = ApiPath::Kind;
  if (seg.size() == 1 && seg[0] == "version") {
    out.kind = K::Version;
  } else if (seg.size() == 1 && (seg[0] == "healthz" || seg[0] == "livez" || seg[0] == "readyz")) {
    out.kind = K::Health;
  } else if (seg[0] == "__double" && seg.size() == 2) {
    out.kind = K::Admin;
    out.admin_action = seg[1];
  } else if (seg[0] == "openapi" && seg.size() >= 2) {
    if (seg[1] == "v2" && seg.size() == 2) {
      out.kind = K::OpenApiV2;
    } else if (seg[1] == "v3" && seg.size() == 2) {
      out.kind = K::OpenApiIndex;
    } else if (seg[1] == "v3" && seg.size() == 4 && seg[2] == "api") {
      out.kind = K::OpenApiDocument;
      out.version = seg[3];
    } else if (seg[1] == "v3" && seg.size() == 5 && seg[2] == "apis") {
      out.kind = K::OpenApiDocument;
      out.group = seg[3];
      out.version = seg[4];
    }
  } else if (seg[0] == "api") {
    if (seg.size() == 1) {
      out.kind = K::CoreVersions;
    } else if (seg.size() == 2) {
      out.kind = K::CoreResourceList;
      out.version = seg[1];
    } else {
      out.version = seg[1];
      if (parse_resource({seg.begin() + 2, seg.end()}, out)) out.kind = K::Resource;
    }
  } else if (seg[0] == "apis") {
    if (seg.size() == 1) {
      out.kind = K::GroupList;
    } else if (seg.size() == 2) {
      out.kind = K::Group;
      out.group = seg[1];
    } else if (seg.size() == 3) {
      out.kind = K::GroupResourceList;
      out.group = seg[1];
      out.version = seg[2];
    } else {
      out.group = seg[1];
      out.version = seg[2];
      if (parse_resource({seg.begin() + 3, seg.end()}, out)) out.kind = K::Resource;
    }
  }
  return out;
}

}  // namespace peregrine::kubedouble
