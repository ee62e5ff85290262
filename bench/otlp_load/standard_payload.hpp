// Builds the benchmark's "standard span" OTLP payload: traces of 10 spans, each span with 10 attributes and one
// event, spread over 20 services. Trace IDs carry a marker so a serialized request can be cloned with fresh,
// unique trace IDs by patching bytes (cheap enough that the load generator does not compete with the server).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace peregrine::bench {

struct StandardPayload {
  std::string bytes;                 // serialized ExportTraceServiceRequest
  std::vector<size_t> trace_id_offsets;  // offset of the 8-byte per-trace counter inside each trace ID
  std::vector<uint64_t> trace_index;     // which trace (0..traces-1) each offset belongs to
  size_t spans = 0;
  size_t traces = 0;
};

StandardPayload build_standard_payload(size_t traces, size_t spans_per_trace = 10);

// Writes a copy of the payload whose trace IDs are unique for this `sequence` number.
void patch_trace_ids(const StandardPayload& p, uint64_t sequence, std::string& out);

}  // namespace peregrine::bench
