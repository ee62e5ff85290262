// ApiHandler: the double's HTTP front — routes a request to discovery, OpenAPI, admin hooks or the object store;
// checks request shapes strictly (unknown paths 404, wrong methods 405, unknown query parameters and malformed
// values 400, non-JSON bodies 415, unacceptable Accept 406 — always with a metav1.Status body); streams
// watches; renders Tables for kubectl; applies injected faults; counts requests; passes admission warnings on as
// Warning headers.
#pragma once
#include <functional>
#include <string>

#include "backend/common/http_types.hpp"
#include "tests/kube-apiserver-double/api_path.hpp"
#include "tests/kube-apiserver-double/fault_injector.hpp"
#include "tests/kube-apiserver-double/object_store.hpp"
#include "tests/kube-apiserver-double/request_stats.hpp"
#include "tests/kube-apiserver-double/resource_catalog.hpp"
#include "tests/kube-apiserver-double/streaming_http_server.hpp"
#include "tests/kube-apiserver-double/webhook_admission.hpp"

namespace peregrine::kubedouble {

class ApiHandler {
 public:
  ApiHandler(ResourceCatalog& catalog, ObjectStore& store, FaultInjector& faults, RequestStats& stats,
             const WebhookAdmission& admission, std::function<std::string()> server_address, bool log_requests);

  ServerResponse handle(const common::HttpRequest& request);

 private:
  ServerResponse route(const common::HttpRequest& request, const ApiPath& path);
  ServerResponse handle_resource(const common::HttpRequest& request, const ApiPath& path, std::string& verb);
  ServerResponse handle_admin(const common::HttpRequest& request, const ApiPath& path);

  ResourceCatalog& catalog_;
  ObjectStore& store_;
  FaultInjector& faults_;
  RequestStats& stats_;
  const WebhookAdmission& admission_;
  std::function<std::string()> server_address_;
  bool log_requests_;
};

}  // namespace peregrine::kubedouble
