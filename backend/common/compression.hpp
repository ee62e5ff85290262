// Decompression of request bodies sent with "Content-Encoding: gzip" or "deflate" (OTLP/HTTP, Zipkin).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace peregrine::common {

// Inflates gzip (including concatenated members), zlib-wrapped deflate or raw deflate data.
// Returns nullopt on corrupt/truncated input or when the output would exceed max_out bytes.
std::optional<std::string> gunzip(std::string_view compressed, size_t max_out);

// Compresses with gzip framing (used by tests and by clients that want to send compressed bodies).
std::string gzip_compress(std::string_view data);

}  // namespace peregrine::common
