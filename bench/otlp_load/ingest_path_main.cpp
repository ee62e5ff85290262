// peregrine-ingest-path: the server's OTLP ingest path in one process, on a fixed amount of work, without gRPC
// transport. Each request is the standard payload with unique trace ids; the stages are:
//   none              — only build the request bytes (baseline to subtract under callgrind)
//   decode            — protobuf parse on a fresh arena per request (the reference decoder)
//   convert           — bytes → model with the direct wire decoder, each request decoded into the previous
//                       request's batch (as receivers do with batches the pipeline recycles)
//   convert-reference — protobuf parse + message → model conversion (the reference path)
//   sanitize          — convert + the pipeline's sanitizers
//   store             — the receivers' entry point (ingest_otlp_protobuf) into an IngestQueue with 2 workers writing
//                       a MemoryStore (what peregrine-all-in-one does per Export call). Each request is written
//                       before the next is submitted, so the work (including which batches get recycled) is the
//                       same from run to run, whatever the thread scheduling.
//   store-reference   — the same through the reference path (protobuf parse + ingest_otlp_request)
// Reports spans/s and CPU µs per span (getrusage, all threads). For instruction counts run it under
// `valgrind --tool=callgrind` and subtract the Ir of `--stage=none` from the same request count.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <thread>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <google/protobuf/arena.h>

#include "backend/common/metrics.hpp"
#include "backend/convert/otlp_to_model.hpp"
#include "backend/convert/otlp_wire_to_model.hpp"
#include "backend/pipeline/ingest_queue.hpp"
#include "backend/pipeline/sanitizer.hpp"
#include "backend/receivers/otlp_ingest.hpp"
#include "backend/storage/memory/memory_store.hpp"
#include "bench/otlp_load/standard_payload.hpp"

namespace {

using peregrine::convert::OtlpExportRequest;

enum class Stage { None, Decode, Convert, ConvertReference, Sanitize, Store, StoreReference };

struct Options {
  Stage stage = Stage::Store;
  std::string stage_name = "store";
  size_t requests = 100;
  size_t batch_traces = 50;
};

Stage parse_stage(const std::string& s) {
  if (s == "none") return Stage::None;
  if (s == "decode") return Stage::Decode;
  if (s == "convert") return Stage::Convert;
  if (s == "convert-reference") return Stage::ConvertReference;
  if (s == "store-reference") return Stage::StoreReference;
  if (s == "sanitize") return Stage::Sanitize;
  if (s == "store") return Stage::Store;
  std::fprintf(stderr, "unknown stage %s\n", s.c_str());
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto val = [&](const char* name) -> const char* {
      size_t n = std::strlen(name);
      if (a.compare(0, n, name) == 0 && a.size() > n && a[n] == '=') return argv[i] + n + 1;
      return nullptr;
    };
    if (auto v = val("--stage")) {
      o.stage = parse_stage(v);
      o.stage_name = v;
    }
    else if (auto v = val("--requests")) o.requests = std::stoul(v);
    else if (auto v = val("--batch-traces")) o.batch_traces = std::stoul(v);
    else {
      std::fprintf(stderr, "usage: %s [--stage=none|decode|convert|convert-reference|sanitize|store|store-reference] "
                   "[--requests=N] [--batch-traces=N]\n",
                   argv[0]);
      std::exit(2);
    }
  }
  return o;
}

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  auto s = [](const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6; };
  return s(ru.ru_utime) + s(ru.ru_stime);
}

// Decodes like the gRPC receiver's ArenaMessageAllocator: one fresh arena per request.
struct DecodedRequest {
  google::protobuf::Arena arena{peregrine::receivers::otlp_arena_options()};
  OtlpExportRequest* request = google::protobuf::Arena::CreateMessage<OtlpExportRequest>(&arena);
};

}  // namespace

int main(int argc, char** argv) {
  const Options opt = parse(argc, argv);
  const auto payload = peregrine::bench::build_standard_payload(opt.batch_traces);
  std::vector<std::string> requests(opt.requests);
  for (size_t i = 0; i < opt.requests; ++i) peregrine::bench::make_request(payload, i + 1, requests[i]);
  const size_t spans = payload.spans * opt.requests;

  peregrine::common::MetricsRegistry metrics;
  auto store = std::make_shared<peregrine::storage::memory::MemoryStore>();
  peregrine::pipeline::IngestQueueOptions qopts;
  qopts.queue_size_spans = spans;  // never full: the work stays fixed (no retries)
  qopts.num_workers = 2;
  peregrine::pipeline::IngestQueue queue(qopts, store, metrics);
  queue.start();

  const double cpu0 = cpu_seconds();
  const auto t0 = std::chrono::steady_clock::now();
  size_t converted = 0;
  peregrine::model::SpanBatch recycled;
  for (size_t i = 0; i < opt.requests && opt.stage != Stage::None; ++i) {
    const std::string& bytes = requests[i];
    if (opt.stage == Stage::Store) {
      auto outcome = peregrine::receivers::ingest_otlp_protobuf(bytes, queue, "grpc", "proto", &metrics);
      if (outcome.status != peregrine::receivers::OtlpIngestStatus::Accepted) {
        std::fprintf(stderr, "ingest failed: %s\n", outcome.message.c_str());
        return 1;
      }
      converted += outcome.spans;
      while (queue.queued_spans() != 0) std::this_thread::yield();
      continue;
    }
    if (opt.stage == Stage::Convert || opt.stage == Stage::Sanitize) {
      auto result = peregrine::convert::otlp_wire_to_model(bytes, std::move(recycled));
      if (!result.converted) {
        std::fprintf(stderr, "wire decoder declined the request\n");
        return 1;
      }
      if (opt.stage == Stage::Sanitize) peregrine::pipeline::sanitize_batch(result.batch);
      converted += result.batch.size();
      recycled = std::move(result.batch);
      continue;
    }
    auto decoded = std::make_unique<DecodedRequest>();
    if (!decoded->request->ParseFromString(bytes)) {
      std::fprintf(stderr, "decode failed\n");
      return 1;
    }
    if (opt.stage == Stage::Decode) continue;
    if (opt.stage == Stage::StoreReference) {
      auto outcome = peregrine::receivers::ingest_otlp_request(std::move(*decoded->request), queue, "grpc", "proto",
                                                                &metrics);
      if (outcome.status != peregrine::receivers::OtlpIngestStatus::Accepted) {
        std::fprintf(stderr, "ingest failed: %s\n", outcome.message.c_str());
        return 1;
      }
      converted += outcome.spans;
      while (queue.queued_spans() != 0) std::this_thread::yield();
      continue;
    }
    auto result = peregrine::convert::otlp_to_model(std::move(*decoded->request));
    if (!result.ok()) {
      std::fprintf(stderr, "convert failed: %s\n", result.error.c_str());
      return 1;
    }
    converted += result.batch.size();
  }
  const size_t unwritten = queue.stop();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const double cpu = cpu_seconds() - cpu0;
  if (unwritten != 0) {
    std::fprintf(stderr, "%zu spans left unwritten\n", unwritten);
    return 1;
  }
  const size_t processed = opt.stage == Stage::None ? 0 : spans;
  std::printf("stage=%s spans=%zu converted=%zu wall_s=%.3f cpu_s=%.3f spans_per_s=%.0f cpu_us_per_span=%.3f\n",
              opt.stage_name.c_str(), processed, converted, wall, cpu, processed / wall,
              processed ? cpu * 1e6 / static_cast<double>(processed) : 0.0);
  return 0;
}
