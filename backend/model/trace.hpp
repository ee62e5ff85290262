// A trace: the spans sharing one TraceID, plus trace-level warnings.
#pragma once
#include <string>
#include <vector>

#include "backend/model/span.hpp"

namespace peregrine::model {

struct Trace {
  std::vector<Span> spans;
  std::vector<std::string> warnings;
};

}  // namespace peregrine::model
