// Settings of sidecar injection in the running operator, and their flags. Flag names follow the Helm chart and
// manifests (charts/peregrine-operator/templates/deployment.yaml), with the controller-runtime style aliases:
//   --webhook-enabled[=BOOL] | --enable-webhook[=BOOL] | --disable-webhook
//   --webhook-bind-port=N | --webhook-bind-address=HOST:PORT        (default ":9443")
//   --webhook-cert-mode=operator|mounted                             (default operator)
//   --webhook-cert-dir=DIR            (mounted mode; default /tmp/k8s-webhook-server/serving-certs)
//   --webhook-service-name=NAME       (default peregrine-operator-webhook)
//   --webhook-configuration-name=NAME | --webhook-config-name=NAME  (default peregrine-operator)
//   --webhook-secret-name=NAME        (operator mode; default peregrine-operator-webhook-cert)
//   --webhook-cert-validity-days=N    (default 365)
//   --injection-workers=N             (default 2)
// Environment: POD_NAMESPACE (the Service's and Secret's namespace), POD_NAME (Event reporter), WATCH_NAMESPACE.
// Flags take "--name=value" or "--name value". Pure.
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "operator/render/render_context.hpp"
#include "operator/webhook/certificate_rotation.hpp"

namespace peregrine::operator_webhook {

enum class CertificateMode { Operator, Mounted };

struct WebhookOptions {
  bool webhook_enabled = true;  // false: reconcile mode only
  std::string bind_address = ":9443";
  CertificateMode cert_mode = CertificateMode::Operator;
  std::string cert_dir = "/tmp/k8s-webhook-server/serving-certs";
  std::string service_name = "peregrine-operator-webhook";
  std::string configuration_name = "peregrine-operator";
  std::string secret_name = "peregrine-operator-webhook-cert";
  int cert_validity_days = 365;
  int injection_workers = 2;

  std::string operator_namespace;               // "" = the client configuration's namespace
  std::string reporting_instance = "peregrine-operator";  // POD_NAME
  std::vector<std::string> watch_namespaces;    // empty = all
  operator_render::RenderContext render_context;  // operator version and RELATED_IMAGE_* overrides

  // Timing (tests shorten these).
  std::chrono::milliseconds certificate_resync{std::chrono::minutes(1)};
  std::chrono::milliseconds certificate_poll{std::chrono::seconds(10)};  // mounted mode
  std::chrono::milliseconds namespace_poll{std::chrono::seconds(30)};    // namespace-scoped mode

  // The certificate settings these options imply (CA valid ten times as long as the serving certificate).
  CertificateSettings certificate_settings() const;
};

struct ExtractedWebhookFlags {
  WebhookOptions options;
  std::vector<std::string> remaining;  // the arguments that are not webhook flags, in order
  std::string error;                   // set when a webhook flag has a bad value
};

// Takes the webhook flags out of `args` (so the rest can go to the controller's parser).
ExtractedWebhookFlags extract_webhook_flags(const std::vector<std::string>& args, WebhookOptions defaults = {});

using WebhookEnvironment = std::function<std::optional<std::string>(const std::string& name)>;
// POD_NAMESPACE, POD_NAME and WATCH_NAMESPACE, when set.
void apply_webhook_environment(WebhookOptions& options, const WebhookEnvironment& env);

std::string webhook_flags_usage();

}  // namespace peregrine::operator_webhook
