// One-off Jobs that prepare the storage before the components start: `<n>-cassandra-schema-job` (creates the
// Cassandra keyspace and tables; on by default for Cassandra) and `<n>-es-rollover-create-mapping` (creates
// the rollover indices and aliases when es.use-aliases is true).
#pragma once
#include <optional>

#include "operator/render/instance.hpp"

namespace peregrine::operator_render {

std::optional<Json> render_cassandra_schema_job(const Instance& instance);
std::optional<Json> render_es_rollover_mapping_job(const Instance& instance);

}  // namespace peregrine::operator_render
