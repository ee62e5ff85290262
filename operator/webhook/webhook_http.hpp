// The webhook's HTTP surface: POST of an AdmissionReview to /mutate, /mutate-v1-deployment,
// /mutate-v1-statefulset or /mutate-v1-daemonset (every path handles every supported kind), plus GET /healthz
// and /readyz. Other paths answer 404, other methods 405. An observer sees every admission result (logs,
// metrics, tests).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "backend/common/http_types.hpp"
#include "operator/webhook/admission_handler.hpp"

namespace peregrine::operator_webhook {

const std::vector<std::string>& webhook_paths();

using AdmissionObserver = std::function<void(const AdmissionResult&)>;

// `context` must outlive the handler.
common::HttpHandler webhook_http_handler(const InjectionContext& context, AdmissionObserver observer = {});

}  // namespace peregrine::operator_webhook
