// Adjusters that rewrite tags and may therefore touch processes: ip_tags (int64 "ip" / "peer.ipv4" → dotted
// IPv4 text) and otel_library_tags (telemetry.sdk.* / telemetry.distro.* span tags belong to the process).
// Both leave every process's tags sorted, as Jaeger does. Processes are copied before being changed; spans that
// shared a process keep sharing its adjusted copy.
#include <memory>
#include <string_view>
#include <unordered_map>

#include "backend/query/adjusters.hpp"
#include "backend/query/ip_text.hpp"

namespace peregrine::query {

namespace {

bool is_ip_key(std::string_view key) { return key == "ip" || key == "peer.ipv4"; }

bool is_otel_library_key(std::string_view key) {
  return key == "telemetry.sdk.language" || key == "telemetry.sdk.name" || key == "telemetry.sdk.version" ||
         key == "telemetry.distro.name" || key == "telemetry.distro.version";
}

// Returns true when something changed.
bool convert_ip_tags(model::KeyValues& tags) {
  bool changed = false;
  for (auto& t : tags) {
    if (t.type != model::ValueType::Int64 || !is_ip_key(t.key)) continue;
    t = model::KeyValue::String(t.key, ipv4_text(static_cast<uint32_t>(t.i)));
    changed = true;
  }
  return changed;
}

}  // namespace

void ip_tags(model::Trace& trace) {
  std::unordered_map<const model::Process*, model::ProcessPtr> adjusted;
  for (auto& span : trace.spans) {
    convert_ip_tags(span.tags);
    if (!span.process) continue;
    auto [it, inserted] = adjusted.try_emplace(span.process.get());
    if (inserted) {
      auto copy = std::make_shared<model::Process>(*span.process);
      convert_ip_tags(copy->tags);
      sort_key_values(copy->tags);
      if (copy->tags == span.process->tags) {
        it->second = span.process;
      } else {
        it->second = std::move(copy);
      }
    }
    span.process = it->second;
  }
}

void otel_library_tags(model::Trace& trace) {
  std::unordered_map<const model::Process*, model::ProcessPtr> sorted_only;
  for (auto& span : trace.spans) {
    model::KeyValues moved;
    model::KeyValues kept;
    for (auto& t : span.tags) (is_otel_library_key(t.key) ? moved : kept).push_back(std::move(t));
    span.tags = std::move(kept);
    if (!moved.empty()) {
      auto copy = span.process ? std::make_shared<model::Process>(*span.process) : std::make_shared<model::Process>();
      for (auto& t : moved) copy->tags.push_back(std::move(t));
      sort_key_values(copy->tags);
      span.process = std::move(copy);
      continue;
    }
    if (!span.process) continue;
    auto [it, inserted] = sorted_only.try_emplace(span.process.get());
    if (inserted) {
      auto copy = std::make_shared<model::Process>(*span.process);
      sort_key_values(copy->tags);
      it->second = copy->tags == span.process->tags ? span.process : model::ProcessPtr(std::move(copy));
    }
    span.process = it->second;
  }
}

}  // namespace peregrine::query
