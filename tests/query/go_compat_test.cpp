// Go-compatible helpers of the query package: parameter parsing with Go's error
// texts (strconv, TraceIDFromString, RFC3339).
#include <gtest/gtest.h>

#include "backend/query/go_parse.hpp"

namespace peregrine::query {
namespace {

TEST(GoParseTest, Integers) {
  std::string err;
  EXPECT_EQ(go_parse_int("42", 64, &err), 42);
  EXPECT_EQ(go_parse_int("-9223372036854775808", 64, &err), INT64_MIN);
  EXPECT_EQ(go_parse_int("+7", 32, &err), 7);
  EXPECT_FALSE(go_parse_int("2147483648", 32, &err));
  EXPECT_EQ(err, R"(strconv.ParseInt: parsing "2147483648": value out of range)");
  EXPECT_FALSE(go_parse_int("12a", 64, &err));
  EXPECT_EQ(err, R"(strconv.ParseInt: parsing "12a": invalid syntax)");
  EXPECT_FALSE(go_atoi("", &err));
  EXPECT_EQ(err, R"(strconv.Atoi: parsing "": invalid syntax)");
  EXPECT_EQ(go_parse_bool("True"), true);
  EXPECT_EQ(go_parse_bool("0"), false);
  EXPECT_FALSE(go_parse_bool("yes"));
}

TEST(GoParseTest, TraceIds) {
  std::string err;
  auto id = go_parse_trace_id("abc", &err);
  ASSERT_TRUE(id);
  EXPECT_EQ(id->low, 0xabcu);
  id = go_parse_trace_id("100000000000000002", &err);
  ASSERT_TRUE(id);
  EXPECT_EQ(id->high, 0x10u);
  EXPECT_EQ(id->low, 2u);
  EXPECT_FALSE(go_parse_trace_id("xyz", &err));
  EXPECT_EQ(err, R"(strconv.ParseUint: parsing "xyz": invalid syntax)");
  EXPECT_FALSE(go_parse_trace_id(std::string(33, '1'), &err));
  EXPECT_EQ(err, "TraceID cannot be longer than 32 hex characters: " + std::string(33, '1'));
}

TEST(GoParseTest, Rfc3339) {
  std::string err;
  EXPECT_EQ(go_parse_rfc3339("1970-01-01T00:00:00Z", &err), 0);
  EXPECT_EQ(go_parse_rfc3339("2017-07-14T02:40:00.123456789Z", &err), 1500000000123456);
  EXPECT_EQ(go_parse_rfc3339("2017-07-14T04:40:00+02:00", &err), 1500000000000000);
  EXPECT_EQ(go_parse_rfc3339("2024-02-29T00:00:00.5Z", &err), 1709164800500000);
  EXPECT_FALSE(go_parse_rfc3339("2023-02-29T00:00:00Z", &err));
  EXPECT_EQ(err, R"(parsing time "2023-02-29T00:00:00Z": day out of range)");
  EXPECT_FALSE(go_parse_rfc3339("yesterday", &err));
  EXPECT_EQ(err,
            R"(parsing time "yesterday" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "yesterday" as "2006")");
  EXPECT_FALSE(go_parse_rfc3339("2017-07-14T02:40:00", &err));
  EXPECT_EQ(
      err,
      R"(parsing time "2017-07-14T02:40:00" as "2006-01-02T15:04:05.999999999Z07:00": cannot parse "" as "Z07:00")");
}

}  // namespace
}  // namespace peregrine::query
