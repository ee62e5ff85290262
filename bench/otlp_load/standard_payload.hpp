// Builds the benchmark's "standard span" OTLP payload: traces of 10 spans, each span with 10 attributes and one
// event, spread over 20 services. Trace IDs carry a marker, and the offsets of every timestamp are recorded, so a
// serialized request can be cloned with fresh, unique trace IDs and later timestamps by patching bytes (cheap
// enough that the load generator does not compete with the server).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace peregrine::bench {

struct StandardPayload {
  std::string bytes;                 // serialized ExportTraceServiceRequest
  std::vector<size_t> trace_id_offsets;  // offset of the 8-byte per-trace counter inside each trace ID
  std::vector<uint64_t> trace_index;     // which trace (0..traces-1) each offset belongs to
  std::vector<size_t> time_offsets;      // offset of every fixed64 timestamp (span start/end, event time)
  std::vector<uint64_t> time_values;     // its value in the template
  size_t spans = 0;
  size_t traces = 0;
  uint64_t trace_spacing_ns = 0;  // start-time distance between consecutive traces of the template
};

StandardPayload build_standard_payload(size_t traces, size_t spans_per_trace = 10);

// Writes a copy of the payload whose trace IDs are unique for this `sequence` number. With advance_time, its
// timestamps are also moved forward by sequence × (one template's time span), so consecutive requests carry
// consecutive, increasing times like a live application's spans; without it every request repeats the template's
// timestamps.
void make_request(const StandardPayload& p, uint64_t sequence, std::string& out, bool advance_time = true);

}  // namespace peregrine::bench
