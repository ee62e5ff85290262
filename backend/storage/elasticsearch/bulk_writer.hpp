// BulkWriter: asynchronous batching of documents into _bulk requests, shared by all concurrent write_spans
// callers. Callers submit ready-made NDJSON items with a BulkTicket and wait on the ticket; es.bulk.workers
// worker threads each take what is queued (up to es.bulk.actions documents / es.bulk.size bytes) as soon as they
// are free — group commit, so batches grow with load while an idle writer adds no delay — and send it.
// (es.bulk.flush-interval is therefore always met: no document waits for a timer. Lingering for fuller batches
// would only add latency, because write_spans callers block until their documents are acknowledged.)
// Failures are retried with exponential back-off (100ms … 5s): whole requests on transport errors, 429, 408,
// 401/403 and 5xx; single documents on 429/5xx item statuses. Documents Elasticsearch rejects for good (mapping
// errors, …) are logged, counted and finished as rejected. A document is never reported stored before
// Elasticsearch acknowledged it.
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "backend/esutil/es_http_client.hpp"
#include "backend/storage/elasticsearch/bulk_metrics.hpp"
#include "backend/storage/elasticsearch/bulk_ticket.hpp"
#include "backend/storage/elasticsearch/es_options.hpp"

namespace peregrine::storage::elasticsearch {

enum class DocumentKind { Span, Service };

struct BulkItem {
  std::string payload;  // action line + '\n' + source + '\n'
  std::shared_ptr<BulkTicket> ticket;
  DocumentKind kind = DocumentKind::Span;
  std::string cache_key;  // service documents: their ServiceCache key
};

// Sends one _bulk body (POST /_bulk, application/x-ndjson).
using BulkSender = std::function<esutil::EsResponse(const std::string& body)>;

struct BulkHooks {
  // Runs before each send attempt; false (with *error set) counts as a failed attempt, retried later.
  // Used to bootstrap templates lazily so a cluster that is down at start-up delays writes instead of startup.
  std::function<bool(std::string* error)> before_send;
  // A service document that was not stored (rejected, or dropped because its caller gave up).
  std::function<void(const BulkItem&)> on_dropped;
  // The concrete index the first span document of a successful response went to (only when set).
  std::function<void(const std::string& index)> on_span_index;
};

struct BulkRetryPolicy {
  std::chrono::milliseconds initial{100};
  std::chrono::milliseconds max{5000};
};

class BulkWriter {
 public:
  BulkWriter(BulkOptions opts, BulkSender sender, BulkMetrics& metrics, BulkHooks hooks = {},
             BulkRetryPolicy retry = {});
  ~BulkWriter();  // close(5s)
  BulkWriter(const BulkWriter&) = delete;
  BulkWriter& operator=(const BulkWriter&) = delete;

  // Queues documents (never blocks on I/O). After close() the tickets fail immediately.
  void submit(std::vector<BulkItem> items);

  // Stops accepting, sends what is queued until the deadline, then fails the remaining tickets and joins the
  // workers. Idempotent.
  void close(std::chrono::milliseconds drain_deadline);

  // Most recent failure (for StorageError messages); "" when none yet.
  std::string last_error() const;

 private:
  void worker_loop();
  std::vector<BulkItem> take_batch(std::unique_lock<std::mutex>& lock);
  void send_with_retry(std::vector<BulkItem> batch);
  // Sends once; leaves in `batch` the documents to retry and finishes the others.
  void send_once(std::vector<BulkItem>& batch);
  void drop_abandoned(std::vector<BulkItem>& batch);
  void reject(std::vector<BulkItem>& items, const std::string& why);
  void set_error(const std::string& e);
  bool sleep_unless_stopped(std::chrono::milliseconds d);

  BulkOptions opts_;
  BulkSender sender_;
  BulkMetrics& metrics_;
  BulkHooks hooks_;
  BulkRetryPolicy retry_;

  mutable std::mutex mu_;
  std::condition_variable work_cv_;   // workers: items queued / closing
  std::condition_variable idle_cv_;   // close(): queue drained
  std::deque<BulkItem> queue_;
  size_t in_flight_ = 0;              // batches being sent
  bool closing_ = false;              // no more submissions; drain
  bool stopped_ = false;              // drain deadline passed: give up
  bool closed_ = false;
  std::string last_error_;
  std::vector<std::thread> workers_;
};

}  // namespace peregrine::storage::elasticsearch
