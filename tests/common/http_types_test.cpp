// Tests for query-string parsing, percent-decoding and header lookup.
#include "backend/common/http_types.hpp"

#include <gtest/gtest.h>

namespace peregrine::common {
namespace {

TEST(HttpTypes, PercentDecode) {
  EXPECT_EQ(percent_decode("a%20b+c", false), "a b+c");
  EXPECT_EQ(percent_decode("a%20b+c", true), "a b c");
  EXPECT_EQ(percent_decode("%zz%4", true), "%zz%4");
  EXPECT_EQ(percent_decode("%E2%82%AC", false), "\xE2\x82\xAC");
}

TEST(HttpTypes, ParseQueryStringKeepsOrderAndRepeats) {
  auto q = parse_query_string("service=front%20end&traceID=1&traceID=2&flag&=x&tags=%7B%22a%22%3A1%7D");
  HttpRequest req;
  req.query = q;
  EXPECT_EQ(req.param("service"), "front end");
  EXPECT_EQ(req.params("traceID"), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(req.param("flag"), "");
  EXPECT_EQ(req.param("tags"), "{\"a\":1}");
  EXPECT_FALSE(req.param("missing").has_value());
}

TEST(HttpTypes, HeadersAreCaseInsensitive) {
  HttpRequest req;
  req.headers["Content-Type"] = "application/json";
  EXPECT_EQ(req.header("content-type"), "application/json");
  EXPECT_EQ(req.header("CONTENT-TYPE"), "application/json");
  EXPECT_FALSE(req.header("accept").has_value());
}

TEST(HttpTypes, ResponseConstructors) {
  auto j = HttpResponse::json(201, "{}");
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.content_type, "application/json");
  auto t = HttpResponse::text(200, "ok");
  EXPECT_EQ(t.content_type.rfind("text/plain", 0), 0u);
}

}  // namespace
}  // namespace peregrine::common
