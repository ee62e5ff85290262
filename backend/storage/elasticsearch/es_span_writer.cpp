// Span writes through the shared bulk writer (see es_span_writer.hpp).
#include "backend/storage/elasticsearch/es_span_writer.hpp"

#include "backend/esutil/go_json.hpp"
#include "backend/esutil/index_names.hpp"
#include "backend/storage/elasticsearch/document_id.hpp"
#include "backend/storage/elasticsearch/span_document.hpp"

namespace peregrine::storage::elasticsearch {

namespace {

// A bulk request that hangs must not pin a worker forever when es.timeout is 0 ("no timeout").
constexpr std::chrono::milliseconds kDefaultBulkTimeout{60'000};

}  // namespace

EsSpanWriter::EsSpanWriter(EsStorageOptions opts, std::shared_ptr<esutil::EsHttpClient> http,
                           common::MetricsRegistry& metrics, BulkSender sender)
    : opts_(std::move(opts)),
      http_(std::move(http)),
      span_base_(esutil::apply_index_prefix(opts_.index_prefix, esutil::kSpanIndexBase)),
      service_base_(esutil::apply_index_prefix(opts_.index_prefix, esutil::kServiceIndexBase)),
      bootstrap_(opts_, *http_),
      service_cache_(opts_.service_cache_ttl),
      metrics_(metrics) {
  if (!sender) {
    const auto timeout = opts_.client.timeout.count() > 0 ? opts_.client.timeout : kDefaultBulkTimeout;
    esutil::EsHttpClient* client = http_.get();
    sender = [client, timeout](const std::string& body) {
      return client->request("POST", "/_bulk", body, "application/x-ndjson", timeout);
    };
  }
  BulkHooks hooks;
  hooks.before_send = [this](std::string* error) { return bootstrap_.ensure(error); };
  hooks.on_dropped = [this](const BulkItem& item) {
    if (!item.cache_key.empty()) service_cache_.erase(item.cache_key);
  };
  if (opts_.use_aliases)
    hooks.on_span_index = [this](const std::string& index) { service_cache_.observe_write_index(index); };
  bulk_ = std::make_unique<BulkWriter>(opts_.bulk, std::move(sender), metrics_, std::move(hooks));
}

EsSpanWriter::~EsSpanWriter() { close(); }

void EsSpanWriter::close(std::chrono::milliseconds drain_deadline) {
  if (bulk_) bulk_->close(drain_deadline);
}

std::string EsSpanWriter::span_index_for(int64_t start_us) const {
  if (opts_.use_aliases) return span_base_ + "write";
  return esutil::index_with_date(span_base_, start_us, opts_.span_layout);
}

std::string EsSpanWriter::service_index_for(int64_t start_us) const {
  if (opts_.use_aliases) return service_base_ + "write";
  return esutil::index_with_date(service_base_, start_us, opts_.service_layout);
}

void EsSpanWriter::append_item_payload(std::string& out, const std::string& index, const std::string& id,
                                       const std::string& source) const {
  out.reserve(out.size() + source.size() + index.size() + id.size() + 40);
  out += "{\"index\":{\"_index\":";
  esutil::append_json_string(out, index);
  out += ",\"_id\":";
  esutil::append_json_string(out, id);
  out += "}}\n";
  out += source;
  out.push_back('\n');
}

void EsSpanWriter::write_spans(const model::SpanBatch& batch) {
  if (batch.empty()) return;
  std::vector<BulkItem> items;
  items.reserve(batch.size() + 1);
  std::string doc;
  doc.reserve(1024);
  // Consecutive spans usually share a start day: reuse the computed index names.
  int64_t cached_bucket = INT64_MIN;
  std::string span_index, service_index;
  for (const auto& span : batch) {
    const int64_t bucket = span.start_time_us / 3'600'000'000LL;  // hour granularity covers both layouts
    if (bucket != cached_bucket || opts_.use_aliases) {
      span_index = span_index_for(span.start_time_us);
      service_index = service_index_for(span.start_time_us);
      cached_bucket = bucket;
    }
    doc.clear();
    append_span_document(doc, span, opts_.tags);
    BulkItem item;
    append_item_payload(item.payload, span_index, document_id(doc), doc);
    items.push_back(std::move(item));

    const std::string& service = span.process ? span.process->service_name : std::string();
    std::string key = ServiceCache::key(service_index, service, span.operation_name);
    if (service_cache_.insert_if_absent(key)) {
      BulkItem svc;
      svc.kind = DocumentKind::Service;
      append_item_payload(svc.payload, service_index, service_document_id(service, span.operation_name),
                          service_document(service, span.operation_name));
      svc.cache_key = std::move(key);
      items.push_back(std::move(svc));
    }
  }
  const size_t total = items.size();
  auto ticket = std::make_shared<BulkTicket>(total);
  for (auto& it : items) it.ticket = ticket;
  bulk_->submit(std::move(items));

  const auto deadline = std::chrono::steady_clock::now() + opts_.write_ack_timeout;
  if (!ticket->wait_until(deadline)) {
    ticket->abandon();
    const size_t missing = ticket->remaining();
    const std::string last = bulk_->last_error();
    throw StorageError("Elasticsearch did not acknowledge " + std::to_string(missing) + " of " +
                       std::to_string(total) + " documents within " +
                       std::to_string(opts_.write_ack_timeout.count()) + "ms" + (last.empty() ? "" : ": " + last));
  }
  if (ticket->failed()) throw StorageError(ticket->failure());
}

}  // namespace peregrine::storage::elasticsearch
