// Test helpers for the embedded store: a controllable clock, a scratch directory per test, and a store opened
// on it with background tasks off (tests drive maintenance themselves).
#pragma once
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>

#include "backend/storage/embedded/embedded_store.hpp"
#include "backend/storage/embedded/temp_directory.hpp"

namespace peregrine::storage::embedded::testing {

// Starts at the real time (file timestamps and our expiries then agree), moves only when told to.
class TestClock {
 public:
  TestClock() : now_(std::make_shared<std::atomic<int64_t>>(system_now_us())) {}
  Clock clock() const {
    auto now = now_;
    return [now] { return now->load(); };
  }
  int64_t now() const { return now_->load(); }
  void advance(std::chrono::microseconds d) { now_->fetch_add(d.count()); }

 private:
  std::shared_ptr<std::atomic<int64_t>> now_;
};

inline EmbeddedOptions persistent_options(const std::filesystem::path& dir) {
  EmbeddedOptions o;
  o.ephemeral = false;
  o.directory = dir;
  o.maintenance_interval = std::chrono::nanoseconds(0);
  o.metrics_update_interval = std::chrono::nanoseconds(0);
  return o;
}

// A scratch directory plus a store in it.
struct StoreFixture {
  TempDirectory scratch{"peregrine-embedded-test-"};
  TestClock clock;
  std::unique_ptr<EmbeddedStore> store;

  StoreFixture() { open(); }
  void open(EmbeddedOptions o) { store = std::make_unique<EmbeddedStore>(o, clock.clock()); }
  void open() { open(persistent_options(scratch.path() / "db")); }
  void close() { store.reset(); }
  void reopen() {
    close();
    open();
  }
};

}  // namespace peregrine::storage::embedded::testing
