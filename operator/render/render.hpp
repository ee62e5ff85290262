// Entry points of rendering: a Jaeger CR in, the complete list of desired Kubernetes objects out, each a
// JSON object with apiVersion/kind/metadata ready to be diffed against the cluster and applied. Pure: no I/O,
// no environment reads.
#pragma once
#include <string>
#include <vector>

#include "operator/api/jaeger_types.hpp"
#include "operator/render/render_context.hpp"

namespace peregrine::operator_render {

using operator_api::Json;

// Objects for a normalized CR (see operator_api::load_jaeger), in apply order: ServiceAccount, ConfigMaps,
// storage Jobs, Services, Deployments, DaemonSet, HorizontalPodAutoscalers, Ingress, CronJobs.
std::vector<Json> render(const operator_api::Jaeger& jaeger, const RenderContext& context);

struct RenderOutcome {
  std::vector<Json> objects;        // empty when there are errors
  std::vector<std::string> errors;  // validation problems, each with its field path
  bool ok() const { return errors.empty(); }
};

// parse → validate → normalize → render for one CR document. Invalid CRs produce errors and no objects.
RenderOutcome render_cr(const Json& document, const RenderContext& context);

}  // namespace peregrine::operator_render
