// The agent DaemonSet `<n>-agent-daemonset` for `spec.agent.strategy: DaemonSet`: one agent per node on
// host ports, reporting over gRPC to the headless collector service. The default Sidecar strategy renders
// nothing here (sidecars are injected into application pods, not owned by the instance).
#pragma once
#include <optional>

#include "operator/render/instance.hpp"

namespace peregrine::operator_render {

inline constexpr int kAgentAdminPort = 14271;

std::optional<Json> render_agent_daemonset(const Instance& instance);

}  // namespace peregrine::operator_render
