// OTLP attribute values ⇔ model KeyValues (shared by otlp_to_model and otlp_from_model).
// OTLP → model: string/bool/int/double/bytes keep their type (int → int64, double → float64, bytes → binary);
// array and map values become JSON strings (as Jaeger renders them); an unset value becomes "".
// model → OTLP: each model type maps to the matching AnyValue member (binary → bytes_value).
#pragma once
#include <string>

#include "backend/model/key_value.hpp"
#include "opentelemetry/proto/common/v1/common.pb.h"

namespace peregrine::convert {

// Moves the value's string payload out of `value` when it has one.
model::KeyValue otlp_value_to_key_value(std::string&& key, opentelemetry::proto::common::v1::AnyValue& value);

// Appends every attribute, moving keys and values out of `attributes`.
void append_otlp_attributes(
    google::protobuf::RepeatedPtrField<opentelemetry::proto::common::v1::KeyValue>& attributes, model::KeyValues& out);

// JSON text of any value: strings quoted, bytes as base64 strings, maps as objects, arrays as arrays.
std::string otlp_value_to_json(const opentelemetry::proto::common::v1::AnyValue& value);

// Text of a value as Jaeger's AsString renders it: strings as-is, everything else as JSON / decimal text.
std::string otlp_value_as_string(const opentelemetry::proto::common::v1::AnyValue& value);

void key_value_to_otlp_value(const model::KeyValue& kv, opentelemetry::proto::common::v1::AnyValue* out);
void key_value_to_otlp(const model::KeyValue& kv, opentelemetry::proto::common::v1::KeyValue* out);

}  // namespace peregrine::convert
