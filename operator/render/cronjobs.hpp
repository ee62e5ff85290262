// CronJobs owned by an instance: `<n>-es-index-cleaner` (Elasticsearch, on by default: deletes indices
// older than numberOfDays), `<n>-es-rollover` and `<n>-es-lookback` (when es.use-aliases is true), and
// `<n>-spark-dependencies` (the dependency graph job, on by default for Elasticsearch and Cassandra).
#pragma once
#include <optional>
#include <vector>

#include "operator/render/instance.hpp"

namespace peregrine::operator_render {

std::optional<Json> render_es_index_cleaner(const Instance& instance);
// rollover then lookback; empty unless Elasticsearch with es.use-aliases=true.
std::vector<Json> render_es_rollover_cronjobs(const Instance& instance);
std::optional<Json> render_spark_dependencies(const Instance& instance);

}  // namespace peregrine::operator_render
