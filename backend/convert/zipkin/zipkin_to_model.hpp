// Zipkin (normalised v1 form, see zipkin_span.hpp) → span model, following Jaeger's Zipkin-to-domain rules:
//   kind: the first of sr/ss (server), cs/cr (client), ms (producer), mr (consumer) → tag span.kind; a span
//         holding both cs and sr is split into a client and a server span sharing the span ID
//   service: host of the first kind annotation, else of an "lc" binary annotation, else of any annotation,
//         else of any binary annotation, else the v2 local endpoint, else "unknown-service-name";
//         its IPv4 becomes the int64 process tag "ip"
//   annotations other than the kind ones → logs (JSON object values of strings → one field per key, else
//         event=<value>); empty values are dropped
//   binary annotations → typed tags (BOOL, BYTES→binary, I16/I32/I64→int64, DOUBLE, STRING); "lc" → component;
//         ca/sa/ma → peer.service, peer.ipv4, peer.ipv6, peer.port; jaegerClient / jaeger.version /
//         jaeger.hostname → process tags jaeger.version / hostname
//   timestamp/duration: the span's own, else from cs/cr or sr/ss; debug → flags 2; parent → CHILD_OF reference.
// Client and server halves that share one span ID stay two spans here; query-time de-duplication (Jaeger's
// span-ID uniquifier) keeps them distinct.
#pragma once
#include <vector>

#include "backend/convert/zipkin/zipkin_span.hpp"
#include "backend/model/span.hpp"

namespace peregrine::convert {

model::SpanBatch zipkin_to_model(const std::vector<zipkin::Span>& spans);

}  // namespace peregrine::convert
