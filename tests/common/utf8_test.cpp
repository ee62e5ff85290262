// Tests for UTF-8 validation and repair.
#include "backend/common/utf8.hpp"

#include <gtest/gtest.h>

namespace peregrine::common {
namespace {

TEST(Utf8, Valid) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii text that is longer than eight bytes"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));
}

TEST(Utf8, Invalid) {
  EXPECT_FALSE(is_valid_utf8("\xFF"));
  EXPECT_FALSE(is_valid_utf8("abc\xC3"));               // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));              // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));          // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));      // > U+10FFFF
  EXPECT_FALSE(is_valid_utf8("0123456789abcdef\x80"));  // after the ASCII fast path
}

TEST(Utf8, RepairReplacesRunsWithOneReplacementChar) {
  EXPECT_EQ(to_valid_utf8("a\xFF\xFE" "b"), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(to_valid_utf8("x\xC3"), "x\xEF\xBF\xBD");
  EXPECT_EQ(to_valid_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
  EXPECT_TRUE(is_valid_utf8(to_valid_utf8("\xF0\x9F\x98 mixed \xE2\x82")));
}

}  // namespace
}  // namespace peregrine::common
