// Operator-managed webhook certificates: Secret ⇄ rotation plan ⇄ caBundle (see certificate_manager.hpp).
#include "operator/webhook/certificate_manager.hpp"

#include <spdlog/spdlog.h>

#include "operator/kube/api_error.hpp"
#include "operator/kube/well_known_resources.hpp"
#include "operator/webhook/ca_bundle_publisher.hpp"

namespace peregrine::operator_webhook {

namespace {

constexpr int kMaxConflictRetries = 5;

nlohmann::json with_bundle(nlohmann::json secret, const CertificateBundle& bundle) {
  nlohmann::json data = secret.contains("data") && secret["data"].is_object() ? secret["data"] : nlohmann::json::object();
  data.erase("ca-previous.crt");
  const nlohmann::json fresh = secret_data(bundle);
  for (auto it = fresh.begin(); it != fresh.end(); ++it) data[it.key()] = *it;
  secret["data"] = std::move(data);
  return secret;
}

const char* action_name(RotationAction action) {
  switch (action) {
    case RotationAction::Keep: return "kept";
    case RotationAction::IssueServing: return "issued a new serving certificate";
    case RotationAction::RenewAll: return "created a new CA and serving certificate";
  }
  return "kept";
}

}  // namespace

CertificateManager::CertificateManager(std::shared_ptr<const kube::RestClient> client,
                                       CertificateManagerOptions options, Listener on_change)
    : client_(std::move(client)), options_(std::move(options)), on_change_(std::move(on_change)) {}

CertificateManager::~CertificateManager() { stop(); }

std::optional<CertificateBundle> CertificateManager::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

CertificateSyncResult CertificateManager::sync() {
  CertificateSyncResult result;
  bool have_bundle = false;
  for (int attempt = 0; attempt < kMaxConflictRetries && !have_bundle; ++attempt) {
    std::optional<nlohmann::json> secret;
    if (!options_.secret_name.empty()) {
      try {
        secret = client_->get_if_exists(kube::resources::kSecrets, options_.secret_namespace, options_.secret_name);
      } catch (const std::exception& e) {
        result.error = std::string("cannot read the certificate Secret: ") + e.what();
        break;
      }
      if (!secret && !warned_missing_secret_) {
        warned_missing_secret_ = true;
        spdlog::warn("webhook: Secret {}/{} not found; webhook certificates are kept in memory only (create the "
                     "Secret so that every replica serves the same certificate)",
                     options_.secret_namespace, options_.secret_name);
      }
    }
    // The Secret's certificates win (another replica may have renewed them); an empty Secret gets the ones
    // this process already serves, so a failed write never leads to a new CA at every attempt.
    const std::optional<CertificateBundle> from_secret = secret ? bundle_from_secret(*secret) : std::nullopt;
    const std::optional<CertificateBundle> base = from_secret ? from_secret : current();
    const SystemTime now = options_.clock();
    const RotationPlan plan = plan_rotation(base, options_.settings, now);
    result.action = plan.action;
    result.bundle = rotate_bundle(base, plan.action, options_.settings, now);
    have_bundle = true;
    if (!secret || (from_secret && *from_secret == result.bundle)) break;
    try {
      client_->update(kube::resources::kSecrets, options_.secret_namespace, with_bundle(*secret, result.bundle));
      result.stored = true;
      spdlog::info("webhook: {} ({})", action_name(plan.action), plan.reason);
    } catch (const kube::ApiError& e) {
      if (e.is_conflict()) {
        have_bundle = false;  // another replica wrote first: adopt its certificates
        continue;
      }
      result.error = std::string("cannot store the certificates: ") + e.what();
    } catch (const std::exception& e) {
      result.error = std::string("cannot store the certificates: ") + e.what();
    }
  }
  if (!have_bundle) {
    if (const auto known = current()) {
      result.bundle = *known;
      result.action = RotationAction::Keep;
    } else {
      // Nothing usable yet (the API server is unreachable): serve an in-memory certificate meanwhile.
      const SystemTime now = options_.clock();
      result.action = RotationAction::RenewAll;
      result.bundle = rotate_bundle(std::nullopt, RotationAction::RenewAll, options_.settings, now);
    }
  }

  if (!options_.webhook_configuration_name.empty()) {
    try {
      result.ca_bundle_published =
          publish_ca_bundle(*client_, options_.webhook_configuration_name, result.bundle.ca_bundle_pem());
    } catch (const std::exception& e) {
      if (!result.error.empty()) result.error += "; ";
      result.error += "cannot patch the caBundle of MutatingWebhookConfiguration " +
                      options_.webhook_configuration_name + ": " + e.what();
    }
  }

  bool changed = false;
  {
    std::lock_guard lock(mutex_);
    changed = !current_ || !(*current_ == result.bundle);
    current_ = result.bundle;
  }
  if (changed && on_change_) on_change_(result.bundle);
  if (!result.error.empty()) spdlog::warn("webhook: certificate sync: {}", result.error);
  return result;
}

void CertificateManager::start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { loop(); });
}

void CertificateManager::stop() {
  stop_.request_stop();
  if (thread_.joinable()) thread_.join();
}

void CertificateManager::loop() {
  std::chrono::milliseconds wait = options_.resync_period;
  while (!stop_.wait_for(wait)) {
    CertificateSyncResult result;
    try {
      result = sync();
    } catch (const std::exception& e) {
      spdlog::error("webhook: certificate sync failed: {}", e.what());
      wait = options_.retry_period;
      continue;
    }
    const auto until_renewal = std::chrono::duration_cast<std::chrono::milliseconds>(
        renewal_due(result.bundle, options_.settings, options_.clock()) - options_.clock());
    wait = std::min(std::max(until_renewal, std::chrono::milliseconds(100)), options_.resync_period);
    if (!result.error.empty()) wait = std::min(wait, options_.retry_period);
  }
}

}  // namespace peregrine::operator_webhook
