// Elasticsearch maintenance CronJobs (pkg/cronjob/es_index_cleaner.go and es_rollover.go).
#include <chrono>

#include "operator/api/go_duration.hpp"
#include "operator/render/cronjobs.hpp"
#include "operator/render/es_script_env.hpp"
#include "operator/render/images.hpp"
#include "operator/render/k8s_json.hpp"
#include "operator/render/merged_spec.hpp"
#include "operator/render/naming.hpp"
#include "operator/render/workload.hpp"

namespace peregrine::operator_render {

namespace {

using operator_api::StorageType;

// CronJob names are limited to 52 characters (the controller appends a timestamp to job names).
constexpr std::size_t kCronJobNameMax = 52;

Json cron_job(const Instance& instance, Json metadata, const std::string& schedule,
              const std::optional<std::int32_t>& history_limit, bool forbid_concurrency, Json job_spec) {
  Json spec{{"schedule", schedule}, {"jobTemplate", {{"spec", std::move(job_spec)}}}};
  if (history_limit) spec["successfulJobsHistoryLimit"] = *history_limit;
  if (forbid_concurrency) spec["concurrencyPolicy"] = "Forbid";
  Json object = k8s_object(instance.context.cronjob_api_version, "CronJob", std::move(metadata));
  object["spec"] = std::move(spec);
  return object;
}

// The lookback window as the rollover script wants it: whole hours, else whole minutes, else seconds.
std::pair<std::string, std::int64_t> lookback_units(std::chrono::nanoseconds duration) {
  using namespace std::chrono;
  if (duration % hours(1) == nanoseconds(0)) return {"hours", duration_cast<hours>(duration).count()};
  if (duration % minutes(1) == nanoseconds(0)) return {"minutes", duration_cast<minutes>(duration).count()};
  return {"seconds", duration_cast<seconds>(duration + milliseconds(500)).count()};
}

// Pod template shared by the rollover and lookback jobs.
Json rollover_pod_template(const Instance& instance, const std::string& name, const std::string& action, Json env) {
  const auto& spec = instance.spec();
  const auto& rollover = spec.storage.es_rollover;
  MergedSpec merged = merge_specs({&rollover.common, &spec.common}, {{"sidecar.istio.io/inject", "false"}},
                                  {{"prometheus.io/scrape", "false"}, {"linkerd.io/inject", "disabled"}});
  ContainerParts container;
  container.name = dns_name(name);
  container.image = resolve_image(rollover.image, ImageComponent::EsRollover, instance.context);
  container.args = {action, first_elasticsearch_url(spec.storage.options)};
  container.env = without_empty_env(env);
  container.env_from = env_from_secret(spec.storage.secret_name);

  Json pod_spec{{"containers", Json::array({build_container(container, merged)})}, {"restartPolicy", "OnFailure"}};
  put_pod_common(pod_spec, instance, merged);
  return {{"metadata", {{"labels", string_map_json(merged.labels)}, {"annotations", string_map_json(merged.annotations)}}},
          {"spec", pod_spec}};
}

}  // namespace

std::optional<Json> render_es_index_cleaner(const Instance& instance) {
  const auto& spec = instance.spec();
  const auto& cleaner = spec.storage.es_index_cleaner;
  if (!cleaner.enabled.value_or(false) || spec.storage.type != StorageType::Elasticsearch) return std::nullopt;

  const std::string name = truncate_name(instance.name(), "-es-index-cleaner", kCronJobNameMax);
  MergedSpec merged = merge_specs(
      {&cleaner.common, &spec.common}, component_labels(instance, name, "cronjob-es-index-cleaner"),
      {{"prometheus.io/scrape", "false"}, {"sidecar.istio.io/inject", "false"}, {"linkerd.io/inject", "disabled"}});

  Json env = es_script_env(spec.storage.options);
  if (uses_es_aliases(spec.storage)) env.push_back(env_var("ROLLOVER", "true"));

  ContainerParts container;
  container.name = dns_name(name);
  container.image = resolve_image(cleaner.image, ImageComponent::EsIndexCleaner, instance.context);
  container.args = {std::to_string(cleaner.number_of_days.value_or(7)), first_elasticsearch_url(spec.storage.options)};
  container.env = without_empty_env(env);
  container.env_from = env_from_secret(spec.storage.secret_name);

  Json pod_spec{{"containers", Json::array({build_container(container, merged)})}, {"restartPolicy", "Never"}};
  put_if_set(pod_spec, "priorityClassName", cleaner.priority_class_name);
  put_pod_common(pod_spec, instance, merged);

  Json job_spec{{"parallelism", 1},
                {"template",
                 {{"metadata", {{"labels", string_map_json(merged.labels)}, {"annotations", string_map_json(merged.annotations)}}},
                  {"spec", pod_spec}}}};
  if (cleaner.ttl_seconds_after_finished) job_spec["ttlSecondsAfterFinished"] = *cleaner.ttl_seconds_after_finished;
  if (cleaner.backoff_limit) job_spec["backoffLimit"] = *cleaner.backoff_limit;

  return cron_job(instance, object_meta(instance, name, merged.labels, merged.annotations), cleaner.schedule,
                  cleaner.successful_jobs_history_limit, false, std::move(job_spec));
}

std::vector<Json> render_es_rollover_cronjobs(const Instance& instance) {
  const auto& spec = instance.spec();
  const auto& rollover = spec.storage.es_rollover;
  if (!uses_es_aliases(spec.storage)) return {};

  const std::string rollover_name = truncate_name(instance.name(), "-es-rollover", kCronJobNameMax);
  Json rollover_env = es_script_env(spec.storage.options);
  if (!rollover.conditions.empty()) rollover_env.push_back(env_var("CONDITIONS", rollover.conditions));
  Json rollover_job{{"parallelism", 1},
                    {"template", rollover_pod_template(instance, rollover_name, "rollover", rollover_env)}};
  if (rollover.backoff_limit) rollover_job["backoffLimit"] = *rollover.backoff_limit;

  const std::string lookback_name = truncate_name(instance.name(), "-es-lookback", kCronJobNameMax);
  Json lookback_env = es_script_env(spec.storage.options);
  if (auto read_ttl = operator_api::parse_go_duration(rollover.read_ttl); read_ttl && !rollover.read_ttl.empty()) {
    auto [unit, count] = lookback_units(*read_ttl);
    lookback_env.push_back(env_var("UNIT", unit));
    lookback_env.push_back(env_var("UNIT_COUNT", std::to_string(count)));
  }
  Json lookback_job{{"template", rollover_pod_template(instance, lookback_name, "lookback", lookback_env)}};
  if (rollover.ttl_seconds_after_finished) lookback_job["ttlSecondsAfterFinished"] = *rollover.ttl_seconds_after_finished;

  return {
      cron_job(instance, object_meta(instance, rollover_name, component_labels(instance, rollover_name, "cronjob-es-rollover")),
               rollover.schedule, rollover.successful_jobs_history_limit, true, std::move(rollover_job)),
      cron_job(instance, object_meta(instance, lookback_name, component_labels(instance, lookback_name, "cronjob-es-lookback")),
               rollover.schedule, rollover.successful_jobs_history_limit, true, std::move(lookback_job)),
  };
}

}  // namespace peregrine::operator_render
