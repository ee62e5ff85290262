// es-rollover actions (see rollover_actions.hpp).
#include "backend/esutil/rollover_actions.hpp"

#include <spdlog/spdlog.h>

#include <stdexcept>

#include "backend/esutil/civil_time.hpp"
#include "backend/esutil/es_error.hpp"
#include "backend/esutil/index_cleaner.hpp"

namespace peregrine::esutil {

namespace {

constexpr int64_t kMillisPerSecond = 1000;
constexpr int64_t kMillisPerMinute = 60 * kMillisPerSecond;
constexpr int64_t kMillisPerHour = 60 * kMillisPerMinute;
constexpr int64_t kMillisPerDay = 24 * kMillisPerHour;

int64_t floor_ms(int64_t v, int64_t unit) {
  int64_t q = v / unit;
  if (v % unit != 0 && v < 0) --q;
  return q * unit;
}

int64_t midnight_with_offset(int64_t now_ms, int months_back, int years_back) {
  CivilTime t = civil_from_unix_micros(now_ms * 1000);
  int64_t month_index = t.year * 12 + (t.month - 1) - months_back - static_cast<int64_t>(years_back) * 12;
  int64_t year = month_index >= 0 ? month_index / 12 : (month_index - 11) / 12;
  int month = static_cast<int>(month_index - year * 12) + 1;
  // days_from_civil is linear in the day, so an overflowing day (Feb 31) normalizes like Go's AddDate.
  return days_from_civil(year, month, t.day) * kMillisPerDay;
}

int64_t template_priority(const RolloverConfig& cfg, TemplateKind kind) {
  switch (kind) {
    case TemplateKind::Span: return cfg.priority_span;
    case TemplateKind::Service: return cfg.priority_service;
    case TemplateKind::Dependencies: return cfg.priority_dependencies;
  }
  return 0;
}

void check_lifecycle_policy(EsHttpClient& http, const RolloverConfig& cfg, const BackendVersion& version) {
  const std::string target = version.opensearch ? "/_plugins/_ism/policies/" + url_encode(cfg.ilm_policy_name)
                                                : "/_ilm/policy/" + url_encode(cfg.ilm_policy_name);
  EsResponse resp = http.request("GET", target);
  if (resp.transport_error.empty() && resp.status == 404)
    throw std::runtime_error((version.opensearch ? "ISM policy " : "ILM policy ") + cfg.ilm_policy_name +
                             " doesn't exist in " + version.describe() + ". Please create it and re-run init");
  throw_unless_ok(resp, "failed to check lifecycle policy " + cfg.ilm_policy_name);
}

}  // namespace

std::vector<RolloverIndexSet> rollover_index_sets(bool archive, const std::string& p, bool skip_dependencies) {
  if (archive) return {RolloverIndexSet{p + "jaeger-span-archive", TemplateKind::Span}};
  std::vector<RolloverIndexSet> sets{RolloverIndexSet{p + "jaeger-span", TemplateKind::Span},
                                     RolloverIndexSet{p + "jaeger-service", TemplateKind::Service}};
  if (!skip_dependencies) sets.push_back(RolloverIndexSet{p + "jaeger-dependencies", TemplateKind::Dependencies});
  return sets;
}

int64_t lookback_reference_ms(int64_t now_ms, const std::string& unit, int unit_count) {
  const int64_t n = unit_count;
  if (unit == "minutes") return floor_ms(now_ms, kMillisPerMinute) - n * kMillisPerMinute;
  if (unit == "hours") return floor_ms(now_ms, kMillisPerHour) - n * kMillisPerHour;
  if (unit == "days") return floor_ms(now_ms, kMillisPerDay) + kMillisPerDay - n * kMillisPerDay;
  if (unit == "weeks") return floor_ms(now_ms, kMillisPerDay) + kMillisPerDay - 7 * n * kMillisPerDay;
  if (unit == "months") return midnight_with_offset(now_ms, unit_count, 0);
  if (unit == "years") return midnight_with_offset(now_ms, 0, unit_count);
  return floor_ms(now_ms, kMillisPerSecond) - n * kMillisPerSecond;
}

void rollover_init(IndicesClient& client, EsHttpClient& http, const RolloverConfig& cfg) {
  const BackendVersion version = client.version();
  if (cfg.use_ilm) check_lifecycle_policy(http, cfg, version);
  const std::string p = prefix_with_dash(cfg.index_prefix);
  for (const auto& set : rollover_index_sets(cfg.archive, p, cfg.skip_dependencies)) {
    TemplateParams params;
    params.index_prefix = cfg.index_prefix;
    params.shards = cfg.shards;
    params.replicas = cfg.replicas;
    params.priority = template_priority(cfg, set.template_kind);
    params.use_ilm = cfg.use_ilm;
    params.ilm_policy_name = cfg.ilm_policy_name;
    const std::string tname = template_name(set.template_kind, cfg.index_prefix);
    client.put_template(tname, render_index_template(set.template_kind, params, version), version);
    if (client.create_index(set.initial_index())) spdlog::info("created index {}", set.initial_index());

    const auto indices = client.jaeger_indices(p);
    std::vector<AliasAction> aliases;
    if (!alias_exists(indices, set.read_alias())) aliases.push_back({set.initial_index(), set.read_alias(), false});
    if (!alias_exists(indices, set.write_alias())) aliases.push_back({set.initial_index(), set.write_alias(), true});
    if (!aliases.empty()) client.add_aliases(aliases);
  }
}

void rollover_rollover(IndicesClient& client, const RolloverConfig& cfg) {
  const std::string p = prefix_with_dash(cfg.index_prefix);
  for (const auto& set : rollover_index_sets(cfg.archive, p, cfg.skip_dependencies)) {
    client.rollover(set.write_alias(), cfg.conditions);
    const auto indices = client.jaeger_indices(p);
    std::vector<AliasAction> aliases;
    for (const auto& idx : indices_holding(indices, set.write_alias()))
      if (!idx.has_alias(set.read_alias())) aliases.push_back({idx.name, set.read_alias(), false});
    client.add_aliases(aliases);
  }
}

size_t rollover_lookback(IndicesClient& client, const RolloverConfig& cfg, int64_t now_ms) {
  const std::string p = prefix_with_dash(cfg.index_prefix);
  const int64_t reference = lookback_reference_ms(now_ms, cfg.unit, cfg.unit_count);
  size_t removed = 0;
  for (const auto& set : rollover_index_sets(cfg.archive, p, cfg.skip_dependencies)) {
    const auto indices = client.jaeger_indices(p);
    auto candidates = indices_with_any_alias(indices, {set.read_alias()});
    candidates = indices_not_holding(candidates, {set.write_alias()});
    candidates = indices_created_before(candidates, reference);
    if (candidates.empty()) {
      spdlog::info("no indices to remove from alias {}", set.read_alias());
      continue;
    }
    std::vector<AliasAction> actions;
    for (const auto& idx : candidates) actions.push_back({idx.name, set.read_alias(), false});
    client.remove_aliases(actions);
    removed += actions.size();
  }
  return removed;
}

}  // namespace peregrine::esutil
