// `spec.strategy`: how a Jaeger instance is laid out (one all-in-one pod, collector + query, or collector +
// Kafka + ingester + query).
#pragma once
#include <string_view>

namespace peregrine::operator_api {

enum class DeploymentStrategy { AllInOne, Production, Streaming };

// Case-insensitive, as the Jaeger operator reads it: "production" and "streaming" are recognised; anything
// else (including the deprecated "all-in-one", "allInOne" and the empty string) means all-in-one.
DeploymentStrategy parse_deployment_strategy(std::string_view text);

// "allInOne", "production" or "streaming" (the CR spelling).
std::string_view deployment_strategy_name(DeploymentStrategy strategy);

}  // namespace peregrine::operator_api
