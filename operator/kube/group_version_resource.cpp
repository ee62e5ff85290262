// URL construction for GroupVersionResource.
#include "operator/kube/group_version_resource.hpp"

#include <stdexcept>

namespace peregrine::kube {

std::string GroupVersionResource::api_version() const { return group.empty() ? version : group + "/" + version; }

std::string GroupVersionResource::api_prefix() const {
  return group.empty() ? "/api/" + version : "/apis/" + group + "/" + version;
}

std::string GroupVersionResource::collection_path(const std::string& ns) const {
  if (resource.empty()) throw std::invalid_argument("GroupVersionResource without a resource");
  if (namespaced && !ns.empty()) return api_prefix() + "/namespaces/" + escape_path_segment(ns) + "/" + resource;
  return api_prefix() + "/" + resource;
}

std::string GroupVersionResource::object_path(const std::string& ns, const std::string& name,
                                              const std::string& subresource) const {
  if (name.empty()) throw std::invalid_argument("object path for " + group_resource() + " needs a name");
  if (namespaced && ns.empty()) throw std::invalid_argument(group_resource() + " is namespaced: a namespace is required");
  std::string path = (namespaced ? collection_path(ns) : api_prefix() + "/" + resource) + "/" + escape_path_segment(name);
  if (!subresource.empty()) path += "/" + subresource;
  return path;
}

std::string GroupVersionResource::group_resource() const { return group.empty() ? resource : resource + "." + group; }

std::string escape_path_segment(const std::string& segment) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : segment) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~' || c == ':';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace peregrine::kube
