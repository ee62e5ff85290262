// The instance's ServiceAccount `<n>` (always rendered; components use it unless the CR names another).
#pragma once
#include "operator/render/instance.hpp"

namespace peregrine::operator_render {

Json render_service_account(const Instance& instance);

}  // namespace peregrine::operator_render
