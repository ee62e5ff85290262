// Environment of the Elasticsearch maintenance scripts (EsScriptEnvVars in pkg/cronjob/es_rollover.go).
#include "operator/render/es_script_env.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "operator/render/k8s_json.hpp"

namespace peregrine::operator_render {

std::string first_elasticsearch_url(const operator_api::Options& storage_options) {
  std::string urls = storage_options.get("es.server-urls").value_or("");
  std::string first = urls.substr(0, urls.find(','));
  return first.empty() ? kDefaultElasticsearchUrl : first;
}

Json es_script_env(const operator_api::Options& storage_options) {
  static constexpr std::array<std::pair<const char*, const char*>, 10> kFlags{{
      {"es.index-prefix", "INDEX_PREFIX"},
      {"es.index-date-separator", "INDEX_DATE_SEPARATOR"},
      {"es.username", "ES_USERNAME"},
      {"es.password", "ES_PASSWORD"},
      {"es.tls.enabled", "ES_TLS_ENABLED"},
      {"es.tls.ca", "ES_TLS_CA"},
      {"es.tls.cert", "ES_TLS_CERT"},
      {"es.tls.key", "ES_TLS_KEY"},
      {"es.tls.skip-host-verify", "ES_TLS_SKIP_HOST_VERIFY"},
      {"skip-dependencies", "SKIP_DEPENDENCIES"},
  }};
  Json env = Json::array();
  for (const auto& [flag, variable] : kFlags) {
    if (auto value = storage_options.get(flag)) env.push_back(env_var(variable, *value));
  }
  return env;
}

bool uses_es_aliases(const operator_api::StorageSpec& storage) {
  if (storage.type != operator_api::StorageType::Elasticsearch) return false;
  std::string value = storage.options.get("es.use-aliases").value_or("");
  std::transform(value.begin(), value.end(), value.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return value == "true";
}

}  // namespace peregrine::operator_render
