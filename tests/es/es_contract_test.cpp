// EsSpanWriter + EsSpanReader + EsDependencyReader against the Elasticsearch double run the span store contract
// (tests/storage/span_store_contract.hpp), each test with a double process of its own. Where Jaeger's
// Elasticsearch storage differs by design, the traits say so and those tests are skipped: dependency links are
// read from the dependencies index (written by Jaeger's spark job), not counted from spans; traces are ranked by
// their newest matching span; a span written again with other content is a second document; spans are
// searched within es.max-span-age of now; span warnings are not stored and operations carry no span kind (both as
// in Jaeger's Elasticsearch documents).
#include "backend/common/metrics.hpp"
#include "backend/storage/elasticsearch/es_dependency_reader.hpp"
#include "backend/storage/elasticsearch/es_span_reader.hpp"
#include "backend/storage/elasticsearch/es_span_writer.hpp"
#include "tests/es/es_test_support.hpp"
#include "tests/storage/span_store_contract.hpp"

namespace peregrine::storage::contract {
namespace {

struct ElasticsearchBackend {
  static constexpr StoreTraits kTraits{.computes_dependencies = false,
                                       .orders_by_trace_start = false,
                                       .first_copy_wins = false,
                                       .any_start_time = false,
                                       .keeps_warnings = false,
                                       .operations_have_span_kinds = false};
  estest::EsDoubleProcess es;
  elasticsearch::EsStorageOptions options = [this] {
    elasticsearch::EsStorageOptions o;
    o.client.servers = {es.url()};
    return o;
  }();
  common::MetricsRegistry metrics;
  std::shared_ptr<esutil::EsHttpClient> http = std::make_shared<esutil::EsHttpClient>(options.client);
  elasticsearch::EsSpanWriter span_writer{options, http, metrics};
  elasticsearch::EsSpanReader span_reader{options, http};
  elasticsearch::EsDependencyReader dependency_reader{options, http};

  SpanWriter& writer() { return span_writer; }
  SpanReader& reader() { return span_reader; }
  DependencyReader& dependencies() { return dependency_reader; }
};

INSTANTIATE_TYPED_TEST_SUITE_P(Elasticsearch, SpanStoreContract, ::testing::Types<ElasticsearchBackend>);

}  // namespace
}  // namespace peregrine::storage::contract
