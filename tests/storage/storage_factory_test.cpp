// make_storage / define_storage_flags: memory backend wiring, max-traces flag, the archive on request, unknown
// type error.
#include "backend/storage/storage_factory.hpp"

#include <gtest/gtest.h>

#include "backend/common/config.hpp"
#include "tests/storage/span_builder.hpp"

namespace peregrine::storage {
namespace {

TEST(StorageFactoryTest, MemoryHonoursMaxTraces) {
  common::Config cfg;
  define_storage_flags(cfg);
  EXPECT_EQ(cfg.get("memory.max-traces"), "0");
  cfg.set("memory.max-traces", "2");
  StorageBundle b = make_storage("memory", cfg);
  ASSERT_TRUE(b.writer && b.reader && b.dependencies);
  auto proc = testing::make_process("svc");
  for (uint64_t i = 1; i <= 3; ++i) b.writer->write_spans({testing::SpanBuilder(i, 1, proc).build()});
  EXPECT_FALSE(b.reader->get_trace(model::TraceID{0, 1}));
  EXPECT_TRUE(b.reader->get_trace(model::TraceID{0, 3}));
  EXPECT_EQ(b.reader->get_services(), std::vector<std::string>{"svc"});
}

TEST(StorageFactoryTest, TheArchiveIsBuiltOnlyWhenAsked) {
  common::Config cfg;
  define_storage_flags(cfg);
  EXPECT_TRUE(make_storage("memory", cfg).archive.available());
  EXPECT_FALSE(make_storage("memory", cfg, /*with_archive=*/false).archive.available());
}

TEST(StorageFactoryTest, UnknownTypeListsSupportedTypes) {
  common::Config cfg;
  define_storage_flags(cfg);
  try {
    make_storage("cassandra", cfg);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "unknown storage type cassandra. Valid types are [memory badger elasticsearch opensearch]");
  }
}

}  // namespace
}  // namespace peregrine::storage
