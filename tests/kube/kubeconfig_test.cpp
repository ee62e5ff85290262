// Configuration loading: kubeconfig (every credential and CA form, contexts, $KUBECONFIG merging, errors),
// in-cluster service account, the token source, and the credentials actually sent on the wire.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>

#include "backend/common/http_server.hpp"
#include "operator/kube/base64.hpp"
#include "operator/kube/kubeconfig.hpp"
#include "operator/kube/rest_client.hpp"
#include "operator/kube/token_source.hpp"
#include "operator/kube/well_known_resources.hpp"

namespace peregrine::kube {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/peregrine-kubeconfig-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string file(const std::string& name, const std::string& content) const {
    const std::string p = path_ + "/" + name;
    fs::create_directories(fs::path(p).parent_path());
    std::ofstream(p) << content;
    return p;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

const char* kPem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

std::string full_kubeconfig() {
  return std::string(R"(apiVersion: v1
kind: Config
current-context: data
clusters:
- name: data-cluster
  cluster:
    server: https://10.0.0.1:6443/
    certificate-authority-data: )") + base64_encode(kPem) + R"(
    tls-server-name: kubernetes.default
- name: file-cluster
  cluster:
    server: https://files.example.com
    certificate-authority: certs/ca.crt
- name: insecure-cluster
  cluster:
    server: https://insecure.example.com
    insecure-skip-tls-verify: true
contexts:
- name: data
  context: {cluster: data-cluster, user: cert-data, namespace: observability}
- name: files
  context: {cluster: file-cluster, user: cert-files}
- name: token
  context: {cluster: insecure-cluster, user: token-user}
- name: token-file
  context: {cluster: insecure-cluster, user: token-file-user}
- name: basic
  context: {cluster: insecure-cluster, user: basic-user}
- name: exec
  context: {cluster: insecure-cluster, user: exec-user}
- name: anonymous
  context: {cluster: insecure-cluster}
users:
- name: cert-data
  user:
    client-certificate-data: )" + base64_encode("CERT") + R"(
    client-key-data: )" + base64_encode("KEY") + R"(
- name: cert-files
  user:
    client-certificate: certs/client.crt
    client-key: /abs/client.key
- name: token-user
  user: {token: secret-token}
- name: token-file-user
  user: {tokenFile: token.txt}
- name: basic-user
  user: {username: admin, password: hunter2}
- name: exec-user
  user:
    exec: {command: aws, apiVersion: client.authentication.k8s.io/v1}
)";
}

TEST(Kubeconfig, InlineCertificatesAndContextNamespace) {
  ClientConfig c = parse_kubeconfig(full_kubeconfig(), "/cfg");
  EXPECT_EQ(c.server, "https://10.0.0.1:6443");
  EXPECT_EQ(c.ca_pem, kPem);
  EXPECT_EQ(c.client_cert_pem, "CERT");
  EXPECT_EQ(c.client_key_pem, "KEY");
  EXPECT_EQ(c.tls_server_name, "kubernetes.default");
  EXPECT_EQ(c.default_namespace, "observability");
  EXPECT_FALSE(c.insecure_skip_tls_verify);
}

TEST(Kubeconfig, FileReferencesResolveAgainstTheKubeconfigFolder) {
  ClientConfig c = parse_kubeconfig(full_kubeconfig(), "/cfg", "files");
  EXPECT_EQ(c.ca_file, "/cfg/certs/ca.crt");
  EXPECT_EQ(c.client_cert_file, "/cfg/certs/client.crt");
  EXPECT_EQ(c.client_key_file, "/abs/client.key");
  EXPECT_EQ(c.default_namespace, "default");
}

TEST(Kubeconfig, TokensBasicAuthInsecureAndAnonymous) {
  ClientConfig token = parse_kubeconfig(full_kubeconfig(), "/cfg", "token");
  EXPECT_EQ(token.bearer_token, "secret-token");
  EXPECT_TRUE(token.insecure_skip_tls_verify);
  ClientConfig token_file = parse_kubeconfig(full_kubeconfig(), "/cfg", "token-file");
  EXPECT_EQ(token_file.bearer_token_file, "/cfg/token.txt");
  ClientConfig basic = parse_kubeconfig(full_kubeconfig(), "/cfg", "basic");
  EXPECT_EQ(basic.username, "admin");
  EXPECT_EQ(basic.password, "hunter2");
  ClientConfig anonymous = parse_kubeconfig(full_kubeconfig(), "/cfg", "anonymous");
  EXPECT_TRUE(anonymous.bearer_token.empty());
  EXPECT_TRUE(anonymous.client_cert_pem.empty());
}

TEST(Kubeconfig, RejectsUnsupportedAndBrokenConfigs) {
  EXPECT_THROW(parse_kubeconfig(full_kubeconfig(), "/cfg", "exec"), ConfigError);
  EXPECT_THROW(parse_kubeconfig(full_kubeconfig(), "/cfg", "nope"), ConfigError);
  EXPECT_THROW(parse_kubeconfig("clusters: [", "/cfg"), ConfigError);
  EXPECT_THROW(parse_kubeconfig("apiVersion: v1\nkind: Config\n", "/cfg"), ConfigError);  // no current-context
  EXPECT_THROW(parse_kubeconfig(R"(current-context: x
contexts: [{name: x, context: {cluster: c, user: u}}]
clusters: [{name: c, cluster: {server: "https://a"}}]
users: [{name: u, user: {client-certificate-data: "!!notbase64"}}]
)", "/cfg"), ConfigError);
  EXPECT_THROW(parse_kubeconfig(R"(current-context: x
contexts: [{name: x, context: {cluster: c, user: u}}]
clusters: [{name: c, cluster: {server: "https://a"}}]
users: [{name: u, user: {client-certificate-data: QQ==}}]
)", "/cfg"), ConfigError);  // certificate without key
}

TEST(Kubeconfig, MergesFilesFirstDefinitionWins) {
  TempDir dir;
  const std::string first = dir.file("a/config", R"(current-context: ctx
clusters: [{name: shared, cluster: {server: "https://first"}}]
contexts: [{name: ctx, context: {cluster: shared, user: u}}]
)");
  const std::string second = dir.file("b/config", R"(current-context: other
clusters: [{name: shared, cluster: {server: "https://second"}}]
users: [{name: u, user: {tokenFile: tok}}]
)");
  ClientConfig c = load_kubeconfig_files({dir.path() + "/missing", first, second});
  EXPECT_EQ(c.server, "https://first");
  EXPECT_EQ(c.bearer_token_file, dir.path() + "/b/tok");  // relative to the file that defined it
  EXPECT_THROW(load_kubeconfig_files({dir.path() + "/missing"}), ConfigError);
  EXPECT_EQ(split_kubeconfig_env("/a::/b:"), (std::vector<std::string>{"/a", "/b"}));
}

TEST(Kubeconfig, DefaultSearchHonoursExplicitPathAndKubeconfigEnv) {
  TempDir dir;
  const std::string path = dir.file("config", R"(current-context: c
clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
contexts: [{name: c, context: {cluster: c}}]
)");
  EXPECT_EQ(load_default_config(path).server, "http://127.0.0.1:1");
  ::setenv("KUBECONFIG", path.c_str(), 1);
  EXPECT_EQ(load_default_config().server, "http://127.0.0.1:1");
  ::unsetenv("KUBECONFIG");
}

TEST(InClusterConfig, UsesServiceAccountFiles) {
  TempDir dir;
  InClusterEnvironment env;
  env.service_host = "10.96.0.1";
  env.service_port = "443";
  env.token_file = dir.file("token", "tok-1\n");
  env.ca_file = dir.file("ca.crt", kPem);
  env.namespace_file = dir.file("namespace", "observability\n");
  EXPECT_TRUE(env.available());
  ClientConfig c = in_cluster_config(env);
  EXPECT_EQ(c.server, "https://10.96.0.1:443");
  EXPECT_EQ(c.bearer_token_file, env.token_file);
  EXPECT_EQ(c.ca_file, env.ca_file);
  EXPECT_EQ(c.default_namespace, "observability");

  env.service_host = "fd00::1";
  EXPECT_EQ(in_cluster_config(env).server, "https://[fd00::1]:443");
  env.service_host.clear();
  EXPECT_FALSE(env.available());
  EXPECT_THROW(in_cluster_config(env), ConfigError);
}

TEST(TokenSource, RereadsTheTokenFile) {
  TempDir dir;
  const std::string path = dir.file("token", "first\n");
  TokenSource periodic("", path, std::chrono::seconds(0));
  EXPECT_EQ(periodic.token(), "first");
  dir.file("token", "second");
  EXPECT_EQ(periodic.token(), "second");

  TokenSource cached("", path, std::chrono::seconds(3600));
  EXPECT_EQ(cached.token(), "second");
  dir.file("token", "third");
  EXPECT_EQ(cached.token(), "second");  // within the refresh period
  cached.invalidate();
  EXPECT_EQ(cached.token(), "third");
  fs::remove(path);
  cached.invalidate();
  EXPECT_EQ(cached.token(), "third");  // unreadable: keep the last good token

  EXPECT_EQ(TokenSource("static", "", std::chrono::seconds(1)).token(), "static");
}

// Captures the Authorization header of requests to a plain HTTP server.
struct HeaderCapture {
  std::mutex mutex;
  std::string authorization;
  common::HttpServer server{common::HttpServerOptions{"127.0.0.1:0", 1 << 20, 1, "capture"},
                            [this](const common::HttpRequest& r) {
                              std::lock_guard lock(mutex);
                              authorization = r.header("Authorization").value_or("");
                              return common::HttpResponse::json(
                                  200, R"({"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[]})");
                            }};
  HeaderCapture() { server.start(); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server.port()); }
  std::string last() {
    std::lock_guard lock(mutex);
    return authorization;
  }
};

TEST(Credentials, BearerTokenFromFileAndBasicAuthAreSent) {
  HeaderCapture capture;
  TempDir dir;
  ClientConfig c;
  c.server = capture.url();
  c.bearer_token_file = dir.file("token", "rotating-1");
  c.token_refresh_period = std::chrono::seconds(0);
  RestClient client(c);
  client.list(resources::kConfigMaps, "default");
  EXPECT_EQ(capture.last(), "Bearer rotating-1");
  dir.file("token", "rotating-2");
  client.list(resources::kConfigMaps, "default");
  EXPECT_EQ(capture.last(), "Bearer rotating-2");

  ClientConfig basic;
  basic.server = capture.url();
  basic.username = "admin";
  basic.password = "pw";
  RestClient basic_client(basic);
  basic_client.list(resources::kConfigMaps, "default");
  EXPECT_EQ(capture.last(), "Basic " + base64_encode("admin:pw"));
}

}  // namespace
}  // namespace peregrine::kube
