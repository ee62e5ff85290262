// Go encoding/json-compatible rendering of strings and numbers (see go_json.hpp).
#include "backend/esutil/go_json.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace peregrine::esutil {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

// Length of the valid UTF-8 sequence starting at s[i] (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF),
// or 0 when the byte at i does not start one. *cp receives the code point.
size_t utf8_sequence(std::string_view s, size_t i, uint32_t* cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) -> int {
    if (i + k >= s.size()) return -1;
    const auto b = static_cast<unsigned char>(s[i + k]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    int c1 = cont(1);
    if (c1 < 0) return 0;
    *cp = ((b0 & 0x1Fu) << 6) | static_cast<uint32_t>(c1);
    return 2;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    int c1 = cont(1), c2 = cont(2);
    if (c1 < 0 || c2 < 0) return 0;
    uint32_t v = ((b0 & 0x0Fu) << 12) | (static_cast<uint32_t>(c1) << 6) | static_cast<uint32_t>(c2);
    if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    int c1 = cont(1), c2 = cont(2), c3 = cont(3);
    if (c1 < 0 || c2 < 0 || c3 < 0) return 0;
    uint32_t v = ((b0 & 0x07u) << 18) | (static_cast<uint32_t>(c1) << 12) | (static_cast<uint32_t>(c2) << 6) |
                 static_cast<uint32_t>(c3);
    if (v < 0x10000 || v > 0x10FFFF) return 0;
    *cp = v;
    return 4;
  }
  return 0;
}

void append_u_escape(std::string& out, unsigned v) {
  out += "\\u";
  out.push_back(kHexDigits[(v >> 12) & 0xF]);
  out.push_back(kHexDigits[(v >> 8) & 0xF]);
  out.push_back(kHexDigits[(v >> 4) & 0xF]);
  out.push_back(kHexDigits[v & 0xF]);
}

// Bytes that cannot be copied verbatim: control characters, '"', '\\', the HTML-sensitive '<' '>' '&', and
// every non-ASCII byte (validated as UTF-8).
struct SpecialBytes {
  bool table[256];
  constexpr SpecialBytes() : table() {
    for (int c = 0; c < 256; ++c) table[c] = c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&';
  }
};
constexpr SpecialBytes kSpecial;

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  size_t start = 0;  // start of the pending run of bytes copied verbatim
  size_t i = 0;
  auto flush = [&](size_t upto) {
    if (upto > start) out.append(s.data() + start, upto - start);
  };
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (!kSpecial.table[c]) {
      ++i;
      continue;
    }
    if (c < 0x80) {
      const char* esc = nullptr;
      bool unicode = false;
      switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case '<':
        case '>':
        case '&': unicode = true; break;
        default: unicode = c < 0x20; break;
      }
      if (esc || unicode) {
        flush(i);
        if (esc) out += esc;
        else append_u_escape(out, c);
        start = i + 1;
      }
      ++i;
      continue;
    }
    uint32_t cp = 0;
    size_t n = utf8_sequence(s, i, &cp);
    if (n == 0) {
      flush(i);
      out += "\\ufffd";
      ++i;
      start = i;
      continue;
    }
    if (cp == 0x2028 || cp == 0x2029) {
      flush(i);
      append_u_escape(out, cp);
      start = i + n;
    }
    i += n;
  }
  flush(s.size());
  out.push_back('"');
}

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

void append_uint(std::string& out, uint64_t v) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

bool append_json_float(std::string& out, double v) {
  if (std::isnan(v) || std::isinf(v)) return false;
  char buf[64];
  const double abs = std::fabs(v);
  const bool exponent = abs != 0 && (abs < 1e-6 || abs >= 1e21);
  auto res = std::to_chars(buf, buf + sizeof buf, v,
                           exponent ? std::chars_format::scientific : std::chars_format::fixed);
  std::string_view text(buf, static_cast<size_t>(res.ptr - buf));
  if (exponent) {
    // Go cleans "e-07" up to "e-7" (but keeps "e+21").
    size_t n = text.size();
    if (n >= 4 && text[n - 4] == 'e' && text[n - 3] == '-' && text[n - 2] == '0') {
      out.append(text.substr(0, n - 2));
      out.push_back(text[n - 1]);
      return true;
    }
  }
  out.append(text);
  return true;
}

std::string go_format_float_g10(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  // C's %.10g and Go's 'g' with precision 10 agree: same exponent threshold, trailing zeros removed,
  // at least two exponent digits.
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%.10g", v);
  return std::string(buf, static_cast<size_t>(n));
}

std::string hex_encode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHexDigits[c >> 4]);
    out.push_back(kHexDigits[c & 0xF]);
  }
  return out;
}

}  // namespace peregrine::esutil
