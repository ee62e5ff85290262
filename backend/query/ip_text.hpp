// Text forms of IP addresses as Go's net.IP.String() prints them: dotted IPv4 (also for IPv4-mapped IPv6) and
// compressed IPv6.
#pragma once
#include <arpa/inet.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace peregrine::query {

inline std::string ipv4_text(uint32_t ip) {
  return std::to_string((ip >> 24) & 0xFF) + "." + std::to_string((ip >> 16) & 0xFF) + "." +
         std::to_string((ip >> 8) & 0xFF) + "." + std::to_string(ip & 0xFF);
}

// 4 or 16 raw bytes; "" for any other length.
inline std::string ip_bytes_text(std::string_view b) {
  auto byte = [&](size_t i) { return static_cast<uint32_t>(static_cast<unsigned char>(b[i])); };
  if (b.size() == 4) return ipv4_text(byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3));
  if (b.size() != 16) return "";
  bool v4_mapped = b[10] == '\xff' && b[11] == '\xff';
  for (size_t i = 0; v4_mapped && i < 10; ++i) v4_mapped = b[i] == 0;
  if (v4_mapped) return ipv4_text(byte(12) << 24 | byte(13) << 16 | byte(14) << 8 | byte(15));
  char buf[INET6_ADDRSTRLEN];
  if (!inet_ntop(AF_INET6, b.data(), buf, sizeof buf)) return "";
  return buf;
}

}  // namespace peregrine::query
