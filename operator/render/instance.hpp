// The Jaeger instance being rendered: the normalized CR, the render context and the namespace its objects
// go to. Passed to every renderer.
#pragma once
#include <string>

#include "operator/api/jaeger_types.hpp"
#include "operator/render/render_context.hpp"

namespace peregrine::operator_render {

using operator_api::Json;
using operator_api::StringMap;

struct Instance {
  Instance(const operator_api::Jaeger& cr, const RenderContext& render_context)
      : jaeger(cr),
        context(render_context),
        namespace_name(cr.metadata.namespace_name.empty() ? render_context.default_namespace
                                                          : cr.metadata.namespace_name) {}

  const std::string& name() const { return jaeger.metadata.name; }
  const operator_api::JaegerSpec& spec() const { return jaeger.spec; }

  const operator_api::Jaeger& jaeger;
  const RenderContext& context;
  std::string namespace_name;
};

}  // namespace peregrine::operator_render
