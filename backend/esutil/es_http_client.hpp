// EsHttpClient: the HTTP client every Peregrine Elasticsearch/OpenSearch component shares (span writer and
// reader, es-index-cleaner, es-rollover). libcurl easy handles are pooled and reused (keep-alive); requests
// rotate over es.server-urls and fail over to the next server on connection errors; basic auth
// (es.username / es.password / es.password-file), bearer tokens (es.token-file) and TLS (es.tls.*) are
// applied to every request. Thread-safe.
#pragma once
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace peregrine::esutil {

class FileSecret;

// Applied only when enabled (like Jaeger); https URLs without it use the system CAs with full verification.
struct EsTlsOptions {
  bool enabled = false;
  std::string ca_path;
  std::string cert_path;
  std::string key_path;
  std::string server_name;  // overrides the name used for SNI and certificate verification
  bool skip_host_verify = false;
  bool operator==(const EsTlsOptions&) const = default;
};

struct EsClientOptions {
  std::vector<std::string> servers{"http://127.0.0.1:9200"};
  std::string username;
  std::string password;
  std::string password_file;  // takes precedence over password; re-read when it changes
  std::string token_file;     // bearer token; takes precedence over basic auth
  EsTlsOptions tls;
  std::chrono::milliseconds timeout{0};  // per request; 0 = no limit
};

struct EsResponse {
  long status = 0;              // HTTP status (0 when no response arrived)
  std::string body;
  std::string transport_error;  // non-empty when the request failed before an HTTP response
  bool ok() const { return transport_error.empty() && status >= 200 && status < 300; }
  // One-line description for logs and error messages.
  std::string describe() const;
};

class EsHttpClient {
 public:
  // Throws std::invalid_argument when no server URL is given or only one of tls.cert_path / tls.key_path is,
  // std::runtime_error for unreadable secret or TLS files.
  explicit EsHttpClient(EsClientOptions opts);
  ~EsHttpClient();
  EsHttpClient(const EsHttpClient&) = delete;
  EsHttpClient& operator=(const EsHttpClient&) = delete;

  // target is the path plus query string, e.g. "/_bulk" or "/jaeger-span-*/_search?ignore_unavailable=true".
  // timeout 0 uses the client's default. Never throws for HTTP-level failures: inspect the response.
  EsResponse request(std::string_view method, std::string_view target, std::string_view body = {},
                     std::string_view content_type = "application/json",
                     std::chrono::milliseconds timeout = std::chrono::milliseconds(0));

  const EsClientOptions& options() const { return opts_; }

 private:
  struct Handle;
  std::unique_ptr<Handle> acquire();
  void release(std::unique_ptr<Handle> h);
  std::string authorization_header();

  EsClientOptions opts_;
  std::unique_ptr<FileSecret> password_secret_;
  std::unique_ptr<FileSecret> token_secret_;
  std::atomic<size_t> next_server_{0};
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Handle>> pool_;
};

// Percent-encodes a string for use in a URL path segment or query value. Characters in keep (e.g. "*,:" for
// index expressions) are left as they are.
std::string url_encode(std::string_view s, std::string_view keep = "");

}  // namespace peregrine::esutil
