// badger.* flags: Jaeger names and defaults, env/flag parsing, directory choice, validation, and the factory
// entry points (make_embedded_storage over a parsed Config, ephemeral by default).
#include <gtest/gtest.h>

#include "backend/common/config.hpp"
#include "backend/storage/embedded/embedded_factory.hpp"
#include "backend/storage/embedded/embedded_options.hpp"
#include "backend/storage/embedded/embedded_store.hpp"
#include "backend/storage/embedded/temp_directory.hpp"
#include "tests/storage/span_builder.hpp"

namespace peregrine::storage::embedded {
namespace {

common::Config parsed(std::vector<const char*> args, std::map<std::string, std::string> env = {}) {
  common::Config cfg;
  define_badger_flags(cfg);
  args.insert(args.begin(), "test");
  cfg.parse(static_cast<int>(args.size()), args.data(), env);
  return cfg;
}

TEST(EmbeddedOptionsTest, JaegerDefaults) {
  common::Config cfg = parsed({});
  EXPECT_EQ(cfg.get("badger.ephemeral"), "true");
  EXPECT_EQ(cfg.get("badger.span-store-ttl"), "72h0m0s");
  EXPECT_EQ(cfg.get("badger.consistency"), "false");
  EXPECT_EQ(cfg.get("badger.maintenance-interval"), "5m0s");
  EXPECT_EQ(cfg.get("badger.metrics-update-interval"), "10s");
  EXPECT_EQ(cfg.get("badger.read-only"), "false");
  EXPECT_EQ(cfg.get("badger.truncate"), "false");
  EXPECT_EQ(cfg.get("badger.directory-key"), (default_data_root() / "keys").string());
  EXPECT_EQ(cfg.get("badger.directory-value"), (default_data_root() / "values").string());

  EmbeddedOptions o = embedded_options_from_config(cfg);
  EXPECT_TRUE(o.ephemeral);
  EXPECT_EQ(o.span_store_ttl, std::chrono::hours(72));
  EXPECT_FALSE(o.sync_writes);
  EXPECT_EQ(o.maintenance_interval, std::chrono::minutes(5));
  EXPECT_EQ(o.metrics_update_interval, std::chrono::seconds(10));
  EXPECT_FALSE(o.read_only);
  EXPECT_FALSE(o.truncate);
  EXPECT_EQ(o.directory, default_data_root() / "values");
}

TEST(EmbeddedOptionsTest, OperatorRenderedFlags) {
  // What the operator passes for the with-badger-and-volume example.
  common::Config cfg = parsed({"--badger.directory-key=/badger/key", "--badger.directory-value=/badger/data",
                               "--badger.ephemeral=false"},
                              {{"SPAN_STORAGE_TYPE", "badger"}});
  EmbeddedOptions o = embedded_options_from_config(cfg);
  EXPECT_FALSE(o.ephemeral);
  EXPECT_EQ(o.directory, "/badger/data");  // directory-value wins when both are given
}

TEST(EmbeddedOptionsTest, EnvironmentAndOtherFlags) {
  common::Config cfg = parsed({"--badger.consistency", "--badger.truncate=true", "--badger.read-only=true"},
                              {{"BADGER_EPHEMERAL", "false"},
                               {"BADGER_DIRECTORY_KEY", "/k"},
                               {"BADGER_SPAN_STORE_TTL", "1h30m"},
                               {"BADGER_MAINTENANCE_INTERVAL", "0"},
                               {"BADGER_METRICS_UPDATE_INTERVAL", "250ms"}});
  EmbeddedOptions o = embedded_options_from_config(cfg);
  EXPECT_FALSE(o.ephemeral);
  EXPECT_EQ(o.directory, "/k");  // only directory-key set: used
  EXPECT_EQ(o.span_store_ttl, std::chrono::minutes(90));
  EXPECT_TRUE(o.sync_writes);
  EXPECT_TRUE(o.truncate);
  EXPECT_TRUE(o.read_only);
  EXPECT_EQ(o.maintenance_interval.count(), 0);
  EXPECT_EQ(o.metrics_update_interval, std::chrono::milliseconds(250));
}

TEST(EmbeddedOptionsTest, RejectsNonPositiveTtlAndEmptyDirectory) {
  EXPECT_THROW(embedded_options_from_config(parsed({"--badger.span-store-ttl=0"})), std::invalid_argument);
  EXPECT_THROW(embedded_options_from_config(parsed({"--badger.span-store-ttl=-1h"})), std::invalid_argument);
  EXPECT_THROW(embedded_options_from_config(parsed({"--badger.ephemeral=false", "--badger.directory-value="})),
               std::invalid_argument);
  EXPECT_THROW(embedded_options_from_config(parsed({"--badger.span-store-ttl=soon"})), std::exception);
}

TEST(EmbeddedFactoryTest, BundleSharesOneStore) {
  common::Config cfg;
  define_embedded_flags(cfg);
  cfg.set("badger.maintenance-interval", "0");
  common::MetricsRegistry metrics;
  StorageBundle b = make_embedded_storage(cfg, metrics);
  ASSERT_TRUE(b.writer && b.reader && b.dependencies);
  auto proc = storage::testing::make_process("svc");
  b.writer->write_spans({storage::testing::SpanBuilder(1, 1, proc).build()});
  EXPECT_TRUE(b.reader->get_trace(model::TraceID{0, 1}));
  EXPECT_EQ(b.reader->get_services(), std::vector<std::string>{"svc"});
  auto* store = dynamic_cast<EmbeddedStore*>(b.reader.get());
  ASSERT_NE(store, nullptr);
  const std::filesystem::path dir = store->directory();
  store->run_maintenance();
  EXPECT_NE(metrics.render().find("jaeger_badger_storage_maintenance_last_run"), std::string::npos);
  b = StorageBundle{};
  EXPECT_FALSE(std::filesystem::exists(dir));  // ephemeral by default
}

TEST(EmbeddedFactoryTest, PersistentDirectoryFromFlags) {
  TempDirectory scratch("peregrine-embedded-test-");
  const std::string dir = (scratch.path() / "values").string();
  const std::string value_flag = "--badger.directory-value=" + dir;
  common::Config cfg = parsed({"--badger.ephemeral=false", value_flag.c_str(), "--badger.maintenance-interval=0"});
  common::MetricsRegistry metrics;
  {
    StorageBundle b = make_embedded_storage(cfg, metrics);
    b.writer->write_spans({storage::testing::SpanBuilder(5, 1, storage::testing::make_process("svc")).build()});
  }
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(dir) / "CURRENT"));
  StorageBundle again = make_embedded_storage(cfg, metrics);
  EXPECT_TRUE(again.reader->get_trace(model::TraceID{0, 5}));
}

}  // namespace
}  // namespace peregrine::storage::embedded
