// UTF-8 validation and repair (invalid byte runs → U+FFFD, like Go's strings.ToValidUTF8).
#pragma once
#include <string>
#include <string_view>

namespace peregrine::common {

// Strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF). ASCII fast path.
bool is_valid_utf8(std::string_view s);
// Copy of s with each maximal run of invalid bytes replaced by one U+FFFD.
std::string to_valid_utf8(std::string_view s);

}  // namespace peregrine::common
