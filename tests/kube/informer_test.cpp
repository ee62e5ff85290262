// Informer against the in-process API double: initial sync, add/update/delete events, selector transitions,
// namespace lists, reconnect after an API server restart, relist and convergence after 410 Gone, dropped watches,
// failed lists, bookmarks, resync.
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>

#include "kube_test_support.hpp"
#include "operator/kube/informer.hpp"
#include "operator/kube/well_known_resources.hpp"

namespace peregrine::kube {
namespace {

using nlohmann::json;
using testing::config_map;
using testing::DoubleFixture;
using testing::eventually;

// Records handler calls.
struct Recorder {
  std::mutex mutex;
  std::vector<std::string> log;  // "add:name", "update:name", "delete:name"
  void push(const std::string& what, const ObjectPtr& obj) {
    std::lock_guard lock(mutex);
    log.push_back(what + ":" + (*obj)["metadata"]["name"].get<std::string>());
  }
  bool saw(const std::string& entry) {
    std::lock_guard lock(mutex);
    return std::find(log.begin(), log.end(), entry) != log.end();
  }
  size_t count(const std::string& entry) {
    std::lock_guard lock(mutex);
    return static_cast<size_t>(std::count(log.begin(), log.end(), entry));
  }
  InformerHandlers handlers() {
    return InformerHandlers{[this](const ObjectPtr& o) { push("add", o); },
                            [this](const ObjectPtr&, const ObjectPtr& n) { push("update", n); },
                            [this](const ObjectPtr& o) { push("delete", o); }};
  }
};

InformerOptions fast_options(const GroupVersionResource& gvr) {
  InformerOptions o;
  o.gvr = gvr;
  o.backoff = BackoffPolicy{std::chrono::milliseconds(10), std::chrono::milliseconds(200), 2.0, 0.0};
  o.page_size = 2;  // exercise paging in relists
  return o;
}

std::set<std::string> cached_names(const Informer& informer, const std::string& ns = "") {
  std::set<std::string> out;
  for (const auto& obj : informer.list(ns)) out.insert((*obj)["metadata"]["name"].get<std::string>());
  return out;
}

TEST(Informer, SyncsAndDeliversEvents) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  f.client->create(cms, "default", config_map("a"));
  f.client->create(cms, "default", config_map("b"));
  f.client->create(cms, "default", config_map("c"));
  Informer informer(f.client, fast_options(cms));
  Recorder rec;
  informer.add_handlers(rec.handlers());
  informer.start();
  ASSERT_TRUE(informer.wait_for_sync(std::chrono::seconds(20)));
  EXPECT_EQ(cached_names(informer), (std::set<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(rec.saw("add:a"));

  f.client->create(cms, "default", config_map("d"));
  f.client->patch(cms, "default", "a", PatchType::Merge, {{"data", {{"k", "changed"}}}});
  f.client->remove(cms, "default", "b");
  ASSERT_TRUE(eventually([&] { return rec.saw("add:d") && rec.saw("update:a") && rec.saw("delete:b"); }));
  EXPECT_EQ(cached_names(informer), (std::set<std::string>{"a", "c", "d"}));
  EXPECT_EQ((*informer.get("default", "a"))["data"]["k"], "changed");
  informer.stop();
}

TEST(Informer, LabelSelectorTransitionsAreAddsAndDeletes) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  InformerOptions o = fast_options(cms);
  o.label_selector = "managed=yes";
  Informer informer(f.client, o);
  Recorder rec;
  informer.add_handlers(rec.handlers());
  informer.start();
  ASSERT_TRUE(informer.wait_for_sync(std::chrono::seconds(20)));
  f.client->create(cms, "default", config_map("m", {{"managed", "no"}}));
  f.client->patch(cms, "default", "m", PatchType::Merge, {{"metadata", {{"labels", {{"managed", "yes"}}}}}});
  ASSERT_TRUE(eventually([&] { return rec.saw("add:m"); }));
  f.client->patch(cms, "default", "m", PatchType::Merge, {{"metadata", {{"labels", {{"managed", "no"}}}}}});
  ASSERT_TRUE(eventually([&] { return rec.saw("delete:m"); }));
  EXPECT_TRUE(cached_names(informer).empty());
}

TEST(Informer, WatchesOnlyListedNamespaces) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  for (const char* ns : {"team-a", "team-b", "team-c"}) {
    f.client->create(resources::kNamespaces, "", {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}}}});
    f.client->create(cms, ns, config_map(std::string("in-") + ns));
  }
  InformerOptions o = fast_options(cms);
  o.namespaces = {"team-a", "team-b"};
  Informer informer(f.client, o);
  informer.start();
  ASSERT_TRUE(informer.wait_for_sync(std::chrono::seconds(20)));
  EXPECT_EQ(cached_names(informer), (std::set<std::string>{"in-team-a", "in-team-b"}));
  f.client->create(cms, "team-c", config_map("late-c"));
  f.client->create(cms, "team-b", config_map("late-b"));
  ASSERT_TRUE(eventually([&] { return informer.get("team-b", "late-b") != nullptr; }));
  EXPECT_EQ(informer.get("team-c", "late-c"), nullptr);
  EXPECT_EQ(cached_names(informer, "team-a"), (std::set<std::string>{"in-team-a"}));
}

TEST(Informer, ResumesAfterApiServerRestart) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  f.client->create(cms, "default", config_map("before"));
  Informer informer(f.client, fast_options(cms));
  Recorder rec;
  informer.add_handlers(rec.handlers());
  informer.start();
  ASSERT_TRUE(informer.wait_for_sync(std::chrono::seconds(20)));
  ASSERT_TRUE(eventually([&] { return f.api.store().live_watches() == 1; }));

  f.api.stop();
  // Changes while the server is down reach the store directly (as if written by someone else).
  auto cm_info = *f.api.catalog().find("", "v1", "configmaps");
  f.api.store().create(cm_info, "default", config_map("while-down"), false);
  f.api.start();  // same port, same data, history intact

  ASSERT_TRUE(eventually([&] { return rec.saw("add:while-down"); }));
  f.client->create(cms, "default", config_map("after"));
  ASSERT_TRUE(eventually([&] { return rec.saw("add:after"); }));
  EXPECT_EQ(informer.stats().lists, 1u);  // resumed from its resourceVersion: no relist
  EXPECT_GE(informer.stats().watch_errors + informer.stats().watches, 2u);
}

TEST(Informer, RelistsAndConvergesAfterGone) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  for (const char* n : {"keep", "change", "remove"}) f.client->create(cms, "default", config_map(n));
  Informer informer(f.client, fast_options(cms));
  Recorder rec;
  informer.add_handlers(rec.handlers());
  informer.start();
  ASSERT_TRUE(informer.wait_for_sync(std::chrono::seconds(20)));

  f.api.stop();
  auto cm_info = *f.api.catalog().find("", "v1", "configmaps");
  auto& store = f.api.store();
  store.remove(cm_info, "default", "remove", {});
  store.patch(cm_info, "default", "change", "application/merge-patch+json", {{"data", {{"k", "new"}}}}, false, false);
  store.create(cm_info, "default", config_map("added"), false);
  store.compact();  // the events above are gone from history: resuming the watch must fail with 410
  f.api.start();

  ASSERT_TRUE(eventually([&] { return cached_names(informer) == std::set<std::string>{"keep", "change", "added"}; }));
  EXPECT_TRUE(rec.saw("delete:remove"));
  EXPECT_TRUE(rec.saw("add:added"));
  EXPECT_TRUE(rec.saw("update:change"));
  EXPECT_EQ(rec.count("update:keep"), 0u);  // unchanged objects produce no event
  EXPECT_EQ((*informer.get("default", "change"))["data"]["k"], "new");
  EXPECT_GE(informer.stats().gone_relists, 1u);
  EXPECT_GE(informer.stats().lists, 2u);
}

TEST(Informer, LiveWatchGets410AndRelists) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  Informer informer(f.client, fast_options(cms));
  informer.start();
  ASSERT_TRUE(informer.wait_for_sync(std::chrono::seconds(20)));
  ASSERT_TRUE(eventually([&] { return f.api.store().live_watches() == 1; }));
  f.api.store().compact();
  ASSERT_TRUE(eventually([&] { return informer.stats().gone_relists >= 1 && informer.stats().lists >= 2; }));
  f.client->create(cms, "default", config_map("after-compaction"));
  ASSERT_TRUE(eventually([&] { return informer.get("default", "after-compaction") != nullptr; }));
}

TEST(Informer, ReconnectsAfterDroppedWatch) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  Informer informer(f.client, fast_options(cms));
  informer.start();
  ASSERT_TRUE(informer.wait_for_sync(std::chrono::seconds(20)));
  ASSERT_TRUE(eventually([&] { return f.api.store().live_watches() == 1; }));
  f.api.store().drop_watches();
  f.client->create(cms, "default", config_map("after-drop"));
  ASSERT_TRUE(eventually([&] { return informer.get("default", "after-drop") != nullptr; }));
  EXPECT_EQ(informer.stats().lists, 1u);
  EXPECT_GE(informer.stats().watches, 2u);
}

TEST(Informer, RetriesFailedInitialList) {
  DoubleFixture f;
  f.client->create(resources::kConfigMaps, "default", config_map("x"));
  f.api.faults().add({"GET", "/api/v1/configmaps", 500, 2});
  Informer informer(f.client, fast_options(resources::kConfigMaps));
  informer.start();
  ASSERT_TRUE(informer.wait_for_sync(std::chrono::seconds(20)));
  EXPECT_NE(informer.get("default", "x"), nullptr);
}

TEST(Informer, BookmarksAdvanceResourceVersion) {
  DoubleFixture f;
  const auto& cms = resources::kConfigMaps;
  Informer informer(f.client, fast_options(cms));
  informer.start();
  ASSERT_TRUE(informer.wait_for_sync(std::chrono::seconds(20)));
  ASSERT_TRUE(eventually([&] { return f.api.store().live_watches() == 1; }));
  // Writes to another resource move the global resourceVersion; a bookmark carries it to the informer.
  f.client->create(resources::kSecrets, "default", {{"apiVersion", "v1"}, {"kind", "Secret"}, {"metadata", {{"name", "s"}}}});
  const std::string target = std::to_string(f.api.store().resource_version());
  f.api.store().send_bookmarks();
  ASSERT_TRUE(eventually([&] { return informer.last_resource_version() == target; }));
  EXPECT_GE(informer.stats().bookmarks, 1u);
}

TEST(Informer, ResyncRedeliversCachedObjects) {
  DoubleFixture f;
  f.client->create(resources::kConfigMaps, "default", config_map("r"));
  InformerOptions o = fast_options(resources::kConfigMaps);
  o.resync_period = std::chrono::milliseconds(50);
  Informer informer(f.client, o);
  Recorder rec;
  informer.add_handlers(rec.handlers());
  informer.start();
  ASSERT_TRUE(eventually([&] { return rec.count("update:r") >= 2; }));
}

TEST(Informer, DeclaresItsCalls) {
  DoubleFixture f;
  Informer informer(f.client, fast_options(resources::kLeases));
  EXPECT_TRUE(DeclaredApiCalls::global().contains({"watch", "coordination.k8s.io", "leases", ""}));
  EXPECT_TRUE(DeclaredApiCalls::global().contains({"list", "coordination.k8s.io", "leases", ""}));
}

}  // namespace
}  // namespace peregrine::kube
