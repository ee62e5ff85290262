// clock_skew_adjuster: Jaeger's clock-skew correction. Spans form a tree by parent id; walking it from the roots,
// a span on another host than its parent (host = process tag "ip") that starts before its parent or ends after
// it is shifted — by the parent-start gap when it outlasts the parent, else so that it sits centred in the
// parent (network latency assumed symmetric) — and its whole subtree on the same host moves with it. A shift
// larger than max_delta is not applied: the span gets a warning instead (max_delta 0 disables adjusting).
#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "backend/query/adjusters.hpp"
#include "backend/common/go_duration.hpp"
#include "backend/query/ip_text.hpp"

namespace peregrine::query {

namespace {

constexpr const char* kDuplicateSpanId = "duplicate span IDs; skipping clock skew adjustment";

std::string host_key(const model::Span& span) {
  if (!span.process) return "";
  for (const auto& t : span.process->tags) {
    if (t.key != "ip") continue;
    switch (t.type) {
      case model::ValueType::String:
        return t.str;
      case model::ValueType::Int64:
        return ipv4_text(static_cast<uint32_t>(t.i));
      case model::ValueType::Binary:
        return ip_bytes_text(t.str);
      default:
        return "";
    }
  }
  return "";
}

struct Node {
  size_t span;
  std::vector<size_t> children;  // node indexes
  std::string host;
};

struct Skew {
  int64_t delta_us = 0;
  std::string host;
};

class ClockSkewAdjuster {
 public:
  ClockSkewAdjuster(model::Trace& trace, int64_t max_delta_us) : trace_(trace), max_delta_us_(max_delta_us) {}

  void run() {
    build_nodes();
    build_tree();
    for (size_t root : roots_) adjust_subtree(root);
  }

 private:
  void build_nodes() {
    for (size_t i = 0; i < trace_.spans.size(); ++i) {
      model::Span& s = trace_.spans[i];
      if (by_id_.count(s.span_id)) {
        s.warnings.emplace_back(kDuplicateSpanId);
        continue;
      }
      by_id_[s.span_id] = nodes_.size();
      nodes_.push_back(Node{i, {}, host_key(s)});
    }
  }

  void build_tree() {
    for (size_t n = 0; n < nodes_.size(); ++n) {
      model::Span& s = trace_.spans[nodes_[n].span];
      model::SpanID parent = s.parent_span_id();
      if (parent == 0) {
        roots_.push_back(n);
        continue;
      }
      auto it = by_id_.find(parent);
      if (it != by_id_.end()) {
        nodes_[it->second].children.push_back(n);
      } else {
        s.warnings.push_back("invalid parent span IDs=" + model::span_id_to_hex(parent) +
                             "; skipping clock skew adjustment");
        roots_.push_back(n);
      }
    }
  }

  // Iterative depth-first walk (traces can be deep).
  void adjust_subtree(size_t root) {
    struct Frame {
      size_t node;
      long parent;  // -1 for the root
      Skew skew;
    };
    std::vector<Frame> stack;
    stack.push_back(Frame{root, -1, Skew{0, nodes_[root].host}});
    while (!stack.empty()) {
      Frame f = std::move(stack.back());
      stack.pop_back();
      const Node& n = nodes_[f.node];
      Skew skew = f.skew;
      if (f.parent >= 0 && (n.host != skew.host || n.host.empty())) {
        skew = Skew{calculate_skew(n, nodes_[static_cast<size_t>(f.parent)]), n.host};
      }
      adjust_timestamps(n, skew.delta_us);
      for (size_t child : n.children) stack.push_back(Frame{child, static_cast<long>(f.node), skew});
    }
  }

  // The parent has already been adjusted.
  int64_t calculate_skew(const Node& child_node, const Node& parent_node) const {
    const model::Span& child = trace_.spans[child_node.span];
    const model::Span& parent = trace_.spans[parent_node.span];
    int64_t parent_end = parent.start_time_us + parent.duration_us;
    int64_t child_end = child.start_time_us + child.duration_us;
    if (child.duration_us > parent.duration_us) {
      // Async child or a parent that timed out: only make sure the child does not start before its parent.
      return child.start_time_us < parent.start_time_us ? parent.start_time_us - child.start_time_us : 0;
    }
    if (child.start_time_us >= parent.start_time_us && child_end <= parent_end) return 0;
    int64_t latency = (parent.duration_us - child.duration_us) / 2;
    return parent.start_time_us + latency - child.start_time_us;
  }

  void adjust_timestamps(const Node& n, int64_t delta_us) {
    if (delta_us == 0) return;
    model::Span& s = trace_.spans[n.span];
    const std::string delta_text = common::format_go_duration(std::chrono::microseconds(delta_us));
    if (std::llabs(delta_us) > max_delta_us_) {
      if (max_delta_us_ == 0) {
        s.warnings.push_back("clock skew adjustment disabled; not applying calculated delta of " + delta_text);
      } else {
        s.warnings.push_back("max clock skew adjustment delta of " + common::format_go_duration(std::chrono::microseconds(max_delta_us_)) +
                             " exceeded; not applying calculated delta of " + delta_text);
      }
      return;
    }
    s.start_time_us += delta_us;
    s.warnings.push_back("This span's timestamps were adjusted by " + delta_text);
    for (auto& log : s.logs) log.timestamp_us += delta_us;
  }

  model::Trace& trace_;
  int64_t max_delta_us_;
  std::vector<Node> nodes_;
  std::unordered_map<model::SpanID, size_t> by_id_;
  std::vector<size_t> roots_;
};

}  // namespace

Adjuster clock_skew_adjuster(std::chrono::microseconds max_delta) {
  const int64_t max_delta_us = max_delta.count() < 0 ? 0 : max_delta.count();
  return [max_delta_us](model::Trace& trace) { ClockSkewAdjuster(trace, max_delta_us).run(); };
}

}  // namespace peregrine::query
