// How deeply a JSON text nests arrays and objects, measured on the raw text before parsing: recursive JSON code
// (nlohmann's parser, copy, diff and dump) can exhaust the stack on hostile input, so callers refuse absurd depths
// up front.
#pragma once
#include <cstddef>
#include <string_view>

namespace peregrine::common {

// The deepest {/[ nesting in `json`; brackets inside strings (escapes honoured) do not count.
std::size_t json_nesting_depth(std::string_view json);

}  // namespace peregrine::common
