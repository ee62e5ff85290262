// The API double's own rules: label selector grammar, strategic merge patch approximation, path shapes,
// discovery and OpenAPI documents, Tables, CRD registration, defaulting/validation, request-shape refusals.
#include <gtest/gtest.h>

#include "tests/kube-apiserver-double/api_path.hpp"
#include "tests/kube-apiserver-double/api_status.hpp"
#include "tests/kube-apiserver-double/discovery.hpp"
#include "tests/kube-apiserver-double/kube_api_double.hpp"
#include "tests/kube-apiserver-double/label_selector.hpp"
#include "tests/kube-apiserver-double/manifest_loader.hpp"
#include "tests/kube-apiserver-double/patches.hpp"
#include "tests/kube-apiserver-double/table_view.hpp"
#include "tests/kube/handler_request.hpp"

namespace peregrine::kubedouble {
namespace {

using nlohmann::json;

TEST(LabelSelector, ParsesAndMatches) {
  const json labels = {{"app", "jaeger"}, {"tier", "backend"}, {"example.com/role", "x"}};
  EXPECT_TRUE(LabelSelector::parse("").matches(labels));
  EXPECT_TRUE(LabelSelector::parse("app=jaeger, tier in (backend,frontend)").matches(labels));
  EXPECT_TRUE(LabelSelector::parse("example.com/role").matches(labels));
  EXPECT_FALSE(LabelSelector::parse("!example.com/role").matches(labels));
  EXPECT_TRUE(LabelSelector::parse("missing!=x,missing notin (y)").matches(labels));
  EXPECT_FALSE(LabelSelector::parse("tier notin (backend)").matches(labels));
  EXPECT_FALSE(LabelSelector::parse("app==").matches(labels));  // an empty value is valid: app must equal ""
  EXPECT_THROW(LabelSelector::parse("tier in backend"), ApiServerError);
  EXPECT_THROW(LabelSelector::parse("bad key=x"), ApiServerError);
  EXPECT_THROW(LabelSelector::parse("a=-x"), ApiServerError);
  EXPECT_TRUE(LabelSelector::from_json({{"matchLabels", {{"app", "jaeger"}}},
                                        {"matchExpressions", {{{"key", "tier"}, {"operator", "Exists"}}}}})
                  .matches(labels));
}

TEST(StrategicMergePatch, MergesKeyedListsAndHonoursDirectives) {
  const json target = {
      {"metadata", {{"finalizers", {"a"}}}},
      {"spec",
       {{"containers",
         {{{"name", "one"}, {"image", "i:1"}, {"ports", {{{"containerPort", 80}, {"name", "http"}}}}},
          {{"name", "two"}, {"image", "i:2"}}}},
        {"args", {"--x"}}}}};
  const json patch = {
      {"metadata", {{"finalizers", {"b"}}, {"$deleteFromPrimitiveList/finalizers", {"a"}}}},
      {"spec",
       {{"$setElementOrder/containers", {{{"name", "two"}}, {{"name", "one"}}}},
        {"containers",
         {{{"name", "one"}, {"ports", {{{"containerPort", 9090}, {"name", "metrics"}}}}},
          {{"name", "two"}, {"$patch", "delete"}}}},
        {"args", {"--y"}}}}};
  const json result = apply_strategic_merge_patch(target, patch);
  EXPECT_EQ(result["metadata"]["finalizers"], json({"b"}));
  ASSERT_EQ(result["spec"]["containers"].size(), 1u);
  EXPECT_EQ(result["spec"]["containers"][0]["image"], "i:1");
  EXPECT_EQ(result["spec"]["containers"][0]["ports"].size(), 2u);  // merged by containerPort
  EXPECT_EQ(result["spec"]["args"], json({"--y"}));                 // atomic list replaced
  const json replaced = apply_strategic_merge_patch(target, {{"spec", {{"$patch", "replace"}, {"args", {"z"}}}}});
  EXPECT_EQ(replaced["spec"], json({{"args", {"z"}}}));
  EXPECT_THROW(apply_strategic_merge_patch(target, json::array()), ApiServerError);
  EXPECT_THROW(apply_json_patch(target, {{{"op", "remove"}, {"path", "/nope"}}}), ApiServerError);
  EXPECT_EQ(apply_merge_patch(target, {{"spec", nullptr}}).contains("spec"), false);
}

TEST(ApiPath, ClassifiesPaths) {
  auto p = parse_api_path("/apis/apps/v1/namespaces/ns/deployments/web/status");
  EXPECT_EQ(p.kind, ApiPath::Kind::Resource);
  EXPECT_EQ(p.group, "apps");
  EXPECT_EQ(p.ns, "ns");
  EXPECT_EQ(p.name, "web");
  EXPECT_EQ(p.subresource, "status");
  p = parse_api_path("/api/v1/namespaces/team");
  EXPECT_EQ(p.resource, "namespaces");
  EXPECT_EQ(p.name, "team");
  p = parse_api_path("/api/v1/namespaces/team/status");
  EXPECT_EQ(p.resource, "namespaces");
  EXPECT_EQ(p.subresource, "status");
  p = parse_api_path("/api/v1/namespaces/team/configmaps");
  EXPECT_EQ(p.resource, "configmaps");
  EXPECT_EQ(p.ns, "team");
  EXPECT_EQ(parse_api_path("/openapi/v3/apis/apps/v1").kind, ApiPath::Kind::OpenApiDocument);
  EXPECT_EQ(parse_api_path("/api/v1/a/b/c/d").kind, ApiPath::Kind::Unknown);
  EXPECT_EQ(parse_api_path("/metrics").kind, ApiPath::Kind::Unknown);
}

const char* kCrdYaml = R"(apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w1}
spec: {size: 3, enabled: true, ratio: 0.5, note: "007"}
)";

using testing::handler_request;

class ApiDoubleHandler : public ::testing::Test {
 protected:
  ApiDoubleHandler()
      : handler(catalog, store, faults, stats, admission, [] { return std::string("127.0.0.1:1"); }, false) {}
  ServerResponse send(const std::string& method, const std::string& target, const json& body = nullptr,
                      const std::string& content_type = "application/json", const std::string& accept = "application/json") {
    return handler.handle(handler_request(method, target, body.is_null() ? "" : body.dump(), content_type, accept));
  }
  static json body(const ServerResponse& r) { return json::parse(r.body); }

  ResourceCatalog catalog;
  ObjectStore store{catalog};
  FaultInjector faults;
  RequestStats stats;
  WebhookAdmission admission{catalog, store, false};
  ApiHandler handler;
};

TEST_F(ApiDoubleHandler, ServesDiscoveryAndOpenApi) {
  json core = body(send("GET", "/api/v1"));
  bool pods_status = false;
  for (const auto& r : core["resources"]) pods_status = pods_status || r["name"] == "pods/status";
  EXPECT_TRUE(pods_status);
  json groups = body(send("GET", "/apis"));
  EXPECT_FALSE(groups["groups"].empty());
  EXPECT_EQ(body(send("GET", "/apis/autoscaling"))["preferredVersion"]["version"], "v2");
  json index = body(send("GET", "/openapi/v3"));
  ASSERT_TRUE(index["paths"].contains("apis/apps/v1"));
  json doc = body(send("GET", "/apis/apps/v1"));
  EXPECT_EQ(doc["groupVersion"], "apps/v1");
  json openapi = body(send("GET", "/openapi/v3/apis/apps/v1"));
  bool has_field_validation = false;
  for (const auto& [path, item] : openapi["paths"].items()) {
    for (const auto& p : item["patch"]["parameters"]) has_field_validation = has_field_validation || p["name"] == "fieldValidation";
  }
  EXPECT_TRUE(has_field_validation);
  EXPECT_EQ(send("GET", "/openapi/v2").status, 404);
  EXPECT_EQ(send("GET", "/version").status, 200);
  EXPECT_EQ(send("POST", "/apis").status, 405);
}

TEST_F(ApiDoubleHandler, RegistersCrdsAndServesTheirResources) {
  for (const auto& obj : parse_manifests(kCrdYaml)) {
    const std::string path = obj["kind"] == "CustomResourceDefinition"
                                 ? "/apis/apiextensions.k8s.io/v1/customresourcedefinitions"
                                 : "/apis/example.com/v1/namespaces/default/widgets";
    ASSERT_EQ(send("POST", path, obj).status, 201) << path;
  }
  json crd = body(send("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com"));
  EXPECT_EQ(crd["status"]["conditions"][1]["type"], "Established");
  json widget = body(send("GET", "/apis/example.com/v1/namespaces/default/widgets/w1"));
  EXPECT_EQ(widget["spec"]["size"], 3);
  EXPECT_EQ(widget["spec"]["enabled"], true);
  EXPECT_EQ(widget["spec"]["note"], "007");  // quoted YAML scalar stays a string
  json resources = body(send("GET", "/apis/example.com/v1"));
  EXPECT_EQ(resources["resources"][0]["shortNames"][0], "wd");

  json table = body(send("GET", "/apis/example.com/v1/namespaces/default/widgets", nullptr, "",
                         "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"));
  EXPECT_EQ(table["kind"], "Table");
  EXPECT_EQ(table["columnDefinitions"][1]["name"], "Size");
  EXPECT_EQ(table["rows"][0]["cells"][0], "w1");
  EXPECT_EQ(table["rows"][0]["cells"][1], 3);

  // Deleting the CRD removes its objects and stops serving the resource.
  EXPECT_EQ(send("DELETE", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com").status, 200);
  EXPECT_EQ(send("GET", "/apis/example.com/v1/namespaces/default/widgets").status, 404);
  EXPECT_EQ(store.object_count(), 4u);  // the four initial namespaces

  json bad_crd = parse_manifests(kCrdYaml)[0];
  bad_crd["metadata"]["name"] = "wrong.example.com";
  EXPECT_EQ(send("POST", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", bad_crd).status, 422);
}

TEST_F(ApiDoubleHandler, RefusesUnknownShapes) {
  EXPECT_EQ(send("GET", "/api/v1/namespaces/default/configmaps?nonsense=1").status, 400);
  EXPECT_EQ(send("PUT", "/api/v1/namespaces/default/configmaps").status, 405);
  EXPECT_EQ(send("POST", "/api/v1/namespaces/default/configmaps/x").status, 405);
  EXPECT_EQ(send("POST", "/api/v1/configmaps", json{{"metadata", {{"name", "x"}}}}).status, 405);
  EXPECT_EQ(send("GET", "/api/v1/namespaces/default/configmaps/x/scale").status, 404);
  EXPECT_EQ(send("GET", "/api/v1/namespaces/default/namespaces").status, 404);  // cluster-scoped under a namespace
  EXPECT_EQ(send("GET", "/apis/apps/v1/deployments/x").status, 404);           // namespaced without a namespace
  EXPECT_EQ(send("POST", "/api/v1/namespaces/default/configmaps", json{{"metadata", {{"name", "y"}}}}, "application/yaml").status, 415);
  EXPECT_EQ(send("GET", "/api/v1/namespaces/default/configmaps", nullptr, "", "application/vnd.kubernetes.protobuf").status, 406);
  EXPECT_EQ(send("PATCH", "/api/v1/namespaces/default/configmaps/x", json::object(), "application/apply-patch+yaml").status, 415);
  ServerResponse mismatch = send("POST", "/api/v1/namespaces/default/configmaps",
                                 json{{"apiVersion", "apps/v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "z"}}}});
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_EQ(body(mismatch)["kind"], "Status");
  EXPECT_EQ(body(mismatch)["reason"], "BadRequest");
}

TEST_F(ApiDoubleHandler, DefaultsAndValidatesBuiltIns) {
  json svc = {{"metadata", {{"name", "svc"}}},
              {"spec", {{"selector", {{"app", "x"}}}, {"ports", {{{"name", "http"}, {"port", 80}}}}}}};
  json created = body(send("POST", "/api/v1/namespaces/default/services", svc));
  EXPECT_FALSE(created["spec"]["clusterIP"].get<std::string>().empty());
  EXPECT_EQ(created["spec"]["ports"][0]["targetPort"], 80);
  EXPECT_EQ(created["spec"]["ports"][0]["protocol"], "TCP");
  // A PUT without clusterIP keeps the allocated one; changing it is refused.
  json update = created;
  update["spec"].erase("clusterIP");
  update["spec"].erase("clusterIPs");
  json updated = body(send("PUT", "/api/v1/namespaces/default/services/svc", update));
  EXPECT_EQ(updated["spec"]["clusterIP"], created["spec"]["clusterIP"]);
  updated["spec"]["clusterIP"] = "10.96.99.99";
  EXPECT_EQ(send("PUT", "/api/v1/namespaces/default/services/svc", updated).status, 422);

  json pod = {{"metadata", {{"name", "p"}}},
              {"spec", {{"containers", {{{"name", "c"}, {"image", "x:latest"},
                                         {"ports", {{{"containerPort", 14268}, {"name", "c-binary-trft-too-long"}}}}}}}}}};
  ServerResponse refused = send("POST", "/api/v1/namespaces/default/pods", pod);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(body(refused)["message"].get<std::string>().find("ports[0].name"), std::string::npos);

  json bad_name = {{"metadata", {{"name", "Not_Valid"}}}};
  EXPECT_EQ(send("POST", "/api/v1/namespaces/default/configmaps", bad_name).status, 422);
  json bad_label = {{"metadata", {{"name", "ok"}, {"labels", {{"app", "-bad-"}}}}}};
  EXPECT_EQ(send("POST", "/api/v1/namespaces/default/configmaps", bad_label).status, 422);

  json cron = {{"metadata", {{"name", "c"}}},
               {"spec", {{"schedule", "55 23 * * *"},
                         {"jobTemplate", {{"spec", {{"template", {{"spec", {{"containers", {{{"name", "c"}, {"image", "i:1"}}}}}}}}}}}}}}};
  EXPECT_EQ(send("POST", "/apis/batch/v1/namespaces/default/cronjobs", cron).status, 422);  // restartPolicy required
  cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["restartPolicy"] = "OnFailure";
  json cron_created = body(send("POST", "/apis/batch/v1/namespaces/default/cronjobs", cron));
  EXPECT_EQ(cron_created["spec"]["concurrencyPolicy"], "Allow");
}

TEST_F(ApiDoubleHandler, CountsWritesAndInjectsFaults) {
  send("POST", "/api/v1/namespaces/default/configmaps", json{{"metadata", {{"name", "a"}}}});
  send("GET", "/api/v1/namespaces/default/configmaps/a");
  EXPECT_EQ(stats.writes(), 1u);
  faults.add({"", "/api/v1/namespaces/default/configmaps/a", 409, 1});
  ServerResponse injected = send("GET", "/api/v1/namespaces/default/configmaps/a");
  EXPECT_EQ(injected.status, 409);
  EXPECT_EQ(body(injected)["reason"], "Conflict");
  EXPECT_EQ(send("GET", "/api/v1/namespaces/default/configmaps/a").status, 200);
  EXPECT_EQ(send("POST", "/__double/reset-stats").status, 200);
  EXPECT_EQ(stats.writes(), 0u);
  EXPECT_EQ(send("POST", "/__double/fail-next?code=abc").status, 400);
  EXPECT_EQ(send("POST", "/__double/unknown").status, 404);
  EXPECT_EQ(body(send("GET", "/__double/stats"))["writes"], 0);
}

}  // namespace
}  // namespace peregrine::kubedouble

namespace peregrine::kubedouble {
namespace {

TEST(KubeApiDouble, PreloadsManifestsAndKeepsDataAcrossRestart) {
  DoubleOptions options;
  options.preload_files = {std::string(PEREGRINE_KUBE_FIXTURES_DIR) + "/jaeger-crd.yaml"};
  KubeApiDouble api(options);
  api.start();
  const uint16_t port = api.port();
  ASSERT_TRUE(api.catalog().find("jaegertracing.io", "v1", "jaegers").has_value());
  api.create_object({{"apiVersion", "jaegertracing.io/v1"}, {"kind", "Jaeger"}, {"metadata", {{"name", "simplest"}}}});
  api.restart();
  EXPECT_EQ(api.port(), port);
  auto info = *api.catalog().find("jaegertracing.io", "v1", "jaegers");
  EXPECT_EQ(api.store().get(info, "default", "simplest")["metadata"]["namespace"], "default");
  EXPECT_THROW(api.create_object({{"apiVersion", "nope/v1"}, {"kind", "Thing"}}), std::runtime_error);
}

}  // namespace
}  // namespace peregrine::kubedouble
