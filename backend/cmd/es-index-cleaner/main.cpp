// peregrine-es-index-cleaner NUM_OF_DAYS http://HOSTNAME:PORT — deletes Jaeger indices older than NUM_OF_DAYS
// days (counted from tomorrow's UTC midnight), with Jaeger's flags and environment variables: --index-prefix
// (INDEX_PREFIX), --archive (ARCHIVE), --rollover (ROLLOVER), --timeout (TIMEOUT), --index-date-separator
// (INDEX_DATE_SEPARATOR), --es.username / --es.password (ES_USERNAME / ES_PASSWORD), --es.tls.* (ES_TLS_*).
// Indices holding a write alias are never deleted; an empty cluster is not an error.
#include <spdlog/spdlog.h>

#include <charconv>
#include <chrono>
#include <iostream>

#include "backend/common/config.hpp"
#include "backend/esutil/index_cleaner.hpp"
#include "backend/esutil/indices_client.hpp"
#include "backend/esutil/tool_flags.hpp"
#include "backend/esutil/tool_startup.hpp"

using namespace peregrine;

int main(int argc, char** argv) {
  const std::string usage_line = "Usage: peregrine-es-index-cleaner NUM_OF_DAYS http://HOSTNAME:PORT [flags]";
  common::Config cfg;
  cfg.define("index-prefix", "", "Index prefix");
  cfg.define("archive", "false", "Whether to remove archive indices. It works only for rollover");
  cfg.define("rollover", "false", "Whether to remove indices created by rollover");
  cfg.define("ignore-unavailable", "true", "If false, returns an error when index is missing");
  cfg.define("index-date-separator", "-", "Index date separator");
  cfg.define("log-level", "info", "Minimal allowed log level");
  esutil::define_es_tool_flags(cfg);
  if (auto exit_code = esutil::start_es_tool(cfg, argc, argv, "peregrine-es-index-cleaner", usage_line))
    return *exit_code;
  const auto& args = cfg.positional();
  if (args.size() != 2) {
    std::cerr << "wrong number of arguments\n" << usage_line << "\n";
    return 2;
  }
  int num_days = 0;
  auto res = std::from_chars(args[0].data(), args[0].data() + args[0].size(), num_days);
  if (res.ec != std::errc() || res.ptr != args[0].data() + args[0].size()) {
    std::cerr << "could not parse NUM_OF_DAYS argument: " << args[0] << "\n";
    return 2;
  }
  if (num_days < 0) {
    std::cerr << "NUM_OF_DAYS must be a non-negative integer, got " << num_days << "\n";
    return 2;
  }
  try {
    esutil::EsHttpClient http(esutil::es_tool_client_options(cfg, args[1]));
    esutil::IndicesClient client(http, static_cast<int>(cfg.get_int("timeout")));
    esutil::CleanerOptions opts;
    opts.index_prefix = cfg.get("index-prefix");
    opts.date_separator = cfg.get("index-date-separator");
    opts.archive = cfg.get_bool("archive");
    opts.rollover = cfg.get_bool("rollover");

    const auto indices = client.jaeger_indices(esutil::prefix_with_dash(opts.index_prefix));
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    const int64_t cutoff = esutil::deletion_cutoff_ms(now_ms, num_days);
    spdlog::info("Indices created before {} ms (Unix) will be deleted; {} Jaeger indices found", cutoff, indices.size());
    const auto doomed = esutil::indices_to_delete(indices, opts, cutoff);
    if (doomed.empty()) {
      spdlog::info("No indices to delete");
      return 0;
    }
    std::vector<std::string> names;
    for (const auto& i : doomed) names.push_back(i.name);
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    spdlog::info("Deleting indices: {}", list);
    client.delete_indices(names, cfg.get_bool("ignore-unavailable"));
    return 0;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
}
