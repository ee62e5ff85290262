// Services: `<n>-collector` and `<n>-collector-headless`, `<n>-query`, and `<n>-agent` (all-in-one only),
// with the Jaeger operator's port names and order.
#pragma once
#include <vector>

#include "operator/render/instance.hpp"

namespace peregrine::operator_render {

// Headless first, then the ClusterIP (or spec.collector.serviceType) one. Ports: http-zipkin 9411,
// grpc-jaeger 14250, http-c-tchan-trft 14267, http-c-binary-trft 14268, admin-http 14269, and grpc-otlp 4317,
// http-otlp 4318 while OTLP is enabled. `admin_port` is the collector's actual admin port (targetPort).
std::vector<Json> render_collector_services(const Instance& instance, const StringMap& selector, int admin_port);

// http-query 16686, grpc-query 16685, admin-http 16687 (targeting `admin_port`).
Json render_query_service(const Instance& instance, const StringMap& selector, int admin_port);

// Headless agent service for all-in-one: zk-compact-trft 5775/UDP, config-rest 5778, jg-compact-trft
// 6831/UDP, jg-binary-trft 6832/UDP.
Json render_agent_service(const Instance& instance, const StringMap& selector);

}  // namespace peregrine::operator_render
