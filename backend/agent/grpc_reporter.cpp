// gRPC reporter from the agent to collectors (see grpc_reporter.hpp).
#include "backend/agent/grpc_reporter.hpp"

#include <grpcpp/client_context.h>
#include <spdlog/spdlog.h>

#include <map>
#include <thread>

#include "backend/agent/sink_reporter.hpp"
#include "backend/convert/jaeger/jaeger_proto.hpp"

namespace peregrine::agent {
namespace {

bool retryable(grpc::StatusCode code) {
  return code == grpc::StatusCode::UNAVAILABLE || code == grpc::StatusCode::RESOURCE_EXHAUSTED ||
         code == grpc::StatusCode::DEADLINE_EXCEEDED || code == grpc::StatusCode::ABORTED;
}

}  // namespace

model::SpanBatch with_agent_tags(model::SpanBatch&& spans, const model::KeyValues& tags) {
  if (tags.empty()) return std::move(spans);
  std::map<const model::Process*, model::ProcessPtr> replaced;
  for (auto& s : spans) {
    const model::Process* key = s.process.get();
    auto it = replaced.find(key);
    if (it == replaced.end()) {
      auto p = std::make_shared<model::Process>(s.process ? *s.process : model::Process{});
      p->tags.insert(p->tags.end(), tags.begin(), tags.end());
      it = replaced.emplace(key, std::move(p)).first;
    }
    s.process = it->second;
  }
  return std::move(spans);
}

GrpcReporter::GrpcReporter(std::vector<std::shared_ptr<grpc::Channel>> channels, model::KeyValues agent_tags,
                           GrpcReporterOptions options, common::MetricsRegistry& metrics)
    : agent_tags_(std::move(agent_tags)), options_(options), metrics_(metrics) {
  for (auto& c : channels) stubs_.push_back(jaeger::api_v2::CollectorService::NewStub(c));
}

void GrpcReporter::emit_batch(model::SpanBatch&& spans, const std::string& format) {
  size_t n = spans.size();
  if (n == 0 || stubs_.empty()) return;
  jaeger::api_v2::PostSpansRequest request;
  *request.mutable_batch() = convert::jaeger_batch_to_proto(with_agent_tags(std::move(spans), agent_tags_));
  auto backoff = options_.initial_backoff;
  grpc::Status status;
  for (int attempt = 0; attempt <= options_.retry_max; ++attempt) {
    auto& stub = stubs_[next_.fetch_add(1) % stubs_.size()];
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + options_.call_timeout);
    jaeger::api_v2::PostSpansResponse response;
    status = stub->PostSpans(&context, request, &response);
    if (status.ok() || !retryable(status.error_code())) break;
    if (attempt < options_.retry_max) {
      std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, options_.max_backoff);
    }
  }
  if (!status.ok())
    spdlog::error("could not send batch of {} spans to the collector: {} ({})", n, status.error_message(),
                  static_cast<int>(status.error_code()));
  count_reporter_result(metrics_, format, "grpc", n, status.ok());
}

}  // namespace peregrine::agent
