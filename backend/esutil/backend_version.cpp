// Backend version detection (see backend_version.hpp).
#include "backend/esutil/backend_version.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace peregrine::esutil {

std::string BackendVersion::describe() const {
  std::string name = opensearch ? "OpenSearch " : "Elasticsearch ";
  return name + (number.empty() ? std::to_string(major) : number);
}

BackendVersion parse_root_response(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("version") || !j["version"].is_object() ||
      !j["version"].contains("number") || !j["version"]["number"].is_string())
    throw std::invalid_argument("unexpected response from the root endpoint: " + body.substr(0, 200));
  BackendVersion v;
  v.number = j["version"]["number"].get<std::string>();
  size_t dot = v.number.find('.');
  try {
    v.major = std::stoi(v.number.substr(0, dot));
  } catch (const std::exception&) {
    throw std::invalid_argument("unparsable version number \"" + v.number + "\"");
  }
  const auto& ver = j["version"];
  if (ver.contains("distribution") && ver["distribution"].is_string() &&
      ver["distribution"].get<std::string>() == "opensearch")
    v.opensearch = true;
  if (j.contains("tagline") && j["tagline"].is_string() &&
      j["tagline"].get<std::string>().find("OpenSearch") != std::string::npos)
    v.opensearch = true;
  if (v.opensearch ? v.major < 1 : v.major < 7)
    throw std::invalid_argument("unsupported backend version " + v.describe() +
                                " (Elasticsearch 7+ or OpenSearch 1+ required)");
  return v;
}

BackendVersion version_from_flag(int major) {
  if (major != 7 && major != 8 && major != 9)
    throw std::invalid_argument("unsupported es.version " + std::to_string(major) +
                                " (valid: 7, 8, 9; leave 0 to autodetect, OpenSearch is autodetected)");
  BackendVersion v;
  v.major = major;
  return v;
}

}  // namespace peregrine::esutil
