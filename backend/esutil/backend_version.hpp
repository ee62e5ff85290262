// Which search backend Peregrine talks to: Elasticsearch major version, or OpenSearch (which Jaeger, and
// Peregrine, drive with the Elasticsearch 7 API and templates). Detected from the root endpoint (GET /) or
// forced with es.version.
#pragma once
#include <string>

namespace peregrine::esutil {

struct BackendVersion {
  int major = 0;            // Elasticsearch major, or OpenSearch major when opensearch
  bool opensearch = false;
  std::string number;       // as reported, e.g. "7.17.9" / "2.11.0" ("" when forced by flag)

  // Which Jaeger template family applies: 7 (legacy _template API) or 8 (composable _index_template API).
  int template_version() const { return (!opensearch && major >= 8) ? 8 : 7; }
  bool uses_index_template_api() const { return template_version() == 8; }
  std::string describe() const;
};

// Parses the root endpoint's JSON ({"version":{"number":"8.12.0","distribution":…},"tagline":…}).
// Throws std::invalid_argument on an unexpected body or an unsupported version (Elasticsearch < 7,
// OpenSearch < 1).
BackendVersion parse_root_response(const std::string& body);

// es.version flag: 0 = autodetect (nullopt semantics handled by caller); 7, 8 and 9 are Elasticsearch majors.
// Throws std::invalid_argument for other values.
BackendVersion version_from_flag(int major);

}  // namespace peregrine::esutil
