// The Jaeger component Deployments: `<n>` (all-in-one), `<n>-collector`, `<n>-query`, `<n>-ingester`.
#pragma once
#include <optional>

#include "operator/render/instance.hpp"

namespace peregrine::operator_render {

inline constexpr int kAllInOneAdminPort = 14269;
inline constexpr int kCollectorAdminPort = 14269;
inline constexpr int kQueryAdminPort = 16687;
inline constexpr int kIngesterAdminPort = 14270;

Json render_all_in_one_deployment(const Instance& instance);
Json render_collector_deployment(const Instance& instance);
Json render_query_deployment(const Instance& instance);
// Only for the streaming strategy.
std::optional<Json> render_ingester_deployment(const Instance& instance);

// Operator labels of each component's pods (also the selectors of their Services).
StringMap all_in_one_labels(const Instance& instance);
StringMap collector_labels(const Instance& instance);
StringMap query_labels(const Instance& instance);
StringMap ingester_labels(const Instance& instance);

// Admin ports as configured by the component's options (defaults above).
int all_in_one_admin_port(const Instance& instance);
int collector_admin_port(const Instance& instance);
int query_admin_port(const Instance& instance);

}  // namespace peregrine::operator_render
