// Maps a file name to its HTTP Content-Type by extension.
#pragma once
#include <string>
#include <string_view>

namespace peregrine::ui {

// "app.css" → "text/css; charset=utf-8"; unknown extensions → "application/octet-stream".
std::string content_type_for(std::string_view path);

}  // namespace peregrine::ui
