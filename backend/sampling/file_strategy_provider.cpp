// File/URL-backed sampling strategy provider with periodic reload.
#include "backend/sampling/file_strategy_provider.hpp"

#include <curl/curl.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

namespace peregrine::sampling {
namespace {

bool is_url(const std::string& s) { return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0; }

size_t append_body(char* data, size_t size, size_t n, void* user) {
  auto* body = static_cast<std::string*>(user);
  if (body->size() + size * n > (16u << 20)) return 0;  // strategies files are small; refuse huge answers
  body->append(data, size * n);
  return size * n;
}

std::string download(const std::string& url) {
  CURL* curl = curl_easy_init();
  if (!curl) throw StrategiesFileError("cannot initialise libcurl");
  std::string body;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 5000L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK)
    throw StrategiesFileError("failed to download sampling strategies: " + std::string(curl_easy_strerror(rc)));
  if (status == 503) return "null";
  if (status != 200)
    throw StrategiesFileError("receiving HTTP " + std::to_string(status) +
                              " while downloading strategies file: " + body.substr(0, 256));
  return body;
}

}  // namespace

void define_sampling_flags(common::Config& config) {
  config.define("sampling.strategies-file", "",
                "The path for the sampling strategies file in JSON format (or an http(s) URL to fetch it from)");
  config.define("sampling.strategies-reload-interval", "0s",
                "Reload interval to check and reload sampling strategies file. Zero value means no reloading");
  config.define("sampling.default-sampling-probability", "0.001",
                "Sampling probability used by the strategy provider when no strategies file (or default) is given");
}

FileStrategyOptions sampling_options_from_config(const common::Config& config) {
  FileStrategyOptions o;
  o.strategies_file = config.get("sampling.strategies-file");
  o.reload_interval =
      std::chrono::duration_cast<std::chrono::milliseconds>(config.get_duration("sampling.strategies-reload-interval"));
  o.default_sampling_probability = config.get_double("sampling.default-sampling-probability");
  return o;
}

std::string load_strategies_source(const std::string& source) {
  if (is_url(source)) return download(source);
  std::ifstream in(source, std::ios::binary);
  if (!in) throw StrategiesFileError("failed to read strategies file " + source);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

FileStrategyProvider::FileStrategyProvider(FileStrategyOptions options) : options_(std::move(options)) {
  store_ = std::make_shared<const StrategyStore>(default_strategy_store(options_.default_sampling_probability));
  if (options_.strategies_file.empty()) {
    spdlog::info("No sampling strategies source provided, using defaults");
    return;
  }
  last_text_ = load_strategies_source(options_.strategies_file);
  std::vector<std::string> warnings;
  store_ = std::make_shared<const StrategyStore>(
      parse_strategies(last_text_, options_.default_sampling_probability, &warnings));
  for (const auto& w : warnings) spdlog::warn("sampling strategies: {}", w);
  if (options_.reload_interval.count() > 0) reloader_ = std::thread([this] { reload_loop(); });
}

FileStrategyProvider::~FileStrategyProvider() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (reloader_.joinable()) reloader_.join();
}

SamplingStrategy FileStrategyProvider::get_sampling_strategy(const std::string& service_name) {
  std::shared_ptr<const StrategyStore> store;
  {
    std::lock_guard<std::mutex> lock(mu_);
    store = store_;
  }
  return store->lookup(service_name);
}

bool FileStrategyProvider::reload() {
  if (options_.strategies_file.empty()) return true;
  try {
    std::string text = load_strategies_source(options_.strategies_file);
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (text == last_text_) return true;
    }
    std::vector<std::string> warnings;
    auto store = std::make_shared<const StrategyStore>(
        parse_strategies(text, options_.default_sampling_probability, &warnings));
    for (const auto& w : warnings) spdlog::warn("sampling strategies: {}", w);
    std::lock_guard<std::mutex> lock(mu_);
    store_ = std::move(store);
    last_text_ = std::move(text);
    spdlog::info("Updated sampling strategies from {}", options_.strategies_file);
    return true;
  } catch (const std::exception& e) {
    spdlog::error("failed to re-load sampling strategies: {}", e.what());
    return false;
  }
}

void FileStrategyProvider::reload_loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stopping_) {
    if (stop_cv_.wait_for(lock, options_.reload_interval, [this] { return stopping_; })) break;
    lock.unlock();
    reload();
    lock.lock();
  }
}

}  // namespace peregrine::sampling
