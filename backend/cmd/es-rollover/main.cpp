// peregrine-es-rollover init|rollover|lookback http://HOSTNAME:PORT — Jaeger's es-rollover: manages the rollover
// indices and read/write aliases used with es.use-aliases. Flags and environment variables as Jaeger's:
// --index-prefix (INDEX_PREFIX), --archive (ARCHIVE), --skip-dependencies, --timeout (TIMEOUT), --es.username /
// --es.password / --es.token-file, --es.tls.* (ES_TLS_*), --es.use-ilm / --es.ilm-policy-name; init: --shards
// (SHARDS), --replicas (REPLICAS), --priority-{span,service,dependencies}-template; rollover: --conditions
// (CONDITIONS); lookback: --unit (UNIT), --unit-count (UNIT_COUNT).
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>

#include "backend/common/config.hpp"
#include "backend/esutil/indices_client.hpp"
#include "backend/esutil/rollover_actions.hpp"
#include "backend/esutil/tool_flags.hpp"
#include "backend/esutil/tool_startup.hpp"

using namespace peregrine;

int main(int argc, char** argv) {
  const std::string usage_line = "Usage: peregrine-es-rollover init|rollover|lookback http://HOSTNAME:PORT [flags]";
  common::Config cfg;
  cfg.define("index-prefix", "", "Index prefix");
  cfg.define("archive", "false", "Handle archive indices");
  cfg.define("es.token-file", "", "Path to a file containing bearer token");
  cfg.define("es.use-ilm", "false", "Use ILM to manage jaeger indices");
  cfg.define("es.ilm-policy-name", "jaeger-ilm-policy", "The name of the ILM policy to use if ILM is active");
  cfg.define("skip-dependencies", "false", "Disable rollover for dependencies index");
  cfg.define_ignored("adaptive-sampling", "Rollover of the adaptive sampling index (Peregrine stores none in Elasticsearch)");
  cfg.define("shards", "5", "Number of shards");
  cfg.define("replicas", "1", "Number of replicas");
  cfg.define("priority-span-template", "0", "Priority of jaeger-span index template (ESv8 only)");
  cfg.define("priority-service-template", "0", "Priority of jaeger-service index template (ESv8 only)");
  cfg.define("priority-dependencies-template", "0", "Priority of jaeger-dependecies index template (ESv8 only)");
  cfg.define("conditions", R"({"max_age": "2d"})", "conditions used to rollover to a new write index");
  cfg.define("unit", "days", "used with lookback to remove indices from read alias, one of: minutes, hours, days, weeks, months, years, seconds");
  cfg.define("unit-count", "1", "count of UNITs");
  cfg.define("log-level", "info", "Minimal allowed log level");
  esutil::define_es_tool_flags(cfg);
  if (auto exit_code = esutil::start_es_tool(cfg, argc, argv, "peregrine-es-rollover", usage_line))
    return *exit_code;
  const auto& args = cfg.positional();
  if (args.size() != 2 || (args[0] != "init" && args[0] != "rollover" && args[0] != "lookback")) {
    std::cerr << "expected an action (init, rollover or lookback) and the Elasticsearch URL\n" << usage_line << "\n";
    return 2;
  }
  try {
    const std::string username = cfg.get("es.username"), password = cfg.get("es.password");
    if (!username.empty() && !password.empty() && !cfg.get("es.token-file").empty())
      throw std::invalid_argument("only one of basic auth (--es.username/--es.password) or --es.token-file may be configured");

    esutil::RolloverConfig rc;
    rc.index_prefix = cfg.get("index-prefix");
    rc.archive = cfg.get_bool("archive");
    rc.skip_dependencies = cfg.get_bool("skip-dependencies");
    rc.shards = cfg.get_int("shards");
    rc.replicas = cfg.get_int("replicas");
    rc.priority_span = cfg.get_int("priority-span-template");
    rc.priority_service = cfg.get_int("priority-service-template");
    rc.priority_dependencies = cfg.get_int("priority-dependencies-template");
    rc.use_ilm = cfg.get_bool("es.use-ilm");
    rc.ilm_policy_name = cfg.get("es.ilm-policy-name");
    rc.conditions = cfg.get("conditions");
    rc.unit = cfg.get("unit");
    rc.unit_count = static_cast<int>(cfg.get_int("unit-count"));

    esutil::EsHttpClient http(esutil::es_tool_client_options(cfg, args[1]));
    esutil::IndicesClient client(http, static_cast<int>(cfg.get_int("timeout")));
    if (args[0] == "init") {
      esutil::rollover_init(client, http, rc);
    } else if (args[0] == "rollover") {
      esutil::rollover_rollover(client, rc);
    } else {
      const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
      size_t removed = esutil::rollover_lookback(client, rc, now_ms);
      spdlog::info("removed {} index(es) from read aliases", removed);
    }
    return 0;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
}
