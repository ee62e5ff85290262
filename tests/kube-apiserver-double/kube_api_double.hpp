// KubeApiDouble: the whole in-memory Kubernetes API server test double — catalog, object store, HTTP front —
// usable in-process by tests (start on port 0, restart on the same port keeping the data, poke the store) and
// by the peregrine-kube-double binary.
//
// Admission webhooks registered through admissionregistration.k8s.io/v1 are called over HTTPS on creates and
// updates (see webhook_admission.hpp for how, and for what of admission is not emulated).
//
// What it does NOT emulate: authentication/authorization (every request is allowed; credentials are ignored),
// serving TLS itself, built-in admission plugins, server-side apply (apply-patch+yaml → 415), protobuf, aggregated discovery,
// /openapi/v2, OpenAPI schemas (fieldValidation is accepted but not enforced), CRD schema validation, pruning,
// defaulting and conversion (all served versions share one storage, apiVersion is rewritten), field selectors
// beyond metadata.name/namespace and a few per-kind fields, streaming lists (sendInitialEvents), watch Tables,
// consistent list snapshots for continue tokens, graceful pod deletion, controllers (no ReplicaSets or Pods are
// created, no status is ever written by the server except for CRDs and Namespaces), quota, limit ranges,
// managedFields. Strategic merge patch is approximated (see patches.hpp); defaulting and validation cover the
// subset listed in object_defaults.hpp and object_validation.hpp; garbage collection and namespace deletion run
// synchronously inside the DELETE request.
#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "tests/kube-apiserver-double/api_handler.hpp"
#include "tests/kube-apiserver-double/fault_injector.hpp"
#include "tests/kube-apiserver-double/object_store.hpp"
#include "tests/kube-apiserver-double/request_stats.hpp"
#include "tests/kube-apiserver-double/resource_catalog.hpp"
#include "tests/kube-apiserver-double/streaming_http_server.hpp"
#include "tests/kube-apiserver-double/webhook_admission.hpp"

namespace peregrine::kubedouble {

struct DoubleOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;
  StoreOptions store;
  std::vector<std::string> preload_files;  // manifests created at startup (CRDs, namespaces, objects)
  bool log_requests = false;
  bool admission_webhooks = true;  // call registered admission webhooks on creates and updates
};

class KubeApiDouble {
 public:
  explicit KubeApiDouble(DoubleOptions options = {});
  ~KubeApiDouble();
  KubeApiDouble(const KubeApiDouble&) = delete;
  KubeApiDouble& operator=(const KubeApiDouble&) = delete;

  // Loads the preload files, binds and serves. Throws on bind or manifest errors.
  void start();
  // Ends every watch and connection; the stored objects survive.
  void stop();
  // stop() + start() on the same port (an API server restart).
  void restart();

  uint16_t port() const { return port_; }
  std::string url() const { return "http://" + options_.host + ":" + std::to_string(port_.load()); }

  // Creates every object of a manifest file (namespaced objects without a namespace go to "default").
  void load_manifests(const std::string& path);
  void create_object(const nlohmann::json& object);

  ResourceCatalog& catalog() { return catalog_; }
  ObjectStore& store() { return store_; }
  FaultInjector& faults() { return faults_; }
  RequestStats& stats() { return stats_; }
  const WebhookAdmission& admission() const { return admission_; }

 private:
  DoubleOptions options_;
  ResourceCatalog catalog_;
  ObjectStore store_;
  FaultInjector faults_;
  RequestStats stats_;
  WebhookAdmission admission_;
  ApiHandler handler_;
  std::unique_ptr<StreamingHttpServer> server_;
  std::atomic<uint16_t> port_{0};
  bool preloaded_ = false;
};

}  // namespace peregrine::kubedouble
