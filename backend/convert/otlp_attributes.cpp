// OTLP AnyValue ⇔ model KeyValue conversions (see otlp_attributes.hpp).
#include "backend/convert/otlp_attributes.hpp"

#include <nlohmann/json.hpp>

#include "backend/convert/otlp_encoding.hpp"

namespace peregrine::convert {
namespace {

using opentelemetry::proto::common::v1::AnyValue;

nlohmann::json value_to_json(const AnyValue& v) {
  switch (v.value_case()) {
    case AnyValue::kStringValue:
      return v.string_value();
    case AnyValue::kBoolValue:
      return v.bool_value();
    case AnyValue::kIntValue:
      return v.int_value();
    case AnyValue::kDoubleValue:
      return v.double_value();
    case AnyValue::kBytesValue:
      return base64_encode(v.bytes_value());
    case AnyValue::kArrayValue: {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& item : v.array_value().values()) arr.push_back(value_to_json(item));
      return arr;
    }
    case AnyValue::kKvlistValue: {
      nlohmann::json obj = nlohmann::json::object();
      for (const auto& kv : v.kvlist_value().values()) obj[kv.key()] = value_to_json(kv.value());
      return obj;
    }
    case AnyValue::VALUE_NOT_SET:
      break;
  }
  return nullptr;
}

}  // namespace

std::string otlp_value_to_json(const AnyValue& value) {
  // Invalid UTF-8 inside strings is replaced rather than throwing: attribute text is user data.
  return value_to_json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string otlp_value_as_string(const AnyValue& value) {
  switch (value.value_case()) {
    case AnyValue::kStringValue:
      return value.string_value();
    case AnyValue::kBoolValue:
      return value.bool_value() ? "true" : "false";
    case AnyValue::kIntValue:
      return std::to_string(value.int_value());
    case AnyValue::kBytesValue:
      return base64_encode(value.bytes_value());
    case AnyValue::VALUE_NOT_SET:
      return "";
    default:
      return otlp_value_to_json(value);
  }
}

model::KeyValue otlp_value_to_key_value(std::string&& key, AnyValue& value) {
  switch (value.value_case()) {
    case AnyValue::kStringValue:
      return model::KeyValue::String(std::move(key), std::move(*value.mutable_string_value()));
    case AnyValue::kBoolValue:
      return model::KeyValue::Bool(std::move(key), value.bool_value());
    case AnyValue::kIntValue:
      return model::KeyValue::Int64(std::move(key), value.int_value());
    case AnyValue::kDoubleValue:
      return model::KeyValue::Float64(std::move(key), value.double_value());
    case AnyValue::kBytesValue:
      return model::KeyValue::Binary(std::move(key), std::move(*value.mutable_bytes_value()));
    case AnyValue::kArrayValue:
    case AnyValue::kKvlistValue:
      return model::KeyValue::String(std::move(key), otlp_value_to_json(value));
    case AnyValue::VALUE_NOT_SET:
      break;
  }
  return model::KeyValue::String(std::move(key), std::string());
}

void append_otlp_attributes(google::protobuf::RepeatedPtrField<opentelemetry::proto::common::v1::KeyValue>& attributes,
                            model::KeyValues& out) {
  for (auto& attr : attributes) {
    if (attr.has_value()) {
      out.push_back(otlp_value_to_key_value(std::move(*attr.mutable_key()), *attr.mutable_value()));
    } else {
      out.push_back(model::KeyValue::String(std::move(*attr.mutable_key()), std::string()));
    }
  }
}

void key_value_to_otlp_value(const model::KeyValue& kv, AnyValue* out) {
  switch (kv.type) {
    case model::ValueType::String:
      out->set_string_value(kv.str);
      return;
    case model::ValueType::Bool:
      out->set_bool_value(kv.b);
      return;
    case model::ValueType::Int64:
      out->set_int_value(kv.i);
      return;
    case model::ValueType::Float64:
      out->set_double_value(kv.d);
      return;
    case model::ValueType::Binary:
      out->set_bytes_value(kv.str);
      return;
  }
  out->set_string_value(kv.str);
}

void key_value_to_otlp(const model::KeyValue& kv, opentelemetry::proto::common::v1::KeyValue* out) {
  out->set_key(kv.key);
  key_value_to_otlp_value(kv, out->mutable_value());
}

}  // namespace peregrine::convert
