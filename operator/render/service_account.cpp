// ServiceAccount rendering (pkg/account of the Jaeger operator).
#include "operator/render/service_account.hpp"

#include "operator/render/k8s_json.hpp"

namespace peregrine::operator_render {

Json render_service_account(const Instance& instance) {
  return k8s_object("v1", "ServiceAccount",
                    object_meta(instance, instance.name(), component_labels(instance, instance.name(), "service-account")));
}

}  // namespace peregrine::operator_render
