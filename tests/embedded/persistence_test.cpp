// Life cycle of the embedded store: data survives close + reopen and a crash right after the write returned,
// TTL expiry (injected clock, no sleeps) hides rows at once and maintenance deletes them from disk, catalog
// expiry and refresh, ephemeral directories are removed on close, read-only mode, a directory holding Jaeger
// Badger files is left alone, and a directory of another on-disk format is refused untouched.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <fstream>
#include <memory>

#include "backend/storage/embedded/format_marker.hpp"
#include "backend/storage/embedded/rocks_database.hpp"
#include "tests/embedded/embedded_test_support.hpp"
#include "tests/storage/span_builder.hpp"

namespace peregrine::storage::embedded {
namespace {

using storage::testing::make_process;
using storage::testing::SpanBuilder;
using testing::StoreFixture;

constexpr int64_t kT0 = 1'600'000'000'000'000;
using std::chrono::hours;

size_t raw_rows(rocksdb::DB& db) {
  rocksdb::ReadOptions ro;
  ro.total_order_seek = true;
  std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(ro));
  size_t n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
  return n;
}

model::SpanBatch sample_trace(uint64_t id, int64_t start) {
  auto fe = make_process("frontend", {model::KeyValue::String("host", "h1")});
  auto be = make_process("backend");
  return {SpanBuilder(id, 1, fe).op("GET /").start(start).tag("http.status_code", "200"),
          SpanBuilder(id, 2, be).op("query").start(start + 10).parent(1).tag(model::KeyValue::Bool("error", true))};
}

TEST(EmbeddedPersistenceTest, SurvivesReopen) {
  StoreFixture f;
  f.store->write_spans(sample_trace(1, kT0));
  f.store->write_spans(sample_trace(2, kT0 + 1000));
  f.reopen();
  auto t = f.store->get_trace(model::TraceID{0, 1});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->spans.size(), 2u);
  EXPECT_EQ(f.store->get_services(), (std::vector<std::string>{"backend", "frontend"}));
  EXPECT_EQ(f.store->get_operations(OperationQuery{"frontend", ""}), (std::vector<Operation>{{"GET /", ""}}));
  TraceQuery q;
  q.service = "backend";
  q.tags = {{"error", "true"}};
  EXPECT_EQ(f.store->find_trace_ids(q), (std::vector<model::TraceID>{{0, 2}, {0, 1}}));
  EXPECT_EQ(f.store->get_dependencies(kT0 + 2000, 10'000).size(), 1u);
  // Writing after a reopen keeps deduplicating against the stored rows.
  f.store->write_spans(sample_trace(1, kT0));
  EXPECT_EQ(f.store->get_trace(model::TraceID{0, 1})->spans.size(), 2u);
}

TEST(EmbeddedPersistenceTest, AcknowledgedWritesSurviveACrash) {
  StoreFixture f;
  f.store->write_spans(sample_trace(1, kT0));
  f.store->write_spans(sample_trace(2, kT0 + 1000));
  // What a crash right now leaves on disk: a copy of the open directory, taken without closing or flushing
  // anything (the spans live only in the memtable and the write-ahead log).
  const auto crashed = f.scratch.path() / "crashed";
  std::filesystem::copy(f.scratch.path() / "db", crashed, std::filesystem::copy_options::recursive);
  EmbeddedStore after_crash(testing::persistent_options(crashed), f.clock.clock());
  auto t = after_crash.get_trace(model::TraceID{0, 2});
  ASSERT_TRUE(t);
  EXPECT_EQ(t->spans.size(), 2u);
  TraceQuery q;
  q.service = "backend";
  q.tags = {{"error", "true"}};
  EXPECT_EQ(after_crash.find_trace_ids(q), (std::vector<model::TraceID>{{0, 2}, {0, 1}}));
}

TEST(EmbeddedPersistenceTest, DirectoryOfAnotherFormatIsRefusedUntouched) {
  StoreFixture f;
  f.store->write_spans(sample_trace(1, kT0));
  f.close();
  const auto dir = f.scratch.path() / "db";
  const auto marker = dir / kFormatMarkerFile;
  ASSERT_TRUE(std::filesystem::exists(marker));
  auto open_error = [&] {
    try {
      EmbeddedStore store(testing::persistent_options(dir), f.clock.clock());
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("opened");
  };
  // A database without a marker was written by format 1 (the first builds): refused, with the reason.
  std::filesystem::remove(marker);
  EXPECT_NE(open_error().find("on-disk format 1"), std::string::npos) << open_error();
  EXPECT_FALSE(std::filesystem::exists(marker));  // not "upgraded" by the failed open
  // A marker naming another version.
  std::ofstream(marker) << format_marker_text(kFormatVersion + 1);
  EXPECT_NE(open_error().find("format " + std::to_string(kFormatVersion + 1)), std::string::npos) << open_error();
  // The data was left alone: with the right marker it opens as before.
  std::ofstream(marker) << format_marker_text(kFormatVersion);
  f.open();
  EXPECT_TRUE(f.store->get_trace(model::TraceID{0, 1}));
}

TEST(EmbeddedPersistenceTest, SecondWriterIsRefusedWhileOpen) {
  StoreFixture f;
  EXPECT_THROW(EmbeddedStore(testing::persistent_options(f.scratch.path() / "db"), f.clock.clock()),
               std::runtime_error);
}

TEST(EmbeddedPersistenceTest, ExpiredSpansDisappearAtOnce) {
  StoreFixture f;
  f.store->write_spans(sample_trace(1, kT0));
  f.clock.advance(hours(71));
  f.store->write_spans(sample_trace(2, kT0 + 5));  // written later: expires later
  EXPECT_TRUE(f.store->get_trace(model::TraceID{0, 1}));
  f.clock.advance(hours(2));  // trace 1 written 73h ago, trace 2 2h ago
  EXPECT_FALSE(f.store->get_trace(model::TraceID{0, 1}));
  EXPECT_TRUE(f.store->get_trace(model::TraceID{0, 2}));
  TraceQuery q;
  q.service = "frontend";
  EXPECT_EQ(f.store->find_trace_ids(q), (std::vector<model::TraceID>{{0, 2}}));
  q.tags = {{"host", "h1"}};
  EXPECT_EQ(f.store->find_trace_ids(q), (std::vector<model::TraceID>{{0, 2}}));
  EXPECT_EQ(f.store->get_dependencies(kT0 + 10, 1000).size(), 1u);
  f.clock.advance(hours(100));
  EXPECT_FALSE(f.store->get_trace(model::TraceID{0, 2}));
  EXPECT_TRUE(f.store->find_trace_ids(TraceQuery{}).empty());
  EXPECT_TRUE(f.store->get_dependencies(kT0 + 10, 1000).empty());
}

TEST(EmbeddedPersistenceTest, PartlyExpiredTraceKeepsItsLiveSpans) {
  StoreFixture f;
  auto proc = make_process("svc");
  f.store->write_spans({SpanBuilder(1, 1, proc).start(kT0).op("early")});
  f.clock.advance(hours(50));
  f.store->write_spans({SpanBuilder(1, 2, proc).start(kT0 + 100).op("late")});
  f.clock.advance(hours(30));
  auto t = f.store->get_trace(model::TraceID{0, 1});
  ASSERT_TRUE(t);
  ASSERT_EQ(t->spans.size(), 1u);
  EXPECT_EQ(t->spans[0].operation_name, "late");
  TraceQuery q;
  q.service = "svc";
  q.operation = "early";
  EXPECT_TRUE(f.store->find_trace_ids(q).empty());
}

TEST(EmbeddedPersistenceTest, MaintenanceDeletesExpiredRowsFromDisk) {
  StoreFixture f;
  EXPECT_EQ(f.store->run_maintenance(), 0u);  // an empty store
  for (uint64_t i = 1; i <= 20; ++i) f.store->write_spans(sample_trace(i, kT0 + static_cast<int64_t>(i)));
  ASSERT_TRUE(f.store->database().Flush(rocksdb::FlushOptions()).ok());
  const size_t before = raw_rows(f.store->database());
  EXPECT_GT(before, 20u * 2);
  EXPECT_EQ(f.store->run_maintenance(), 0u);  // nothing expired yet
  EXPECT_EQ(raw_rows(f.store->database()), before);

  f.clock.advance(hours(73));  // spans expired; catalog rows (1.1 × TTL) not yet
  f.store->run_maintenance();
  EXPECT_FALSE(f.store->get_trace(model::TraceID{0, 1}));
  EXPECT_EQ(f.store->get_services(), (std::vector<std::string>{"backend", "frontend"}));

  f.clock.advance(hours(10));  // everything expired, including the catalog
  EXPECT_TRUE(f.store->get_services().empty());
  EXPECT_GE(f.store->run_maintenance(), 1u);
  EXPECT_EQ(raw_rows(f.store->database()), 0u);
}

TEST(EmbeddedPersistenceTest, CompactionFilterDropsExpiredRows) {
  StoreFixture f;
  f.store->write_spans(sample_trace(1, kT0));
  f.clock.advance(hours(90));
  f.store->write_spans(sample_trace(2, kT0));
  rocksdb::DB& db = f.store->database();
  ASSERT_TRUE(db.Flush(rocksdb::FlushOptions()).ok());
  rocksdb::CompactRangeOptions full;
  full.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  ASSERT_TRUE(db.CompactRange(full, nullptr, nullptr).ok());
  // Only trace 2's rows (and the refreshed catalog) remain.
  auto rows = raw_rows(db);
  f.clock.advance(hours(-90));  // looking back in time: trace 1 is gone for good
  EXPECT_FALSE(f.store->get_trace(model::TraceID{0, 1}));
  EXPECT_TRUE(f.store->get_trace(model::TraceID{0, 2}));
  EXPECT_GT(rows, 0u);
}

TEST(EmbeddedPersistenceTest, CatalogRowsAreRefreshedBySpansThatKeepComing) {
  StoreFixture f;
  auto proc = make_process("svc");
  for (int day = 0; day < 10; ++day) {
    f.store->write_spans({SpanBuilder(static_cast<uint64_t>(day + 1), 1, proc).op("op")});
    f.clock.advance(hours(24));
    EXPECT_EQ(f.store->get_services(), std::vector<std::string>{"svc"}) << "day " << day;
  }
  // Also across a reopen (the refresh bookkeeping starts empty).
  f.reopen();
  f.clock.advance(hours(24));
  f.store->write_spans({SpanBuilder(100, 1, proc).op("op")});
  f.clock.advance(hours(70));
  EXPECT_EQ(f.store->get_operations(OperationQuery{"svc", ""}), (std::vector<Operation>{{"op", ""}}));
}

TEST(EmbeddedPersistenceTest, EphemeralDirectoryIsRemovedOnClose) {
  testing::TestClock clock;
  EmbeddedOptions o;  // ephemeral by default
  o.maintenance_interval = std::chrono::nanoseconds(0);
  auto store = std::make_unique<EmbeddedStore>(o, clock.clock());
  const std::filesystem::path dir = store->directory();
  EXPECT_TRUE(std::filesystem::exists(dir / "CURRENT"));
  store->write_spans(sample_trace(1, kT0));
  EXPECT_TRUE(store->get_trace(model::TraceID{0, 1}));
  store.reset();
  EXPECT_FALSE(std::filesystem::exists(dir));
  // A new ephemeral store starts empty, in another directory.
  store = std::make_unique<EmbeddedStore>(o, clock.clock());
  EXPECT_NE(store->directory(), dir);
  EXPECT_FALSE(store->get_trace(model::TraceID{0, 1}));
}

TEST(EmbeddedPersistenceTest, ReadOnlySeesDataAndRefusesWrites) {
  StoreFixture f;
  f.store->write_spans(sample_trace(1, kT0));
  f.close();
  EmbeddedOptions o = testing::persistent_options(f.scratch.path() / "db");
  o.read_only = true;
  EmbeddedStore a(o, f.clock.clock());
  EmbeddedStore b(o, f.clock.clock());  // several read-only openers at once
  EXPECT_TRUE(a.read_only());
  EXPECT_TRUE(a.get_trace(model::TraceID{0, 1}));
  EXPECT_EQ(b.get_services().size(), 2u);
  EXPECT_THROW(a.write_spans(sample_trace(2, kT0)), StorageError);
  EXPECT_EQ(a.run_maintenance(), 0u);
}

TEST(EmbeddedPersistenceTest, ReadOnlyNeedsAnExistingDatabase) {
  TempDirectory scratch("peregrine-embedded-test-");
  EmbeddedOptions o = testing::persistent_options(scratch.path() / "missing");
  o.read_only = true;
  EXPECT_THROW(EmbeddedStore(o, system_now_us), std::runtime_error);
}

TEST(EmbeddedPersistenceTest, BadgerFilesAreLeftAlone) {
  TempDirectory scratch("peregrine-embedded-test-");
  const auto dir = scratch.path() / "data";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "000001.vlog") << "badger value log";
  std::ofstream(dir / "000002.sst") << "badger table";
  std::ofstream(dir / "MANIFEST") << "badger manifest";
  EXPECT_EQ(database_directory_for(dir), dir / "peregrine-rocksdb");
  {
    EmbeddedStore store(testing::persistent_options(dir), system_now_us);
    EXPECT_EQ(store.directory(), dir / "peregrine-rocksdb");
    store.write_spans(sample_trace(1, kT0));
  }
  std::ifstream sst(dir / "000002.sst");
  std::string content;
  std::getline(sst, content);
  EXPECT_EQ(content, "badger table");
  EXPECT_TRUE(std::filesystem::exists(dir / "000001.vlog"));
  // An empty or RocksDB directory is used as is.
  EXPECT_EQ(database_directory_for(scratch.path() / "other"), scratch.path() / "other");
  EXPECT_EQ(database_directory_for(dir / "peregrine-rocksdb"), dir / "peregrine-rocksdb");
}

}  // namespace
}  // namespace peregrine::storage::embedded
