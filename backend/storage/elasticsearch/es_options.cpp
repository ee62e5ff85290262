// es.* / es-archive.* flags → EsStorageOptions (see es_options.hpp).
#include "backend/storage/elasticsearch/es_options.hpp"

#include <fstream>
#include <stdexcept>

#include "backend/common/config.hpp"
#include "backend/esutil/tool_flags.hpp"

namespace peregrine::storage::elasticsearch {

namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Jaeger strips every space from es.server-urls before splitting on ','.
std::vector<std::string> split_server_urls(const std::string& v) {
  std::string compact;
  for (char c : v)
    if (c != ' ') compact.push_back(c);
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= compact.size()) {
    size_t comma = compact.find(',', start);
    std::string item = compact.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

int64_t non_negative(const common::Config& cfg, const std::string& name) {
  int64_t v = cfg.get_int(name);
  if (v < 0) throw std::invalid_argument("--" + name + " must not be negative");
  return v;
}

// Every option of one flag family ("es" or "es-archive"), with Jaeger's defaults (the same for both).
void define_es_namespace_flags(common::Config& cfg, const std::string& ns) {
  auto flag = [&ns](const char* suffix) { return ns + "." + suffix; };
  cfg.define(flag("server-urls"), "http://127.0.0.1:9200",
             "The comma-separated list of Elasticsearch servers, must be full url i.e. http://localhost:9200");
  cfg.define(flag("username"), "", "The username required by Elasticsearch. The basic authentication also loads CA if it is specified.");
  cfg.define(flag("password"), "", "The password required by Elasticsearch");
  cfg.define(flag("password-file"), "", "Path to a file containing password. This file is watched for changes.");
  cfg.define(flag("token-file"), "", "Path to a file containing bearer token. This flag also loads CA if it is specified.");
  esutil::define_es_tls_flags(cfg, ns);
  cfg.define(flag("timeout"), "0s", "Timeout used for queries. A Timeout of zero means no timeout");
  cfg.define(flag("index-prefix"), "", "Optional prefix of Jaeger indices. For example \"production\" creates \"production-jaeger-*\".");
  cfg.define(flag("index-date-separator"), "-",
             "Optional date separator of Jaeger indices. For example \".\" creates \"jaeger-span-2020.11.20\".");
  cfg.define(flag("index-rollover-frequency-spans"), "day",
             "Rotates jaeger-span indices over the given period. Valid options: [hour, day].");
  cfg.define(flag("index-rollover-frequency-services"), "day",
             "Rotates jaeger-service indices over the given period. Valid options: [hour, day].");
  cfg.define(flag("num-shards"), "5", "The number of shards per index in Elasticsearch");
  cfg.define(flag("num-replicas"), "1", "The number of replicas per index in Elasticsearch");
  cfg.define(flag("prioirity-span-template"), "0", "Priority of jaeger-span index template (ESv8 only)");
  cfg.define(flag("prioirity-service-template"), "0", "Priority of jaeger-service index template (ESv8 only)");
  cfg.define(flag("prioirity-dependencies-template"), "0", "Priority of jaeger-dependecies index template (ESv8 only)");
  cfg.define(flag("create-index-templates"), "true",
             "Create index templates at application startup. Set to false when templates are installed manually.");
  cfg.define(flag("version"), "0",
             "The major Elasticsearch version. If not specified, the value will be auto-detected from Elasticsearch.");
  cfg.define(flag("use-aliases"), "false",
             "Use read and write aliases for indices. Use this option with Elasticsearch rollover API. It requires an "
             "external component to create aliases before startup and then performing its management.");
  cfg.define(flag("use-ilm"), "false",
             "(experimental) Option to enable ILM for jaeger span & service indices. Use this option with " +
                 flag("use-aliases") + ". ILM policy must be manually created in ES before startup.");
  cfg.define(flag("max-span-age"), "72h", "The maximum lookback for spans in Elasticsearch");
  cfg.define(flag("max-doc-count"), "10000",
             "The maximum document count to return from an Elasticsearch query. This will also apply to aggregations.");
  cfg.define(flag("remote-read-clusters"), "",
             "Comma-separated list of Elasticsearch remote cluster names for cross-cluster querying.");
  cfg.define(flag("bulk.size"), "5000000",
             "The number of bytes that the bulk requests can take up before the bulk processor decides to commit");
  cfg.define(flag("bulk.workers"), "1",
             "The number of workers that are able to receive bulk requests and eventually commit them to Elasticsearch");
  cfg.define(flag("bulk.actions"), "1000", "The number of requests that can be enqueued before the bulk processor decides to commit");
  cfg.define(flag("bulk.flush-interval"), "200ms",
             "A time.Duration after which bulk requests are committed, regardless of other thresholds.");
  cfg.define(flag("tags-as-fields.all"), "false",
             "(experimental) Store all span and process tags as object fields. If true " + flag("tags-as-fields.config-file") +
             " and " + flag("tags-as-fields.include") + " is ignored. Binary tags are always stored as nested objects.");
  cfg.define(flag("tags-as-fields.include"), "",
             "(experimental) Comma delimited list of tag keys which will be stored as object fields. Merged with the "
             "contents of " + flag("tags-as-fields.config-file"));
  cfg.define(flag("tags-as-fields.config-file"), "",
             "(experimental) Optional path to a file containing tag keys which will be stored as object fields. Each "
             "key should be on a separate line. Merged with " + flag("tags-as-fields.include"));
  cfg.define(flag("tags-as-fields.dot-replacement"), "@",
             "(experimental) The character used to replace dots (\".\") in tag keys stored as object fields.");
  for (const char* ignored : {"sniffer", "sniffer-tls-enabled", "log-level", "send-get-body-as", "http-compression"})
    cfg.define_ignored(flag(ignored), "Jaeger Elasticsearch option not supported by Peregrine (ignored)");
}

}  // namespace

EsStorageOptions es_options_from_config(const common::Config& cfg, const std::string& ns) {
  auto flag = [&ns](const char* suffix) { return ns + "." + suffix; };
  EsStorageOptions o;
  o.archive = ns == kArchiveNamespace;
  o.client.servers = split_server_urls(cfg.get(flag("server-urls")));
  o.client.username = cfg.get(flag("username"));
  o.client.password = cfg.get(flag("password"));
  o.client.password_file = cfg.get(flag("password-file"));
  o.client.token_file = cfg.get(flag("token-file"));
  o.client.tls = esutil::es_tls_options(cfg, ns);
  o.client.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(cfg.get_duration(flag("timeout")));

  o.index_prefix = cfg.get(flag("index-prefix"));
  const std::string sep = cfg.get(flag("index-date-separator"));
  o.span_layout = {sep, esutil::parse_rollover_frequency(cfg.get(flag("index-rollover-frequency-spans")))};
  o.service_layout = {sep, esutil::parse_rollover_frequency(cfg.get(flag("index-rollover-frequency-services")))};
  o.dependencies_layout = {sep, esutil::RolloverFrequency::Day};

  o.num_shards = non_negative(cfg, flag("num-shards"));
  o.num_replicas = non_negative(cfg, flag("num-replicas"));
  o.priority_span_template = cfg.get_int(flag("prioirity-span-template"));
  o.priority_service_template = cfg.get_int(flag("prioirity-service-template"));
  o.priority_dependencies_template = cfg.get_int(flag("prioirity-dependencies-template"));
  o.create_index_templates = cfg.get_bool(flag("create-index-templates"));
  o.version = static_cast<int>(non_negative(cfg, flag("version")));
  o.use_aliases = cfg.get_bool(flag("use-aliases"));
  o.use_ilm = cfg.get_bool(flag("use-ilm"));
  if (o.use_ilm && !o.use_aliases)
    throw std::invalid_argument("--" + flag("use-ilm") + " requires --" + flag("use-aliases") + " to be set to true");

  auto age = cfg.get_duration(flag("max-span-age"));
  if (age.count() <= 0) throw std::invalid_argument("--" + flag("max-span-age") + " must be positive");
  o.max_span_age = std::chrono::duration_cast<std::chrono::microseconds>(age);
  o.max_doc_count = static_cast<int>(cfg.get_int(flag("max-doc-count")));
  if (o.max_doc_count <= 0) throw std::invalid_argument("--" + flag("max-doc-count") + " must be positive");
  o.remote_read_clusters = cfg.get_list(flag("remote-read-clusters"));

  const int64_t bulk_size = cfg.get_int(flag("bulk.size"));
  const int64_t bulk_workers = cfg.get_int(flag("bulk.workers"));
  const int64_t bulk_actions = cfg.get_int(flag("bulk.actions"));
  if (bulk_workers <= 0) throw std::invalid_argument("--" + flag("bulk.workers") + " must be positive");
  // Non-positive sizes mean "no limit" in Jaeger's bulk processor.
  o.bulk.max_bytes = bulk_size > 0 ? static_cast<size_t>(bulk_size) : SIZE_MAX;
  o.bulk.max_actions = bulk_actions > 0 ? static_cast<size_t>(bulk_actions) : SIZE_MAX;
  o.bulk.workers = static_cast<int>(bulk_workers);
  o.bulk.flush_interval = std::chrono::duration_cast<std::chrono::milliseconds>(cfg.get_duration(flag("bulk.flush-interval")));

  o.tags.all = cfg.get_bool(flag("tags-as-fields.all"));
  o.tags.dot_replacement = cfg.get(flag("tags-as-fields.dot-replacement"));
  if (!o.tags.all) {
    for (const auto& k : cfg.get_list(flag("tags-as-fields.include"))) o.tags.keys.insert(k);
    const std::string file = cfg.get(flag("tags-as-fields.config-file"));
    if (!file.empty()) {
      std::ifstream in(file);
      if (!in) throw std::runtime_error("cannot read " + flag("tags-as-fields.config-file") + " " + file);
      std::string line;
      while (std::getline(in, line)) {
        line = trim(line);
        if (!line.empty()) o.tags.keys.insert(line);
      }
    }
  }
  return o;
}

void define_es_flags(common::Config& cfg) {
  define_es_namespace_flags(cfg, kPrimaryNamespace);
  define_es_namespace_flags(cfg, kArchiveNamespace);
  cfg.define(std::string(kArchiveNamespace) + ".enabled", "false", "Enable extra storage");
  cfg.define_ignored(std::string(kPrimaryNamespace) + ".adaptive-sampling.lookback",
                     "Jaeger Elasticsearch option not supported by Peregrine (ignored)");
}

bool es_archive_enabled(const common::Config& cfg) {
  const std::string enabled = std::string(kArchiveNamespace) + ".enabled";
  return cfg.has(enabled) && cfg.get_bool(enabled);
}

}  // namespace peregrine::storage::elasticsearch
