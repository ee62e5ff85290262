// Catalog: the services and (operation, span kind) pairs ever written to the memory store. Like Jaeger's
// memory storage it is not pruned when traces are evicted, so the UI's service/operation drop-downs keep
// listing everything seen since start-up. Shards call add() only for triples new to them, so the lock here is
// taken rarely.
#pragma once
#include <map>
#include <set>
#include <shared_mutex>
#include <string>
#include <tuple>
#include <vector>

#include "backend/storage/span_reader.hpp"

namespace peregrine::storage::memory {

class Catalog {
 public:
  void add(const std::string& service, const std::string& operation, const std::string& span_kind);
  std::vector<std::string> services() const;  // sorted
  // Sorted by (name, span kind); span_kind "" = every kind.
  std::vector<Operation> operations(const OperationQuery& q) const;

 private:
  struct OperationLess {
    bool operator()(const Operation& a, const Operation& b) const {
      return std::tie(a.name, a.span_kind) < std::tie(b.name, b.span_kind);
    }
  };
  mutable std::shared_mutex mu_;
  std::map<std::string, std::set<Operation, OperationLess>> by_service_;
};

}  // namespace peregrine::storage::memory
