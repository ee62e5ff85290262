// RestClient against the in-process API double: CRUD, conflicts, selectors, patch types, status subresource,
// generation, paging, deletion propagation and finalizers, watches (including 410), fault injection.
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "kube_test_support.hpp"
#include "operator/kube/well_known_resources.hpp"

namespace peregrine::kube {
namespace {

using nlohmann::json;
using testing::config_map;
using testing::deployment;
using testing::DoubleFixture;

const GroupVersionResource kJaegers{"jaegertracing.io", "v1", "jaegers", true};

std::set<std::string> names_of(const ObjectList& list) {
  std::set<std::string> out;
  for (const auto& item : list.items) out.insert(item["metadata"]["name"].get<std::string>());
  return out;
}

template <typename Fn>
ApiError api_error_of(Fn&& fn) {
  try {
    fn();
  } catch (const ApiError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an ApiError";
  return ApiError(0, StatusReason::Unknown, "none");
}

void install_jaeger_crd(const RestClient& client) {
  json crd = {{"apiVersion", "apiextensions.k8s.io/v1"},
              {"kind", "CustomResourceDefinition"},
              {"metadata", {{"name", "jaegers.jaegertracing.io"}}},
              {"spec",
               {{"group", "jaegertracing.io"},
                {"scope", "Namespaced"},
                {"names", {{"kind", "Jaeger"}, {"plural", "jaegers"}, {"singular", "jaeger"}, {"listKind", "JaegerList"}}},
                {"versions",
                 {{{"name", "v1"},
                   {"served", true},
                   {"storage", true},
                   {"subresources", {{"status", json::object()}}},
                   {"schema", {{"openAPIV3Schema", {{"type", "object"}, {"x-kubernetes-preserve-unknown-fields", true}}}}}}}}}}};
  client.create(resources::kCustomResourceDefinitions, "", crd);
}

TEST(RestClient, CreateGetListDelete) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  json created = f.client->create(cms, "default", config_map("one"));
  EXPECT_EQ(created["metadata"]["name"], "one");
  EXPECT_FALSE(created["metadata"]["uid"].get<std::string>().empty());
  EXPECT_FALSE(created["metadata"]["resourceVersion"].get<std::string>().empty());

  json got = f.client->get(cms, "default", "one");
  EXPECT_EQ(got["data"]["k"], "v");
  EXPECT_EQ(got["metadata"]["uid"], created["metadata"]["uid"]);

  ObjectList list = f.client->list(cms, "default");
  ASSERT_EQ(list.items.size(), 1u);
  EXPECT_EQ(list.items[0]["apiVersion"], "v1");  // filled in by the client
  EXPECT_EQ(list.items[0]["kind"], "ConfigMap");
  EXPECT_FALSE(list.resource_version.empty());

  f.client->remove(cms, "default", "one");
  EXPECT_FALSE(f.client->get_if_exists(cms, "default", "one").has_value());
  ApiError e = api_error_of([&] { f.client->get(cms, "default", "one"); });
  EXPECT_EQ(e.code(), 404);
  EXPECT_TRUE(e.is_not_found());
}

TEST(RestClient, CreateTwiceIsAlreadyExists) {
  DoubleFixture f;
  f.client->create(resources::kConfigMaps, "default", config_map("dup"));
  ApiError e = api_error_of([&] { f.client->create(resources::kConfigMaps, "default", config_map("dup")); });
  EXPECT_EQ(e.code(), 409);
  EXPECT_TRUE(e.is_already_exists());
}

TEST(RestClient, StaleUpdateConflicts) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  json first = f.client->create(cms, "default", config_map("c"));
  json edit = first;
  edit["data"]["k"] = "v2";
  json second = f.client->update(cms, "default", edit);
  EXPECT_NE(second["metadata"]["resourceVersion"], first["metadata"]["resourceVersion"]);
  json stale = first;
  stale["data"]["k"] = "v3";
  ApiError e = api_error_of([&] { f.client->update(cms, "default", stale); });
  EXPECT_EQ(e.code(), 409);
  EXPECT_TRUE(e.is_conflict());
  EXPECT_EQ(f.client->get(cms, "default", "c")["data"]["k"], "v2");
}

TEST(RestClient, UnchangedUpdateKeepsResourceVersion) {
  DoubleFixture f;
  json created = f.client->create(resources::kConfigMaps, "default", config_map("same"));
  json again = f.client->update(resources::kConfigMaps, "default", created);
  EXPECT_EQ(again["metadata"]["resourceVersion"], created["metadata"]["resourceVersion"]);
}

TEST(RestClient, LabelAndFieldSelectors) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  f.client->create(cms, "default", config_map("a", {{"app", "a"}, {"tier", "x"}}));
  f.client->create(cms, "default", config_map("b", {{"app", "b"}, {"tier", "y"}}));
  f.client->create(cms, "default", config_map("c", {{"app", "a"}}));
  auto select = [&](const std::string& selector) {
    ListOptions o;
    o.label_selector = selector;
    return names_of(f.client->list(cms, "default", o));
  };
  EXPECT_EQ(select("app=a"), (std::set<std::string>{"a", "c"}));
  EXPECT_EQ(select("app==a,tier=x"), (std::set<std::string>{"a"}));
  EXPECT_EQ(select("app!=a"), (std::set<std::string>{"b"}));
  EXPECT_EQ(select("tier in (x, y)"), (std::set<std::string>{"a", "b"}));
  EXPECT_EQ(select("tier notin (x)"), (std::set<std::string>{"b", "c"}));
  EXPECT_EQ(select("tier"), (std::set<std::string>{"a", "b"}));
  EXPECT_EQ(select("!tier"), (std::set<std::string>{"c"}));

  ListOptions by_name;
  by_name.field_selector = "metadata.name=b";
  EXPECT_EQ(names_of(f.client->list(cms, "default", by_name)), (std::set<std::string>{"b"}));

  ApiError bad = api_error_of([&] { select("tier in (x"); });
  EXPECT_EQ(bad.code(), 400);
  ListOptions unsupported;
  unsupported.field_selector = "spec.whatever=1";
  EXPECT_EQ(api_error_of([&] { f.client->list(cms, "default", unsupported); }).code(), 400);
}

TEST(RestClient, MergeAndJsonPatch) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  f.client->create(cms, "default", config_map("p", json::object(), {{"a", "1"}, {"b", "2"}}));
  json merged = f.client->patch(cms, "default", "p", PatchType::Merge,
                                {{"metadata", {{"labels", {{"x", "y"}}}}}, {"data", {{"a", nullptr}, {"c", "3"}}}});
  EXPECT_EQ(merged["metadata"]["labels"]["x"], "y");
  EXPECT_FALSE(merged["data"].contains("a"));
  EXPECT_EQ(merged["data"]["c"], "3");

  json patched = f.client->patch(cms, "default", "p", PatchType::Json,
                                 json::array({{{"op", "replace"}, {"path", "/data/b"}, {"value", "20"}},
                                              {{"op", "add"}, {"path", "/data/d"}, {"value", "4"}}}));
  EXPECT_EQ(patched["data"]["b"], "20");
  EXPECT_EQ(patched["data"]["d"], "4");

  ApiError failed = api_error_of([&] {
    f.client->patch(cms, "default", "p", PatchType::Json,
                    json::array({{{"op", "test"}, {"path", "/data/b"}, {"value", "nope"}}}));
  });
  EXPECT_EQ(failed.code(), 422);

  // A patch carrying a stale resourceVersion is a conflict.
  ApiError stale = api_error_of([&] {
    f.client->patch(cms, "default", "p", PatchType::Merge, {{"metadata", {{"resourceVersion", "1"}}}});
  });
  EXPECT_TRUE(stale.is_conflict());
}

TEST(RestClient, StrategicMergePatchMergesContainersByName) {
  DoubleFixture f;
  const auto& deps = resources::kDeployments;
  f.client->create(deps, "default", deployment("web"));
  json patch = {{"spec",
                 {{"template",
                   {{"spec", {{"containers", {{{"name", "main"}, {"env", {{{"name", "A"}, {"value", "1"}}}}}}}}}}}}}};
  json result = f.client->patch(deps, "default", "web", PatchType::StrategicMerge, patch);
  const json& container = result["spec"]["template"]["spec"]["containers"][0];
  EXPECT_EQ(container["image"], "nginx:1.25");
  EXPECT_EQ(container["env"][0]["name"], "A");
  EXPECT_EQ(result["metadata"]["generation"], 2);

  install_jaeger_crd(*f.client);
  f.client->create(kJaegers, "default", {{"apiVersion", "jaegertracing.io/v1"}, {"kind", "Jaeger"}, {"metadata", {{"name", "j"}}}});
  ApiError e = api_error_of([&] { f.client->patch(kJaegers, "default", "j", PatchType::StrategicMerge, {{"spec", json::object()}}); });
  EXPECT_EQ(e.code(), 415);
  EXPECT_EQ(e.reason(), StatusReason::UnsupportedMediaType);
}

TEST(RestClient, ServerDefaultsAndValidation) {
  DoubleFixture f;
  json created = f.client->create(resources::kDeployments, "default", deployment("d"));
  EXPECT_EQ(created["spec"]["replicas"], 1);
  EXPECT_EQ(created["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"], "IfNotPresent");
  EXPECT_EQ(created["metadata"]["generation"], 1);

  json mismatched = deployment("bad");
  mismatched["spec"]["selector"]["matchLabels"]["app"] = "other";
  ApiError invalid = api_error_of([&] { f.client->create(resources::kDeployments, "default", mismatched); });
  EXPECT_EQ(invalid.code(), 422);
  EXPECT_TRUE(invalid.is_invalid());

  json selector_change = f.client->get(resources::kDeployments, "default", "d");
  selector_change["spec"]["selector"]["matchLabels"]["extra"] = "x";
  selector_change["spec"]["template"]["metadata"]["labels"]["extra"] = "x";
  EXPECT_TRUE(api_error_of([&] { f.client->update(resources::kDeployments, "default", selector_change); }).is_invalid());

  // Labels only: no generation bump.
  json relabeled = f.client->patch(resources::kDeployments, "default", "d", PatchType::Merge,
                                   {{"metadata", {{"labels", {{"team", "x"}}}}}});
  EXPECT_EQ(relabeled["metadata"]["generation"], 1);
}

TEST(RestClient, StatusSubresourceOfCustomResource) {
  DoubleFixture f;
  install_jaeger_crd(*f.client);
  json cr = {{"apiVersion", "jaegertracing.io/v1"},
             {"kind", "Jaeger"},
             {"metadata", {{"name", "simplest"}}},
             {"spec", {{"strategy", "allInOne"}}},
             {"status", {{"phase", "Ignored"}}}};
  json created = f.client->create(kJaegers, "default", cr);
  EXPECT_FALSE(created.contains("status"));
  EXPECT_EQ(created["metadata"]["generation"], 1);

  json with_status = created;
  with_status["status"] = {{"phase", "Running"}, {"version", "1.0"}};
  with_status["spec"]["strategy"] = "ignored-on-status";
  json after_status = f.client->update_status(kJaegers, "default", with_status);
  EXPECT_EQ(after_status["status"]["phase"], "Running");
  EXPECT_EQ(after_status["spec"]["strategy"], "allInOne");
  EXPECT_EQ(after_status["metadata"]["generation"], 1);

  json spec_change = after_status;
  spec_change["spec"]["strategy"] = "production";
  spec_change["status"] = {{"phase", "ignored-on-main"}};
  json after_spec = f.client->update(kJaegers, "default", spec_change);
  EXPECT_EQ(after_spec["metadata"]["generation"], 2);
  EXPECT_EQ(after_spec["status"]["phase"], "Running");

  json merged = f.client->patch(kJaegers, "default", "simplest", PatchType::Merge, {{"status", {{"phase", "Failed"}}}},
                                {}, "status");
  EXPECT_EQ(merged["status"]["phase"], "Failed");
  EXPECT_EQ(merged["metadata"]["generation"], 2);
}

TEST(RestClient, PagingFollowsContinueTokens) {
  DoubleFixture f;
  for (int i = 0; i < 7; ++i) f.client->create(resources::kConfigMaps, "default", config_map("cm-" + std::to_string(i)));
  ListOptions page;
  page.limit = 3;
  ObjectList first = f.client->list(resources::kConfigMaps, "default", page);
  EXPECT_EQ(first.items.size(), 3u);
  EXPECT_FALSE(first.continue_token.empty());
  ObjectList all = f.client->list_all(resources::kConfigMaps, "default", page);
  EXPECT_EQ(all.items.size(), 7u);
}

TEST(RestClient, NamespacesAndScopes) {
  DoubleFixture f;
  EXPECT_TRUE(api_error_of([&] { f.client->create(resources::kConfigMaps, "missing", config_map("x")); }).is_not_found());
  f.client->create(resources::kNamespaces, "", {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", "team"}}}});
  f.client->create(resources::kConfigMaps, "team", config_map("x"));
  f.client->create(resources::kConfigMaps, "default", config_map("y"));
  EXPECT_EQ(f.client->list(resources::kConfigMaps, "").items.size(), 2u);  // all namespaces
  EXPECT_EQ(f.client->list(resources::kConfigMaps, "team").items.size(), 1u);
  f.client->remove(resources::kNamespaces, "", "team");
  EXPECT_FALSE(f.client->get_if_exists(resources::kConfigMaps, "team", "x").has_value());
  EXPECT_TRUE(f.client->get_if_exists(resources::kConfigMaps, "default", "y").has_value());
}

json owned_config_map(const std::string& name, const json& owner, bool block = false) {
  json cm = config_map(name);
  cm["metadata"]["ownerReferences"] = {{{"apiVersion", owner["apiVersion"]},
                                        {"kind", owner["kind"]},
                                        {"name", owner["metadata"]["name"]},
                                        {"uid", owner["metadata"]["uid"]},
                                        {"controller", true},
                                        {"blockOwnerDeletion", block}}};
  return cm;
}

DeleteOptions propagation(const char* policy) {
  DeleteOptions o;
  o.propagation_policy = policy;
  return o;
}

TEST(RestClient, DeletePropagationAndGarbageCollection) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  const auto& deps = resources::kDeployments;

  json owner = f.client->create(deps, "default", deployment("bg"));
  f.client->create(cms, "default", owned_config_map("bg-child", owner));
  f.client->remove(deps, "default", "bg", propagation("Background"));
  EXPECT_FALSE(f.client->get_if_exists(cms, "default", "bg-child").has_value());

  json orphan_owner = f.client->create(deps, "default", deployment("orphan"));
  f.client->create(cms, "default", owned_config_map("orphan-child", orphan_owner));
  f.client->remove(deps, "default", "orphan", propagation("Orphan"));
  auto kept = f.client->get_if_exists(cms, "default", "orphan-child");
  ASSERT_TRUE(kept.has_value());
  EXPECT_FALSE((*kept)["metadata"].contains("ownerReferences"));

  json fg_owner = f.client->create(deps, "default", deployment("fg"));
  f.client->create(cms, "default", owned_config_map("fg-child", fg_owner, true));
  f.client->remove(deps, "default", "fg", propagation("Foreground"));
  EXPECT_FALSE(f.client->get_if_exists(cms, "default", "fg-child").has_value());
  EXPECT_FALSE(f.client->get_if_exists(deps, "default", "fg").has_value());

  // A dependent whose owner does not exist is collected at once.
  json ghost = deployment("ghost");
  ghost["metadata"]["uid"] = "00000000-0000-0000-0000-000000000000";
  ghost["apiVersion"] = "apps/v1";
  ghost["kind"] = "Deployment";
  f.client->create(cms, "default", owned_config_map("ghost-child", ghost));
  EXPECT_FALSE(f.client->get_if_exists(cms, "default", "ghost-child").has_value());
}

TEST(RestClient, FinalizersDelayDeletion) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  json cm = config_map("fin");
  cm["metadata"]["finalizers"] = {"example.com/hold"};
  f.client->create(cms, "default", cm);
  json answer = f.client->remove(cms, "default", "fin");
  EXPECT_TRUE(answer["metadata"].contains("deletionTimestamp"));
  json still = f.client->get(cms, "default", "fin");
  EXPECT_TRUE(still["metadata"].contains("deletionTimestamp"));
  f.client->patch(cms, "default", "fin", PatchType::Merge, {{"metadata", {{"finalizers", nullptr}}}});
  EXPECT_FALSE(f.client->get_if_exists(cms, "default", "fin").has_value());
}

TEST(RestClient, PreconditionsAndDryRun) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  WriteOptions dry;
  dry.dry_run = true;
  f.client->create(cms, "default", config_map("dry"), dry);
  EXPECT_FALSE(f.client->get_if_exists(cms, "default", "dry").has_value());
  f.client->create(cms, "default", config_map("pre"));
  DeleteOptions wrong_uid;
  wrong_uid.precondition_uid = "not-the-uid";
  EXPECT_TRUE(api_error_of([&] { f.client->remove(cms, "default", "pre", wrong_uid); }).is_conflict());
}

TEST(RestClient, DeleteCollectionBySelector) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  f.client->create(cms, "default", config_map("g1", {{"group", "one"}}));
  f.client->create(cms, "default", config_map("g2", {{"group", "one"}}));
  f.client->create(cms, "default", config_map("g3", {{"group", "two"}}));
  ListOptions sel;
  sel.label_selector = "group=one";
  f.client->remove_collection(cms, "default", sel);
  EXPECT_EQ(names_of(f.client->list(cms, "default")), (std::set<std::string>{"g3"}));
}

TEST(RestClient, WatchStreamsChanges) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  ObjectList start = f.client->list(cms, "default");
  std::vector<WatchEvent> events;
  std::mutex mutex;
  StopSignal stop;
  std::thread watcher([&] {
    WatchOptions o;
    o.resource_version = start.resource_version;
    o.allow_bookmarks = false;
    f.client->watch(cms, "default", o, [&](const WatchEvent& e) {
      std::lock_guard lock(mutex);
      events.push_back(e);
      return events.size() < 3;
    }, &stop);
  });
  ASSERT_TRUE(testing::eventually([&] { return f.api.store().live_watches() == 1; }));
  f.client->create(cms, "default", config_map("w"));
  f.client->patch(cms, "default", "w", PatchType::Merge, {{"data", {{"k", "v2"}}}});
  f.client->remove(cms, "default", "w");
  watcher.join();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].type, WatchEventType::Added);
  EXPECT_EQ(events[1].type, WatchEventType::Modified);
  EXPECT_EQ(events[1].object["data"]["k"], "v2");
  EXPECT_EQ(events[2].type, WatchEventType::Deleted);
}

TEST(RestClient, WatchCanBeStoppedWhileIdle) {
  DoubleFixture f;
  StopSignal stop;
  std::thread watcher([&] {
    f.client->watch(resources::kConfigMaps, "default", WatchOptions{}, [](const WatchEvent&) { return true; }, &stop);
  });
  ASSERT_TRUE(testing::eventually([&] { return f.api.store().live_watches() == 1; }));
  stop.request_stop();
  watcher.join();
  EXPECT_TRUE(testing::eventually([&] { return f.api.store().live_watches() == 0; }));
}

TEST(RestClient, WatchFromCompactedVersionGets410) {
  DoubleFixture f;
  ObjectList start = f.client->list(resources::kConfigMaps, "default");
  f.client->create(resources::kConfigMaps, "default", config_map("x"));
  f.api.store().compact();
  WatchOptions o;
  o.resource_version = start.resource_version;
  std::optional<WatchEvent> first;
  f.client->watch(resources::kConfigMaps, "default", o, [&](const WatchEvent& e) {
    first = e;
    return false;
  });
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->type, WatchEventType::Error);
  const ApiError gone = ApiError::from_status(first->object);
  EXPECT_EQ(gone.code(), 410);
  EXPECT_TRUE(gone.is_gone());
}

TEST(RestClient, InjectedFaultsMapToErrors) {
  DoubleFixture f;
  f.api.faults().add({"GET", "/api/v1/namespaces/default/configmaps", 503, 1});
  ApiError unavailable = api_error_of([&] { f.client->list(resources::kConfigMaps, "default"); });
  EXPECT_EQ(unavailable.code(), 503);
  EXPECT_TRUE(unavailable.is_retryable());
  EXPECT_NO_THROW(f.client->list(resources::kConfigMaps, "default"));

  // A dropped connection: curl retries once on a reused connection, so drop twice.
  f.api.faults().add({"GET", "/api/v1/namespaces/default/configmaps", 0, 2});
  EXPECT_THROW(f.client->list(resources::kConfigMaps, "default"), TransportError);
  f.api.faults().clear();
}

TEST(RestClient, StrictRequestShapes) {
  DoubleFixture f;
  EXPECT_EQ(api_error_of([&] { f.client->get_path("/api/v1/namespaces/default/configmaps?bogus=1"); }).code(), 400);
  EXPECT_EQ(api_error_of([&] { f.client->get_path("/apis/nope.example.com/v1/things"); }).code(), 404);
  EXPECT_EQ(api_error_of([&] { f.client->get_path("/api/v1/namespaces/default/configmaps/a/b/c"); }).code(), 404);
  json groups = f.client->get_path("/apis");
  bool has_apps = false;
  for (const auto& g : groups["groups"]) has_apps = has_apps || g["name"] == "apps";
  EXPECT_TRUE(has_apps);
}

TEST(RestClient, RecordsObservedCallsAndRequests) {
  DoubleFixture f;
  RestClient client(testing::config_for(f.api));
  DeclaredApiCalls observed;
  std::vector<RequestRecord> records;
  std::mutex mutex;
  client.set_observed_calls(&observed);
  client.set_request_observer([&](const RequestRecord& r) {
    std::lock_guard lock(mutex);
    records.push_back(r);
  });
  client.create(resources::kConfigMaps, "default", config_map("o"));
  client.get_if_exists(resources::kConfigMaps, "default", "missing");
  EXPECT_TRUE(observed.contains({"create", "", "configmaps", ""}));
  EXPECT_TRUE(observed.contains({"get", "", "configmaps", ""}));
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].code, 201);
  EXPECT_EQ(records[1].code, 404);
}

TEST(RestClient, ConnectionRefusedIsTransportError) {
  uint16_t port;
  {
    DoubleFixture f;
    port = f.api.port();
  }
  ClientConfig config;
  config.server = "http://127.0.0.1:" + std::to_string(port);
  config.qps = 0;
  RestClient client(config);
  EXPECT_THROW(client.list(resources::kConfigMaps, "default"), TransportError);
}

TEST(RestClient, ClientSideRateLimitStillServesEveryRequest) {
  DoubleFixture f;
  ClientConfig config = testing::config_for(f.api);
  config.qps = 200;
  config.burst = 2;
  RestClient client(config);
  for (int i = 0; i < 10; ++i) client.create(resources::kConfigMaps, "default", config_map("q" + std::to_string(i)));
  EXPECT_EQ(client.list(resources::kConfigMaps, "default").items.size(), 10u);
}

}  // namespace
}  // namespace peregrine::kube
