// Container image selection: the CR's image wins, then the operator-wide override (RELATED_IMAGE_*), then
// Peregrine's default `peregrine/<component>:<operator version>`.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "operator/render/render_context.hpp"

namespace peregrine::operator_render {

struct ImageDefault {
  ImageComponent component;
  std::string_view repository;         // default repository, e.g. "peregrine/collector"
  std::string_view related_image_env;  // e.g. "RELATED_IMAGE_JAEGER_COLLECTOR" (same names as the Jaeger operator)
  bool versioned;                      // tagged with the operator version when no tag is given
};

// One entry per ImageComponent.
const std::vector<ImageDefault>& image_defaults();

// The image for `component`: `from_cr` when set, else the override, else the default. An override or
// default without a tag or digest gets the operator version as tag (when the component is versioned).
std::string resolve_image(const std::string& from_cr, ImageComponent component, const RenderContext& context);

}  // namespace peregrine::operator_render
