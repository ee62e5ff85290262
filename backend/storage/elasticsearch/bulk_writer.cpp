// Batching, sending and retrying of bulk documents (see bulk_writer.hpp).
#include "backend/storage/elasticsearch/bulk_writer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "backend/esutil/es_error.hpp"
#include "backend/storage/elasticsearch/bulk_response.hpp"

namespace peregrine::storage::elasticsearch {

namespace {

// Whole-request statuses worth retrying: overload, timeouts, server errors, and auth failures (credentials
// files are re-read, so a rotated secret heals). 400 means the request itself is malformed.
bool retry_whole_request(const esutil::EsResponse& r) {
  if (!r.transport_error.empty()) return true;
  return r.status != 400 && r.status != 413;
}

// Finishes consecutive documents of the same ticket with one call.
template <typename Pred>
void finish_where(const std::vector<BulkItem>& items, Pred pred, bool rejected) {
  size_t i = 0;
  while (i < items.size()) {
    if (!pred(i)) {
      ++i;
      continue;
    }
    BulkTicket* t = items[i].ticket.get();
    size_t n = 0;
    while (i < items.size() && pred(i) && items[i].ticket.get() == t) {
      ++n;
      ++i;
    }
    t->finish(n, rejected);
  }
}

}  // namespace

BulkWriter::BulkWriter(BulkOptions opts, BulkSender sender, BulkMetrics& metrics, BulkHooks hooks,
                       BulkRetryPolicy retry)
    : opts_(opts), sender_(std::move(sender)), metrics_(metrics), hooks_(std::move(hooks)), retry_(retry) {
  if (opts_.workers < 1) opts_.workers = 1;
  if (opts_.max_actions < 1) opts_.max_actions = 1;
  for (int i = 0; i < opts_.workers; ++i) workers_.emplace_back([this] { worker_loop(); });
}

BulkWriter::~BulkWriter() { close(std::chrono::seconds(5)); }

void BulkWriter::submit(std::vector<BulkItem> items) {
  if (items.empty()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!closing_) {
      for (auto& it : items) queue_.push_back(std::move(it));
      work_cv_.notify_one();
      return;
    }
  }
  for (auto& it : items) it.ticket->fail("Elasticsearch span writer is closed");
}

std::vector<BulkItem> BulkWriter::take_batch(std::unique_lock<std::mutex>&) {
  std::vector<BulkItem> batch;
  size_t bytes = 0;
  while (!queue_.empty() && batch.size() < opts_.max_actions) {
    BulkItem& front = queue_.front();
    if (front.ticket->abandoned()) {
      if (front.kind == DocumentKind::Service && hooks_.on_dropped) hooks_.on_dropped(front);
      queue_.pop_front();
      continue;
    }
    if (!batch.empty() && bytes + front.payload.size() > opts_.max_bytes) break;
    bytes += front.payload.size();
    batch.push_back(std::move(front));
    queue_.pop_front();
  }
  return batch;
}

void BulkWriter::worker_loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    work_cv_.wait(lock, [&] { return !queue_.empty() || closing_; });
    if (queue_.empty() && closing_) break;
    if (stopped_) {
      while (!queue_.empty()) {
        queue_.front().ticket->fail("Elasticsearch span writer stopped before the documents were sent");
        queue_.pop_front();
      }
      break;
    }
    std::vector<BulkItem> batch = take_batch(lock);
    if (batch.empty()) {
      idle_cv_.notify_all();
      continue;
    }
    ++in_flight_;
    // More queued work: let another idle worker start on it while this one sends.
    if (!queue_.empty()) work_cv_.notify_one();
    lock.unlock();
    send_with_retry(std::move(batch));
    lock.lock();
    --in_flight_;
    idle_cv_.notify_all();
  }
  idle_cv_.notify_all();
}

void BulkWriter::drop_abandoned(std::vector<BulkItem>& batch) {
  auto keep = std::stable_partition(batch.begin(), batch.end(), [](const BulkItem& it) { return !it.ticket->abandoned(); });
  for (auto it = keep; it != batch.end(); ++it)
    if (it->kind == DocumentKind::Service && hooks_.on_dropped) hooks_.on_dropped(*it);
  batch.erase(keep, batch.end());
}

void BulkWriter::reject(std::vector<BulkItem>& items, const std::string& why) {
  spdlog::error("Elasticsearch rejected {} document(s) permanently: {}", items.size(), why);
  finish_where(items, [](size_t) { return true; }, /*rejected=*/true);
  for (const auto& it : items)
    if (it.kind == DocumentKind::Service && hooks_.on_dropped) hooks_.on_dropped(it);
  items.clear();
}

void BulkWriter::set_error(const std::string& e) {
  std::lock_guard<std::mutex> lock(mu_);
  last_error_ = e;
}

std::string BulkWriter::last_error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_error_;
}

bool BulkWriter::sleep_unless_stopped(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> lock(mu_);
  return !idle_cv_.wait_for(lock, d, [&] { return stopped_; });
}

void BulkWriter::send_with_retry(std::vector<BulkItem> batch) {
  std::chrono::milliseconds backoff = retry_.initial;
  while (true) {
    drop_abandoned(batch);
    if (batch.empty()) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (stopped_) {
        for (auto& it : batch) it.ticket->fail("Elasticsearch span writer stopped before the documents were stored: " + last_error_);
        return;
      }
    }
    send_once(batch);
    if (batch.empty()) return;
    if (!sleep_unless_stopped(backoff)) continue;  // stopped: the loop fails the rest
    backoff = std::min(backoff * 2, retry_.max);
  }
}

void BulkWriter::send_once(std::vector<BulkItem>& batch) {
  std::string error;
  if (hooks_.before_send && !hooks_.before_send(&error)) {
    set_error(error);
    spdlog::warn("Elasticsearch not ready, {} document(s) wait: {}", batch.size(), error);
    return;
  }
  std::string body;
  size_t total = 0;
  for (const auto& it : batch) total += it.payload.size();
  body.reserve(total);
  for (const auto& it : batch) body += it.payload;

  const auto t0 = std::chrono::steady_clock::now();
  esutil::EsResponse resp = sender_(body);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const size_t n = batch.size();
  metrics_.attempts.inc(static_cast<double>(n));

  if (!resp.ok()) {
    metrics_.errors.inc(static_cast<double>(n));
    metrics_.latency_err.observe(seconds);
    const std::string why = "bulk request failed: " + resp.describe();
    set_error(why);
    if (resp.transport_error.empty() && resp.status == 413 && n > 1) {
      // Too large for the cluster's http.max_content_length: the retry sends halves.
      std::vector<BulkItem> second(std::make_move_iterator(batch.begin() + static_cast<long>(n / 2)),
                                   std::make_move_iterator(batch.end()));
      batch.erase(batch.begin() + static_cast<long>(n / 2), batch.end());
      std::lock_guard<std::mutex> lock(mu_);
      for (auto it = second.rbegin(); it != second.rend(); ++it) queue_.push_front(std::move(*it));
      work_cv_.notify_one();
      return;
    }
    if (retry_whole_request(resp)) {
      spdlog::warn("Elasticsearch could not process bulk request of {} document(s), retrying: {}", n, resp.describe());
      return;
    }
    reject(batch, why);
    return;
  }

  const bool want_index = static_cast<bool>(hooks_.on_span_index);
  BulkResponse parsed = parse_bulk_response(resp.body, n, want_index);
  if (!parsed.valid) {
    metrics_.errors.inc(static_cast<double>(n));
    metrics_.latency_err.observe(seconds);
    set_error("unexpected bulk response: " + resp.body.substr(0, 200));
    spdlog::warn("unexpected Elasticsearch bulk response, retrying {} document(s)", n);
    return;
  }
  if (!parsed.errors) {
    metrics_.inserts.inc(static_cast<double>(n));
    metrics_.latency_ok.observe(seconds);
    if (want_index) {
      for (size_t i = 0; i < n; ++i) {
        if (batch[i].kind != DocumentKind::Span) continue;
        const std::string idx = parsed.items.empty() ? (i == 0 ? parsed.first_index : "") : parsed.items[i].index;
        if (!idx.empty()) hooks_.on_span_index(idx);
        break;
      }
    }
    finish_where(batch, [](size_t) { return true; }, false);
    batch.clear();
    return;
  }

  // Per-document outcomes.
  std::vector<ItemDisposition> disp(n);
  size_t stored = 0, failed = 0;
  std::string first_failure;
  for (size_t i = 0; i < n; ++i) {
    const auto& o = parsed.items[i];
    disp[i] = classify_item_status(o.status);
    if (disp[i] == ItemDisposition::Stored) {
      ++stored;
    } else {
      ++failed;
      if (first_failure.empty())
        first_failure = "HTTP " + std::to_string(o.status) + " " + o.error_type + ": " + o.error_reason;
    }
  }
  metrics_.inserts.inc(static_cast<double>(stored));
  metrics_.errors.inc(static_cast<double>(failed));
  metrics_.latency_ok.observe(seconds);
  set_error("Elasticsearch part of bulk request failed: " + first_failure);
  spdlog::warn("Elasticsearch part of bulk request failed ({} of {} documents): {}", failed, n, first_failure);

  if (hooks_.on_span_index) {
    for (size_t i = 0; i < n; ++i)
      if (disp[i] == ItemDisposition::Stored && batch[i].kind == DocumentKind::Span && !parsed.items[i].index.empty()) {
        hooks_.on_span_index(parsed.items[i].index);
        break;
      }
  }
  finish_where(batch, [&](size_t i) { return disp[i] == ItemDisposition::Stored; }, false);
  std::vector<BulkItem> retry, rejected;
  for (size_t i = 0; i < n; ++i) {
    if (disp[i] == ItemDisposition::Retry) retry.push_back(std::move(batch[i]));
    else if (disp[i] == ItemDisposition::Reject) rejected.push_back(std::move(batch[i]));
  }
  if (!rejected.empty()) {
    std::string why;
    for (size_t i = 0; i < n && why.empty(); ++i)
      if (disp[i] == ItemDisposition::Reject)
        why = "HTTP " + std::to_string(parsed.items[i].status) + " " + parsed.items[i].error_type + ": " +
              parsed.items[i].error_reason;
    reject(rejected, why);
  }
  batch = std::move(retry);
}

void BulkWriter::close(std::chrono::milliseconds drain_deadline) {
  std::unique_lock<std::mutex> lock(mu_);
  if (closed_) return;
  closed_ = true;
  closing_ = true;
  work_cv_.notify_all();
  idle_cv_.wait_for(lock, drain_deadline, [&] { return queue_.empty() && in_flight_ == 0; });
  stopped_ = true;
  work_cv_.notify_all();
  idle_cv_.notify_all();
  lock.unlock();
  for (auto& t : workers_)
    if (t.joinable()) t.join();
  lock.lock();
  while (!queue_.empty()) {
    queue_.front().ticket->fail("Elasticsearch span writer stopped before the documents were sent");
    queue_.pop_front();
  }
}

}  // namespace peregrine::storage::elasticsearch
