// model::Trace → the JSON Jaeger's /api/traces returns (jaeger model/json + converter/json/from_domain):
//   {"traceID","spans":[{"traceID","spanID",["flags" when ≠ 0],"operationName","references":[{"refType",
//   "traceID","spanID"}],"startTime","duration","tags":[{"key","type","value"}],"logs":[{"timestamp",
//   "fields"}],"processID","warnings"}],"processes":{"p1":{"serviceName","tags"}},"warnings"}
// Trace IDs are 16 hex digits when the high half is zero, else 32; span IDs 16. Processes are deduplicated by
// value (service + tags) and numbered p1..pN in order of first use; keys are written sorted as strings like Go
// does for maps ("p1","p10","p2"). Tag values: int64 outside ±(2^53-1) as a decimal string, binary as base64,
// floats as JSON numbers; empty span/trace warnings are null.
#pragma once
#include <string>

#include "backend/convert/ui_json_writer.hpp"
#include "backend/model/dependency_link.hpp"
#include "backend/model/trace.hpp"

namespace peregrine::convert {

void write_ui_trace(JsonWriter& w, const model::Trace& trace);
std::string to_ui_json(const model::Trace& trace);

void write_ui_key_values(JsonWriter& w, const model::KeyValues& kvs);

// {"parent","child","callCount"} (Jaeger's json.DependencyLink).
void write_ui_dependency(JsonWriter& w, const model::DependencyLink& link);

}  // namespace peregrine::convert
