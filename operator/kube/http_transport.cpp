// libcurl transport: handle pool, TLS/auth options, blocking and streaming requests.
#include "operator/kube/http_transport.hpp"

#include <curl/curl.h>

#include "operator/kube/api_error.hpp"

namespace peregrine::kube {
namespace {

void global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t append_to_string(char* ptr, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(ptr, size * n);
  return size * n;
}

struct UrlParts {
  std::string scheme, host, port;  // host without brackets
};

UrlParts split_server_url(const std::string& server) {
  UrlParts parts;
  const auto scheme_end = server.find("://");
  if (scheme_end == std::string::npos) throw ConfigError("server URL has no scheme: " + server);
  parts.scheme = server.substr(0, scheme_end);
  std::string rest = server.substr(scheme_end + 3);
  if (auto slash = rest.find('/'); slash != std::string::npos) rest = rest.substr(0, slash);
  if (!rest.empty() && rest[0] == '[') {
    const auto close = rest.find(']');
    if (close == std::string::npos) throw ConfigError("bad IPv6 server URL: " + server);
    parts.host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') parts.port = rest.substr(close + 2);
  } else if (auto colon = rest.rfind(':'); colon != std::string::npos) {
    parts.host = rest.substr(0, colon);
    parts.port = rest.substr(colon + 1);
  } else {
    parts.host = rest;
  }
  if (parts.port.empty()) parts.port = parts.scheme == "https" ? "443" : "80";
  return parts;
}

std::string bracket(const std::string& host) { return host.find(':') != std::string::npos ? "[" + host + "]" : host; }

// Keeps a multi handle alive for the StopSignal callback until the stream is finished.
struct MultiWaker {
  std::mutex mutex;
  CURLM* multi = nullptr;
  void wake() {
    std::lock_guard lock(mutex);
    if (multi) curl_multi_wakeup(multi);
  }
};

struct StreamContext {
  CURL* easy = nullptr;
  const std::function<bool(std::string_view)>* on_chunk = nullptr;
  long status = 0;
  std::string error_body;
  bool stopped_by_consumer = false;
};

size_t stream_write(char* ptr, size_t size, size_t n, void* user) {
  auto* ctx = static_cast<StreamContext*>(user);
  const size_t bytes = size * n;
  if (ctx->status == 0) curl_easy_getinfo(ctx->easy, CURLINFO_RESPONSE_CODE, &ctx->status);
  if (ctx->status < 200 || ctx->status >= 300) {
    ctx->error_body.append(ptr, bytes);
    return bytes;
  }
  if (!(*ctx->on_chunk)(std::string_view(ptr, bytes))) {
    ctx->stopped_by_consumer = true;
    return 0;  // aborts the transfer
  }
  return bytes;
}

}  // namespace

struct HttpTransport::Handle {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  curl_slist* connect_to = nullptr;
  Handle() : easy(curl_easy_init()) {
    if (!easy) throw TransportError("curl_easy_init failed");
  }
  ~Handle() {
    clear_lists();
    if (easy) curl_easy_cleanup(easy);
  }
  void clear_lists() {
    if (headers) curl_slist_free_all(headers);
    if (connect_to) curl_slist_free_all(connect_to);
    headers = nullptr;
    connect_to = nullptr;
  }
};

HttpTransport::HttpTransport(ClientConfig config)
    : config_(std::move(config)),
      tokens_(config_.bearer_token, config_.bearer_token_file, config_.token_refresh_period) {
  global_init_once();
  if (config_.server.empty()) throw ConfigError("ClientConfig.server is empty");
  url_base_ = config_.server;
  while (!url_base_.empty() && url_base_.back() == '/') url_base_.pop_back();
  if (!config_.tls_server_name.empty()) {
    const UrlParts parts = split_server_url(url_base_);
    url_base_ = parts.scheme + "://" + bracket(config_.tls_server_name) + ":" + parts.port;
    connect_to_ = bracket(config_.tls_server_name) + ":" + parts.port + ":" + bracket(parts.host) + ":" + parts.port;
  }
}

HttpTransport::~HttpTransport() = default;

std::unique_ptr<HttpTransport::Handle> HttpTransport::take_handle() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!pool_.empty()) {
      auto handle = std::move(pool_.back());
      pool_.pop_back();
      return handle;
    }
  }
  return std::make_unique<Handle>();
}

void HttpTransport::return_handle(std::unique_ptr<Handle> handle) {
  handle->clear_lists();
  curl_easy_reset(handle->easy);  // keeps the handle's live connections for reuse
  std::lock_guard lock(pool_mutex_);
  pool_.push_back(std::move(handle));
}

void HttpTransport::prepare(Handle& h, const HttpCall& call) {
  CURL* e = h.easy;
  const std::string url = url_base_ + call.path_and_query;
  curl_easy_setopt(e, CURLOPT_URL, url.c_str());  // libcurl copies string options
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(config_.connect_timeout.count()));
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(call.timeout.count()));
  curl_easy_setopt(e, CURLOPT_USERAGENT, config_.user_agent.c_str());
  curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, call.method.c_str());
  if (call.method == "HEAD") curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  if (!call.body.empty() || call.method == "POST" || call.method == "PUT" || call.method == "PATCH") {
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call.body.size()));
    curl_easy_setopt(e, CURLOPT_COPYPOSTFIELDS, call.body.c_str());
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, call.method.c_str());
  }

  h.headers = curl_slist_append(h.headers, ("Accept: " + call.accept).c_str());
  if (!call.content_type.empty()) h.headers = curl_slist_append(h.headers, ("Content-Type: " + call.content_type).c_str());
  h.headers = curl_slist_append(h.headers, "Expect:");
  if (const std::string token = tokens_.token(); !token.empty()) {
    h.headers = curl_slist_append(h.headers, ("Authorization: Bearer " + token).c_str());
  } else if (!config_.username.empty()) {
    curl_easy_setopt(e, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(e, CURLOPT_USERNAME, config_.username.c_str());
    curl_easy_setopt(e, CURLOPT_PASSWORD, config_.password.c_str());
  }
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, h.headers);

  if (!connect_to_.empty()) {
    h.connect_to = curl_slist_append(h.connect_to, connect_to_.c_str());
    curl_easy_setopt(e, CURLOPT_CONNECT_TO, h.connect_to);
  }
  if (!config_.proxy_url.empty()) curl_easy_setopt(e, CURLOPT_PROXY, config_.proxy_url.c_str());

  if (config_.insecure_skip_tls_verify) {
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
  }
  if (!config_.ca_pem.empty()) {
    curl_blob blob{const_cast<char*>(config_.ca_pem.data()), config_.ca_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(e, CURLOPT_CAINFO_BLOB, &blob);
  } else if (!config_.ca_file.empty()) {
    curl_easy_setopt(e, CURLOPT_CAINFO, config_.ca_file.c_str());
  }
  if (!config_.client_cert_pem.empty()) {
    curl_blob blob{const_cast<char*>(config_.client_cert_pem.data()), config_.client_cert_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(e, CURLOPT_SSLCERT_BLOB, &blob);
    curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
  } else if (!config_.client_cert_file.empty()) {
    curl_easy_setopt(e, CURLOPT_SSLCERT, config_.client_cert_file.c_str());
    curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
  }
  if (!config_.client_key_pem.empty()) {
    curl_blob blob{const_cast<char*>(config_.client_key_pem.data()), config_.client_key_pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(e, CURLOPT_SSLKEY_BLOB, &blob);
    curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
  } else if (!config_.client_key_file.empty()) {
    curl_easy_setopt(e, CURLOPT_SSLKEY, config_.client_key_file.c_str());
    curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
  }
}

HttpResult HttpTransport::perform(const HttpCall& call) {
  auto handle = take_handle();
  prepare(*handle, call);
  HttpResult result;
  curl_easy_setopt(handle->easy, CURLOPT_WRITEFUNCTION, append_to_string);
  curl_easy_setopt(handle->easy, CURLOPT_WRITEDATA, &result.body);
  const CURLcode rc = curl_easy_perform(handle->easy);
  if (rc != CURLE_OK) {
    const std::string what = std::string(curl_easy_strerror(rc));
    return_handle(std::move(handle));
    throw TransportError(call.method + " " + call.path_and_query + ": " + what);
  }
  curl_easy_getinfo(handle->easy, CURLINFO_RESPONSE_CODE, &result.status);
  char* ct = nullptr;
  if (curl_easy_getinfo(handle->easy, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct) result.content_type = ct;
  return_handle(std::move(handle));
  if (result.status == 401) tokens_.invalidate();
  return result;
}

HttpResult HttpTransport::stream(const HttpCall& call, const std::function<bool(std::string_view)>& on_chunk,
                                 const StopSignal* stop) {
  auto handle = take_handle();
  prepare(*handle, call);
  StreamContext ctx;
  ctx.easy = handle->easy;
  ctx.on_chunk = &on_chunk;
  curl_easy_setopt(handle->easy, CURLOPT_WRITEFUNCTION, stream_write);
  curl_easy_setopt(handle->easy, CURLOPT_WRITEDATA, &ctx);

  auto waker = std::make_shared<MultiWaker>();
  CURLM* multi = curl_multi_init();
  if (!multi) {
    return_handle(std::move(handle));
    throw TransportError("curl_multi_init failed");
  }
  curl_multi_add_handle(multi, handle->easy);
  waker->multi = multi;
  CURLcode transfer_result = CURLE_OK;
  bool finished = false;
  {
    StopCallback on_stop(stop, [waker] { waker->wake(); });
    int running = 1;
    while (!(stop && stop->stop_requested())) {
      if (curl_multi_perform(multi, &running) != CURLM_OK) break;
      int queued = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
        if (msg->msg == CURLMSG_DONE) {
          transfer_result = msg->data.result;
          finished = true;
        }
      }
      if (finished || running == 0) break;
      curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
    }
  }
  {
    std::lock_guard lock(waker->mutex);
    waker->multi = nullptr;
  }
  curl_multi_remove_handle(multi, handle->easy);
  curl_multi_cleanup(multi);

  HttpResult result;
  curl_easy_getinfo(handle->easy, CURLINFO_RESPONSE_CODE, &result.status);
  char* ct = nullptr;
  if (curl_easy_getinfo(handle->easy, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct) result.content_type = ct;
  result.body = std::move(ctx.error_body);
  return_handle(std::move(handle));

  const bool stopped = stop && stop->stop_requested();
  if (finished && transfer_result != CURLE_OK && !stopped &&
      !(transfer_result == CURLE_WRITE_ERROR && ctx.stopped_by_consumer)) {
    throw TransportError(call.method + " " + call.path_and_query + ": " + curl_easy_strerror(transfer_result));
  }
  if (!finished && !stopped) throw TransportError(call.method + " " + call.path_and_query + ": transfer interrupted");
  if (result.status == 401) tokens_.invalidate();
  return result;
}

}  // namespace peregrine::kube
