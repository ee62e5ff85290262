// Span sanitizers. Fast path: validate without copying; copy/repair only what is broken.
#include "backend/pipeline/sanitizer.hpp"

#include <unordered_map>

#include "backend/common/utf8.hpp"

namespace peregrine::pipeline {

namespace {

using common::is_valid_utf8;
using common::to_valid_utf8;

bool fix_string(std::string& s) {
  if (is_valid_utf8(s)) return false;
  s = to_valid_utf8(s);
  return true;
}

// Repairs keys and string values; returns true if anything changed.
bool fix_key_values(model::KeyValues& kvs) {
  bool changed = false;
  for (auto& kv : kvs) {
    changed |= fix_string(kv.key);
    if (kv.type == model::ValueType::String) changed |= fix_string(kv.str);
  }
  return changed;
}

bool key_values_valid(const model::KeyValues& kvs) {
  for (const auto& kv : kvs) {
    if (!is_valid_utf8(kv.key)) return false;
    if (kv.type == model::ValueType::String && !is_valid_utf8(kv.str)) return false;
  }
  return true;
}

bool process_needs_fix(const model::Process* p) {
  return p == nullptr || p->service_name.empty() || !is_valid_utf8(p->service_name) ||
         !key_values_valid(p->tags);
}

// A fixed copy of *p plus the warnings describing the fixes.
model::ProcessPtr fixed_process(const model::Process* p, std::vector<std::string>& warnings) {
  auto copy = p ? std::make_shared<model::Process>(*p) : std::make_shared<model::Process>();
  if (fix_string(copy->service_name)) warnings.emplace_back("service name contained invalid UTF-8; replaced with U+FFFD");
  if (copy->service_name.empty()) {
    copy->service_name = kEmptyServiceName;
    warnings.emplace_back("empty service name; replaced with \"empty-service-name\"");
  }
  if (fix_key_values(copy->tags)) warnings.emplace_back("process tags contained invalid UTF-8; replaced with U+FFFD");
  return copy;
}

void sanitize_span_fields(model::Span& span) {
  if (span.duration_us < 0) {
    span.warnings.push_back("negative duration " + std::to_string(span.duration_us) + "us; set to 0");
    span.duration_us = 0;
  }
  if (fix_string(span.operation_name))
    span.warnings.emplace_back("operation name contained invalid UTF-8; replaced with U+FFFD");
  if (fix_key_values(span.tags)) span.warnings.emplace_back("span tags contained invalid UTF-8; replaced with U+FFFD");
  bool logs_fixed = false;
  for (auto& log : span.logs) logs_fixed |= fix_key_values(log.fields);
  if (logs_fixed) span.warnings.emplace_back("log fields contained invalid UTF-8; replaced with U+FFFD");
}

}  // namespace

void sanitize_span(model::Span& span) {
  sanitize_span_fields(span);
  if (process_needs_fix(span.process.get())) {
    std::vector<std::string> warnings;
    span.process = fixed_process(span.process.get(), warnings);
    span.warnings.insert(span.warnings.end(), warnings.begin(), warnings.end());
  }
}

void sanitize_batch(model::SpanBatch& batch) {
  struct Fix {
    model::ProcessPtr process;
    std::vector<std::string> warnings;
  };
  // Keyed by the original pointer; the originals stay alive through `originals` while we work.
  std::unordered_map<const model::Process*, Fix> fixes;
  std::vector<model::ProcessPtr> originals;
  const model::Process* last_ok = nullptr;
  for (auto& span : batch) {
    sanitize_span_fields(span);
    const model::Process* p = span.process.get();
    if (p != nullptr && p == last_ok) continue;  // common case: the whole batch shares one good process
    auto it = fixes.find(p);
    if (it == fixes.end()) {
      if (!process_needs_fix(p)) {
        last_ok = p;
        continue;
      }
      Fix fix;
      fix.process = fixed_process(p, fix.warnings);
      originals.push_back(span.process);
      it = fixes.emplace(p, std::move(fix)).first;
    }
    span.process = it->second.process;
    span.warnings.insert(span.warnings.end(), it->second.warnings.begin(), it->second.warnings.end());
  }
}

}  // namespace peregrine::pipeline
