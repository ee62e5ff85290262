// EmbeddedStore keeps the whole span store contract (tests/storage/span_store_contract.hpp), on a persistent
// RocksDB directory of its own per test.
#include "tests/embedded/embedded_test_support.hpp"
#include "tests/storage/span_store_contract.hpp"

namespace peregrine::storage::contract {
namespace {

struct EmbeddedBackend {
  static constexpr StoreTraits kTraits{};
  embedded::testing::StoreFixture fixture;
  SpanWriter& writer() { return *fixture.store; }
  SpanReader& reader() { return *fixture.store; }
  DependencyReader& dependencies() { return *fixture.store; }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Embedded, SpanStoreContract, ::testing::Types<EmbeddedBackend>);

}  // namespace
}  // namespace peregrine::storage::contract
