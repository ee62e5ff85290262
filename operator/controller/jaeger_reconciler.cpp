// Reconcile of one Jaeger: render, plan, write, record events, update status.
#include "operator/controller/jaeger_reconciler.hpp"

#include <spdlog/spdlog.h>

#include "operator/controller/object_diff.hpp"
#include "operator/controller/ownership.hpp"
#include "operator/kube/k8s_time.hpp"
#include "operator/kube/object_key.hpp"
#include "operator/kube/well_known_resources.hpp"
#include "operator/render/render.hpp"

namespace peregrine::controller {

namespace {

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

ObjectPtr share(Json object) { return std::make_shared<const Json>(std::move(object)); }

int64_t generation_of(const Json& object) {
  const auto meta = object.find("metadata");
  if (meta == object.end() || !meta->is_object()) return 0;
  const auto it = meta->find("generation");
  return it != meta->end() && it->is_number() ? it->get<int64_t>() : 0;
}

const Json& status_of(const Json& object) {
  static const Json kNone;
  const auto it = object.find("status");
  return it == object.end() ? kNone : *it;
}

}  // namespace

void declare_controller_api_calls(const std::vector<OwnedKind>& kinds) {
  auto& declared = kube::DeclaredApiCalls::global();
  declared.declare({"get", "list", "watch"}, kJaegerResource);
  declared.declare({"get", "update"}, kJaegerResource, "status");
  for (const auto& kind : kinds) declared.declare({"get", "list", "watch", "create", "update", "delete"}, kind.resource);
  declared.declare({"create"}, kube::resources::kEvents);
}

JaegerReconciler::JaegerReconciler(std::shared_ptr<const kube::RestClient> client, const ControllerCaches& caches,
                                   RecentWrites& recent_writes, EventRecorder& events, ReconcilerConfig config)
    : client_(std::move(client)),
      caches_(caches),
      recent_writes_(recent_writes),
      events_(events),
      config_(std::move(config)) {
  declare_controller_api_calls(caches_.kinds());
}

ObjectPtr JaegerReconciler::fresh(const OwnedKind& kind, const std::string& ns, const std::string& name) const {
  return recent_writes_.resolve(recent_write_key(kind.resource, ns, name), caches_.owned(kind, ns, name));
}

kube::ProcessResult JaegerReconciler::reconcile(const std::string& key) {
  const auto [ns, name] = kube::split_object_key(key);
  const ObjectPtr cr = recent_writes_.resolve(recent_write_key(kJaegerResource, ns, name), caches_.jaeger(ns, name));
  if (!cr || is_being_deleted(*cr)) return remove_children(ns, name);
  const Json& jaeger = *cr;

  StatusInput status_input;
  status_input.operator_version = config_.operator_version;
  status_input.generation = generation_of(jaeger);
  status_input.now = kube::format_time(std::chrono::system_clock::now());

  operator_render::RenderContext context = config_.render_context;
  context.default_namespace = ns;
  const operator_render::RenderOutcome rendered = operator_render::render_cr(jaeger, context);
  ReconcilePlan plan;
  if (rendered.ok()) plan = plan_reconcile(rendered.objects, observe(rendered.objects, ns, name), caches_.kinds());
  if (!rendered.ok() || !plan.errors.empty()) {
    const std::string message = "invalid Jaeger " + key + ": " + join(rendered.ok() ? plan.errors : rendered.errors, "; ");
    status_input.result = {ReconcileResult::Kind::InvalidSpec, message};
    const EventSpec event{kEventWarning, "InvalidSpec", message};
    spdlog::warn("{}", message);
    // Nothing is applied: the spec has to change, which enqueues the CR again.
    return write_status(jaeger, status_input, &event) ? kube::ProcessResult::done() : kube::ProcessResult::retry();
  }

  const PlanSummary summary = summarize(plan);
  if (!plan.empty()) {
    spdlog::info("reconciling Jaeger {}: {} to create, {} to update, {} to delete", key, summary.creates,
                 summary.updates, summary.deletes);
  }
  const Execution execution = execute(plan, jaeger);
  if (!execution.failures.empty()) {
    const std::string message = join(execution.failures, "; ");
    status_input.result = {ReconcileResult::Kind::ApplyFailed, message};
    const EventSpec event{kEventWarning, "ReconcileFailed", message};
    spdlog::warn("reconcile of Jaeger {} failed: {}", key, message);
    write_status(jaeger, status_input, &event);
    return kube::ProcessResult::retry();
  }
  status_input.result = {ReconcileResult::Kind::Applied, ""};
  status_input.availability = workloads_availability(workloads(rendered.objects, ns));
  const bool status_written = write_status(jaeger, status_input, nullptr);
  return execution.requeue || !status_written ? kube::ProcessResult::retry() : kube::ProcessResult::done();
}

std::map<ObjectId, Json> JaegerReconciler::observe(const std::vector<Json>& desired, const std::string& ns,
                                                   const std::string& name) const {
  std::map<ObjectId, Json> observed;
  for (const auto& [kind_name, object_name] : caches_.owned_by(kube::object_key(ns, name))) {
    const OwnedKind* kind = caches_.kind_named(kind_name);
    if (kind == nullptr) continue;
    const ObjectPtr current = fresh(*kind, ns, object_name);
    if (current && belongs_to_jaeger(*current, name)) observed.emplace(ObjectId{kind_name, ns, object_name}, *current);
  }
  // Objects created by this controller that the cache does not show yet, and desired names held by
  // objects that lost the operator's labels.
  for (const auto& object : desired) {
    const auto kind = owned_kind_for(caches_.kinds(), object.value("apiVersion", ""), object.value("kind", ""));
    if (!kind) continue;
    const ObjectId id{kind->kind, ns, kube::object_name(object)};
    if (observed.count(id) != 0) continue;
    if (const ObjectPtr current = fresh(*kind, ns, id.name)) observed.emplace(id, *current);
  }
  return observed;
}

JaegerReconciler::Execution JaegerReconciler::execute(const ReconcilePlan& plan, const Json& jaeger) {
  Execution execution;
  for (const auto& action : plan.actions) {
    switch (action.type) {
      case ActionType::Create:
        create(action, jaeger, execution);
        break;
      case ActionType::Update:
        update(action.kind, action.id, action.object, action.reason, jaeger, execution);
        break;
      case ActionType::Delete:
        remove(action, &jaeger, execution);
        break;
    }
  }
  return execution;
}

bool JaegerReconciler::create(const PlannedAction& action, const Json& jaeger, Execution& execution) {
  const std::string key = recent_write_key(action.kind.resource, action.id.ns, action.id.name);
  try {
    const Json created = client_->create(action.kind.resource, action.id.ns, action.object);
    recent_writes_.record_write(key, share(created));
    events_.record(jaeger, {kEventNormal, "Created", "Created " + action.id.kind + " " + action.id.name});
    return true;
  } catch (const kube::ApiError& e) {
    if (!e.is_already_exists()) {
      execution.failures.push_back("create " + to_string(action.id) + ": " + e.message());
      return false;
    }
  } catch (const kube::KubeError& e) {
    execution.failures.push_back("create " + to_string(action.id) + ": " + e.what());
    return false;
  }
  // It exists although neither the cache nor our writes show it (cache lag, or it lost the operator's labels
  // and left the filtered cache): read it and bring it in line.
  try {
    const auto existing = client_->get_if_exists(action.kind.resource, action.id.ns, action.id.name);
    if (!existing || is_being_deleted(*existing)) {
      execution.requeue = true;  // going away: create it once it is gone
      return false;
    }
    recent_writes_.record_write(key, share(*existing));
    const std::string reason = update_reason(action.object, *existing);
    if (reason.empty()) return true;
    if (update_method_for_kind(action.kind.kind) == UpdateMethod::Recreate) {
      PlannedAction replace{ActionType::Delete, action.kind, action.id, *existing, "changed " + reason + ", recreating"};
      remove(replace, &jaeger, execution);
      execution.requeue = true;
      return false;
    }
    return update(action.kind, action.id, merge_for_update(action.object, *existing), reason, jaeger, execution);
  } catch (const kube::KubeError& e) {
    execution.failures.push_back("read " + to_string(action.id) + ": " + e.what());
    return false;
  }
}

bool JaegerReconciler::update(const OwnedKind& kind, const ObjectId& id, const Json& merged, const std::string& reason,
                              const Json& jaeger, Execution& execution) {
  try {
    const Json updated = client_->update(kind.resource, id.ns, merged);
    recent_writes_.record_write(recent_write_key(kind.resource, id.ns, id.name), share(updated));
    events_.record(jaeger, {kEventNormal, "Updated", "Updated " + id.kind + " " + id.name + " (" + reason + " differed)"});
    return true;
  } catch (const kube::ApiError& e) {
    if (e.is_conflict() || e.is_not_found()) {
      execution.requeue = true;  // the cache was stale: re-read and re-plan
      return false;
    }
    execution.failures.push_back("update " + to_string(id) + ": " + e.message());
  } catch (const kube::KubeError& e) {
    execution.failures.push_back("update " + to_string(id) + ": " + e.what());
  }
  return false;
}

bool JaegerReconciler::remove(const PlannedAction& action, const Json* jaeger, Execution& execution) {
  const std::string key = recent_write_key(action.kind.resource, action.id.ns, action.id.name);
  kube::DeleteOptions options;
  options.propagation_policy = "Background";
  options.precondition_uid = kube::object_uid(action.object);
  try {
    client_->remove(action.kind.resource, action.id.ns, action.id.name, options);
    recent_writes_.record_delete(key, kube::object_resource_version(action.object));
    spdlog::info("deleted {}: {}", to_string(action.id), action.reason);
    if (jaeger) {
      events_.record(*jaeger, {kEventNormal, "Deleted", "Deleted " + action.id.kind + " " + action.id.name + " (" +
                                                            action.reason + ")"});
    }
    return true;
  } catch (const kube::ApiError& e) {
    if (e.is_not_found()) {
      recent_writes_.record_delete(key, kube::object_resource_version(action.object));
      return true;
    }
    if (e.is_conflict()) {  // the uid precondition failed: a new object took the name
      execution.requeue = true;
      return false;
    }
    execution.failures.push_back("delete " + to_string(action.id) + ": " + e.message());
  } catch (const kube::KubeError& e) {
    execution.failures.push_back("delete " + to_string(action.id) + ": " + e.what());
  }
  return false;
}

kube::ProcessResult JaegerReconciler::remove_children(const std::string& ns, const std::string& name) {
  Execution execution;
  for (const auto& [kind_name, object_name] : caches_.owned_by(kube::object_key(ns, name))) {
    const OwnedKind* kind = caches_.kind_named(kind_name);
    if (kind == nullptr) continue;
    const ObjectPtr current = fresh(*kind, ns, object_name);
    if (!current || is_being_deleted(*current) || !belongs_to_jaeger(*current, name)) continue;
    const PlannedAction action{ActionType::Delete, *kind, ObjectId{kind_name, ns, object_name}, *current,
                               "Jaeger deleted"};
    remove(action, nullptr, execution);
  }
  if (!execution.failures.empty()) {
    spdlog::warn("cleanup after Jaeger {}/{} failed: {}", ns, name, join(execution.failures, "; "));
    return kube::ProcessResult::retry();
  }
  return execution.requeue ? kube::ProcessResult::retry() : kube::ProcessResult::done();
}

std::vector<Json> JaegerReconciler::workloads(const std::vector<Json>& desired, const std::string& ns) const {
  std::vector<Json> found;
  for (const auto& object : desired) {
    const std::string kind_name = object.value("kind", "");
    if (kind_name != "Deployment" && kind_name != "DaemonSet") continue;
    const auto kind = owned_kind_for(caches_.kinds(), object.value("apiVersion", ""), kind_name);
    if (!kind) continue;
    const ObjectPtr current = fresh(*kind, ns, kube::object_name(object));
    found.push_back(current ? *current : object);
  }
  return found;
}

bool JaegerReconciler::write_status(const Json& jaeger, const StatusInput& input, const EventSpec* failure_event) {
  const Json& previous = status_of(jaeger);
  Json status = compute_status(previous, input);
  if (!status_changed(previous, status)) return true;
  Json updated = jaeger;
  updated["status"] = std::move(status);
  const std::string ns = kube::object_namespace(jaeger);
  const std::string name = kube::object_name(jaeger);
  try {
    const Json written = client_->update_status(kJaegerResource, ns, updated);
    recent_writes_.record_write(recent_write_key(kJaegerResource, ns, name), share(written));
    // Failures are announced once per change of the reported status, not on every retry.
    if (failure_event) events_.record(jaeger, *failure_event);
    return true;
  } catch (const kube::ApiError& e) {
    if (e.is_not_found()) return true;  // deleted meanwhile
    if (!e.is_conflict()) spdlog::warn("status of Jaeger {}/{} not written: {}", ns, name, e.message());
  } catch (const kube::KubeError& e) {
    spdlog::warn("status of Jaeger {}/{} not written: {}", ns, name, e.what());
  }
  return false;
}

}  // namespace peregrine::controller
