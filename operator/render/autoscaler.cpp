// HPA rendering (pkg/deployment/autoscale.go of the Jaeger operator).
#include "operator/render/autoscaler.hpp"

#include "operator/render/k8s_json.hpp"
#include "operator/render/merged_spec.hpp"

namespace peregrine::operator_render {

namespace {

Json utilization_metric(const char* resource) {
  return {{"type", "Resource"},
          {"resource",
           {{"name", resource}, {"target", {{"type", "Utilization"}, {"averageUtilization", kDefaultAverageUtilization}}}}}};
}

std::optional<Json> autoscaler(const Instance& instance, const std::string& component,
                               const std::optional<std::int32_t>& replicas, const operator_api::AutoScaleSpec& autoscale,
                               const operator_api::CommonSpec& common) {
  // Fixed replicas, or autoscaling explicitly off: the Deployment keeps its own count.
  if (replicas.has_value()) return std::nullopt;
  if (autoscale.autoscale.has_value() && !*autoscale.autoscale) return std::nullopt;

  const std::string name = instance.name() + "-" + component;
  MergedSpec merged =
      merge_specs({&common, &instance.spec().common}, component_labels(instance, name, "hpa-" + component));
  Json spec{{"scaleTargetRef", {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"name", name}}},
            {"maxReplicas", autoscale.max_replicas.value_or(kDefaultMaxReplicas)},
            {"metrics", Json::array({utilization_metric("cpu"), utilization_metric("memory")})}};
  if (autoscale.min_replicas) spec["minReplicas"] = *autoscale.min_replicas;

  Json hpa = k8s_object(instance.context.autoscaling_api_version, "HorizontalPodAutoscaler",
                        object_meta(instance, name, merged.labels, merged.annotations));
  hpa["spec"] = spec;
  return hpa;
}

}  // namespace

std::optional<Json> render_collector_autoscaler(const Instance& instance) {
  const auto& collector = instance.spec().collector;
  return autoscaler(instance, "collector", collector.replicas, collector.autoscale, collector.common);
}

std::optional<Json> render_ingester_autoscaler(const Instance& instance) {
  if (instance.spec().strategy != operator_api::DeploymentStrategy::Streaming) return std::nullopt;
  const auto& ingester = instance.spec().ingester;
  return autoscaler(instance, "ingester", ingester.replicas, ingester.autoscale, ingester.common);
}

}  // namespace peregrine::operator_render
