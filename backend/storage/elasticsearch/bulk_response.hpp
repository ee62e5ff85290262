// Reading a _bulk response: per-document status, concrete index and error. The common all-success response
// ({"took":…,"errors":false,"items":[…]}) is recognised from its first bytes without parsing the item list.
#pragma once
#include <string>
#include <vector>

namespace peregrine::storage::elasticsearch {

struct BulkItemOutcome {
  int status = 0;
  std::string index;         // concrete index the document went to
  std::string error_type;    // e.g. "es_rejected_execution_exception"
  std::string error_reason;
};

enum class ItemDisposition { Stored, Retry, Reject };

// 2xx stored; 429, 408 and 5xx worth retrying; other statuses rejected for good.
ItemDisposition classify_item_status(int status);

struct BulkResponse {
  bool valid = false;   // false: not a bulk response with `expected_items` items (treat the request as failed)
  bool errors = false;  // at least one item failed
  std::vector<BulkItemOutcome> items;  // filled when errors, or when want_first_index (only the first then)
  std::string first_index;             // concrete index of the first item (when requested)
};

// want_first_index: also report the first item's concrete index (alias rollover detection).
BulkResponse parse_bulk_response(const std::string& body, size_t expected_items, bool want_first_index);

}  // namespace peregrine::storage::elasticsearch
