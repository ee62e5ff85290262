// The API test double's admission chain against scripted HTTPS webhooks (the operator's TlsServer with
// certificates from its own CA, answering whatever each test scripts): the AdmissionReview the double sends, JSON
// patches, denials, failure policies (connection refused, wrong CA, garbage, uid mismatch, timeout), warnings as
// Warning headers, rules / scope / subresources / selectors, reinvocation, validating webhooks, dry runs, the
// defaults and validation of webhook configurations, and clientConfig.url. Requests go through the double's HTTP
// handler in-process; every webhook call is a real TLS connection.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "operator/kube/base64.hpp"
#include "operator/webhook/certificate_rotation.hpp"
#include "operator/webhook/tls_server.hpp"
#include "tests/kube-apiserver-double/api_handler.hpp"
#include "tests/kube-apiserver-double/webhook_configuration.hpp"
#include "tests/kube/handler_request.hpp"

namespace peregrine::kubedouble {
namespace {

using nlohmann::json;

// An HTTPS webhook whose answers the test scripts. Records every AdmissionReview request it receives.
class ScriptedWebhook {
 public:
  // Answers `respond(request)` as the AdmissionReview response (uid filled in unless the script set one).
  using Script = std::function<json(const json& request)>;

  explicit ScriptedWebhook(const std::string& dns_service = "hook") {
    operator_webhook::CertificateSettings settings;
    settings.service_name = dns_service;
    settings.service_namespace = "system";
    bundle_ = operator_webhook::rotate_bundle(std::nullopt, operator_webhook::RotationAction::RenewAll, settings,
                                              std::chrono::system_clock::now());
    operator_webhook::TlsServerOptions options;
    options.bind_address = "127.0.0.1:0";
    server_ = std::make_unique<operator_webhook::TlsServer>(options, [this](const common::HttpRequest& request) {
      return serve(request);
    });
    server_->set_certificate(bundle_.serving_certificate());
    server_->start();
  }

  ~ScriptedWebhook() {
    release();
    server_->stop();
  }

  void script(Script respond) {
    std::lock_guard lock(mutex_);
    respond_ = std::move(respond);
  }
  // Answer with this raw HTTP response instead of an AdmissionReview.
  void raw(common::HttpResponse response) {
    std::lock_guard lock(mutex_);
    raw_ = std::move(response);
  }
  // Back to answering {"allowed": true}.
  void reset() {
    std::lock_guard lock(mutex_);
    respond_ = nullptr;
    raw_.reset();
  }
  // Hold every answer until release().
  void hold() {
    std::lock_guard lock(mutex_);
    held_ = true;
  }
  void release() {
    std::lock_guard lock(mutex_);
    held_ = false;
    released_.notify_all();
  }

  uint16_t port() const { return server_->port(); }
  std::string ca_bundle_base64() const { return kube::base64_encode(bundle_.ca_bundle_pem()); }
  std::vector<json> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  std::vector<std::string> targets() const {
    std::lock_guard lock(mutex_);
    return targets_;
  }
  std::vector<std::string> hosts() const {
    std::lock_guard lock(mutex_);
    return hosts_;
  }

 private:
  common::HttpResponse serve(const common::HttpRequest& request) {
    std::unique_lock lock(mutex_);
    targets_.push_back(request.target);
    hosts_.push_back(request.header("Host").value_or(""));
    const json review = json::parse(request.body, nullptr, false);
    requests_.push_back(review.is_object() ? review.value("request", json()) : json());
    released_.wait(lock, [&] { return !held_; });
    if (raw_) return *raw_;
    json response = respond_ ? respond_(requests_.back()) : json{{"allowed", true}};
    if (!response.contains("uid")) response["uid"] = requests_.back().value("uid", "");
    return common::HttpResponse::json(
        200, json{{"apiVersion", "admission.k8s.io/v1"}, {"kind", "AdmissionReview"}, {"response", response}}.dump());
  }

  operator_webhook::CertificateBundle bundle_;
  std::unique_ptr<operator_webhook::TlsServer> server_;
  mutable std::mutex mutex_;
  std::condition_variable released_;
  bool held_ = false;
  Script respond_;
  std::optional<common::HttpResponse> raw_;
  std::vector<json> requests_;
  std::vector<std::string> targets_;
  std::vector<std::string> hosts_;
};

json patch_response(const json& patch) {
  return {{"allowed", true}, {"patchType", "JSONPatch"}, {"patch", kube::base64_encode(patch.dump())}};
}

json add_label(const std::string& key, const std::string& value) {
  return patch_response(json::array({{{"op", "add"}, {"path", "/metadata/labels/" + key}, {"value", value}}}));
}

json deployment(const std::string& name, json labels = json{{"app", "shop"}}) {
  return {{"apiVersion", "apps/v1"},
          {"kind", "Deployment"},
          {"metadata", {{"name", name}, {"labels", labels}}},
          {"spec",
           {{"selector", {{"matchLabels", {{"app", "shop"}}}}},
            {"template",
             {{"metadata", {{"labels", {{"app", "shop"}}}}},
              {"spec", {{"containers", json::array({{{"name", "shop"}, {"image", "example/shop:1"}}})}}}}}}}};
}

class AdmissionChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store.set_admission([this](const AdmissionFacts& facts, json object, const json& old_object,
                               std::vector<std::string>& warnings) {
      return admission.admit(facts, std::move(object), old_object, warnings);
    });
    for (const auto& [ns, team] : {std::pair<std::string, std::string>{"apps", "a"}, {"other", "b"}, {"system", "c"}}) {
      ASSERT_EQ(send("POST", "/api/v1/namespaces",
                     {{"apiVersion", "v1"}, {"kind", "Namespace"}, {"metadata", {{"name", ns}, {"labels", {{"team", team}}}}}})
                    .status,
                201);
    }
    ASSERT_EQ(send("POST", "/api/v1/namespaces/system/services",
                   {{"apiVersion", "v1"},
                    {"kind", "Service"},
                    {"metadata", {{"name", "hook"}}},
                    {"spec", {{"ports", json::array({{{"name", "https"}, {"port", 443}, {"targetPort", 9443}}})}}}})
                  .status,
              201);
    route_to(webhook.port());
  }

  // The Endpoints of Service system/hook: 127.0.0.1:<port>.
  void route_to(uint16_t port) {
    const json endpoints{{"apiVersion", "v1"},
                         {"kind", "Endpoints"},
                         {"metadata", {{"name", "hook"}}},
                         {"subsets", json::array({{{"addresses", json::array({{{"ip", "127.0.0.1"}}})},
                                                   {"ports", json::array({{{"name", "https"}, {"port", port}}})}}})}};
    send("DELETE", "/api/v1/namespaces/system/endpoints/hook", nullptr);
    ASSERT_EQ(send("POST", "/api/v1/namespaces/system/endpoints", endpoints).status, 201);
  }

  ServerResponse send(const std::string& method, const std::string& target, const json& body,
                      const std::string& content_type = "application/json") {
    return handler.handle(testing::handler_request(method, target, body.is_null() ? "" : body.dump(), content_type));
  }

  // One webhook entry calling Service system/hook (or `client` when given) for apps/v1 deployments.
  json webhook_entry(const std::string& name, json overrides = json::object(), json client = nullptr) const {
    json entry{{"name", name},
               {"sideEffects", "None"},
               {"admissionReviewVersions", {"v1"}},
               {"failurePolicy", "Fail"},
               {"clientConfig",
                client.is_null() ? json{{"service", {{"name", "hook"}, {"namespace", "system"}, {"path", "/mutate"}}},
                                        {"caBundle", webhook.ca_bundle_base64()}}
                                 : client},
               {"rules", json::array({{{"apiGroups", {"apps"}},
                                       {"apiVersions", {"v1"}},
                                       {"resources", {"deployments"}},
                                       {"operations", {"CREATE", "UPDATE"}}}})}};
    entry.merge_patch(overrides);
    return entry;
  }

  ServerResponse register_webhooks(const std::string& configuration, const json& webhooks, bool mutating = true) {
    const std::string plural = mutating ? "mutatingwebhookconfigurations" : "validatingwebhookconfigurations";
    return send("POST", "/apis/admissionregistration.k8s.io/v1/" + plural,
                {{"apiVersion", "admissionregistration.k8s.io/v1"},
                 {"kind", mutating ? "MutatingWebhookConfiguration" : "ValidatingWebhookConfiguration"},
                 {"metadata", {{"name", configuration}}},
                 {"webhooks", webhooks}});
  }

  ServerResponse create_deployment(const std::string& name, const std::string& ns = "apps",
                                   json labels = json{{"app", "shop"}}) {
    return send("POST", "/apis/apps/v1/namespaces/" + ns + "/deployments", deployment(name, std::move(labels)));
  }

  json stored(const std::string& name, const std::string& ns = "apps") {
    const ServerResponse r = send("GET", "/apis/apps/v1/namespaces/" + ns + "/deployments/" + name, nullptr);
    return r.status == 200 ? json::parse(r.body) : json();
  }

  static json body(const ServerResponse& r) { return json::parse(r.body); }
  static json labels_of(const json& object) { return object["metadata"].value("labels", json::object()); }

  ResourceCatalog catalog;
  ObjectStore store{catalog};
  FaultInjector faults;
  RequestStats stats;
  WebhookAdmission admission{catalog, store, false};
  ApiHandler handler{catalog, store, faults, stats, admission, [] { return std::string("127.0.0.1:1"); }, false};
  ScriptedWebhook webhook;
};

TEST_F(AdmissionChainTest, MutatingWebhookGetsTheReviewTheApiServerSendsAndItsPatchIsStored) {
  ASSERT_EQ(register_webhooks("sidecars", json::array({webhook_entry("label.peregrine.test", {{"timeoutSeconds", 7}})})).status, 201);
  webhook.script([](const json&) { return add_label("injected", "yes"); });
  const ServerResponse created = create_deployment("shop");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(labels_of(body(created))["injected"], "yes");
  EXPECT_EQ(labels_of(stored("shop"))["injected"], "yes");

  ASSERT_EQ(webhook.requests().size(), 1u);
  const json review = webhook.requests()[0];
  EXPECT_FALSE(review.value("uid", "").empty());
  EXPECT_EQ(review["kind"], (json{{"group", "apps"}, {"version", "v1"}, {"kind", "Deployment"}}));
  EXPECT_EQ(review["resource"], (json{{"group", "apps"}, {"version", "v1"}, {"resource", "deployments"}}));
  EXPECT_EQ(review["requestKind"], review["kind"]);
  EXPECT_EQ(review["namespace"], "apps");
  EXPECT_EQ(review["name"], "shop");
  EXPECT_EQ(review["operation"], "CREATE");
  EXPECT_EQ(review["options"]["kind"], "CreateOptions");
  EXPECT_EQ(review["dryRun"], false);
  EXPECT_TRUE(review["oldObject"].is_null());
  EXPECT_FALSE(review["userInfo"].value("username", "").empty());
  // The object as it would be stored: defaulted, not yet given a uid.
  EXPECT_EQ(review["object"]["apiVersion"], "apps/v1");
  EXPECT_EQ(review["object"]["spec"]["replicas"], 1);
  EXPECT_EQ(review["object"]["spec"]["strategy"]["type"], "RollingUpdate");
  EXPECT_FALSE(review["object"]["metadata"].contains("uid"));
  // POST <path>?timeout=<timeoutSeconds>s to the Service's DNS name.
  EXPECT_EQ(webhook.targets()[0], "/mutate?timeout=7s");
  EXPECT_EQ(webhook.hosts()[0], "hook.system.svc");
  EXPECT_EQ(admission.stats()["calls"]["label.peregrine.test"], 1);
}

TEST_F(AdmissionChainTest, UpdatesAndPatchesAreAdmittedWithTheStoredObjectAsOldObject) {
  ASSERT_EQ(create_deployment("shop").status, 201);
  ASSERT_EQ(register_webhooks("sidecars", json::array({webhook_entry("label.peregrine.test")})).status, 201);
  webhook.script([](const json& request) { return add_label("seen", request["operation"].get<std::string>() == "UPDATE" ? "update" : "other"); });

  json next = stored("shop");
  next["spec"]["replicas"] = 3;
  const ServerResponse put = send("PUT", "/apis/apps/v1/namespaces/apps/deployments/shop", next);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(labels_of(body(put))["seen"], "update");
  const ServerResponse patched = send("PATCH", "/apis/apps/v1/namespaces/apps/deployments/shop",
                                      {{"spec", {{"replicas", 5}}}}, "application/merge-patch+json");
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(body(patched)["spec"]["replicas"], 5);

  const auto requests = webhook.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0]["operation"], "UPDATE");
  EXPECT_EQ(requests[0]["options"]["kind"], "UpdateOptions");
  EXPECT_EQ(requests[0]["oldObject"]["spec"]["replicas"], 1);
  EXPECT_EQ(requests[0]["object"]["spec"]["replicas"], 3);
  EXPECT_EQ(requests[1]["oldObject"]["spec"]["replicas"], 3);
  EXPECT_EQ(requests[1]["object"]["spec"]["replicas"], 5);
  EXPECT_EQ(requests[1]["oldObject"]["metadata"]["labels"]["seen"], "update");
}

TEST_F(AdmissionChainTest, ADenialRefusesTheWriteWithTheWebhooksStatus) {
  ASSERT_EQ(register_webhooks("policy", json::array({webhook_entry("deny.peregrine.test")})).status, 201);
  webhook.script([](const json&) {
    return json{{"allowed", false}, {"status", {{"code", 403}, {"reason", "Forbidden"}, {"message", "not today"}}}};
  });
  const ServerResponse refused = create_deployment("shop");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(body(refused)["message"], "admission webhook \"deny.peregrine.test\" denied the request: not today");
  EXPECT_TRUE(stored("shop").is_null());

  webhook.script([](const json&) { return json{{"allowed", false}}; });
  const ServerResponse bare = create_deployment("shop");
  EXPECT_EQ(bare.status, 400);
  EXPECT_EQ(body(bare)["message"], "admission webhook \"deny.peregrine.test\" denied the request without explanation");
}

TEST_F(AdmissionChainTest, TheFailurePolicyDecidesWhatAFailedCallDoes) {
  ScriptedWebhook stranger;  // same Service name, another CA
  struct Breakage {
    std::string what;
    std::function<void()> apply;
    std::string message;
  };
  const std::vector<Breakage> breakages{
      {"connection refused", [&] { route_to(1); }, "Post \"https://hook.system.svc:1/mutate?timeout=10s\""},
      {"unknown CA", [&] { route_to(stranger.port()); }, "certificate verify failed"},
      {"not an AdmissionReview", [&] { webhook.raw(common::HttpResponse::json(200, "{\"hello\":1}")); },
       "expected webhook response of admission.k8s.io/v1, Kind=AdmissionReview"},
      {"HTTP 500", [&] { webhook.raw(common::HttpResponse::text(500, "boom")); }, "HTTP 500"},
      {"another uid", [&] { webhook.script([](const json&) { return json{{"allowed", true}, {"uid", "other"}}; }); },
       "expected response.uid="},
      {"unusable patch",
       [&] { webhook.script([](const json&) { return patch_response(json::array({{{"op", "remove"}, {"path", "/nope"}}})); }); },
       "the JSONPatch cannot be applied"},
  };
  int n = 0;
  for (const auto& breakage : breakages) {
    SCOPED_TRACE(breakage.what);
    route_to(webhook.port());
    webhook.reset();
    breakage.apply();
    const std::string name = "shop-" + std::to_string(++n);
    send("DELETE", "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/breakable", nullptr);
    ASSERT_EQ(register_webhooks("breakable", json::array({webhook_entry("fail.peregrine.test")})).status, 201);
    const ServerResponse closed = create_deployment(name);
    EXPECT_EQ(closed.status, 500) << closed.body;
    EXPECT_EQ(body(closed)["reason"], "InternalError");
    EXPECT_NE(body(closed)["message"].get<std::string>().find("failed calling webhook \"fail.peregrine.test\""),
              std::string::npos);
    EXPECT_NE(body(closed)["message"].get<std::string>().find(breakage.message), std::string::npos)
        << body(closed)["message"];
    EXPECT_TRUE(stored(name).is_null());

    send("DELETE", "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/breakable", nullptr);
    ASSERT_EQ(register_webhooks("breakable", json::array({webhook_entry("fail.peregrine.test", {{"failurePolicy", "Ignore"}})})).status, 201);
    const ServerResponse open = create_deployment(name);
    EXPECT_EQ(open.status, 201) << open.body;
    EXPECT_EQ(labels_of(stored(name)), (json{{"app", "shop"}}));
  }
  EXPECT_EQ(admission.stats()["failures"]["fail.peregrine.test"], 2 * breakages.size());
}

TEST_F(AdmissionChainTest, AWebhookThatDoesNotAnswerInTimeIsAFailedCall) {
  ASSERT_EQ(register_webhooks("slow", json::array({webhook_entry("slow.peregrine.test", {{"timeoutSeconds", 1}, {"failurePolicy", "Ignore"}})})).status, 201);
  webhook.hold();
  const ServerResponse created = create_deployment("shop");
  webhook.release();
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(admission.stats()["failures"]["slow.peregrine.test"], 1);
  EXPECT_NE(admission.stats()["recentFailures"].dump().find("timeout"), std::string::npos);
}

TEST_F(AdmissionChainTest, WarningsReachTheClientAsWarningHeaders) {
  ASSERT_EQ(register_webhooks("warn", json::array({webhook_entry("warn.peregrine.test")})).status, 201);
  webhook.script([](const json&) {
    return json{{"allowed", true}, {"warnings", {"no instance named \"x\"", "second"}}};
  });
  const ServerResponse created = create_deployment("shop");
  ASSERT_EQ(created.status, 201);
  std::vector<std::string> warnings;
  for (const auto& [name, value] : created.headers) {
    if (name == "Warning") warnings.push_back(value);
  }
  EXPECT_EQ(warnings, (std::vector<std::string>{"299 - \"no instance named \\\"x\\\"\"", "299 - \"second\""}));
}

TEST_F(AdmissionChainTest, SelectorsAndSubresourcesChooseWhichRequestsAreSent) {
  json entry = webhook_entry("picky.peregrine.test");
  entry["namespaceSelector"] = {{"matchLabels", {{"team", "a"}}}};
  entry["objectSelector"] = {{"matchExpressions", json::array({{{"key", "skip"}, {"operator", "DoesNotExist"}}})}};
  ASSERT_EQ(register_webhooks("picky", json::array({entry})).status, 201);
  ASSERT_EQ(create_deployment("in-a").status, 201);
  ASSERT_EQ(create_deployment("in-b", "other").status, 201);
  ASSERT_EQ(create_deployment("skipped", "apps", {{"app", "shop"}, {"skip", "yes"}}).status, 201);
  ASSERT_EQ(webhook.requests().size(), 1u);
  EXPECT_EQ(webhook.requests()[0]["name"], "in-a");

  // "deployments" does not cover deployments/status; "deployments/status" does.
  json status_object = stored("in-a");
  status_object["status"] = {{"replicas", 1}};
  ASSERT_EQ(send("PUT", "/apis/apps/v1/namespaces/apps/deployments/in-a/status", status_object).status, 200);
  EXPECT_EQ(webhook.requests().size(), 1u);
  entry["name"] = "status.peregrine.test";
  entry["rules"][0]["resources"] = {"deployments/status"};
  entry["rules"][0]["operations"] = {"UPDATE"};
  ASSERT_EQ(register_webhooks("status", json::array({entry})).status, 201);
  status_object = stored("in-a");
  status_object["status"] = {{"replicas", 2}};
  ASSERT_EQ(send("PUT", "/apis/apps/v1/namespaces/apps/deployments/in-a/status", status_object).status, 200);
  ASSERT_EQ(webhook.requests().size(), 2u);
  EXPECT_EQ(webhook.requests()[1]["subResource"], "status");
  EXPECT_EQ(webhook.requests()[1]["object"]["status"]["replicas"], 2);
}

TEST_F(AdmissionChainTest, IfNeededWebhooksAreCalledAgainWhenALaterOneChangedTheObject) {
  ScriptedWebhook later("localhost");
  later.script([](const json&) { return add_label("later", "yes"); });
  const json later_client{{"url", "https://localhost:" + std::to_string(later.port()) + "/later"},
                          {"caBundle", later.ca_bundle_base64()}};
  ASSERT_EQ(register_webhooks("chain", json::array({webhook_entry("first.peregrine.test", {{"reinvocationPolicy", "IfNeeded"}}),
                                                    webhook_entry("later.peregrine.test", json::object(), later_client)}))
                .status,
            201);
  const ServerResponse created = create_deployment("shop");
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(labels_of(body(created))["later"], "yes");
  // first, later (changes the object), first again — seeing the change.
  const auto first_requests = webhook.requests();
  ASSERT_EQ(first_requests.size(), 2u);
  EXPECT_FALSE(first_requests[0]["object"]["metadata"]["labels"].contains("later"));
  EXPECT_EQ(first_requests[1]["object"]["metadata"]["labels"]["later"], "yes");
  EXPECT_EQ(later.requests().size(), 1u);

  // Without IfNeeded nobody is called twice.
  send("DELETE", "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations/chain", nullptr);
  ASSERT_EQ(register_webhooks("chain", json::array({webhook_entry("first.peregrine.test"),
                                                    webhook_entry("later.peregrine.test", json::object(), later_client)}))
                .status,
            201);
  ASSERT_EQ(create_deployment("cart").status, 201);
  EXPECT_EQ(webhook.requests().size(), 3u);
}

TEST_F(AdmissionChainTest, ValidatingWebhooksSeeTheMutatedObjectAndCannotPatch) {
  json mutating = webhook_entry("mutate.peregrine.test");
  mutating["clientConfig"]["service"]["path"] = "/mutate";
  json validating = webhook_entry("validate.peregrine.test");
  validating["clientConfig"]["service"]["path"] = "/validate";
  ASSERT_EQ(register_webhooks("m", json::array({mutating})).status, 201);
  ASSERT_EQ(register_webhooks("v", json::array({validating}), false).status, 201);
  webhook.script([](const json& request) {
    const bool mutated = request["object"]["metadata"]["labels"].contains("mutated");
    if (!mutated) return add_label("mutated", "yes");
    return json{{"allowed", request["object"]["metadata"]["name"] != "forbidden"}, {"status", {{"message", "name"}}}};
  });
  EXPECT_EQ(create_deployment("shop").status, 201);
  EXPECT_EQ(create_deployment("forbidden").status, 400);
  EXPECT_TRUE(stored("forbidden").is_null());
  // A validating webhook answering with a patch is a failed call (failurePolicy Fail → 500).
  webhook.script([](const json&) { return add_label("sneaky", "yes"); });
  const ServerResponse sneaky = create_deployment("sneaky");
  EXPECT_EQ(sneaky.status, 500);
  EXPECT_NE(sneaky.body.find("validating webhook may not return"), std::string::npos) << sneaky.body;
}

TEST_F(AdmissionChainTest, DryRunsAreSentAsDryRunsAndStoreNothing) {
  ASSERT_EQ(register_webhooks("sidecars", json::array({webhook_entry("label.peregrine.test")})).status, 201);
  webhook.script([](const json&) { return add_label("injected", "yes"); });
  const ServerResponse dry = send("POST", "/apis/apps/v1/namespaces/apps/deployments?dryRun=All", deployment("shop"));
  ASSERT_EQ(dry.status, 201) << dry.body;
  EXPECT_EQ(labels_of(body(dry))["injected"], "yes");
  EXPECT_EQ(webhook.requests().at(0)["dryRun"], true);
  EXPECT_TRUE(stored("shop").is_null());
}

TEST_F(AdmissionChainTest, WebhookConfigurationsAreDefaultedAndValidated) {
  const ServerResponse created = register_webhooks("defaults", json::array({webhook_entry("plain.peregrine.test", {{"failurePolicy", nullptr}})}));
  ASSERT_EQ(created.status, 201);
  const json webhook_doc = body(created)["webhooks"][0];
  EXPECT_EQ(webhook_doc["failurePolicy"], "Fail");
  EXPECT_EQ(webhook_doc["matchPolicy"], "Equivalent");
  EXPECT_EQ(webhook_doc["timeoutSeconds"], 10);
  EXPECT_EQ(webhook_doc["reinvocationPolicy"], "Never");
  EXPECT_EQ(webhook_doc["namespaceSelector"], json::object());
  EXPECT_EQ(webhook_doc["rules"][0]["scope"], "*");
  EXPECT_EQ(webhook_doc["clientConfig"]["service"]["port"], 443);

  const std::vector<std::pair<json, std::string>> invalid{
      {webhook_entry("two.segments"), "webhooks[0].name"},
      {webhook_entry("x.peregrine.test", {{"sideEffects", nullptr}}), "webhooks[0].sideEffects"},
      {webhook_entry("x.peregrine.test", {{"sideEffects", "Some"}}), "webhooks[0].sideEffects"},
      {webhook_entry("x.peregrine.test", {{"timeoutSeconds", 31}}), "webhooks[0].timeoutSeconds"},
      {webhook_entry("x.peregrine.test", {{"admissionReviewVersions", {"v2"}}}), "webhooks[0].admissionReviewVersions"},
      {webhook_entry("x.peregrine.test", {{"clientConfig", {{"url", "https://a.example/x"}, {"service", {{"name", "hook"}, {"namespace", "system"}}}}}}),
       "webhooks[0].clientConfig"},
      {webhook_entry("x.peregrine.test", {{"clientConfig", {{"url", "http://a.example/x"}, {"service", nullptr}}}}),
       "webhooks[0].clientConfig.url"},
      {webhook_entry("x.peregrine.test", {{"clientConfig", {{"caBundle", "not base64!"}}}}), "webhooks[0].clientConfig.caBundle"},
  };
  for (const auto& [entry, field] : invalid) {
    const ServerResponse refused = register_webhooks("invalid", json::array({entry}));
    EXPECT_EQ(refused.status, 422) << entry.dump();
    EXPECT_NE(refused.body.find(field), std::string::npos) << refused.body;
  }
  const ServerResponse duplicate =
      register_webhooks("dup", json::array({webhook_entry("d.peregrine.test"), webhook_entry("d.peregrine.test")}));
  EXPECT_EQ(duplicate.status, 422);
  EXPECT_NE(duplicate.body.find("Duplicate value"), std::string::npos);
}

TEST_F(AdmissionChainTest, AUrlClientConfigIsCalledDirectly) {
  ScriptedWebhook local("localhost");  // its certificate names "localhost"
  local.script([](const json&) { return add_label("via", "url"); });
  const json client{{"url", "https://localhost:" + std::to_string(local.port()) + "/hook"},
                    {"caBundle", local.ca_bundle_base64()}};
  ASSERT_EQ(register_webhooks("by-url", json::array({webhook_entry("url.peregrine.test", json::object(), client)})).status, 201);
  const ServerResponse created = create_deployment("shop");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(labels_of(body(created))["via"], "url");
  EXPECT_EQ(local.targets().at(0), "/hook?timeout=10s");
}

TEST_F(AdmissionChainTest, AdmissionConfigurationsThemselvesAreNeverSentToWebhooks) {
  json entry = webhook_entry("all.peregrine.test");
  entry["rules"] = json::array({{{"apiGroups", {"*"}}, {"apiVersions", {"*"}}, {"resources", {"*"}}, {"operations", {"*"}}}});
  ASSERT_EQ(register_webhooks("everything", json::array({entry})).status, 201);
  ASSERT_EQ(register_webhooks("another", json::array({webhook_entry("other.peregrine.test")})).status, 201);
  EXPECT_TRUE(webhook.requests().empty());
  ASSERT_EQ(create_deployment("shop").status, 201);
  EXPECT_EQ(webhook.requests().size(), 2u);  // both configurations match a Deployment
}

// Pure matching rules.
TEST(WebhookMatching, RulesResourcesScopesAndEquivalentVersions) {
  Webhook webhook;
  webhook.rules = {WebhookRule{{"CREATE"}, {"apps"}, {"v1"}, {"*"}, "Namespaced"}};
  ResourceInfo deployments;
  deployments.group = "apps";
  deployments.version = "v1";
  deployments.plural = "deployments";
  deployments.kind = "Deployment";
  AdmissionFacts facts{deployments, "", "CREATE", "apps", "shop", false};
  EXPECT_TRUE(matched_resource(webhook, facts, {}));
  facts.subresource = "scale";
  EXPECT_FALSE(matched_resource(webhook, facts, {})) << "\"*\" does not cover subresources";
  webhook.rules[0].resources = {"*/*"};
  EXPECT_TRUE(matched_resource(webhook, facts, {}));
  webhook.rules[0].resources = {"deployments/*"};
  EXPECT_TRUE(matched_resource(webhook, facts, {}));
  facts.subresource = "";
  facts.operation = "UPDATE";
  EXPECT_FALSE(matched_resource(webhook, facts, {}));
  facts.operation = "CREATE";
  webhook.rules[0].scope = "Cluster";
  EXPECT_FALSE(matched_resource(webhook, facts, {}));

  webhook.rules[0] = WebhookRule{{"*"}, {"jaegertracing.io"}, {"v1"}, {"jaegers"}, "*"};
  ResourceInfo v2 = deployments;
  v2.group = "jaegertracing.io";
  v2.version = "v2";
  v2.plural = "jaegers";
  ResourceInfo v1 = v2;
  v1.version = "v1";
  AdmissionFacts custom{v2, "", "CREATE", "apps", "x", false};
  webhook.match_equivalent = false;
  EXPECT_FALSE(matched_resource(webhook, custom, {v1}));
  webhook.match_equivalent = true;
  const auto sent_as = matched_resource(webhook, custom, {v1});
  ASSERT_TRUE(sent_as);
  EXPECT_EQ(sent_as->version, "v1");
}

TEST(WebhookMatching, SelectorsUseNamespaceLabelsAndEitherObjectVersion) {
  Webhook webhook;
  webhook.namespace_selector = LabelSelector::parse("team=a");
  webhook.object_selector = LabelSelector::parse("inject");
  ResourceInfo deployments;
  deployments.group = "apps";
  deployments.plural = "deployments";
  const AdmissionFacts facts{deployments, "", "UPDATE", "apps", "shop", false};
  const json with{{"metadata", {{"labels", {{"inject", "y"}}}}}};
  const json without{{"metadata", json::object()}};
  EXPECT_TRUE(selectors_match(webhook, facts, {{"team", "a"}}, with, without));
  EXPECT_TRUE(selectors_match(webhook, facts, {{"team", "a"}}, without, with)) << "the old object matching is enough";
  EXPECT_FALSE(selectors_match(webhook, facts, {{"team", "a"}}, without, without));
  EXPECT_FALSE(selectors_match(webhook, facts, {{"team", "b"}}, with, nullptr));
  ResourceInfo namespaces;
  namespaces.plural = "namespaces";
  namespaces.namespaced = false;
  const AdmissionFacts ns_facts{namespaces, "", "CREATE", "", "apps", false};
  webhook.object_selector = LabelSelector();
  EXPECT_TRUE(selectors_match(webhook, ns_facts, nullptr, {{"metadata", {{"labels", {{"team", "a"}}}}}}, nullptr))
      << "a Namespace is matched by its own labels";
}

}  // namespace
}  // namespace peregrine::kubedouble
