// es-rollover's three actions over Jaeger's rollover index sets (span, service and dependencies — or the span
// archive), with Jaeger's semantics:
//   init      — index templates, the first index "<name>-000001", read alias and write alias (is_write_index)
//               unless they already exist (idempotent);
//   rollover  — POST <name>-write/_rollover with the CONDITIONS, then add the read alias to the new write index;
//   lookback  — remove from the read alias the indices created before now − UNIT_COUNT × UNIT, never the
//               current write index.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "backend/esutil/index_templates.hpp"
#include "backend/esutil/indices_client.hpp"

namespace peregrine::esutil {

struct RolloverIndexSet {
  std::string name;  // "<prefix>jaeger-span", "<prefix>jaeger-span-archive", …
  TemplateKind template_kind = TemplateKind::Span;
  std::string read_alias() const { return name + "-read"; }
  std::string write_alias() const { return name + "-write"; }
  std::string initial_index() const { return name + "-000001"; }
};

// prefix already ends with '-' (or is empty).
std::vector<RolloverIndexSet> rollover_index_sets(bool archive, const std::string& prefix_with_dash,
                                                  bool skip_dependencies);

// Jaeger's lookback reference time (UTC): units "minutes", "hours" truncate then subtract; "days"/"weeks"
// count back from tomorrow's midnight; "months"/"years" from today's midnight; anything else = seconds.
int64_t lookback_reference_ms(int64_t now_ms, const std::string& unit, int unit_count);

struct RolloverConfig {
  std::string index_prefix;  // as given; "-" appended
  bool archive = false;
  bool skip_dependencies = false;
  // init
  int64_t shards = 5;
  int64_t replicas = 1;
  int64_t priority_span = 0;
  int64_t priority_service = 0;
  int64_t priority_dependencies = 0;
  bool use_ilm = false;
  std::string ilm_policy_name = "jaeger-ilm-policy";
  // rollover
  std::string conditions = R"({"max_age": "2d"})";
  // lookback
  std::string unit = "days";
  int unit_count = 1;
};

void rollover_init(IndicesClient& client, EsHttpClient& http, const RolloverConfig& cfg);
void rollover_rollover(IndicesClient& client, const RolloverConfig& cfg);
// Returns how many index/alias pairs were removed.
size_t rollover_lookback(IndicesClient& client, const RolloverConfig& cfg, int64_t now_ms);

}  // namespace peregrine::esutil
