// HTTP routing of the admission webhook (see webhook_http.hpp).
#include "operator/webhook/webhook_http.hpp"

#include <algorithm>

namespace peregrine::operator_webhook {

const std::vector<std::string>& webhook_paths() {
  static const std::vector<std::string> paths{"/mutate", "/mutate-v1-deployment", "/mutate-v1-statefulset",
                                              "/mutate-v1-daemonset"};
  return paths;
}

common::HttpHandler webhook_http_handler(const InjectionContext& context, AdmissionObserver observer) {
  return [&context, observer = std::move(observer)](const common::HttpRequest& request) {
    if (request.path == "/healthz" || request.path == "/readyz") {
      if (request.method != "GET" && request.method != "HEAD") return common::HttpResponse::text(405, "");
      return common::HttpResponse::text(200, "ok");
    }
    const auto& paths = webhook_paths();
    if (std::find(paths.begin(), paths.end(), request.path) == paths.end()) {
      return common::HttpResponse::json(404, R"({"error":"not found"})");
    }
    if (request.method != "POST") return common::HttpResponse::json(405, R"({"error":"use POST"})");
    AdmissionResult result = review_admission(request.body, context);
    if (observer) {
      try {
        observer(result);
      } catch (...) {
        // An observer (logging, metrics) must never change the answer.
      }
    }
    return common::HttpResponse::json(200, result.review.dump(-1, ' ', false, Json::error_handler_t::replace));
  };
}

}  // namespace peregrine::operator_webhook
