// Table rendering for kubectl get.
#include "tests/kube-apiserver-double/table_view.hpp"

#include <ctime>

namespace peregrine::kubedouble {
namespace {

using nlohmann::json;

json at_json_path(const json& object, const std::string& path) {
  // Only ".a.b.c" paths are understood.
  if (path.empty() || path[0] != '.') return nullptr;
  const json* cur = &object;
  size_t start = 1;
  while (start <= path.size()) {
    auto dot = path.find('.', start);
    if (dot == std::string::npos) dot = path.size();
    const std::string part = path.substr(start, dot - start);
    if (!cur->is_object() || !cur->contains(part)) return nullptr;
    cur = &(*cur)[part];
    start = dot + 1;
  }
  return *cur;
}

// The API server's HumanDuration rendering of an age ("42s", "3m20s", "5h", "12d").
std::string human_duration(long long seconds) {
  auto fmt = [](long long a, const char* ua, long long b, const char* ub) {
    return std::to_string(a) + ua + (b == 0 ? std::string() : std::to_string(b) + ub);
  };
  if (seconds < 0) return "0s";
  if (seconds < 120) return std::to_string(seconds) + "s";
  const long long minutes = seconds / 60;
  if (minutes < 10) return fmt(minutes, "m", seconds % 60, "s");
  if (minutes < 180) return std::to_string(minutes) + "m";
  const long long hours = seconds / 3600;
  if (hours < 8) return fmt(hours, "h", minutes % 60, "m");
  if (hours < 48) return std::to_string(hours) + "h";
  if (hours < 24 * 8) return fmt(hours / 24, "d", hours % 24, "h");
  if (hours < 24 * 365 * 2) return std::to_string(hours / 24) + "d";
  if (hours < 24 * 365 * 8) return fmt(hours / 24 / 365, "y", (hours / 24) % 365, "d");
  return std::to_string(hours / 24 / 365) + "y";
}

json age_cell(const json& timestamp) {
  if (!timestamp.is_string()) return "<unknown>";
  std::tm tm{};
  const std::string text = timestamp.get<std::string>();
  if (!strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) return "<unknown>";
  const std::time_t then = timegm(&tm);
  return human_duration(static_cast<long long>(std::difftime(std::time(nullptr), then)));
}

}  // namespace

bool accepts_table(const std::string& accept) { return accept.find("as=Table") != std::string::npos; }

json table_for(const ResourceInfo& info, const std::vector<json>& objects, const std::string& resource_version,
               const std::string& continue_token) {
  json columns = json::array();
  columns.push_back({{"name", "Name"}, {"type", "string"}, {"format", "name"},
                     {"description", "Name must be unique within a namespace."}, {"priority", 0}});
  std::vector<std::string> paths;
  std::vector<bool> is_date;
  bool age_listed = false;
  for (const auto& col : info.printer_columns) {
    if (!col.is_object()) continue;
    const std::string path = col.value("jsonPath", "");
    if (path == ".metadata.creationTimestamp") age_listed = true;
    columns.push_back({{"name", col.value("name", path)}, {"type", col.value("type", "string")},
                       {"format", col.value("format", "")}, {"description", col.value("description", "")},
                       {"priority", col.value("priority", 0)}});
    paths.push_back(path);
    is_date.push_back(col.value("type", "") == "date");
  }
  if (!age_listed) {
    columns.push_back({{"name", "Age"}, {"type", "date"}, {"format", ""},
                       {"description", "CreationTimestamp is a timestamp representing the server time when this "
                                       "object was created."},
                       {"priority", 0}});
    paths.push_back(".metadata.creationTimestamp");
    is_date.push_back(true);
  }
  json rows = json::array();
  for (const auto& obj : objects) {
    json cells = json::array();
    cells.push_back(obj["metadata"].value("name", ""));
    for (size_t i = 0; i < paths.size(); ++i) {
      const json value = at_json_path(obj, paths[i]);
      cells.push_back(is_date[i] ? age_cell(value) : value);
    }
    rows.push_back({{"cells", cells},
                    {"object",
                     {{"kind", "PartialObjectMetadata"}, {"apiVersion", "meta.k8s.io/v1"}, {"metadata", obj["metadata"]}}}});
  }
  json meta = {{"resourceVersion", resource_version}};
  if (!continue_token.empty()) meta["continue"] = continue_token;
  return {{"kind", "Table"}, {"apiVersion", "meta.k8s.io/v1"}, {"metadata", meta}, {"columnDefinitions", columns},
          {"rows", rows}};
}

}  // namespace peregrine::kubedouble
