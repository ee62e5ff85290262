// Shared helpers for the kube client tests: an in-process API double on an ephemeral port, a RestClient
// configured for it, and `eventually` (poll a condition until a generous deadline — never a fixed sleep).
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "operator/kube/rest_client.hpp"
#include "tests/kube-apiserver-double/kube_api_double.hpp"

namespace peregrine::kube::testing {

inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds deadline = std::chrono::seconds(20)) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

inline ClientConfig config_for(const kubedouble::KubeApiDouble& api) {
  ClientConfig config;
  config.server = api.url();
  config.qps = 0;  // unlimited: the tests exercise the limiter separately
  config.request_timeout = std::chrono::seconds(15);
  config.connect_timeout = std::chrono::seconds(5);
  return config;
}

// A started double plus a client for it.
struct DoubleFixture {
  explicit DoubleFixture(kubedouble::DoubleOptions options = {}) : api(std::move(options)) {
    api.start();
    client = std::make_shared<RestClient>(config_for(api));
  }
  kubedouble::KubeApiDouble api;
  std::shared_ptr<RestClient> client;
};

inline nlohmann::json config_map(const std::string& name, const nlohmann::json& labels = nlohmann::json::object(),
                                 const nlohmann::json& data = {{"k", "v"}}) {
  return {{"apiVersion", "v1"},
          {"kind", "ConfigMap"},
          {"metadata", {{"name", name}, {"labels", labels}}},
          {"data", data}};
}

inline nlohmann::json deployment(const std::string& name, const std::string& image = "nginx:1.25") {
  return {{"apiVersion", "apps/v1"},
          {"kind", "Deployment"},
          {"metadata", {{"name", name}, {"labels", {{"app", name}}}}},
          {"spec",
           {{"selector", {{"matchLabels", {{"app", name}}}}},
            {"template",
             {{"metadata", {{"labels", {{"app", name}}}}},
              {"spec", {{"containers", {{{"name", "main"}, {"image", image}}}}}}}}}}};
}

}  // namespace peregrine::kube::testing
