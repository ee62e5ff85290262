// Content-Type / Content-Encoding helpers (see media_type.hpp).
#include "backend/receivers/jaeger/media_type.hpp"

#include <algorithm>
#include <cctype>

namespace peregrine::receivers {

std::string media_type(const std::string& content_type) {
  std::string t = content_type.substr(0, content_type.find(';'));
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  t.erase(t.begin(), std::find_if(t.begin(), t.end(), not_space));
  t.erase(std::find_if(t.rbegin(), t.rend(), not_space).base(), t.end());
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  return t;
}

bool content_encoding_is_gzip(const common::HttpRequest& request) {
  std::string enc = media_type(request.header("Content-Encoding").value_or(""));
  return enc.find("gzip") != std::string::npos || enc.find("deflate") != std::string::npos;
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&#34;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace peregrine::receivers
