// MemoryStore keeps the whole span store contract (span_store_contract.hpp).
#include "backend/storage/memory/memory_store.hpp"
#include "tests/storage/span_store_contract.hpp"

namespace peregrine::storage::contract {
namespace {

struct MemoryBackend {
  static constexpr StoreTraits kTraits{};
  memory::MemoryStore store;
  SpanWriter& writer() { return store; }
  SpanReader& reader() { return store; }
  DependencyReader& dependencies() { return store; }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Memory, SpanStoreContract, ::testing::Types<MemoryBackend>);

}  // namespace
}  // namespace peregrine::storage::contract
