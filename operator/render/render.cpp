// Assembles the objects of one Jaeger instance according to its deployment strategy
// (pkg/strategy/{all_in_one,production,streaming}.go of the Jaeger operator).
#include "operator/render/render.hpp"

#include "operator/api/load.hpp"
#include "operator/render/agent_daemonset.hpp"
#include "operator/render/autoscaler.hpp"
#include "operator/render/configmaps.hpp"
#include "operator/render/cronjobs.hpp"
#include "operator/render/deployments.hpp"
#include "operator/render/ingress.hpp"
#include "operator/render/instance.hpp"
#include "operator/render/service_account.hpp"
#include "operator/render/services.hpp"
#include "operator/render/storage_jobs.hpp"

namespace peregrine::operator_render {

namespace {

using operator_api::DeploymentStrategy;

void add(std::vector<Json>& objects, std::optional<Json> object) {
  if (object) objects.push_back(std::move(*object));
}

}  // namespace

std::vector<Json> render(const operator_api::Jaeger& jaeger, const RenderContext& context) {
  const Instance instance(jaeger, context);
  const bool all_in_one = jaeger.spec.strategy == DeploymentStrategy::AllInOne;
  std::vector<Json> objects;

  objects.push_back(render_service_account(instance));
  add(objects, render_ui_config_map(instance));
  add(objects, render_sampling_config_map(instance));
  add(objects, render_cassandra_schema_job(instance));
  add(objects, render_es_rollover_mapping_job(instance));

  if (all_in_one) {
    const StringMap selector = all_in_one_labels(instance);
    const int admin_port = all_in_one_admin_port(instance);
    for (auto& service : render_collector_services(instance, selector, admin_port)) objects.push_back(std::move(service));
    objects.push_back(render_query_service(instance, selector, admin_port));
    objects.push_back(render_agent_service(instance, selector));
    objects.push_back(render_all_in_one_deployment(instance));
  } else {
    for (auto& service : render_collector_services(instance, collector_labels(instance), collector_admin_port(instance))) {
      objects.push_back(std::move(service));
    }
    objects.push_back(render_query_service(instance, query_labels(instance), query_admin_port(instance)));
    objects.push_back(render_collector_deployment(instance));
    objects.push_back(render_query_deployment(instance));
    add(objects, render_ingester_deployment(instance));
  }
  add(objects, render_agent_daemonset(instance));
  if (!all_in_one) {
    add(objects, render_collector_autoscaler(instance));
    add(objects, render_ingester_autoscaler(instance));
  }
  add(objects, render_query_ingress(instance));
  add(objects, render_spark_dependencies(instance));
  add(objects, render_es_index_cleaner(instance));
  for (auto& cronjob : render_es_rollover_cronjobs(instance)) objects.push_back(std::move(cronjob));
  return objects;
}

RenderOutcome render_cr(const Json& document, const RenderContext& context) {
  RenderOutcome outcome;
  operator_api::LoadResult loaded = operator_api::load_jaeger(document);
  if (!loaded.ok()) {
    outcome.errors = std::move(loaded.errors);
    return outcome;
  }
  outcome.objects = render(*loaded.jaeger, context);
  return outcome;
}

}  // namespace peregrine::operator_render
