// EsDouble: a strict, in-memory stand-in for Elasticsearch 7/8 and OpenSearch 1/2 implementing exactly the
// endpoints Peregrine's storage, es-index-cleaner and es-rollover call, for tests (no Elasticsearch is
// available in CI). Anything else — an unknown endpoint, method, query parameter, body key, query or
// aggregation type — is answered with Elasticsearch's 400 error shape, so a request Peregrine starts sending
// by mistake fails loudly instead of being silently accepted.
//
// Endpoints:
//   GET /                                   version info (--version, --distribution)
//   PUT /_template/{name}                   legacy template (index_patterns, order, settings, mappings, aliases)
//   PUT /_index_template/{name}             composable template (index_patterns, priority, template{…})
//   GET /_ilm/policy/{name}, GET /_plugins/_ism/policies/{name}   lifecycle policy existence
//   POST /_bulk                             index/create actions (see es_bulk.hpp)
//   POST /{indices}/_search                 query DSL subset (see es_query.hpp, es_search.hpp)
//   POST /{indices}/_msearch                NDJSON header/body pairs
//   GET /{indices}?flat_settings&filter_path=*.aliases,*.settings   index listing with creation dates/aliases
//   PUT /{index}, DELETE /{indices}         create (optional settings/mappings/aliases) / delete indices
//   POST /_aliases                          add / remove actions (atomic, one write index per alias)
//   POST /{alias}/_rollover                 conditions max_age / max_docs / max_size; is_write_index swap
// Admin (tests only): POST /_double/faults (see fault_plan.hpp), DELETE /_double/faults, GET /_double/stats,
//   POST /_double/reset, POST /_double/indices/{name} {"creation_date":ms,"aliases":{…},"apply_templates":b},
//   GET /_double/indices/{name}/docs, POST /_double/policies/{name}.
// Optional authentication: --basic-auth=user:password and/or --bearer-token=token (401 otherwise).
// Optional HTTPS (sync_http_server.hpp): --tls-cert / --tls-key, and --tls-client-ca to require client
// certificates signed by that CA (the handshake fails without one).
//
// NOT emulated: text analysis (match is an exact match; dynamically mapped strings are keywords), scoring,
// ignore_above (long keyword values stay searchable), shards/replicas and refresh (documents are searchable
// immediately), versions/seq_no concurrency control, update/delete bulk actions, scroll/PIT, remote clusters,
// ILM/ISM execution (policies only exist), composable template overlap validation, security beyond one static
// credential and one server certificate (no TLS-based user mapping, no per-user roles), HTTP compression, and every
// endpoint not listed above.
#pragma once
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/es-double/es_cluster.hpp"
#include "tests/es-double/fault_plan.hpp"
#include "tests/es-double/sync_http_server.hpp"

namespace peregrine::esdouble {

struct DoubleOptions {
  std::string version = "7.17.9";
  bool opensearch = false;
  std::string basic_auth;    // "user:password" required when non-empty
  std::string bearer_token;  // accepted when non-empty
};

class EsDouble {
 public:
  explicit EsDouble(DoubleOptions opts);
  // Thread-safe.
  Response handle(const Request& req);

 private:
  struct Route;
  Response dispatch(const Request& req, const std::string& path, const std::vector<std::string>& segs,
                    const std::multimap<std::string, std::string>& params);
  Response admin(const Request& req, const std::vector<std::string>& segs);
  bool authorized(const Request& req) const;
  int major() const;
  bool hit_type() const;

  Response root();
  Response put_template(const std::string& name, const std::string& body, bool composable);
  Response lifecycle_policy(const std::string& name);
  Response bulk(const Request& req);
  Response search(const std::string& expr, const std::multimap<std::string, std::string>& params,
                  const std::string& body);
  Response msearch(const std::string& expr, const std::string& body);
  Response get_indices(const std::string& expr, const std::multimap<std::string, std::string>& params);
  Response create_index(const std::string& name, const std::string& body);
  Response delete_indices(const std::string& expr, const std::multimap<std::string, std::string>& params);
  Response aliases(const std::string& body);
  Response rollover(const std::string& alias, const std::string& body);

  DoubleOptions opts_;
  std::mutex mu_;
  Cluster cluster_;
  FaultPlan faults_;
  std::map<std::string, uint64_t> counters_;
};

}  // namespace peregrine::esdouble
