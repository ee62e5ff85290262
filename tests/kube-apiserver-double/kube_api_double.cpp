// KubeApiDouble wiring.
#include "tests/kube-apiserver-double/kube_api_double.hpp"

#include <stdexcept>

#include "tests/kube-apiserver-double/api_status.hpp"
#include "tests/kube-apiserver-double/manifest_loader.hpp"

namespace peregrine::kubedouble {

KubeApiDouble::KubeApiDouble(DoubleOptions options)
    : options_(std::move(options)),
      store_(catalog_, options_.store),
      admission_(catalog_, store_, /*log_failures=*/true),
      handler_(catalog_, store_, faults_, stats_, admission_,
               [this] { return options_.host + ":" + std::to_string(port_.load()); }, options_.log_requests),
      port_(options_.port) {
  if (options_.admission_webhooks) {
    store_.set_admission([this](const AdmissionFacts& facts, nlohmann::json object, const nlohmann::json& old_object,
                                std::vector<std::string>& warnings) {
      return admission_.admit(facts, std::move(object), old_object, warnings);
    });
  }
}

KubeApiDouble::~KubeApiDouble() { stop(); }

void KubeApiDouble::start() {
  if (!preloaded_) {
    for (const auto& file : options_.preload_files) load_manifests(file);
    preloaded_ = true;
  }
  store_.resume();
  server_ = std::make_unique<StreamingHttpServer>(options_.host, port_.load(),
                                                  [this](const common::HttpRequest& r) { return handler_.handle(r); });
  server_->start();
  port_ = server_->port();
}

void KubeApiDouble::stop() {
  if (!server_) return;
  store_.shutdown();  // wakes and ends watch streams first
  server_->stop();
  server_.reset();
}

void KubeApiDouble::restart() {
  stop();
  start();
}

void KubeApiDouble::create_object(const nlohmann::json& object) {
  if (!object.is_object()) throw std::runtime_error("manifest entry is not an object");
  const std::string api_version = object.value("apiVersion", "");
  const std::string kind = object.value("kind", "");
  const auto slash = api_version.find('/');
  const std::string group = slash == std::string::npos ? "" : api_version.substr(0, slash);
  const std::string version = slash == std::string::npos ? api_version : api_version.substr(slash + 1);
  for (const auto& info : catalog_.resources_in(group, version)) {
    if (info.kind != kind) continue;
    std::string ns;
    if (info.namespaced) {
      ns = object.contains("metadata") ? object["metadata"].value("namespace", "") : "";
      if (ns.empty()) ns = "default";
    }
    try {
      store_.create(info, ns, object, false);
    } catch (const ApiServerError& e) {
      throw std::runtime_error("cannot create " + kind + ": " + e.message());
    }
    return;
  }
  throw std::runtime_error("no served resource for " + api_version + " " + kind);
}

void KubeApiDouble::load_manifests(const std::string& path) {
  for (const auto& object : load_manifest_file(path)) create_object(object);
}

}  // namespace peregrine::kubedouble
