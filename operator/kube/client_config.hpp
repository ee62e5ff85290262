// ClientConfig: everything needed to reach one API server (endpoint, TLS material, credentials, client-side
// limits), and the loaders that produce it: in-cluster service account, kubeconfig, or the usual search order.
#pragma once
#include <chrono>
#include <map>
#include <stdexcept>
#include <string>

namespace peregrine::kube {

struct ClientConfig {
  std::string server;  // "https://10.96.0.1:443", "http://127.0.0.1:8080"

  // TLS. *_pem hold inline PEM (decoded kubeconfig *-data); *_file are paths. Inline wins when both are set.
  std::string ca_file;
  std::string ca_pem;
  std::string client_cert_file;
  std::string client_cert_pem;
  std::string client_key_file;
  std::string client_key_pem;
  bool insecure_skip_tls_verify = false;
  std::string tls_server_name;  // SNI / verification name override
  std::string proxy_url;

  // Credentials. A token file (service account, kubeconfig tokenFile) is re-read every token_refresh_period.
  std::string bearer_token;
  std::string bearer_token_file;
  std::chrono::seconds token_refresh_period{60};
  std::string username;  // basic auth
  std::string password;

  std::string default_namespace = "default";  // context namespace, or the service account namespace in-cluster
  std::string source;                         // "in-cluster" or "kubeconfig:<path>#<context>", for logs

  // Client behaviour. qps <= 0 disables the client-side limit (like --kube-api-qps=0 would not).
  double qps = 20.0;
  int burst = 30;
  std::chrono::milliseconds request_timeout{30000};  // whole-request timeout for non-watch calls
  std::chrono::milliseconds connect_timeout{10000};
  std::string user_agent = "peregrine-kube";
};

// Loader failures (missing files, unknown context, unsupported auth) carry a human-readable reason.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Where the in-cluster configuration comes from; from_process() reads the real environment and the standard
// service account mount (/var/run/secrets/kubernetes.io/serviceaccount).
struct InClusterEnvironment {
  std::string service_host;  // KUBERNETES_SERVICE_HOST
  std::string service_port;  // KUBERNETES_SERVICE_PORT
  std::string token_file = "/var/run/secrets/kubernetes.io/serviceaccount/token";
  std::string ca_file = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";
  std::string namespace_file = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

  static InClusterEnvironment from_process();
  bool available() const;  // host and port set and the token file exists
};

// In-cluster config: https://host:port (IPv6 hosts bracketed), the CA file, the token file (re-read
// periodically). Throws ConfigError when the environment is not a pod's.
ClientConfig in_cluster_config(const InClusterEnvironment& env = InClusterEnvironment::from_process());

// The controller-runtime search order: explicit kubeconfig path, then $KUBECONFIG (colon-separated list,
// merged), then in-cluster, then ~/.kube/config. `context` overrides current-context when not empty.
ClientConfig load_default_config(const std::string& explicit_kubeconfig = "", const std::string& context = "");

// Applies --kube-api-qps / --kube-api-burst style overrides (values <= 0 leave the defaults).
void apply_rate_limit_overrides(ClientConfig& config, double qps, int burst);

}  // namespace peregrine::kube
