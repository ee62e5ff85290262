// Webhook flags and environment (see webhook_options.hpp).
#include "operator/webhook/webhook_options.hpp"

#include <charconv>

#include "operator/kube/watch_namespaces.hpp"
#include "operator/webhook/object_fields.hpp"

namespace peregrine::operator_webhook {

namespace {

std::optional<int> positive_int(const std::string& text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return std::nullopt;
  return value;
}

std::optional<bool> boolean(const std::string& text) {
  if (text.empty() || equals_ignore_case(text, "true") || text == "1") return true;
  if (equals_ignore_case(text, "false") || text == "0") return false;
  return std::nullopt;
}

enum class FlagKind { Boolean, Value };

struct FlagSpec {
  const char* name;
  FlagKind kind;
};

constexpr FlagSpec kFlags[] = {
    {"--webhook-enabled", FlagKind::Boolean},       {"--enable-webhook", FlagKind::Boolean},
    {"--disable-webhook", FlagKind::Boolean},       {"--webhook-bind-port", FlagKind::Value},
    {"--webhook-bind-address", FlagKind::Value},    {"--webhook-cert-mode", FlagKind::Value},
    {"--webhook-cert-dir", FlagKind::Value},        {"--webhook-service-name", FlagKind::Value},
    {"--webhook-configuration-name", FlagKind::Value}, {"--webhook-config-name", FlagKind::Value},
    {"--webhook-secret-name", FlagKind::Value},     {"--webhook-cert-validity-days", FlagKind::Value},
    {"--injection-workers", FlagKind::Value},
};

const FlagSpec* find_flag(const std::string& name) {
  for (const auto& flag : kFlags) {
    if (name == flag.name) return &flag;
  }
  return nullptr;
}

// Applies one flag; returns an error text or "".
std::string apply_flag(WebhookOptions& options, const std::string& name, const std::string& value) {
  if (name == "--webhook-enabled" || name == "--enable-webhook" || name == "--disable-webhook") {
    const auto flag = boolean(value);
    if (!flag) return name + ": expected true or false, got \"" + value + "\"";
    options.webhook_enabled = name == "--disable-webhook" ? !*flag : *flag;
  } else if (name == "--webhook-bind-port") {
    const auto port = value == "0" ? std::optional<int>(0) : positive_int(value);
    if (!port || *port > 65535) return name + ": expected a port number, got \"" + value + "\"";
    options.bind_address = ":" + value;
  } else if (name == "--webhook-bind-address") {
    if (value.find(':') == std::string::npos) return name + ": expected HOST:PORT, got \"" + value + "\"";
    options.bind_address = value;
  } else if (name == "--webhook-cert-mode") {
    if (value == "operator") {
      options.cert_mode = CertificateMode::Operator;
    } else if (value == "mounted") {
      options.cert_mode = CertificateMode::Mounted;
    } else {
      return name + ": expected operator or mounted, got \"" + value + "\"";
    }
  } else if (name == "--webhook-cert-dir") {
    options.cert_dir = value;
  } else if (name == "--webhook-service-name") {
    options.service_name = value;
  } else if (name == "--webhook-configuration-name" || name == "--webhook-config-name") {
    options.configuration_name = value;
  } else if (name == "--webhook-secret-name") {
    options.secret_name = value;
  } else if (name == "--webhook-cert-validity-days") {
    const auto days = positive_int(value);
    if (!days) return name + ": expected a positive number of days, got \"" + value + "\"";
    options.cert_validity_days = *days;
  } else if (name == "--injection-workers") {
    const auto workers = positive_int(value);
    if (!workers) return name + ": expected a positive number, got \"" + value + "\"";
    options.injection_workers = *workers;
  }
  if ((name == "--webhook-service-name" || name == "--webhook-secret-name") && value.empty()) {
    return name + ": must not be empty";
  }
  return "";
}

}  // namespace

CertificateSettings WebhookOptions::certificate_settings() const {
  CertificateSettings settings;
  settings.service_name = service_name;
  settings.service_namespace = operator_namespace;
  settings.serving_validity = std::chrono::hours(24) * cert_validity_days;
  settings.ca_validity = settings.serving_validity * 10;
  return settings;
}

ExtractedWebhookFlags extract_webhook_flags(const std::vector<std::string>& args, WebhookOptions defaults) {
  ExtractedWebhookFlags result;
  result.options = std::move(defaults);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const auto eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    const FlagSpec* flag = find_flag(name);
    if (flag == nullptr) {
      result.remaining.push_back(arg);
      continue;
    }
    std::string value;
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (flag->kind == FlagKind::Value) {
      if (i + 1 >= args.size()) {
        result.error = name + ": missing value";
        return result;
      }
      value = args[++i];
    }
    if (std::string error = apply_flag(result.options, name, value); !error.empty()) {
      result.error = error;
      return result;
    }
  }
  return result;
}

void apply_webhook_environment(WebhookOptions& options, const WebhookEnvironment& env) {
  if (auto ns = env("POD_NAMESPACE"); ns && !ns->empty()) options.operator_namespace = *ns;
  if (auto pod = env("POD_NAME"); pod && !pod->empty()) options.reporting_instance = *pod;
  if (auto watch = env("WATCH_NAMESPACE")) options.watch_namespaces = kube::parse_watch_namespaces(*watch);
}

std::string webhook_flags_usage() {
  return "Sidecar injection:\n"
         "  --webhook-enabled=BOOL            serve the mutating admission webhook (default true); also\n"
         "                                    --enable-webhook[=BOOL] / --disable-webhook. Without it annotated\n"
         "                                    workloads are patched by the operator instead\n"
         "  --webhook-bind-port=N             HTTPS port of the webhook (default 9443)\n"
         "  --webhook-bind-address=HOST:PORT  listen address instead of a port (default :9443)\n"
         "  --webhook-cert-mode=MODE          operator: own CA and certificate kept in a Secret, caBundle patched\n"
         "                                    (default); mounted: tls.crt/tls.key from --webhook-cert-dir\n"
         "  --webhook-cert-dir=DIR            certificate directory (default /tmp/k8s-webhook-server/serving-certs)\n"
         "  --webhook-service-name=NAME       Service in front of the webhook (default peregrine-operator-webhook)\n"
         "  --webhook-configuration-name=NAME MutatingWebhookConfiguration to patch (default peregrine-operator)\n"
         "  --webhook-secret-name=NAME        Secret holding the CA and certificate (default\n"
         "                                    peregrine-operator-webhook-cert)\n"
         "  --webhook-cert-validity-days=N    serving certificate validity (default 365; the CA lives 10x longer)\n"
         "  --injection-workers=N             workers patching annotated workloads (default 2)\n";
}

}  // namespace peregrine::operator_webhook
