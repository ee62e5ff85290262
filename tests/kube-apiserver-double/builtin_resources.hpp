// The built-in resources the double serves (the kinds an operator renders plus the cluster basics).
#pragma once
#include <vector>

#include "tests/kube-apiserver-double/resource_info.hpp"

namespace peregrine::kubedouble {

std::vector<ResourceInfo> builtin_resources();

}  // namespace peregrine::kubedouble
