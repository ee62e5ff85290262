// Test helper: field-by-field GoogleTest comparison of two model spans (round-trip checks in storage and
// conversion tests).
#pragma once
#include <gtest/gtest.h>

#include "backend/model/span.hpp"

namespace peregrine::test_support {

// Every stored field must match, the process by value (both spans must carry one).
inline void expect_same_span(const model::Span& a, const model::Span& b) {
  EXPECT_EQ(a.trace_id, b.trace_id);
  EXPECT_EQ(a.span_id, b.span_id);
  EXPECT_EQ(a.operation_name, b.operation_name);
  EXPECT_EQ(a.references, b.references);
  EXPECT_EQ(a.flags, b.flags);
  EXPECT_EQ(a.start_time_us, b.start_time_us);
  EXPECT_EQ(a.duration_us, b.duration_us);
  EXPECT_EQ(a.tags, b.tags);
  EXPECT_EQ(a.logs, b.logs);
  ASSERT_TRUE(a.process && b.process);
  EXPECT_EQ(*a.process, *b.process);
  EXPECT_EQ(a.warnings, b.warnings);
}

}  // namespace peregrine::test_support
