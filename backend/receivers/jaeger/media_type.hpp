// Small HTTP helpers for the Jaeger and Zipkin receivers: the bare media type of a Content-Type header
// ("Application/JSON; charset=utf-8" → "application/json"), gzip Content-Encoding detection, HTML escaping of
// echoed values.
#pragma once
#include <string>

#include "backend/common/http_types.hpp"

namespace peregrine::receivers {

std::string media_type(const std::string& content_type);
bool content_encoding_is_gzip(const common::HttpRequest& request);
std::string html_escape(const std::string& s);

}  // namespace peregrine::receivers
