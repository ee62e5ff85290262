// Parsing of `spec.strategy`.
#include "operator/api/deployment_strategy.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace peregrine::operator_api {

DeploymentStrategy parse_deployment_strategy(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "production") return DeploymentStrategy::Production;
  if (lower == "streaming") return DeploymentStrategy::Streaming;
  return DeploymentStrategy::AllInOne;
}

std::string_view deployment_strategy_name(DeploymentStrategy strategy) {
  switch (strategy) {
    case DeploymentStrategy::Production:
      return "production";
    case DeploymentStrategy::Streaming:
      return "streaming";
    default:
      return "allInOne";
  }
}

}  // namespace peregrine::operator_api
