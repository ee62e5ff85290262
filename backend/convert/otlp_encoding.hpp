// Byte-string encodings used by the OTLP converters: lowercase hex (OTLP/JSON trace and span IDs) and
// standard base64 with padding (protobuf JSON's form for bytes fields and OTLP bytes attribute values).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace peregrine::convert {

std::string hex_encode(std::string_view bytes);
// Accepts an even number of hex digits (either case). nullopt on anything else.
std::optional<std::string> hex_decode(std::string_view hex);

std::string base64_encode(std::string_view bytes);
// Accepts standard and URL-safe alphabets, with or without padding. nullopt on invalid input.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace peregrine::convert
