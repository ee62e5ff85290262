// JsonWriter and the Go-compatible string / float rendering and indentation helpers.
#include "backend/convert/ui_json_writer.hpp"

#include <charconv>
#include <cmath>

namespace peregrine::convert {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_unicode_escape(std::string& out, unsigned code) {
  out += "\\u";
  out.push_back(kHex[(code >> 12) & 0xF]);
  out.push_back(kHex[(code >> 8) & 0xF]);
  out.push_back(kHex[(code >> 4) & 0xF]);
  out.push_back(kHex[code & 0xF]);
}

// Length of the valid UTF-8 sequence starting at s[i] (code point in *cp), or 0 when invalid.
size_t utf8_sequence(std::string_view s, size_t i, unsigned* cp) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned c = b(i);
  size_t n;
  unsigned v;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    v = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    v = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    v = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    unsigned cc = b(i + k);
    if ((cc & 0xC0) != 0x80) return 0;
    v = (v << 6) | (cc & 0x3F);
  }
  // Overlong forms, surrogates and out-of-range code points are invalid (as Go's utf8.DecodeRuneInString says).
  if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return n;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '<':
        case '>':
        case '&':
          append_unicode_escape(out, c);
          break;
        default:
          if (c < 0x20) {
            append_unicode_escape(out, c);
          } else {
            out.push_back(static_cast<char>(c));
          }
      }
      ++i;
      continue;
    }
    unsigned cp = 0;
    size_t n = utf8_sequence(s, i, &cp);
    if (n == 0) {
      out += "\\ufffd";
      ++i;
      continue;
    }
    if (cp == 0x2028 || cp == 0x2029) {
      append_unicode_escape(out, cp);
    } else {
      out.append(s.data() + i, n);
    }
    i += n;
  }
  out.push_back('"');
}

void append_json_float(std::string& out, double v) {
  char buf[64];
  double a = std::fabs(v);
  bool exponent = a != 0 && (a < 1e-6 || a >= 1e21);
  auto res =
      std::to_chars(buf, buf + sizeof buf, v, exponent ? std::chars_format::scientific : std::chars_format::fixed);
  size_t n = static_cast<size_t>(res.ptr - buf);
  // Go writes "1e-7" where C++ writes "1e-07".
  if (exponent && n >= 4 && buf[n - 4] == 'e' && buf[n - 3] == '-' && buf[n - 2] == '0') {
    buf[n - 2] = buf[n - 1];
    --n;
  }
  out.append(buf, n);
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_.push_back(',');
    first_.back() = false;
  }
}

void JsonWriter::begin_object() {
  before_value();
  out_.push_back('{');
  first_.push_back(true);
}

void JsonWriter::end_object() {
  out_.push_back('}');
  first_.pop_back();
}

void JsonWriter::begin_array() {
  before_value();
  out_.push_back('[');
  first_.push_back(true);
}

void JsonWriter::end_array() {
  out_.push_back(']');
  first_.pop_back();
}

void JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(out_, name);
  out_.push_back(':');
  after_key_ = true;
}

void JsonWriter::string(std::string_view s) {
  before_value();
  append_json_string(out_, s);
}

void JsonWriter::int64(int64_t v) {
  before_value();
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, res.ptr);
}

void JsonWriter::uint64(uint64_t v) {
  before_value();
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, res.ptr);
}

void JsonWriter::float64(double v) {
  if (std::isnan(v)) return string("NaN");
  if (std::isinf(v)) return string(v > 0 ? "+Inf" : "-Inf");
  before_value();
  append_json_float(out_, v);
}

void JsonWriter::boolean(bool v) {
  before_value();
  out_ += v ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  out_ += "null";
}

void JsonWriter::raw(std::string_view json) {
  before_value();
  out_.append(json);
}

std::string indent_json(std::string_view src, std::string_view indent) {
  std::string out;
  out.reserve(src.size() * 2);
  int depth = 0;
  bool in_string = false;
  bool need_indent = false;  // an opening bracket was written; newline + indent before the next token
  auto newline = [&]() {
    out.push_back('\n');
    for (int d = 0; d < depth; ++d) out.append(indent);
  };
  for (size_t i = 0; i < src.size(); ++i) {
    char c = src[i];
    if (in_string) {
      out.push_back(c);
      if (c == '\\' && i + 1 < src.size()) {
        out.push_back(src[++i]);
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (need_indent && c != ']' && c != '}') {
      need_indent = false;
      ++depth;
      newline();
    }
    switch (c) {
      case '{':
      case '[':
        out.push_back(c);
        need_indent = true;
        break;
      case '}':
      case ']':
        if (need_indent) {
          need_indent = false;  // empty container stays "{}" / "[]"
        } else {
          --depth;
          newline();
        }
        out.push_back(c);
        break;
      case ',':
        out.push_back(c);
        newline();
        break;
      case ':':
        out += ": ";
        break;
      case '"':
        in_string = true;
        out.push_back(c);
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

}  // namespace peregrine::convert
