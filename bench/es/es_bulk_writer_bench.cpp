// Elasticsearch bulk-writer throughput (peregrine_bench_es): EsSpanWriter — Jaeger document rendering, content
// ids, service documents, batching across concurrent write_spans callers, libcurl _bulk requests, response
// handling — writing into a local HTTP sink that answers every _bulk like Elasticsearch (one item per action).
// Spans are "standard" ones: 13 tags (10 attributes, scope name/version, span.kind) and one log with two fields,
// 20 services × 50 operations. Reported as items_per_second = spans per second; also times document rendering
// alone. The sink shares the machine's cores with the writer, so the figures are a lower bound.
#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "backend/common/metrics.hpp"
#include "backend/storage/elasticsearch/es_span_writer.hpp"
#include "backend/storage/elasticsearch/span_document.hpp"

namespace {

using peregrine::model::KeyValue;
using peregrine::model::Span;
using peregrine::model::SpanBatch;
namespace es = peregrine::storage::elasticsearch;
namespace common = peregrine::common;

std::atomic<uint64_t> g_sink_documents{0};

// A minimal Elasticsearch stand-in: a blocking TCP server (thread per connection, keep-alive) that reads each
// request whole and answers POST /_bulk with {"took":1,"errors":false,"items":[…]} — one item per action — and
// anything else with {"acknowledged":true}. Kept lean so the benchmark measures the writer, not the sink.
class BulkSink {
 public:
  BulkSink() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 64) != 0)
      throw std::runtime_error("sink: cannot listen");
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    std::thread([this] {
      while (true) {
        int fd = ::accept(listen_fd_, nullptr, nullptr);
        if (fd < 0) return;
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        std::thread([fd] { serve(fd); }).detach();
      }
    }).detach();
  }
  uint16_t port() const { return port_; }

 private:
  static bool send_all(int fd, const std::string& data) {
    size_t off = 0;
    while (off < data.size()) {
      ssize_t n = ::send(fd, data.data() + off, data.size() - off, MSG_NOSIGNAL);
      if (n <= 0) return false;
      off += static_cast<size_t>(n);
    }
    return true;
  }
  static void serve(int fd) {
    static const std::string item =
        R"({"index":{"_index":"jaeger-span-2024-01-01","_id":"0123456789abcdef0123456789abcdef","_version":1,)"
        R"("result":"created","_shards":{"total":2,"successful":1,"failed":0},"_seq_no":1,"_primary_term":1,"status":201}})";
    std::string buf;
    buf.reserve(8 << 20);
    size_t used = 0;
    std::string response;
    while (true) {
      size_t header_end;
      while ((header_end = std::string_view(buf.data(), used).find("\r\n\r\n")) == std::string_view::npos) {
        if (buf.size() < used + 65536) buf.resize(used + 65536);
        ssize_t n = ::recv(fd, buf.data() + used, buf.size() - used, 0);
        if (n <= 0) return ::close(fd), void();
        used += static_cast<size_t>(n);
      }
      std::string_view head(buf.data(), header_end);
      size_t length = 0;
      for (const char* key : {"Content-Length: ", "content-length: "}) {
        size_t p = head.find(key);
        if (p != std::string_view::npos) length = std::strtoull(head.data() + p + std::strlen(key), nullptr, 10);
      }
      const size_t total = header_end + 4 + length;
      if (buf.size() < total) buf.resize(total);
      while (used < total) {
        ssize_t n = ::recv(fd, buf.data() + used, total - used, 0);
        if (n <= 0) return ::close(fd), void();
        used += static_cast<size_t>(n);
      }
      const bool bulk = head.rfind("POST /_bulk", 0) == 0;
      size_t docs = 0;
      if (bulk) {
        const char* p = buf.data() + header_end + 4;
        const char* end = p + length;
        while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))) != nullptr) {
          ++docs;
          ++p;
        }
        docs /= 2;
        g_sink_documents.fetch_add(docs, std::memory_order_relaxed);
      }
      std::string body;
      if (bulk) {
        body.reserve(40 + docs * (item.size() + 1));
        body += R"({"took":1,"errors":false,"items":[)";
        for (size_t i = 0; i < docs; ++i) {
          if (i) body += ',';
          body += item;
        }
        body += "]}";
      } else {
        body = R"({"acknowledged":true})";
      }
      response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                 "\r\n\r\n" + body;
      if (!send_all(fd, response)) return ::close(fd), void();
      std::memmove(buf.data(), buf.data() + total, used - total);
      used -= total;
    }
  }

  int listen_fd_ = -1;
  uint16_t port_ = 0;
};

struct Bench {
  BulkSink sink;
  common::MetricsRegistry metrics;
  std::unique_ptr<es::EsSpanWriter> writer;
  std::vector<peregrine::model::ProcessPtr> processes;

  Bench() {
    es::EsStorageOptions o;
    o.client.servers = {"http://127.0.0.1:" + std::to_string(sink.port())};
    o.version = 7;
    o.create_index_templates = false;
    o.bulk.workers = 2;
    o.bulk.max_actions = 1000;
    auto http = std::make_shared<peregrine::esutil::EsHttpClient>(o.client);
    writer = std::make_unique<es::EsSpanWriter>(o, http, metrics);
    for (int s = 0; s < 20; ++s) {
      auto p = std::make_shared<peregrine::model::Process>();
      p->service_name = "service-" + std::to_string(s);
      p->tags = {KeyValue::String("host.name", "host-" + std::to_string(s)), KeyValue::String("telemetry.sdk.language", "go"),
                 KeyValue::String("service.version", "1.4.2")};
      processes.push_back(p);
    }
  }
  ~Bench() {
    writer->close(std::chrono::seconds(5));
  }
};

Bench& bench() {
  static Bench b;
  return b;
}

Span standard_span(uint64_t n, const peregrine::model::ProcessPtr& process, int64_t now_us) {
  Span s;
  s.trace_id = {0x5eed000000000000ULL ^ (n / 10), n / 10 + 1};
  s.span_id = n + 1;
  s.operation_name = "operation-" + std::to_string(n % 50);
  s.start_time_us = now_us + static_cast<int64_t>(n % 1000);
  s.duration_us = 1200 + static_cast<int64_t>(n % 97);
  s.process = process;
  if (n % 10) s.references = {{s.trace_id, n, peregrine::model::RefType::ChildOf}};
  s.tags = {KeyValue::String("http.method", "GET"),
            KeyValue::String("http.url", "https://shop.example.com/api/v1/items/" + std::to_string(n % 1000)),
            KeyValue::Int64("http.status_code", 200),
            KeyValue::String("net.peer.name", "10.0.0.12"),
            KeyValue::Int64("net.peer.port", 8443),
            KeyValue::String("user.id", "user-" + std::to_string(n % 5000)),
            KeyValue::Bool("cache.hit", n % 3 == 0),
            KeyValue::Float64("ratio", 0.25 + static_cast<double>(n % 7)),
            KeyValue::String("component", "net/http"),
            KeyValue::String("region", "eu-west-1"),
            KeyValue::String("otel.scope.name", "io.opentelemetry.http"),
            KeyValue::String("otel.scope.version", "1.21.0"),
            KeyValue::String("span.kind", "server")};
  s.logs = {peregrine::model::Log{s.start_time_us + 10, {KeyValue::String("event", "cache.lookup"), KeyValue::Int64("size", 512)}}};
  return s;
}

int64_t now_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// write_spans from N concurrent callers (like the collector's queue workers), each with batches of `range(0)`.
void BM_EsBulkWrite(benchmark::State& state) {
  Bench& b = bench();
  const size_t batch_size = static_cast<size_t>(state.range(0));
  const int64_t base = now_us();
  uint64_t n = static_cast<uint64_t>(state.thread_index()) * 1'000'000'000ULL;
  SpanBatch batch;
  for (auto _ : state) {
    state.PauseTiming();
    batch.clear();
    for (size_t i = 0; i < batch_size; ++i, ++n) batch.push_back(standard_span(n, b.processes[n % 20], base));
    state.ResumeTiming();
    b.writer->write_spans(batch);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * batch_size));
}
BENCHMARK(BM_EsBulkWrite)->Arg(100)->Threads(1)->UseRealTime();
BENCHMARK(BM_EsBulkWrite)->Arg(100)->Threads(8)->UseRealTime();
BENCHMARK(BM_EsBulkWrite)->Arg(500)->Threads(8)->UseRealTime();
BENCHMARK(BM_EsBulkWrite)->Arg(100)->Threads(32)->UseRealTime();

// Document rendering alone (span → Jaeger JSON), the per-span CPU cost on the caller's thread.
void BM_EsSpanDocument(benchmark::State& state) {
  Bench& b = bench();
  const Span s = standard_span(7, b.processes[0], now_us());
  es::TagsAsFields tags;
  std::string out;
  for (auto _ : state) {
    out.clear();
    es::append_span_document(out, s, tags);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["bytes_per_doc"] = static_cast<double>(out.size());
}
BENCHMARK(BM_EsSpanDocument);

}  // namespace

BENCHMARK_MAIN();
