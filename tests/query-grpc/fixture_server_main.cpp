// peregrine-query-grpc-fixture: a QueryGrpcServer on 127.0.0.1:0 over a MemoryStore holding the known traces
// (known_traces.hpp), for the node interop tests. Prints {"port":N} on one line once serving, then serves until
// its standard input closes (or it is killed).
#include <iostream>
#include <memory>
#include <string>

#include "backend/common/metrics.hpp"
#include "backend/query/grpc/query_grpc_server.hpp"
#include "backend/query/query_service.hpp"
#include "backend/storage/memory/memory_store.hpp"
#include "tests/query-grpc/known_traces.hpp"

int main() {
  using namespace peregrine;
  auto store = std::make_shared<storage::memory::MemoryStore>();
  query::testing::write_known_traces(*store);
  common::MetricsRegistry metrics;
  query::QueryService service(store, store, query::QueryServiceOptions{}, metrics);
  query::QueryGrpcServer server("127.0.0.1:0", service, metrics);
  server.start();
  std::cout << "{\"port\":" << server.port() << "}" << std::endl;
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  server.stop();
  return 0;
}
