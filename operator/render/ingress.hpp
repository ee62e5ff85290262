// The query Ingress `<n>-query` (networking.k8s.io/v1), rendered unless spec.ingress.enabled is false:
// hosts, TLS, annotations, pathType, ingressClassName and the query base path.
#pragma once
#include <optional>

#include "operator/render/instance.hpp"

namespace peregrine::operator_render {

std::optional<Json> render_query_ingress(const Instance& instance);

}  // namespace peregrine::operator_render
