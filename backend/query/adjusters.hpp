// Trace adjusters: in-place fix-ups the query service applies to stored traces before returning them, as
// Jaeger v1's query does (querysvc.StandardAdjusters), in this order:
//   1. zipkin_span_id_uniquifier   server spans sharing their id with a client span (Zipkin shared spans) get a
//                                  fresh id; the shared id becomes their parent, their children follow
//   2. sort_tags_and_log_fields    span/process tags sorted (key, type, value); log fields "event" first, then sorted
//   3. dedupe_identical_spans      drops exact duplicate spans (Jaeger's DedupeBySpanHash; order kept)
//   4. clock_skew(max)             shifts children starting before / ending after their parent on another host;
//                                  max 0 = disabled: the span only gets a warning with the computed delta
//   5. ip_tags                     int64 "ip" / "peer.ipv4" tags → dotted IPv4 strings; process tags re-sorted
//   6. otel_library_tags           telemetry.sdk.* / telemetry.distro.* span tags moved into the process
//   7. remove_invalid_references   references with a zero trace id removed (with a span warning)
//   8. parent_reference_first      the CHILD_OF parent reference moved to the front (what Jaeger UI expects)
// Processes are shared (ProcessPtr to const); adjusters that change one copy it first.
#pragma once
#include <chrono>
#include <functional>
#include <vector>

#include "backend/model/trace.hpp"

namespace peregrine::query {

using Adjuster = std::function<void(model::Trace&)>;

void zipkin_span_id_uniquifier(model::Trace& trace);
void sort_tags_and_log_fields(model::Trace& trace);
void dedupe_identical_spans(model::Trace& trace);
Adjuster clock_skew_adjuster(std::chrono::microseconds max_delta);
void ip_tags(model::Trace& trace);
void otel_library_tags(model::Trace& trace);
void remove_invalid_references(model::Trace& trace);
void parent_reference_first(model::Trace& trace);

std::vector<Adjuster> standard_adjusters(std::chrono::microseconds max_clock_skew_adjustment);

// Jaeger's KeyValue ordering: key, then type, then value.
bool key_value_less(const model::KeyValue& a, const model::KeyValue& b);
void sort_key_values(model::KeyValues& kvs);

}  // namespace peregrine::query
