// Watch stream decoding: brace-matching JSON object splitter aware of strings and escapes.
#include "operator/kube/watch_event.hpp"

#include "operator/kube/api_error.hpp"

namespace peregrine::kube {

std::optional<WatchEventType> parse_watch_event_type(std::string_view text) {
  if (text == "ADDED") return WatchEventType::Added;
  if (text == "MODIFIED") return WatchEventType::Modified;
  if (text == "DELETED") return WatchEventType::Deleted;
  if (text == "BOOKMARK") return WatchEventType::Bookmark;
  if (text == "ERROR") return WatchEventType::Error;
  return std::nullopt;
}

std::string_view to_string(WatchEventType type) {
  switch (type) {
    case WatchEventType::Added: return "ADDED";
    case WatchEventType::Modified: return "MODIFIED";
    case WatchEventType::Deleted: return "DELETED";
    case WatchEventType::Bookmark: return "BOOKMARK";
    case WatchEventType::Error: return "ERROR";
  }
  return "";
}

WatchEvent decode_watch_event(const nlohmann::json& event) {
  if (!event.is_object()) throw KubeError("watch event is not an object");
  auto type_it = event.find("type");
  if (type_it == event.end() || !type_it->is_string()) throw KubeError("watch event without a type");
  auto type = parse_watch_event_type(type_it->get<std::string>());
  if (!type) throw KubeError("unknown watch event type " + type_it->get<std::string>());
  auto obj_it = event.find("object");
  if (obj_it == event.end() || !obj_it->is_object()) throw KubeError("watch event without an object");
  return WatchEvent{*type, *obj_it};
}

std::vector<WatchEvent> WatchStreamDecoder::feed(std::string_view chunk) {
  std::vector<WatchEvent> events;
  buffer_.append(chunk);
  size_t i = scan_pos_;
  for (; i < buffer_.size(); ++i) {
    const char c = buffer_[i];
    if (object_start_ == std::string::npos) {
      if (c == '{') {
        object_start_ = i;
        depth_ = 1;
        in_string_ = false;
        escaped_ = false;
      } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        throw KubeError(std::string("unexpected byte in watch stream: ") + c);
      }
      continue;
    }
    if (in_string_) {
      if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        in_string_ = false;
      }
      continue;
    }
    if (c == '"') {
      in_string_ = true;
    } else if (c == '{' || c == '[') {
      ++depth_;
    } else if (c == '}' || c == ']') {
      if (--depth_ == 0) {
        auto parsed = nlohmann::json::parse(buffer_.begin() + static_cast<std::ptrdiff_t>(object_start_),
                                            buffer_.begin() + static_cast<std::ptrdiff_t>(i) + 1, nullptr, false);
        if (parsed.is_discarded()) throw KubeError("malformed JSON in watch stream");
        events.push_back(decode_watch_event(parsed));
        object_start_ = std::string::npos;
      }
    }
  }
  // Drop consumed bytes.
  const size_t keep_from = object_start_ == std::string::npos ? buffer_.size() : object_start_;
  buffer_.erase(0, keep_from);
  if (object_start_ != std::string::npos) object_start_ = 0;
  scan_pos_ = buffer_.size();
  return events;
}

bool WatchStreamDecoder::has_partial() const { return object_start_ != std::string::npos; }

}  // namespace peregrine::kube
