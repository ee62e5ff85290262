// Catalog implementation.
#include "backend/storage/memory/catalog.hpp"

#include <mutex>

namespace peregrine::storage::memory {

void Catalog::add(const std::string& service, const std::string& operation, const std::string& span_kind) {
  std::unique_lock lock(mu_);
  by_service_[service].insert(Operation{operation, span_kind});
}

std::vector<std::string> Catalog::services() const {
  std::shared_lock lock(mu_);
  std::vector<std::string> out;
  out.reserve(by_service_.size());
  for (const auto& [service, ops] : by_service_) out.push_back(service);
  return out;
}

std::vector<Operation> Catalog::operations(const OperationQuery& q) const {
  std::shared_lock lock(mu_);
  std::vector<Operation> out;
  auto it = by_service_.find(q.service);
  if (it == by_service_.end()) return out;
  for (const auto& op : it->second) {
    if (q.span_kind.empty() || op.span_kind == q.span_kind) out.push_back(op);
  }
  return out;
}

}  // namespace peregrine::storage::memory
