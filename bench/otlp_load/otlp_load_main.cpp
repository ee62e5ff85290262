// peregrine-otlp-load: OTLP/gRPC load generator. Sends pre-serialized standard payloads (unique trace IDs per
// request; timestamps advancing from request to request like a live application's unless --fixed-timestamps) to
// TraceService/Export with N requests in flight, retries RESOURCE_EXHAUSTED/UNAVAILABLE (the back-pressure
// contract), and reports acknowledged spans/s. Also measures the raw protobuf decode rate of the
// identical payload in-process, so ingest can be compared with pure parsing on the same machine.
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench/otlp_load/standard_payload.hpp"
#include "opentelemetry/proto/collector/trace/v1/trace_service.pb.h"

using namespace std::chrono;
using peregrine::bench::StandardPayload;

namespace {

struct Options {
  std::string target = "127.0.0.1:4317";
  double seconds = 20;
  uint64_t max_spans = 0;  // 0 = by time only
  int in_flight = 8;
  size_t batch_traces = 50;  // 10 spans each → 500 spans per request
  bool decode_only = false;
  double decode_seconds = 3;  // 0 = skip the in-process decode measurement
  bool fixed_timestamps = false;  // every request repeats the template's timestamps (older behaviour)
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto val = [&](const char* name) -> const char* {
      size_t n = std::strlen(name);
      if (a.compare(0, n, name) == 0 && a.size() > n && a[n] == '=') return argv[i] + n + 1;
      return nullptr;
    };
    if (auto v = val("--target")) o.target = v;
    else if (auto v = val("--seconds")) o.seconds = std::stod(v);
    else if (auto v = val("--max-spans")) o.max_spans = std::stoull(v);
    else if (auto v = val("--in-flight")) o.in_flight = std::stoi(v);
    else if (auto v = val("--batch-traces")) o.batch_traces = std::stoul(v);
    else if (auto v = val("--decode-seconds")) o.decode_seconds = std::stod(v);
    else if (a == "--decode-only") o.decode_only = true;
    else if (a == "--fixed-timestamps") o.fixed_timestamps = true;
    else {
      std::fprintf(stderr,
                   "usage: %s [--target=host:port] [--seconds=N] [--max-spans=N] [--in-flight=N] [--batch-traces=N] "
                   "[--decode-seconds=S] [--decode-only] [--fixed-timestamps]\n",
                   argv[0]);
      std::exit(2);
    }
  }
  return o;
}

double decode_rate(const StandardPayload& p, double budget_seconds) {
  opentelemetry::proto::collector::trace::v1::ExportTraceServiceRequest req;
  auto start = steady_clock::now();
  size_t spans = 0;
  const auto budget = duration_cast<steady_clock::duration>(duration<double>(budget_seconds));
  while (steady_clock::now() - start < budget) {
    for (int k = 0; k < 10; ++k) {
      req.Clear();
      if (!req.ParseFromString(p.bytes)) std::abort();
      spans += p.spans;
    }
  }
  return spans / duration<double>(steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  Options opt = parse(argc, argv);
  StandardPayload payload = peregrine::bench::build_standard_payload(opt.batch_traces);
  std::printf("payload: %zu spans, %zu bytes per request (%.0f bytes/span)\n", payload.spans, payload.bytes.size(),
              double(payload.bytes.size()) / payload.spans);
  double decode = 0;
  if (opt.decode_seconds > 0) {
    decode = decode_rate(payload, opt.decode_seconds);
    std::printf("raw protobuf decode (1 thread): %.0f spans/s\n", decode);
  }
  if (opt.decode_only) return 0;

  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(64 << 20);
  auto channel = grpc::CreateCustomChannel(opt.target, grpc::InsecureChannelCredentials(), args);
  if (!channel->WaitForConnected(system_clock::now() + seconds(10))) {
    std::fprintf(stderr, "cannot connect to %s\n", opt.target.c_str());
    return 1;
  }
  grpc::GenericStub stub(channel);
  const std::string method = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

  std::mutex mu;
  std::condition_variable cv;
  int outstanding = 0;
  std::atomic<uint64_t> acked_spans{0}, retries{0}, failures{0};
  std::atomic<uint64_t> sequence{1};
  std::atomic<bool> stop{false};
  auto start = steady_clock::now();
  auto deadline = start + duration_cast<steady_clock::duration>(duration<double>(opt.seconds));

  struct Call {
    grpc::ClientContext ctx;
    grpc::ByteBuffer request;
    grpc::ByteBuffer response;
  };
  std::function<void(uint64_t)> send;
  send = [&](uint64_t seq) {
    auto call = std::make_shared<Call>();
    std::string bytes;
    peregrine::bench::make_request(payload, seq, bytes, !opt.fixed_timestamps);
    grpc::Slice slice(bytes);
    call->request = grpc::ByteBuffer(&slice, 1);
    call->ctx.set_deadline(system_clock::now() + seconds(30));
    stub.UnaryCall(&call->ctx, method, grpc::StubOptions(), &call->request, &call->response,
                   [&, call, seq](grpc::Status st) {
                     bool resend_same = false;
                     if (st.ok()) {
                       acked_spans += payload.spans;
                     } else if (st.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED ||
                                st.error_code() == grpc::StatusCode::UNAVAILABLE) {
                       ++retries;
                       resend_same = true;  // the client's retry: same spans again
                     } else {
                       ++failures;
                       std::fprintf(stderr, "export failed: %d %s\n", st.error_code(), st.error_message().c_str());
                     }
                     bool more = !stop.load() && steady_clock::now() < deadline &&
                                 (opt.max_spans == 0 || acked_spans.load() < opt.max_spans);
                     if (resend_same && !stop.load()) {
                       std::this_thread::sleep_for(milliseconds(2));  // client back-off before retrying
                       send(seq);
                       return;
                     }
                     if (more) {
                       send(sequence++);
                       return;
                     }
                     std::lock_guard lk(mu);
                     --outstanding;
                     cv.notify_all();
                   });
  };
  {
    std::lock_guard lk(mu);
    outstanding = opt.in_flight;
  }
  for (int i = 0; i < opt.in_flight; ++i) send(sequence++);
  {
    std::unique_lock lk(mu);
    cv.wait(lk, [&] { return outstanding == 0; });
  }
  double secs = duration<double>(steady_clock::now() - start).count();
  double rate = acked_spans.load() / secs;
  std::printf("ingest: %llu spans acknowledged in %.2f s = %.0f spans/s (retries after back-pressure: %llu, "
              "failures: %llu)\n",
              static_cast<unsigned long long>(acked_spans.load()), secs, rate,
              static_cast<unsigned long long>(retries.load()), static_cast<unsigned long long>(failures.load()));
  if (decode > 0) std::printf("ingest / decode ratio: %.0f%%\n", 100.0 * rate / decode);
  std::printf("RESULT acked_spans=%llu rate=%.0f decode_rate=%.0f failures=%llu\n",
              static_cast<unsigned long long>(acked_spans.load()), rate, decode,
              static_cast<unsigned long long>(failures.load()));
  return failures.load() == 0 ? 0 : 1;
}
