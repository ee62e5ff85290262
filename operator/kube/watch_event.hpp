// Watch events and the decoder for a watch response body: a stream of JSON objects
// ({"type":"ADDED","object":{...}}), newline-separated or back to back, split across arbitrary chunks.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peregrine::kube {

enum class WatchEventType { Added, Modified, Deleted, Bookmark, Error };

std::optional<WatchEventType> parse_watch_event_type(std::string_view text);
std::string_view to_string(WatchEventType type);

struct WatchEvent {
  WatchEventType type = WatchEventType::Added;
  nlohmann::json object;  // the object; a metav1.Status for Error; only metadata.resourceVersion for Bookmark
};

class WatchStreamDecoder {
 public:
  // Appends a chunk and returns every event completed by it. Throws KubeError on malformed input.
  std::vector<WatchEvent> feed(std::string_view chunk);
  // True when bytes of an unfinished event are buffered.
  bool has_partial() const;

 private:
  std::string buffer_;
  size_t scan_pos_ = 0;  // where brace scanning resumes
  int depth_ = 0;
  bool in_string_ = false;
  bool escaped_ = false;
  size_t object_start_ = std::string::npos;
};

// Decodes one complete event object.
WatchEvent decode_watch_event(const nlohmann::json& event);

}  // namespace peregrine::kube
