// UI JSON rendering of traces, key-values and dependency links (field order and shapes as Jaeger's Go structs).
#include "backend/convert/ui_json_trace.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "backend/convert/otlp_encoding.hpp"

namespace peregrine::convert {

namespace {

constexpr int64_t kJsMaxSafeInteger = (int64_t{1} << 53) - 1;

const model::Process& empty_process() {
  static const model::Process p;
  return p;
}

// Processes of a trace deduplicated by value, in order of first appearance; index i is "p<i+1>".
class ProcessIds {
 public:
  size_t id_of(const model::ProcessPtr& ptr) {
    const model::Process& p = ptr ? *ptr : empty_process();
    for (size_t i = 0; i < unique_.size(); ++i) {
      if (unique_[i] == &p || *unique_[i] == p) return i;
    }
    unique_.push_back(&p);
    return unique_.size() - 1;
  }
  const std::vector<const model::Process*>& unique() const { return unique_; }

 private:
  std::vector<const model::Process*> unique_;
};

std::string process_key(size_t index) { return "p" + std::to_string(index + 1); }

void write_warnings(JsonWriter& w, const std::vector<std::string>& warnings) {
  if (warnings.empty()) {
    w.null();
    return;
  }
  w.begin_array();
  for (const auto& s : warnings) w.string(s);
  w.end_array();
}

void write_span(JsonWriter& w, const model::Span& s, const std::string& process_id) {
  w.begin_object();
  w.key("traceID");
  w.string(s.trace_id.to_hex());
  w.key("spanID");
  w.string(model::span_id_to_hex(s.span_id));
  if (s.flags != 0) {
    w.key("flags");
    w.uint64(s.flags);
  }
  w.key("operationName");
  w.string(s.operation_name);
  w.key("references");
  w.begin_array();
  for (const auto& r : s.references) {
    w.begin_object();
    w.key("refType");
    w.string(r.type == model::RefType::FollowsFrom ? "FOLLOWS_FROM" : "CHILD_OF");
    w.key("traceID");
    w.string(r.trace_id.to_hex());
    w.key("spanID");
    w.string(model::span_id_to_hex(r.span_id));
    w.end_object();
  }
  w.end_array();
  // Jaeger's JSON fields are uint64: negative model values would wrap; clamp at 0 instead.
  w.key("startTime");
  w.uint64(static_cast<uint64_t>(std::max<int64_t>(0, s.start_time_us)));
  w.key("duration");
  w.uint64(static_cast<uint64_t>(std::max<int64_t>(0, s.duration_us)));
  w.key("tags");
  write_ui_key_values(w, s.tags);
  w.key("logs");
  w.begin_array();
  for (const auto& log : s.logs) {
    w.begin_object();
    w.key("timestamp");
    w.uint64(static_cast<uint64_t>(std::max<int64_t>(0, log.timestamp_us)));
    w.key("fields");
    write_ui_key_values(w, log.fields);
    w.end_object();
  }
  w.end_array();
  w.key("processID");
  w.string(process_id);
  w.key("warnings");
  write_warnings(w, s.warnings);
  w.end_object();
}

}  // namespace

void write_ui_key_values(JsonWriter& w, const model::KeyValues& kvs) {
  w.begin_array();
  for (const auto& kv : kvs) {
    w.begin_object();
    w.key("key");
    w.string(kv.key);
    w.key("type");
    w.string(model::value_type_name(kv.type));
    w.key("value");
    switch (kv.type) {
      case model::ValueType::String:
        w.string(kv.str);
        break;
      case model::ValueType::Bool:
        w.boolean(kv.b);
        break;
      case model::ValueType::Int64:
        if (kv.i > kJsMaxSafeInteger || kv.i < -kJsMaxSafeInteger) {
          w.string(std::to_string(kv.i));
        } else {
          w.int64(kv.i);
        }
        break;
      case model::ValueType::Float64:
        w.float64(kv.d);
        break;
      case model::ValueType::Binary:
        w.string(base64_encode(kv.str));
        break;
    }
    w.end_object();
  }
  w.end_array();
}

void write_ui_trace(JsonWriter& w, const model::Trace& trace) {
  ProcessIds processes;
  std::vector<size_t> span_process(trace.spans.size());
  for (size_t i = 0; i < trace.spans.size(); ++i) span_process[i] = processes.id_of(trace.spans[i].process);

  w.begin_object();
  w.key("traceID");
  w.string(trace.spans.empty() ? std::string() : trace.spans.front().trace_id.to_hex());
  w.key("spans");
  w.begin_array();
  for (size_t i = 0; i < trace.spans.size(); ++i) write_span(w, trace.spans[i], process_key(span_process[i]));
  w.end_array();

  w.key("processes");
  std::vector<std::pair<std::string, const model::Process*>> keyed;
  for (size_t i = 0; i < processes.unique().size(); ++i) keyed.emplace_back(process_key(i), processes.unique()[i]);
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  w.begin_object();
  for (const auto& [key, process] : keyed) {
    w.key(key);
    w.begin_object();
    w.key("serviceName");
    w.string(process->service_name);
    w.key("tags");
    write_ui_key_values(w, process->tags);
    w.end_object();
  }
  w.end_object();

  w.key("warnings");
  write_warnings(w, trace.warnings);
  w.end_object();
}

std::string to_ui_json(const model::Trace& trace) {
  std::string out;
  JsonWriter w(out);
  write_ui_trace(w, trace);
  return out;
}

void write_ui_dependency(JsonWriter& w, const model::DependencyLink& link) {
  w.begin_object();
  w.key("parent");
  w.string(link.parent);
  w.key("child");
  w.string(link.child);
  w.key("callCount");
  w.uint64(link.call_count);
  w.end_object();
}

}  // namespace peregrine::convert
