// Label selectors as the API server parses them: "a=b", "a==b", "a!=b", "a in (x,y)", "a notin (x)", "a", "!a",
// comma-separated (all must hold). "!=" and "notin" also match objects without the label.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace peregrine::kubedouble {

struct LabelRequirement {
  enum class Op { Equals, NotEquals, In, NotIn, Exists, DoesNotExist };
  std::string key;
  Op op = Op::Exists;
  std::vector<std::string> values;
};

class LabelSelector {
 public:
  // Throws ApiServerError (400) on syntax errors or invalid keys/values.
  static LabelSelector parse(std::string_view text);
  // matchLabels/matchExpressions (metav1.LabelSelector JSON).
  static LabelSelector from_json(const nlohmann::json& selector);

  // `labels` is metadata.labels (object or null).
  bool matches(const nlohmann::json& labels) const;
  bool empty() const { return requirements_.empty(); }
  const std::vector<LabelRequirement>& requirements() const { return requirements_; }

 private:
  std::vector<LabelRequirement> requirements_;
};

// Label key / value syntax (qualified name with optional DNS prefix; value ≤ 63 chars of [A-Za-z0-9_.-],
// alphanumeric at both ends). Empty string when valid, else the problem.
std::string label_key_problem(std::string_view key);
std::string label_value_problem(std::string_view value);

}  // namespace peregrine::kubedouble
