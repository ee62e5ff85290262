// Span writes through the shared bulk writer (see es_span_writer.hpp).
#include "backend/storage/elasticsearch/es_span_writer.hpp"

#include <algorithm>

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
  if (opts_.use_aliases && !opts_.archive)
    hooks.on_span_index = [this](const std::string& index) { service_cache_.observe_write_index(index); };
  bulk_ = std::make_unique<BulkWriter>(opts_.bulk, std::move(sender), metrics_, std::move(hooks));
}

EsSpanWriter::~EsSpanWriter() { close(); }

void EsSpanWriter::close(std::chrono::milliseconds drain_deadline) {
  if (bulk_) bulk_->close(drain_deadline);
}

std::string EsSpanWriter::span_index_for(int64_t start_us) const {
  if (opts_.archive) return span_base_ + (opts_.use_aliases ? "archive-write" : "archive");
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

  // Distinct service:operation pairs of the batch, checked against the cache under one lock afterwards.
  struct ServicePair {
    std::string index;
    std::string_view service;
    std::string_view operation;
  };
  std::vector<ServicePair> pairs;

  // Consecutive spans usually share a start hour: reuse the index names and the action line prefix.
  int64_t cached_bucket = INT64_MIN;
  std::string span_index, service_index, action_prefix;
  size_t hint = doc_size_hint_.load(std::memory_order_relaxed);
  size_t biggest = 0;
  for (const auto& span : batch) {
    const int64_t bucket = span.start_time_us / 3'600'000'000LL;  // hour granularity covers both layouts
    if (bucket != cached_bucket) {
      span_index = span_index_for(span.start_time_us);
      service_index = service_index_for(span.start_time_us);
      action_prefix = "{\"index\":{\"_index\":";
      esutil::append_json_string(action_prefix, span_index);
      action_prefix += ",\"_id\":\"";
      cached_bucket = bucket;
    }
    // Action line with a placeholder id, then the document; the id (hash of the document) is filled in place.
    BulkItem item;
    item.payload.reserve(action_prefix.size() + 40 + hint);
    item.payload += action_prefix;
    const size_t id_pos = item.payload.size();
    item.payload.append(32, '0');
    item.payload += "\"}}\n";
    const size_t doc_pos = item.payload.size();
    append_span_document(item.payload, span, opts_.tags);
    write_document_id(std::string_view(item.payload).substr(doc_pos), item.payload.data() + id_pos);
    item.payload.push_back('\n');
    biggest = std::max(biggest, item.payload.size() - doc_pos);
    items.push_back(std::move(item));

    if (opts_.archive) continue;  // the archive has no service index
    const std::string_view service = span.process ? std::string_view(span.process->service_name) : std::string_view();
    bool seen = false;
    for (const auto& p : pairs)
      if (p.operation == span.operation_name && p.service == service && p.index == service_index) {
        seen = true;
        break;
      }
    if (!seen) pairs.push_back(ServicePair{service_index, service, span.operation_name});
  }
  if (biggest > hint) doc_size_hint_.store(biggest, std::memory_order_relaxed);

  std::vector<std::string> keys;
  keys.reserve(pairs.size());
  for (const auto& p : pairs) keys.push_back(ServiceCache::key(p.index, p.service, p.operation));
  const std::vector<bool> missing = service_cache_.insert_if_absent(keys);
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (!missing[i]) continue;
    BulkItem svc;
    svc.kind = DocumentKind::Service;
    append_item_payload(svc.payload, pairs[i].index, service_document_id(pairs[i].service, pairs[i].operation),
                        service_document(pairs[i].service, pairs[i].operation));
    svc.cache_key = std::move(keys[i]);
    items.push_back(std::move(svc));
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
