// Standard (RFC 4648) base64 decoding/encoding for kubeconfig *-data fields and Secret values.
#pragma once
#include <string>
#include <string_view>

namespace peregrine::kube {

// Decodes standard base64; whitespace is ignored, padding optional. Throws std::invalid_argument on bad input.
std::string base64_decode(std::string_view encoded);
std::string base64_encode(std::string_view raw);

}  // namespace peregrine::kube
