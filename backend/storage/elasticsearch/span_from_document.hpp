// Jaeger Elasticsearch span document → model::Span, the reverse of span_document: typed values parsed back
// from their string form, "tag"/"process.tag" object fields appended as typed tags with the dot replacement
// undone, and the legacy "parentSpanID" field turned into a CHILD_OF reference (as Jaeger does for documents
// written before references existed).
#pragma once
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "backend/model/span.hpp"

namespace peregrine::storage::elasticsearch {

// Throws std::invalid_argument when the document is not a Jaeger span (bad ids, unknown reference type, …).
model::Span span_from_document(const nlohmann::json& source, const std::string& dot_replacement);

// Interns equal processes so a trace read back shares one Process object per distinct process.
class ProcessDeduper {
 public:
  model::ProcessPtr intern(model::ProcessPtr p);

 private:
  std::vector<model::ProcessPtr> seen_;
};

}  // namespace peregrine::storage::elasticsearch
