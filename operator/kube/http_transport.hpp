// HttpTransport: the libcurl layer under RestClient. Applies the ClientConfig's TLS material, proxy and
// credentials to every request; keeps a pool of easy handles (one per concurrent call, connections reused);
// streams response bodies (watches) through curl's multi interface so a StopSignal cancels them at once.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "operator/kube/client_config.hpp"
#include "operator/kube/stop_signal.hpp"
#include "operator/kube/token_source.hpp"

namespace peregrine::kube {

struct HttpCall {
  std::string method = "GET";
  std::string path_and_query;  // "/api/v1/pods?limit=5" (appended to the server URL)
  std::string accept = "application/json";
  std::string content_type;    // set when body is sent
  std::string body;
  std::chrono::milliseconds timeout{0};  // whole call; 0 = none
};

struct HttpResult {
  long status = 0;
  std::string body;  // whole body (perform), or only the error body (stream, non-2xx)
  std::string content_type;
};

class HttpTransport {
 public:
  explicit HttpTransport(ClientConfig config);
  ~HttpTransport();
  HttpTransport(const HttpTransport&) = delete;
  HttpTransport& operator=(const HttpTransport&) = delete;

  // One request/response. Throws TransportError when no HTTP answer was received. Thread-safe.
  HttpResult perform(const HttpCall& call);

  // Streams a 2xx body to on_chunk as it arrives until the server ends it, on_chunk returns false, or `stop`
  // fires (then returns normally). Non-2xx bodies are collected into the result instead. Throws TransportError.
  HttpResult stream(const HttpCall& call, const std::function<bool(std::string_view)>& on_chunk,
                    const StopSignal* stop);

  const ClientConfig& config() const { return config_; }

 private:
  struct Handle;
  std::unique_ptr<Handle> take_handle();
  void return_handle(std::unique_ptr<Handle> handle);
  void prepare(Handle& handle, const HttpCall& call);

  ClientConfig config_;
  TokenSource tokens_;
  std::string url_base_;     // server URL, host replaced by tls_server_name when set
  std::string connect_to_;   // CURLOPT_CONNECT_TO entry for tls_server_name
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Handle>> pool_;
};

}  // namespace peregrine::kube
