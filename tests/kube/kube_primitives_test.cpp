// Pure pieces of operator/kube: base64, paths, error mapping, watch stream decoding, timestamps, back-off,
// token bucket, WATCH_NAMESPACE parsing, declared API calls, the object cache.
#include <gtest/gtest.h>

#include "operator/kube/api_error.hpp"
#include "operator/kube/backoff.hpp"
#include "operator/kube/base64.hpp"
#include "operator/kube/declared_api_calls.hpp"
#include "operator/kube/group_version_resource.hpp"
#include "operator/kube/k8s_time.hpp"
#include "operator/kube/object_cache.hpp"
#include "operator/kube/object_key.hpp"
#include "operator/kube/rate_limiter.hpp"
#include "operator/kube/watch_event.hpp"
#include "operator/kube/watch_namespaces.hpp"
#include "operator/kube/well_known_resources.hpp"

namespace peregrine::kube {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

TEST(Base64, RoundTripsAndRejectsGarbage) {
  for (const std::string& s : std::vector<std::string>{"", "a", "ab", "abc", "abcd", "hello world\n", std::string("\0\xff\x10", 3)}) {
    EXPECT_EQ(base64_decode(base64_encode(s)), s);
  }
  EXPECT_EQ(base64_encode("admin:pw"), "YWRtaW46cHc=");
  EXPECT_EQ(base64_decode("YWRt\naW46cHc"), "admin:pw");  // whitespace ignored, padding optional
  EXPECT_THROW(base64_decode("a*b"), std::invalid_argument);
  EXPECT_THROW(base64_decode("QQ==QQ"), std::invalid_argument);
}

TEST(GroupVersionResource, BuildsPaths) {
  EXPECT_EQ(resources::kPods.collection_path("ns"), "/api/v1/namespaces/ns/pods");
  EXPECT_EQ(resources::kPods.collection_path(""), "/api/v1/pods");
  EXPECT_EQ(resources::kDeployments.object_path("ns", "web", "status"), "/apis/apps/v1/namespaces/ns/deployments/web/status");
  EXPECT_EQ(resources::kNamespaces.object_path("", "team"), "/api/v1/namespaces/team");
  EXPECT_EQ(resources::kClusterRoles.object_path("ignored", "r"), "/apis/rbac.authorization.k8s.io/v1/clusterroles/r");
  EXPECT_EQ(resources::kDeployments.api_version(), "apps/v1");
  EXPECT_EQ(resources::kDeployments.group_resource(), "deployments.apps");
  EXPECT_THROW(resources::kDeployments.object_path("", "x"), std::invalid_argument);
  EXPECT_EQ(escape_path_segment("a b/c"), "a%20b%2Fc");
}

TEST(ApiError, MapsStatusBodiesAndBareCodes) {
  ApiError nf = ApiError::from_response(
      404, R"({"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,"message":"x not found"})",
      "GET /x");
  EXPECT_TRUE(nf.is_not_found());
  EXPECT_EQ(nf.code(), 404);
  EXPECT_NE(nf.message().find("x not found"), std::string::npos);
  EXPECT_EQ(ApiError::from_response(409, "", "PUT").reason(), StatusReason::Conflict);
  EXPECT_TRUE(ApiError::from_response(410, "gone", "GET").is_gone());
  EXPECT_TRUE(ApiError::from_status({{"kind", "Status"}, {"code", 410}, {"reason", "Expired"}}).is_gone());
  EXPECT_TRUE(ApiError::from_response(503, "", "GET").is_retryable());
  EXPECT_FALSE(ApiError::from_response(422, "", "GET").is_retryable());
  ApiError throttled = ApiError::from_status({{"code", 429}, {"reason", "TooManyRequests"}, {"details", {{"retryAfterSeconds", 3}}}});
  EXPECT_EQ(throttled.retry_after_seconds(), 3);
  EXPECT_EQ(parse_status_reason("AlreadyExists"), StatusReason::AlreadyExists);
  EXPECT_EQ(to_string(StatusReason::Invalid), "Invalid");
}

TEST(WatchStreamDecoder, SplitsEventsAcrossChunks) {
  WatchStreamDecoder d;
  const std::string stream =
      R"({"type":"ADDED","object":{"metadata":{"name":"a {quoted\" brace}"}}})" "\n"
      R"({"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"7"}}}{"type":"DELETED","object":{"kind":"X"}})";
  std::vector<WatchEvent> events;
  for (size_t i = 0; i < stream.size(); i += 5) {
    for (auto& e : d.feed(std::string_view(stream).substr(i, 5))) events.push_back(std::move(e));
  }
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].type, WatchEventType::Added);
  EXPECT_EQ(events[0].object["metadata"]["name"], "a {quoted\" brace}");
  EXPECT_EQ(events[1].type, WatchEventType::Bookmark);
  EXPECT_EQ(events[2].type, WatchEventType::Deleted);
  EXPECT_FALSE(d.has_partial());
  EXPECT_TRUE(d.feed(R"({"type":"ADD)").empty());
  EXPECT_TRUE(d.has_partial());
  WatchStreamDecoder bad;
  EXPECT_THROW(bad.feed(R"({"type":"WHAT","object":{}})"), KubeError);
  EXPECT_THROW(bad.feed("xyz"), KubeError);
}

TEST(K8sTime, FormatsAndParses) {
  const SystemTime t = SystemTime(std::chrono::seconds(1714557600)) + std::chrono::microseconds(123456);
  EXPECT_EQ(format_time(t), "2024-05-01T10:00:00Z");
  EXPECT_EQ(format_micro_time(t), "2024-05-01T10:00:00.123456Z");
  EXPECT_EQ(parse_time("2024-05-01T10:00:00.123456Z"), t);
  EXPECT_EQ(parse_time("2024-05-01T12:00:00+02:00"), SystemTime(std::chrono::seconds(1714557600)));
  EXPECT_FALSE(parse_time("2024-05-01 10:00:00").has_value());
  EXPECT_FALSE(parse_time("2024-13-01T10:00:00Z").has_value());
}

TEST(Backoff, GrowsAndCaps) {
  BackoffPolicy p{100ms, 1000ms, 2.0, 0.0};
  EXPECT_EQ(backoff_delay(p, 0), 100ms);
  EXPECT_EQ(backoff_delay(p, 1), 200ms);
  EXPECT_EQ(backoff_delay(p, 3), 800ms);
  EXPECT_EQ(backoff_delay(p, 10), 1000ms);
  ExponentialBackoff b(p);
  EXPECT_EQ(b.next(), 100ms);
  EXPECT_EQ(b.next(), 200ms);
  b.reset();
  EXPECT_EQ(b.next(), 100ms);
  ExponentialBackoff jittered(BackoffPolicy{100ms, 1000ms, 2.0, 0.5});
  const auto d = jittered.next();
  EXPECT_GE(d, 100ms);
  EXPECT_LE(d, 150ms);
}

TEST(TokenBucket, AllowsBurstThenLimits) {
  TokenBucket bucket(0.001, 3);  // refills far slower than the test runs
  EXPECT_TRUE(bucket.try_acquire());
  EXPECT_TRUE(bucket.try_acquire());
  EXPECT_TRUE(bucket.try_acquire());
  EXPECT_FALSE(bucket.try_acquire());
  EXPECT_GT(bucket.reserve().count(), 0);
  StopSignal stop;
  stop.request_stop();
  EXPECT_FALSE(bucket.acquire(&stop));  // a stopped waiter gives up instead of sleeping
  TokenBucket unlimited(0, 1);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(unlimited.try_acquire());
}

TEST(WatchNamespaces, ParsesCommaLists) {
  EXPECT_TRUE(parse_watch_namespaces("").empty());
  EXPECT_EQ(parse_watch_namespaces(" a, b ,,a,c "), (std::vector<std::string>{"a", "b", "c"}));
}

TEST(DeclaredApiCalls, ListsAndDerivesRules) {
  DeclaredApiCalls calls;
  calls.declare({"get", "list", "watch"}, resources::kDeployments);
  calls.declare({"update"}, GroupVersionResource{"jaegertracing.io", "v1", "jaegers", true}, "status");
  calls.declare({"get"}, resources::kDeployments);
  EXPECT_EQ(calls.list().size(), 4u);
  EXPECT_TRUE(calls.contains({"update", "jaegertracing.io", "jaegers", "status"}));
  const json rules = calls.policy_rules();
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0]["apiGroups"][0], "apps");
  EXPECT_EQ(rules[0]["verbs"], json({"get", "list", "watch"}));
  EXPECT_EQ(rules[1]["resources"][0], "jaegers/status");
  EXPECT_EQ(calls.list()[0].to_string(), "get apps/deployments");
}

ObjectPtr obj(const std::string& ns, const std::string& name, const std::string& rv, const json& labels = json::object()) {
  return std::make_shared<const json>(json{{"metadata", {{"namespace", ns}, {"name", name}, {"resourceVersion", rv}, {"labels", labels}}}});
}

TEST(ObjectCache, UpsertEraseAndReplaceDiffs) {
  ObjectCache cache;
  EXPECT_EQ(cache.upsert(obj("a", "x", "1")), nullptr);
  EXPECT_NE(cache.upsert(obj("a", "x", "2")), nullptr);
  cache.upsert(obj("a", "y", "1", {{"app", "j"}}));
  cache.upsert(obj("b", "z", "1"));
  EXPECT_EQ(cache.list_namespace("a").size(), 2u);
  EXPECT_EQ(cache.list_by_labels("", {{"app", "j"}}).size(), 1u);
  auto diff = cache.replace("a", false, {obj("a", "x", "2"), obj("a", "w", "1")});
  EXPECT_EQ(diff.added.size(), 1u);    // w
  EXPECT_EQ(diff.updated.size(), 0u);  // x unchanged
  EXPECT_EQ(diff.deleted.size(), 1u);  // y
  EXPECT_NE(cache.get("b", "z"), nullptr);  // other namespace untouched
  EXPECT_EQ(cache.erase(object_key("b", "z"))->at("metadata")["name"], "z");
  EXPECT_EQ(split_object_key("ns/name"), (std::pair<std::string, std::string>{"ns", "name"}));
  EXPECT_EQ(split_object_key("cluster"), (std::pair<std::string, std::string>{"", "cluster"}));
}

}  // namespace
}  // namespace peregrine::kube
