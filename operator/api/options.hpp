// Jaeger CR `options` blocks: nested maps flattened with dots into flag entries ("es.server-urls"),
// rendered as `--key=value` container args (sorted; list values repeat the flag), filtered by storage prefix.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace peregrine::operator_api {

class Options {
 public:
  // A flag either has one value or repeats with several (a YAML list).
  using Value = std::variant<std::string, std::vector<std::string>>;

  Options() = default;

  // Flattens `object` (a JSON object, possibly nested). Scalars become strings (numbers keep their
  // literal form, booleans become "true"/"false"); nulls are dropped; lists must hold scalars only.
  // Problems are appended to `errors` prefixed with `path`, and the offending entry is skipped.
  static Options from_json(const nlohmann::json& object, const std::string& path, std::vector<std::string>& errors);

  // Entries whose key starts with `prefix + "."` or `prefix + "-archive."` (e.g. "es." and "es-archive.").
  Options filter(std::string_view prefix) const;

  // `--key=value` for every entry (one per list item), sorted byte-wise.
  std::vector<std::string> to_args() const;

  // The single value of `key`; nullopt when absent or when the entry is a list.
  std::optional<std::string> get(std::string_view key) const;
  bool contains(std::string_view key) const;
  bool empty() const { return entries_.empty(); }
  const std::map<std::string, Value, std::less<>>& entries() const { return entries_; }

  void set(std::string key, Value value) { entries_.insert_or_assign(std::move(key), std::move(value)); }

 private:
  std::map<std::string, Value, std::less<>> entries_;
};

// Sorts container args byte-wise, the order the Jaeger operator uses so rendered specs are stable.
void sort_args(std::vector<std::string>& args);

// The string form of a JSON scalar as the Jaeger operator prints it (`fmt.Sprintf("%v")` of a JSON number
// keeps its literal; integral floats print without a fraction). nullopt for objects, arrays and null.
std::optional<std::string> scalar_to_string(const nlohmann::json& value);

}  // namespace peregrine::operator_api
