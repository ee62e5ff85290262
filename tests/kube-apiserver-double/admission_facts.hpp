// AdmissionFacts: what one create/update request is about, as admission (webhook matching, the AdmissionReview)
// sees it.
#pragma once
#include <string>

#include "tests/kube-apiserver-double/resource_info.hpp"

namespace peregrine::kubedouble {

struct AdmissionFacts {
  ResourceInfo resource;    // the version the client used
  std::string subresource;  // "" or "status"
  std::string operation;    // CREATE / UPDATE / DELETE / CONNECT
  std::string ns;           // "" for cluster-scoped objects
  std::string name;         // "" on a create with generateName
  bool dry_run = false;
};

}  // namespace peregrine::kubedouble
