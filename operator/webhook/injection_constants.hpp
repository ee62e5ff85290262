// The names sidecar injection reads and writes, as the Jaeger operator spells them: the opt-in annotation, the
// label marking an injected workload, the sidecar container and the environment variables it and the
// application containers get.
#pragma once

namespace peregrine::operator_webhook {

// On a workload's metadata or on its Namespace: "true", an instance name ("name" or "namespace/name"), or "false".
inline constexpr const char* kInjectAnnotation = "sidecar.jaegertracing.io/inject";
// On the workload's metadata once a sidecar was injected; the value is the Jaeger instance name.
inline constexpr const char* kInjectedLabel = "sidecar.jaegertracing.io/injected";

inline constexpr const char* kAgentContainerName = "jaeger-agent";

// Agent container environment, from the downward API; referenced by the agent's tags.
inline constexpr const char* kPodNameEnv = "POD_NAME";
inline constexpr const char* kHostIpEnv = "HOST_IP";

// Application container environment for Jaeger clients.
inline constexpr const char* kServiceNameEnv = "JAEGER_SERVICE_NAME";
inline constexpr const char* kPropagationEnv = "JAEGER_PROPAGATION";
inline constexpr const char* kDefaultPropagation = "jaeger,b3,w3c";

// Agent flags: the tags flag (and its deprecated spelling, honoured when a user sets it) and the reporter.
inline constexpr const char* kAgentTagsFlag = "--agent.tags=";
inline constexpr const char* kLegacyAgentTagsFlag = "--jaeger.tags=";
inline constexpr const char* kReporterHostPortOption = "reporter.grpc.host-port";

}  // namespace peregrine::operator_webhook
