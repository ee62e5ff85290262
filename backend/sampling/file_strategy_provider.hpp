// FileStrategyProvider: serves the strategies of --sampling.strategies-file (a local path or an http(s) URL
// fetched with libcurl), reloading it every --sampling.strategies-reload-interval (0 = never) on a background
// thread. A failed reload keeps the previous strategies; an unreadable or invalid file at start-up is an error.
// Without a file every service gets probabilistic sampling at --sampling.default-sampling-probability.
#pragma once
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "backend/common/config.hpp"
#include "backend/sampling/strategies_file.hpp"
#include "backend/sampling/strategy_provider.hpp"

namespace peregrine::sampling {

struct FileStrategyOptions {
  std::string strategies_file;                    // path or http(s):// URL; "" = defaults only
  std::chrono::milliseconds reload_interval{0};   // 0 = load once
  double default_sampling_probability = kDefaultSamplingProbability;
};

// Declares sampling.strategies-file, sampling.strategies-reload-interval and
// sampling.default-sampling-probability (env SAMPLING_STRATEGIES_FILE, ...).
void define_sampling_flags(common::Config& config);
FileStrategyOptions sampling_options_from_config(const common::Config& config);

// Reads a strategies source: a file, or an http(s) URL (HTTP 503 → "null", i.e. defaults). Throws
// StrategiesFileError on failure.
std::string load_strategies_source(const std::string& source);

class FileStrategyProvider : public StrategyProvider {
 public:
  // Loads the file immediately; throws StrategiesFileError when it cannot be read or parsed.
  explicit FileStrategyProvider(FileStrategyOptions options);
  ~FileStrategyProvider() override;  // stops the reload thread
  FileStrategyProvider(const FileStrategyProvider&) = delete;
  FileStrategyProvider& operator=(const FileStrategyProvider&) = delete;

  SamplingStrategy get_sampling_strategy(const std::string& service_name) override;
  // Re-reads the source now; returns false (keeping the old strategies) on failure.
  bool reload();

 private:
  void reload_loop();

  FileStrategyOptions options_;
  std::mutex mu_;
  std::shared_ptr<const StrategyStore> store_;
  std::string last_text_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread reloader_;
};

}  // namespace peregrine::sampling
