// Semantic subset: does the observed object already hold every field the operator sets (the controller's objects,
// the webhook's sidecar)? The API server adds defaults (protocol TCP, clusterIP, terminationMessagePath, ...), so
// the desired JSON is compared as a subset of the observed one, not for equality:
//  - every key of a desired map must match in the observed map (extra observed keys are fine);
//  - lists must have the same length and match element by element (order matters, as the server keeps it);
//  - numbers compare by value (1 == 1.0); strings exactly, except resource quantities under `limits`/`requests`
//    (and `hard`), which compare by amount ("1024Mi" == "1Gi", 1 == "1");
//  - a desired "zero value" (null, false, 0, "", {}, []) matches an absent field, since the server omits them.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace peregrine::kube {

bool is_semantic_subset(const nlohmann::json& desired, const nlohmann::json& observed);

// True for null, false, 0, "", {} and [].
bool is_zero_value(const nlohmann::json& value);

// The first JSON pointer where `desired` is not a subset of `observed` ("" when it is a subset) — for logs and
// the Updated event's message.
std::string first_difference(const nlohmann::json& desired, const nlohmann::json& observed);

}  // namespace peregrine::kube
