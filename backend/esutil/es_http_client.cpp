// libcurl-based Elasticsearch HTTP client (see es_http_client.hpp).
#include "backend/esutil/es_http_client.hpp"

#include <curl/curl.h>

#include <fstream>
#include <mutex>
#include <stdexcept>
#include <utility>

#include "backend/esutil/file_secret.hpp"

namespace peregrine::esutil {

namespace {

std::once_flag g_curl_init;

size_t append_body(char* data, size_t size, size_t nmemb, void* user) {
  auto* out = static_cast<std::string*>(user);
  out->append(data, size * nmemb);
  return size * nmemb;
}

struct ParsedUrl {
  std::string scheme;
  std::string host;
  std::string port;  // "" when the URL has none
  std::string rest;  // path (possibly empty)
};

ParsedUrl parse_url(const std::string& url) {
  ParsedUrl u;
  size_t p = url.find("://");
  if (p == std::string::npos) throw std::invalid_argument("invalid Elasticsearch URL \"" + url + "\" (want http(s)://host:port)");
  u.scheme = url.substr(0, p);
  size_t host_start = p + 3;
  size_t path_start = url.find('/', host_start);
  std::string authority = url.substr(host_start, path_start == std::string::npos ? std::string::npos : path_start - host_start);
  u.rest = path_start == std::string::npos ? "" : url.substr(path_start);
  if (!authority.empty() && authority.front() == '[') {
    size_t close = authority.find(']');
    u.host = authority.substr(0, close + 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') u.port = authority.substr(close + 2);
  } else {
    size_t colon = authority.rfind(':');
    if (colon == std::string::npos) {
      u.host = authority;
    } else {
      u.host = authority.substr(0, colon);
      u.port = authority.substr(colon + 1);
    }
  }
  if (u.host.empty()) throw std::invalid_argument("invalid Elasticsearch URL \"" + url + "\" (no host)");
  return u;
}

// TLS files are read by libcurl on every new connection; checking them here turns a typo into a start-up error
// instead of a failing request later.
void check_tls_files(const EsTlsOptions& tls) {
  if (tls.cert_path.empty() != tls.key_path.empty())
    throw std::invalid_argument("Elasticsearch TLS: a client certificate needs both es.tls.cert and es.tls.key");
  const std::pair<const std::string*, const char*> files[] = {
      {&tls.ca_path, "CA"}, {&tls.cert_path, "certificate"}, {&tls.key_path, "key"}};
  for (const auto& [path, what] : files) {
    if (path->empty()) continue;
    if (!std::ifstream(*path)) throw std::runtime_error(std::string("cannot read Elasticsearch TLS ") + what + " file " + *path);
  }
}

std::string trim_trailing_slash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

}  // namespace

std::string EsResponse::describe() const {
  if (!transport_error.empty()) return transport_error;
  std::string b = body.size() > 300 ? body.substr(0, 300) + "…" : body;
  return "HTTP " + std::to_string(status) + ": " + b;
}

struct EsHttpClient::Handle {
  CURL* curl = nullptr;
  Handle() : curl(curl_easy_init()) {
    if (!curl) throw std::runtime_error("curl_easy_init failed");
  }
  ~Handle() { curl_easy_cleanup(curl); }
};

EsHttpClient::EsHttpClient(EsClientOptions opts) : opts_(std::move(opts)) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::vector<std::string> servers;
  for (auto& s : opts_.servers) {
    if (s.empty()) continue;
    parse_url(s);  // validates
    servers.push_back(trim_trailing_slash(s));
  }
  if (servers.empty()) throw std::invalid_argument("no Elasticsearch server URL configured (es.server-urls)");
  opts_.servers = std::move(servers);
  if (opts_.tls.enabled) check_tls_files(opts_.tls);
  if (!opts_.password_file.empty()) password_secret_ = std::make_unique<FileSecret>(opts_.password_file);
  if (!opts_.token_file.empty()) token_secret_ = std::make_unique<FileSecret>(opts_.token_file);
}

EsHttpClient::~EsHttpClient() = default;

std::unique_ptr<EsHttpClient::Handle> EsHttpClient::acquire() {
  {
    std::lock_guard<std::mutex> lock(pool_mu_);
    if (!pool_.empty()) {
      auto h = std::move(pool_.back());
      pool_.pop_back();
      return h;
    }
  }
  return std::make_unique<Handle>();
}

void EsHttpClient::release(std::unique_ptr<Handle> h) {
  std::lock_guard<std::mutex> lock(pool_mu_);
  pool_.push_back(std::move(h));
}

std::string EsHttpClient::authorization_header() {
  if (token_secret_) return "Authorization: Bearer " + token_secret_->value();
  return "";
}

EsResponse EsHttpClient::request(std::string_view method, std::string_view target, std::string_view body,
                                 std::string_view content_type, std::chrono::milliseconds timeout) {
  if (timeout.count() == 0) timeout = opts_.timeout;
  const size_t n = opts_.servers.size();
  const size_t first = next_server_.fetch_add(1, std::memory_order_relaxed) % n;
  EsResponse last;
  auto handle = acquire();
  CURL* curl = handle->curl;
  const std::string auth = authorization_header();
  std::string password = opts_.password;
  if (password_secret_) password = password_secret_->value();

  for (size_t attempt = 0; attempt < n; ++attempt) {
    const std::string& server = opts_.servers[(first + attempt) % n];
    curl_easy_reset(curl);
    std::string url = server + std::string(target);
    curl_slist* connect_to = nullptr;
    const EsTlsOptions& tls = opts_.tls;
    if (tls.enabled && !tls.server_name.empty()) {
      ParsedUrl u = parse_url(server);
      std::string port = u.port.empty() ? (u.scheme == "https" ? "443" : "80") : u.port;
      url = u.scheme + "://" + tls.server_name + ":" + port + u.rest + std::string(target);
      connect_to = curl_slist_append(nullptr, (tls.server_name + ":" + port + ":" + u.host + ":" + port).c_str());
      curl_easy_setopt(curl, CURLOPT_CONNECT_TO, connect_to);
    }
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TCP_NODELAY, 1L);
    std::string m(method);
    if (m == "GET") {
      curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
      if (!body.empty()) curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "GET");
    } else if (m == "HEAD") {
      curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (m != "POST") {
      curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, m.c_str());
    }
    if (!body.empty() || m == "POST" || m == "PUT") {
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
      if (m == "GET") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "GET");
    }
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, ("Content-Type: " + std::string(content_type)).c_str());
    headers = curl_slist_append(headers, "Expect:");  // no 100-continue round trip for large bulks
    headers = curl_slist_append(headers, "Accept: application/json");
    if (!auth.empty()) headers = curl_slist_append(headers, auth.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (auth.empty() && !opts_.username.empty()) {
      curl_easy_setopt(curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
      curl_easy_setopt(curl, CURLOPT_USERNAME, opts_.username.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, password.c_str());
    }
    if (tls.enabled && !tls.ca_path.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, tls.ca_path.c_str());
    if (tls.enabled && !tls.cert_path.empty()) curl_easy_setopt(curl, CURLOPT_SSLCERT, tls.cert_path.c_str());
    if (tls.enabled && !tls.key_path.empty()) curl_easy_setopt(curl, CURLOPT_SSLKEY, tls.key_path.c_str());
    if (tls.enabled && tls.skip_host_verify) {
      curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (timeout.count() > 0) curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
    EsResponse resp;
    char error_detail[CURL_ERROR_SIZE] = {0};
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_detail);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &resp.body);
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, nullptr);  // the buffer lives on this stack frame only
    curl_slist_free_all(headers);
    if (connect_to) curl_slist_free_all(connect_to);
    if (rc == CURLE_OK) {
      curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &resp.status);
      release(std::move(handle));
      return resp;
    }
    // libcurl's detail says what failed (e.g. "SSL certificate problem: unable to get local issuer certificate").
    resp.transport_error = std::string(m) + " " + server + std::string(target.substr(0, target.find('?'))) +
                           ": " + (error_detail[0] ? error_detail : curl_easy_strerror(rc));
    last = std::move(resp);
    // Only connection-level failures are retried on the next server: a request that may have reached the
    // server (timeouts, resets mid-response) is reported to the caller, who knows whether retrying is safe.
    if (rc != CURLE_COULDNT_CONNECT && rc != CURLE_COULDNT_RESOLVE_HOST && rc != CURLE_COULDNT_RESOLVE_PROXY) break;
  }
  release(std::move(handle));
  return last;
}

std::string url_encode(std::string_view s, std::string_view keep) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~' || keep.find(static_cast<char>(c)) != std::string_view::npos) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
    }
  }
  return out;
}

}  // namespace peregrine::esutil
