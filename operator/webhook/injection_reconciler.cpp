// Reconcile mode of sidecar injection (see injection_reconciler.hpp).
#include "operator/webhook/injection_reconciler.hpp"

#include <spdlog/spdlog.h>

#include "operator/kube/api_error.hpp"
#include "operator/webhook/injection_constants.hpp"
#include "operator/webhook/workload_injector.hpp"

namespace peregrine::operator_webhook {

namespace {

std::string work_key(WorkloadKind kind, const std::string& ns, const std::string& name) {
  return workload_kind_info(kind).kind_name + "/" + ns + "/" + name;
}

struct WorkKey {
  WorkloadKind kind;
  std::string ns;
  std::string name;
};

std::optional<WorkKey> parse_work_key(const std::string& key) {
  const auto first = key.find('/');
  const auto second = first == std::string::npos ? first : key.find('/', first + 1);
  if (second == std::string::npos) return std::nullopt;
  const auto kind = workload_kind_of("apps/v1", key.substr(0, first));
  if (!kind) return std::nullopt;
  return WorkKey{*kind, key.substr(first + 1, second - first - 1), key.substr(second + 1)};
}

std::string event_message(const InjectionDecision& decision) {
  switch (decision.action) {
    case InjectionAction::Inject:
      return "jaeger-agent sidecar reports to Jaeger " + decision.instance->namespace_name + "/" +
             decision.instance->name + " (" + decision.reason + ")";
    case InjectionAction::Remove:
      return "jaeger-agent sidecar removed: " + decision.reason;
    case InjectionAction::Leave:
      break;
  }
  return "no jaeger-agent sidecar injected: " + decision.reason;
}

}  // namespace

InjectionReconciler::InjectionReconciler(std::shared_ptr<const kube::RestClient> client,
                                         ClusterInjectionContext& context, InjectionReconcilerOptions options)
    : client_(std::move(client)),
      context_(context),
      options_(std::move(options)),
      events_(client_, options_.reporting_instance) {
  for (const auto& info : workload_kinds()) {
    kube::InformerOptions informer_options;
    informer_options.gvr = info.gvr;
    informer_options.namespaces = options_.watch_namespaces;
    informer_options.name = "webhook-" + info.gvr.resource;
    auto informer = std::make_unique<kube::Informer>(client_, informer_options);
    const WorkloadKind kind = info.kind;
    kube::InformerHandlers handlers;
    handlers.on_add = [this, kind](const kube::ObjectPtr& object) { enqueue_if_relevant(kind, *object); };
    handlers.on_update = [this, kind](const kube::ObjectPtr&, const kube::ObjectPtr& object) {
      enqueue_if_relevant(kind, *object);
    };
    handlers.on_delete = [this](const kube::ObjectPtr& object) {
      std::lock_guard lock(warnings_mutex_);
      last_warning_.erase(metadata_string(*object, "uid"));
    };
    informer->add_handlers(std::move(handlers));
    informers_[kind] = std::move(informer);
  }
  context_.add_instance_listener([this] { enqueue_all(); });
  context_.add_namespace_listener([this](const std::string& ns) { enqueue_all(ns); });
}

InjectionReconciler::~InjectionReconciler() { stop(); }

kube::Informer& InjectionReconciler::informer_for(WorkloadKind kind) { return *informers_.at(kind); }

void InjectionReconciler::start() {
  if (started_.exchange(true)) return;
  for (auto& [kind, informer] : informers_) informer->start();
  starter_ = std::thread([this] { start_workers_when_synced(); });
}

void InjectionReconciler::start_workers_when_synced() {
  const auto step = std::chrono::milliseconds(100);
  for (auto& [kind, informer] : informers_) {
    while (!informer->wait_for_sync(step)) {
      if (stop_.stop_requested()) return;
    }
  }
  while (!context_.wait_for_sync(step)) {
    if (stop_.stop_requested()) return;
  }
  if (stop_.stop_requested()) return;
  workers_ = std::make_unique<kube::WorkerPool>(queue_, std::max(1, options_.workers),
                                                [this](const std::string& key) { return process(key); });
  workers_->start();
  workers_running_ = true;
  enqueue_all();
  spdlog::info("webhook: sidecar injection reconciler running");
}

void InjectionReconciler::stop() {
  stop_.request_stop();
  if (starter_.joinable()) starter_.join();
  queue_.shut_down();
  if (workers_) workers_->stop();
  workers_running_ = false;
  for (auto& [kind, informer] : informers_) informer->stop();
}

InjectionReconcilerStats InjectionReconciler::stats() const {
  return {evaluations_.load(), patches_.load(), conflicts_.load(), errors_.load()};
}

bool InjectionReconciler::relevant(const nlohmann::json& workload) const {
  if (metadata_annotations(workload).count(kInjectAnnotation) > 0) return true;
  if (metadata_labels(workload).count(kInjectedLabel) > 0) return true;
  const auto ns_annotations = context_.namespace_annotations(metadata_string(workload, "namespace"));
  return ns_annotations && ns_annotations->count(kInjectAnnotation) > 0;
}

void InjectionReconciler::enqueue_if_relevant(WorkloadKind kind, const nlohmann::json& workload) {
  if (!relevant(workload)) return;
  queue_.add(work_key(kind, metadata_string(workload, "namespace"), metadata_string(workload, "name")));
}

void InjectionReconciler::enqueue_all(const std::string& only_namespace) {
  for (auto& [kind, informer] : informers_) {
    for (const auto& object : informer->list(only_namespace)) enqueue_if_relevant(kind, *object);
  }
}

kube::ProcessResult InjectionReconciler::process(const std::string& key) {
  const auto parsed = parse_work_key(key);
  if (!parsed) return kube::ProcessResult::done();
  const kube::ObjectPtr cached = informer_for(parsed->kind).get(parsed->ns, parsed->name);
  if (!cached) return kube::ProcessResult::done();

  nlohmann::json workload = *cached;
  const WorkloadKindInfo& info = workload_kind_info(parsed->kind);
  if (!workload.contains("apiVersion")) workload["apiVersion"] = info.gvr.api_version();
  if (!workload.contains("kind")) workload["kind"] = info.kind_name;
  const std::vector<AgentProfile> instances = context_.jaeger_instances();
  const InjectionOutcome outcome = evaluate_injection(
      InjectionInput{workload, parsed->ns, context_.namespace_annotations(parsed->ns), instances});
  evaluations_.fetch_add(1);
  const std::string uid = metadata_string(workload, "uid");

  if (outcome.changed()) {
    nlohmann::json patch = nlohmann::json::array(
        {{{"op", "test"}, {"path", "/metadata/resourceVersion"}, {"value", metadata_string(workload, "resourceVersion")}}});
    for (const auto& operation : outcome.patch) patch.push_back(operation);
    kube::WriteOptions write;
    write.field_manager = options_.field_manager;
    try {
      client_->patch(info.gvr, parsed->ns, parsed->name, kube::PatchType::Json, patch, write);
    } catch (const kube::ApiError& e) {
      if (e.is_not_found()) return kube::ProcessResult::done();
      if (e.is_conflict() || e.code() == 422) {
        conflicts_.fetch_add(1);  // the cache was behind: evaluate again once it caught up
      } else {
        errors_.fetch_add(1);
        spdlog::warn("webhook: cannot patch {} {}/{}: {}", info.kind_name, parsed->ns, parsed->name, e.what());
      }
      return kube::ProcessResult::retry();
    }
    patches_.fetch_add(1);
    const bool refresh = outcome.decision.action == InjectionAction::Inject &&
                         metadata_labels(workload).count(kInjectedLabel) > 0;
    spdlog::info("webhook: {} {}/{}: {}", info.kind_name, parsed->ns, parsed->name, event_message(outcome.decision));
    events_.record(outcome.mutated,
                   {false, refresh ? "SidecarUpdated" : outcome.decision.event_reason, event_message(outcome.decision)});
    std::lock_guard lock(warnings_mutex_);
    last_warning_.erase(uid);
    return kube::ProcessResult::done();
  }

  if (outcome.decision.warning) {
    {
      std::lock_guard lock(warnings_mutex_);
      auto& last = last_warning_[uid];
      if (last == outcome.decision.reason) return kube::ProcessResult::done();
      last = outcome.decision.reason;
    }
    events_.record(workload, {true, outcome.decision.event_reason, event_message(outcome.decision)});
  } else {
    std::lock_guard lock(warnings_mutex_);
    last_warning_.erase(uid);
  }
  return kube::ProcessResult::done();
}

}  // namespace peregrine::operator_webhook
