// HorizontalPodAutoscalers for the collector (`<n>-collector`) and, with streaming, the ingester
// (`<n>-ingester`): present when replicas is unset and autoscale is not false; scale between minReplicas
// and maxReplicas (default 100) on 90% CPU or memory utilization.
#pragma once
#include <optional>

#include "operator/render/instance.hpp"

namespace peregrine::operator_render {

inline constexpr int kDefaultMaxReplicas = 100;
inline constexpr int kDefaultAverageUtilization = 90;

std::optional<Json> render_collector_autoscaler(const Instance& instance);
std::optional<Json> render_ingester_autoscaler(const Instance& instance);

}  // namespace peregrine::operator_render
