// The injection rules as pure data in / data out: when a sidecar is injected, refreshed, removed or left alone,
// which Jaeger instance it reports to, and exactly what the sidecar and the application containers look like.
#include <gtest/gtest.h>

#include <optional>

#include "operator/render/images.hpp"
#include "operator/webhook/injection_constants.hpp"
#include "operator/webhook/workload_injector.hpp"
#include "tests/webhook/test_objects.hpp"

namespace peregrine::operator_webhook {
namespace {

using webhook_test::annotated_deployment;
using webhook_test::app_container;
using webhook_test::profile;
using webhook_test::workload;
using webhook_test::WorkloadSpec;

InjectionOutcome evaluate(const Json& object, const std::vector<AgentProfile>& instances,
                          std::optional<StringMap> namespace_annotations = StringMap{}) {
  const std::string ns = object.contains("metadata") && object["metadata"].is_object()
                             ? object["metadata"].value("namespace", "default")
                             : "default";
  return evaluate_injection(InjectionInput{object, ns, std::move(namespace_annotations), instances});
}

const Json& containers_of(const Json& object) { return object["spec"]["template"]["spec"]["containers"]; }

const Json* find_container(const Json& object, const std::string& name) {
  for (const auto& container : containers_of(object)) {
    if (container["name"] == name) return &container;
  }
  return nullptr;
}

std::optional<std::string> env_value(const Json& container, const std::string& name) {
  for (const auto& entry : container.value("env", Json::array())) {
    if (entry["name"] == name) return entry.value("value", "");
  }
  return std::nullopt;
}

std::string injected_label(const Json& object) {
  return object["metadata"].value("labels", Json::object()).value(kInjectedLabel, "");
}

// The patch must turn the input into the mutated object, exactly as the API server applies it.
void expect_patch_consistent(const Json& input, const InjectionOutcome& outcome) {
  EXPECT_EQ(input.patch(outcome.patch), outcome.mutated);
}

TEST(InjectionRules, NoAnnotationLeavesWorkloadAlone) {
  const Json deployment = workload(WorkloadSpec{});
  const auto outcome = evaluate(deployment, {profile("simplest", "default")});
  EXPECT_EQ(outcome.decision.action, InjectionAction::Leave);
  EXPECT_FALSE(outcome.decision.warning);
  EXPECT_FALSE(outcome.changed());
  EXPECT_EQ(outcome.mutated, deployment);
}

TEST(InjectionRules, WorkloadAnnotationTrueInjectsTheOnlyInstance) {
  const Json deployment = annotated_deployment("true");
  const auto outcome = evaluate(deployment, {profile("simplest", "observability")});
  ASSERT_EQ(outcome.decision.action, InjectionAction::Inject);
  EXPECT_EQ(outcome.decision.event_reason, "SidecarInjected");
  EXPECT_EQ(outcome.decision.instance->name, "simplest");
  EXPECT_TRUE(outcome.changed());
  expect_patch_consistent(deployment, outcome);
  EXPECT_EQ(injected_label(outcome.mutated), "simplest");
  ASSERT_EQ(containers_of(outcome.mutated).size(), 2u);
  EXPECT_EQ(containers_of(outcome.mutated)[1]["name"], "jaeger-agent");
}

TEST(InjectionRules, SidecarContainerMatchesTheJaegerOperator) {
  const auto outcome = evaluate(annotated_deployment("true"), {profile("simplest", "observability")});
  const Json* agent = find_container(outcome.mutated, "jaeger-agent");
  ASSERT_NE(agent, nullptr);
  EXPECT_EQ((*agent)["image"], operator_render::resolve_image("", operator_render::ImageComponent::Agent,
                                                             webhook_test::test_render_context()));
  EXPECT_EQ((*agent)["args"],
            Json::array({"--agent.tags=cluster=undefined,container.name=myapp,deployment.name=myapp,"
                         "host.ip=${HOST_IP:},pod.name=${POD_NAME:},pod.namespace=default",
                         "--reporter.grpc.host-port=dns:///simplest-collector-headless.observability.svc:14250"}));
  EXPECT_EQ((*agent)["env"], Json::parse(R"([
    {"name":"POD_NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
    {"name":"HOST_IP","valueFrom":{"fieldRef":{"fieldPath":"status.hostIP"}}}])"));
  EXPECT_EQ((*agent)["ports"], Json::parse(R"([
    {"name":"zk-compact-trft","containerPort":5775,"protocol":"UDP"},
    {"name":"config-rest","containerPort":5778},
    {"name":"jg-compact-trft","containerPort":6831,"protocol":"UDP"},
    {"name":"jg-binary-trft","containerPort":6832,"protocol":"UDP"},
    {"name":"admin-http","containerPort":14271}])"));
  EXPECT_EQ((*agent)["livenessProbe"]["httpGet"]["port"], 14271);
  EXPECT_EQ((*agent)["readinessProbe"]["httpGet"]["port"], 14271);
}

TEST(InjectionRules, ApplicationContainersGetServiceNameAndPropagation) {
  const auto outcome = evaluate(annotated_deployment("true"), {profile("simplest", "default")});
  const Json* app = find_container(outcome.mutated, "myapp");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(env_value(*app, "JAEGER_SERVICE_NAME"), "myapp.default");
  EXPECT_EQ(env_value(*app, "JAEGER_PROPAGATION"), "jaeger,b3,w3c");
}

TEST(InjectionRules, ApplicationEnvironmentAlreadySetIsKept) {
  WorkloadSpec spec;
  spec.annotations = {{kInjectAnnotation, "true"}};
  spec.containers = Json::array({app_container(
      "myapp", Json::array({{{"name", "JAEGER_SERVICE_NAME"}, {"value", "custom"}},
                            {{"name", "JAEGER_PROPAGATION"}, {"value", "b3"}}}))});
  const auto outcome = evaluate(workload(spec), {profile("simplest", "default")});
  const Json* app = find_container(outcome.mutated, "myapp");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ((*app)["env"].size(), 2u);
  EXPECT_EQ(env_value(*app, "JAEGER_SERVICE_NAME"), "custom");
  EXPECT_EQ(env_value(*app, "JAEGER_PROPAGATION"), "b3");
}

TEST(InjectionRules, ServiceNameComesFromInstanceNameOrAppLabelElseWorkloadName) {
  WorkloadSpec spec;
  spec.annotations = {{kInjectAnnotation, "true"}};
  spec.template_labels = {{"app", "a"}, {"app.kubernetes.io/name", "n"}, {"app.kubernetes.io/instance", "i"}};
  EXPECT_EQ(env_value(*find_container(evaluate(workload(spec), {profile("j", "default")}).mutated, "myapp"),
                      "JAEGER_SERVICE_NAME"),
            "i.default");
  spec.template_labels = {{"app", "a"}, {"app.kubernetes.io/name", "n"}};
  EXPECT_EQ(env_value(*find_container(evaluate(workload(spec), {profile("j", "default")}).mutated, "myapp"),
                      "JAEGER_SERVICE_NAME"),
            "n.default");
  spec.template_labels = {{"tier", "web"}};
  EXPECT_EQ(env_value(*find_container(evaluate(workload(spec), {profile("j", "default")}).mutated, "myapp"),
                      "JAEGER_SERVICE_NAME"),
            "myapp.default");
}

TEST(InjectionRules, NamespaceAnnotationRequestsInjection) {
  const Json deployment = workload(WorkloadSpec{});
  const auto outcome = evaluate(deployment, {profile("simplest", "default")}, StringMap{{kInjectAnnotation, "true"}});
  EXPECT_EQ(outcome.decision.action, InjectionAction::Inject);
  expect_patch_consistent(deployment, outcome);
}

TEST(InjectionRules, WorkloadFalseOverridesNamespaceTrue) {
  const auto outcome =
      evaluate(annotated_deployment("false"), {profile("simplest", "default")}, StringMap{{kInjectAnnotation, "true"}});
  EXPECT_EQ(outcome.decision.action, InjectionAction::Leave);
  EXPECT_FALSE(outcome.changed());
}

TEST(InjectionRules, FalseIsCaseInsensitive) {
  EXPECT_EQ(evaluate(annotated_deployment("False"), {profile("simplest", "default")}).decision.action,
            InjectionAction::Leave);
  EXPECT_EQ(evaluate(annotated_deployment("TRUE"), {profile("simplest", "default")}).decision.action,
            InjectionAction::Inject);
}

TEST(InjectionRules, NamespaceFalseMeansNoInjection) {
  const auto outcome =
      evaluate(workload(WorkloadSpec{}), {profile("simplest", "default")}, StringMap{{kInjectAnnotation, "false"}});
  EXPECT_EQ(outcome.decision.action, InjectionAction::Leave);
}

TEST(InjectionRules, UnknownNamespaceStillHonoursTheWorkloadAnnotation) {
  const auto outcome = evaluate(annotated_deployment("true"), {profile("simplest", "default")}, std::nullopt);
  EXPECT_EQ(outcome.decision.action, InjectionAction::Inject);
}

TEST(InjectionRules, NamedInstancePrefersTheWorkloadsNamespace) {
  const std::vector<AgentProfile> instances{profile("tracing", "other"), profile("tracing", "default")};
  const auto outcome = evaluate(annotated_deployment("tracing"), instances);
  ASSERT_EQ(outcome.decision.action, InjectionAction::Inject);
  EXPECT_EQ(outcome.decision.instance->namespace_name, "default");
}

TEST(InjectionRules, NamedInstanceInAnotherNamespace) {
  const std::vector<AgentProfile> instances{profile("tracing", "observability"), profile("other", "default")};
  const auto outcome = evaluate(annotated_deployment("tracing"), instances);
  ASSERT_EQ(outcome.decision.action, InjectionAction::Inject);
  EXPECT_EQ(outcome.decision.instance->namespace_name, "observability");
  const Json* agent = find_container(outcome.mutated, "jaeger-agent");
  EXPECT_NE((*agent)["args"].dump().find("tracing-collector-headless.observability.svc:14250"), std::string::npos);
}

TEST(InjectionRules, NamedInstanceInSeveralOtherNamespacesIsAmbiguous) {
  const std::vector<AgentProfile> instances{profile("tracing", "a"), profile("tracing", "b")};
  const auto outcome = evaluate(annotated_deployment("tracing"), instances);
  EXPECT_EQ(outcome.decision.action, InjectionAction::Leave);
  EXPECT_TRUE(outcome.decision.warning);
  EXPECT_EQ(outcome.decision.event_reason, "JaegerInstanceAmbiguous");
  EXPECT_FALSE(outcome.changed());
}

TEST(InjectionRules, NamespaceQualifiedNameSelectsExactly) {
  const std::vector<AgentProfile> instances{profile("tracing", "a"), profile("tracing", "b")};
  const auto outcome = evaluate(annotated_deployment("b/tracing"), instances);
  ASSERT_EQ(outcome.decision.action, InjectionAction::Inject);
  EXPECT_EQ(outcome.decision.instance->namespace_name, "b");
  EXPECT_EQ(evaluate(annotated_deployment("c/tracing"), instances).decision.event_reason, "JaegerInstanceNotFound");
}

TEST(InjectionRules, NamedInstanceNotFoundGivesAReasonAndNoFallback) {
  const auto outcome = evaluate(annotated_deployment("missing"), {profile("simplest", "default")});
  EXPECT_EQ(outcome.decision.action, InjectionAction::Leave);
  EXPECT_TRUE(outcome.decision.warning);
  EXPECT_EQ(outcome.decision.event_reason, "JaegerInstanceNotFound");
  EXPECT_NE(outcome.decision.reason.find("missing"), std::string::npos);
}

TEST(InjectionRules, TrueWithSeveralInstancesPicksTheOnlyOneInTheNamespace) {
  const std::vector<AgentProfile> instances{profile("a", "observability"), profile("b", "default")};
  const auto outcome = evaluate(annotated_deployment("true"), instances);
  ASSERT_EQ(outcome.decision.action, InjectionAction::Inject);
  EXPECT_EQ(outcome.decision.instance->name, "b");
}

TEST(InjectionRules, TrueWithSeveralInstancesElsewhereIsAmbiguous) {
  const std::vector<AgentProfile> instances{profile("a", "x"), profile("b", "y")};
  const auto outcome = evaluate(annotated_deployment("true"), instances);
  EXPECT_EQ(outcome.decision.action, InjectionAction::Leave);
  EXPECT_EQ(outcome.decision.event_reason, "JaegerInstanceAmbiguous");
  EXPECT_TRUE(outcome.decision.warning);
}

TEST(InjectionRules, TrueWithTwoInstancesInTheSameNamespaceIsAmbiguous) {
  const std::vector<AgentProfile> instances{profile("a", "default"), profile("b", "default")};
  EXPECT_EQ(evaluate(annotated_deployment("true"), instances).decision.event_reason, "JaegerInstanceAmbiguous");
}

TEST(InjectionRules, TrueWithoutInstancesGivesAReason) {
  const auto outcome = evaluate(annotated_deployment("true"), {});
  EXPECT_EQ(outcome.decision.action, InjectionAction::Leave);
  EXPECT_EQ(outcome.decision.event_reason, "NoJaegerInstance");
  EXPECT_TRUE(outcome.decision.warning);
}

TEST(InjectionRules, WorkloadTrueUsesTheInstanceTheNamespaceNames) {
  const std::vector<AgentProfile> instances{profile("a", "default"), profile("b", "default")};
  const auto outcome = evaluate(annotated_deployment("true"), instances, StringMap{{kInjectAnnotation, "b"}});
  ASSERT_EQ(outcome.decision.action, InjectionAction::Inject);
  EXPECT_EQ(outcome.decision.instance->name, "b");
}

TEST(InjectionRules, WorkloadNameWinsOverNamespaceName) {
  const std::vector<AgentProfile> instances{profile("a", "default"), profile("b", "default")};
  const auto outcome = evaluate(annotated_deployment("a"), instances, StringMap{{kInjectAnnotation, "b"}});
  ASSERT_EQ(outcome.decision.action, InjectionAction::Inject);
  EXPECT_EQ(outcome.decision.instance->name, "a");
}

TEST(InjectionRules, JaegersOwnWorkloadsAreSkipped) {
  for (const Json& labels : {Json{{"app.kubernetes.io/managed-by", "peregrine-operator"}},
                             Json{{"app.kubernetes.io/managed-by", "jaeger-operator"}},
                             Json{{"app.kubernetes.io/part-of", "jaeger"}}}) {
    WorkloadSpec spec;
    spec.annotations = {{kInjectAnnotation, "simplest"}};
    spec.labels = labels;
    const auto outcome = evaluate(workload(spec), {profile("simplest", "default")});
    EXPECT_EQ(outcome.decision.action, InjectionAction::Leave) << labels.dump();
    EXPECT_FALSE(outcome.changed());
  }
}

TEST(InjectionRules, HandWrittenAgentIsLeftAlone) {
  WorkloadSpec spec;
  spec.annotations = {{kInjectAnnotation, "true"}};
  spec.containers = Json::array({app_container("myapp"), Json{{"name", "jaeger-agent"}, {"image", "mine"}}});
  const auto outcome = evaluate(workload(spec), {profile("simplest", "default")});
  EXPECT_EQ(outcome.decision.action, InjectionAction::Leave);
  EXPECT_FALSE(outcome.changed());
}

TEST(InjectionRules, HandWrittenAgentSurvivesAnnotationRemoval) {
  WorkloadSpec spec;
  spec.containers = Json::array({app_container("myapp"), Json{{"name", "jaeger-agent"}, {"image", "mine"}}});
  EXPECT_FALSE(evaluate(workload(spec), {profile("simplest", "default")}).changed());
}

TEST(InjectionRules, InjectionIsIdempotent) {
  const std::vector<AgentProfile> instances{profile("simplest", "default")};
  const auto first = evaluate(annotated_deployment("true"), instances);
  ASSERT_TRUE(first.changed());
  const auto second = evaluate(first.mutated, instances);
  EXPECT_EQ(second.decision.action, InjectionAction::Inject);
  EXPECT_FALSE(second.changed()) << second.patch.dump();
}

// What the API server stores: the sidecar with its defaults filled in and quantities canonicalized.
Json with_server_defaults(Json object) {
  for (auto& container : object["spec"]["template"]["spec"]["containers"]) {
    container["terminationMessagePath"] = "/dev/termination-log";
    container["terminationMessagePolicy"] = "File";
    container["imagePullPolicy"] = "IfNotPresent";
    if (container.contains("ports")) {
      for (auto& port : container["ports"]) {
        if (!port.contains("protocol")) port["protocol"] = "TCP";
      }
    }
    for (const char* probe : {"livenessProbe", "readinessProbe"}) {
      if (!container.contains(probe)) continue;
      container[probe]["timeoutSeconds"] = 1;
      container[probe]["successThreshold"] = 1;
      container[probe]["httpGet"]["scheme"] = "HTTP";
    }
    if (container.contains("env")) {
      for (auto& entry : container["env"]) {
        if (entry.contains("valueFrom")) entry["valueFrom"]["fieldRef"]["apiVersion"] = "v1";
      }
    }
    if (container.contains("resources") && container["resources"].contains("limits")) {
      container["resources"]["limits"]["cpu"] = "500m";
    }
  }
  return object;
}

TEST(InjectionRules, ServerDefaultsOnTheStoredSidecarAreNoChange) {
  const std::vector<AgentProfile> instances{
      profile("simplest", "default", {{"agent", {{"resources", {{"limits", {{"cpu", "0.5"}}}}}}}})};
  const auto first = evaluate(annotated_deployment("true"), instances);
  ASSERT_TRUE(first.changed());
  const Json stored = with_server_defaults(first.mutated);
  const auto again = evaluate(stored, instances);
  EXPECT_FALSE(again.changed()) << again.patch.dump();
}

TEST(InjectionRules, ChangedInstanceRefreshesTheSidecarInPlace) {
  const auto first = evaluate(annotated_deployment("true"), {profile("simplest", "default")});
  const auto refreshed =
      evaluate(first.mutated, {profile("simplest", "default", {{"agent", {{"image", "jaegertracing/jaeger-agent:1.57"}}}})});
  ASSERT_TRUE(refreshed.changed());
  expect_patch_consistent(first.mutated, refreshed);
  ASSERT_EQ(containers_of(refreshed.mutated).size(), 2u);
  EXPECT_EQ(containers_of(refreshed.mutated)[1]["image"], "jaegertracing/jaeger-agent:1.57");
}

TEST(InjectionRules, AnnotationRemovedRemovesTheSidecar) {
  const std::vector<AgentProfile> instances{profile("simplest", "default")};
  Json injected = evaluate(annotated_deployment("true"), instances).mutated;
  injected["metadata"]["annotations"].erase(kInjectAnnotation);
  const auto outcome = evaluate(injected, instances);
  ASSERT_EQ(outcome.decision.action, InjectionAction::Remove);
  EXPECT_EQ(outcome.decision.event_reason, "SidecarRemoved");
  expect_patch_consistent(injected, outcome);
  EXPECT_EQ(find_container(outcome.mutated, "jaeger-agent"), nullptr);
  EXPECT_EQ(injected_label(outcome.mutated), "");
  EXPECT_EQ(containers_of(outcome.mutated).size(), 1u);
}

TEST(InjectionRules, AnnotationFalseRemovesTheSidecar) {
  const std::vector<AgentProfile> instances{profile("simplest", "default")};
  Json injected = evaluate(annotated_deployment("true"), instances).mutated;
  injected["metadata"]["annotations"][kInjectAnnotation] = "false";
  const auto outcome = evaluate(injected, instances);
  EXPECT_EQ(outcome.decision.action, InjectionAction::Remove);
  EXPECT_EQ(find_container(outcome.mutated, "jaeger-agent"), nullptr);
}

TEST(InjectionRules, NamespaceAnnotationRemovedRemovesTheSidecar) {
  const std::vector<AgentProfile> instances{profile("simplest", "default")};
  const Json injected =
      evaluate(workload(WorkloadSpec{}), instances, StringMap{{kInjectAnnotation, "true"}}).mutated;
  ASSERT_NE(find_container(injected, "jaeger-agent"), nullptr);
  EXPECT_EQ(evaluate(injected, instances, StringMap{}).decision.action, InjectionAction::Remove);
}

TEST(InjectionRules, UnreadableNamespaceNeverRemovesANamespaceRequestedSidecar) {
  const std::vector<AgentProfile> instances{profile("simplest", "default")};
  const Json injected =
      evaluate(workload(WorkloadSpec{}), instances, StringMap{{kInjectAnnotation, "true"}}).mutated;
  const auto outcome = evaluate(injected, instances, std::nullopt);
  EXPECT_EQ(outcome.decision.action, InjectionAction::Leave);
  EXPECT_FALSE(outcome.changed());
  // The workload's own "false" still removes it.
  Json disabled = injected;
  disabled["metadata"]["annotations"] = {{kInjectAnnotation, "false"}};
  EXPECT_EQ(evaluate(disabled, instances, std::nullopt).decision.action, InjectionAction::Remove);
}

TEST(InjectionRules, DeletedInstanceRemovesTheSidecar) {
  Json injected = evaluate(annotated_deployment("simplest"), {profile("simplest", "default")}).mutated;
  const auto outcome = evaluate(injected, {});
  ASSERT_EQ(outcome.decision.action, InjectionAction::Remove);
  EXPECT_EQ(find_container(outcome.mutated, "jaeger-agent"), nullptr);
}

TEST(InjectionRules, InstanceBeingDeletedIsNotSelected) {
  AgentProfile deleting = profile("simplest", "default");
  deleting.being_deleted = true;
  const auto fresh = evaluate(annotated_deployment("true"), {deleting});
  EXPECT_EQ(fresh.decision.action, InjectionAction::Leave);
  EXPECT_EQ(fresh.decision.event_reason, "NoJaegerInstance");

  Json injected = evaluate(annotated_deployment("true"), {profile("simplest", "default")}).mutated;
  EXPECT_EQ(evaluate(injected, {deleting}).decision.action, InjectionAction::Remove);
}

TEST(InjectionRules, DeletedInstanceSwitchesToTheRemainingOne) {
  const auto first = evaluate(annotated_deployment("true"), {profile("a", "x")});
  const auto moved = evaluate(first.mutated, {profile("b", "y")});
  ASSERT_EQ(moved.decision.action, InjectionAction::Inject);
  EXPECT_EQ(injected_label(moved.mutated), "b");
  EXPECT_NE(find_container(moved.mutated, "jaeger-agent")->dump().find("b-collector-headless.y.svc"), std::string::npos);
}

TEST(InjectionRules, InjectedWorkloadKeepsItsInstanceWhenASecondAppears) {
  const auto first = evaluate(annotated_deployment("true"), {profile("a", "x")});
  const auto second = evaluate(first.mutated, {profile("a", "x"), profile("b", "y")});
  EXPECT_EQ(second.decision.action, InjectionAction::Inject);
  EXPECT_EQ(second.decision.instance->name, "a");
  EXPECT_FALSE(second.changed());
}

TEST(InjectionRules, ChangedAnnotationMovesTheSidecarToTheNamedInstance) {
  Json injected = evaluate(annotated_deployment("a"), {profile("a", "default"), profile("b", "default")}).mutated;
  injected["metadata"]["annotations"][kInjectAnnotation] = "b";
  const auto outcome = evaluate(injected, {profile("a", "default"), profile("b", "default")});
  ASSERT_EQ(outcome.decision.action, InjectionAction::Inject);
  EXPECT_EQ(injected_label(outcome.mutated), "b");
  EXPECT_EQ(containers_of(outcome.mutated).size(), 2u);
}

TEST(InjectionRules, InvalidInstanceFreezesTheWorkload) {
  const AgentProfile invalid = profile("simplest", "default", {{"storage", {{"type", "nosuchstorage"}}}});
  ASSERT_FALSE(invalid.renderable());
  const auto fresh = evaluate(annotated_deployment("true"), {invalid});
  EXPECT_EQ(fresh.decision.action, InjectionAction::Leave);
  EXPECT_EQ(fresh.decision.event_reason, "JaegerInstanceInvalid");
  EXPECT_TRUE(fresh.decision.warning);

  const Json injected = evaluate(annotated_deployment("true"), {profile("simplest", "default")}).mutated;
  EXPECT_FALSE(evaluate(injected, {invalid}).changed());
}

TEST(InjectionRules, LabelWithoutContainerIsCleanedUp) {
  WorkloadSpec spec;
  spec.labels = {{kInjectedLabel, "simplest"}, {"team", "a"}};
  const Json deployment = workload(spec);
  const auto outcome = evaluate(deployment, {profile("simplest", "default")});
  EXPECT_EQ(outcome.decision.action, InjectionAction::Remove);
  EXPECT_EQ(outcome.mutated["metadata"]["labels"], Json({{"team", "a"}}));
  expect_patch_consistent(deployment, outcome);
}

TEST(InjectionRules, ContainerNameTagOnlyWithASingleApplicationContainer) {
  WorkloadSpec spec;
  spec.annotations = {{kInjectAnnotation, "true"}};
  spec.containers = Json::array({app_container("web"), app_container("worker")});
  const auto outcome = evaluate(workload(spec), {profile("simplest", "default")});
  const std::string args = find_container(outcome.mutated, "jaeger-agent")->at("args").dump();
  EXPECT_EQ(args.find("container.name"), std::string::npos);
  EXPECT_NE(find_container(outcome.mutated, "worker"), nullptr);
  EXPECT_EQ(env_value(*find_container(outcome.mutated, "worker"), "JAEGER_PROPAGATION"), "jaeger,b3,w3c");
}

TEST(InjectionRules, TagsOfAnEarlierSidecarAreKept) {
  WorkloadSpec spec;
  spec.annotations = {{kInjectAnnotation, "true"}};
  spec.labels = {{kInjectedLabel, "simplest"}};
  spec.containers = Json::array(
      {app_container("myapp"),
       Json{{"name", "jaeger-agent"}, {"image", "old"}, {"args", {"--agent.tags=team=payments,cluster=old"}}}});
  const auto outcome = evaluate(workload(spec), {profile("simplest", "default")});
  const Json args = find_container(outcome.mutated, "jaeger-agent")->at("args");
  EXPECT_EQ(args[0],
            "--agent.tags=cluster=undefined,container.name=myapp,deployment.name=myapp,host.ip=${HOST_IP:},"
            "pod.name=${POD_NAME:},pod.namespace=default,team=payments");
}

TEST(InjectionRules, TagsFromTheInstanceOptionsWinOverDefaults) {
  const auto outcome = evaluate(annotated_deployment("true"),
                                {profile("simplest", "default", {{"agent", {{"options", {{"agent.tags", "a=b"}}}}}})});
  const Json args = find_container(outcome.mutated, "jaeger-agent")->at("args");
  EXPECT_EQ(args, Json::array({"--agent.tags=a=b",
                               "--reporter.grpc.host-port=dns:///simplest-collector-headless.default.svc:14250"}));
}

TEST(InjectionRules, AgentOptionsShapeArgsAndPorts) {
  const Json spec = {{"agent",
                      {{"options",
                        {{"processor", {{"jaeger-compact", {{"server-host-port", ":7831"}}}}},
                         {"reporter", {{"grpc", {{"host-port", "collector.example:14250"}}}}}}}}}};
  const auto outcome = evaluate(annotated_deployment("true"), {profile("simplest", "default", spec)});
  const Json* agent = find_container(outcome.mutated, "jaeger-agent");
  const Json args = agent->at("args");
  EXPECT_NE(args.dump().find("--processor.jaeger-compact.server-host-port=:7831"), std::string::npos);
  EXPECT_NE(args.dump().find("--reporter.grpc.host-port=collector.example:14250"), std::string::npos);
  EXPECT_EQ(args.dump().find("collector-headless"), std::string::npos);
  EXPECT_EQ(agent->at("ports")[2]["containerPort"], 7831);
}

TEST(InjectionRules, AgentVolumesAndPullSecretsAreAddedOnce) {
  const Json spec = {{"agent",
                      {{"volumes", {{{"name", "certs"}, {"secret", {{"secretName", "agent-certs"}}}}}},
                       {"volumeMounts", {{{"name", "certs"}, {"mountPath", "/certs"}}}},
                       {"imagePullSecrets", {{{"name", "registry"}}}}}},
                     {"volumes", {{{"name", "jaeger-only"}, {"emptyDir", Json::object()}}}}};
  const std::vector<AgentProfile> instances{profile("simplest", "default", spec)};
  const auto first = evaluate(annotated_deployment("true"), instances);
  const Json& pod = first.mutated["spec"]["template"]["spec"];
  ASSERT_EQ(pod["volumes"].size(), 1u);
  EXPECT_EQ(pod["volumes"][0]["name"], "certs");
  EXPECT_EQ(pod["imagePullSecrets"], Json::parse(R"([{"name":"registry"}])"));
  EXPECT_EQ(find_container(first.mutated, "jaeger-agent")->at("volumeMounts")[0]["mountPath"], "/certs");
  EXPECT_FALSE(evaluate(first.mutated, instances).changed());
}

TEST(InjectionRules, SidecarSecurityContextIsUsed) {
  const Json spec = {{"agent", {{"sidecarSecurityContext", {{"runAsUser", 1000}}}}},
                     {"containerSecurityContext", {{"privileged", true}}}};
  const auto outcome = evaluate(annotated_deployment("true"), {profile("simplest", "default", spec)});
  EXPECT_EQ(find_container(outcome.mutated, "jaeger-agent")->at("securityContext"), Json({{"runAsUser", 1000}}));
}

TEST(InjectionRules, StatefulSetsAndDaemonSetsAreInjectedWithTheirNameTag) {
  for (const auto& [kind, tag] : std::vector<std::pair<std::string, std::string>>{
           {"StatefulSet", "statefulset.name=myapp"}, {"DaemonSet", "daemonset.name=myapp"}}) {
    WorkloadSpec spec;
    spec.kind = kind;
    spec.annotations = {{kInjectAnnotation, "true"}};
    const Json object = workload(spec);
    const auto outcome = evaluate(object, {profile("simplest", "default")});
    ASSERT_EQ(outcome.decision.action, InjectionAction::Inject) << kind;
    EXPECT_NE(find_container(outcome.mutated, "jaeger-agent")->at("args")[0].get<std::string>().find(tag),
              std::string::npos);
    expect_patch_consistent(object, outcome);
  }
}

TEST(InjectionRules, OtherKindsAreLeftAlone) {
  Json object = annotated_deployment("true");
  object["kind"] = "ReplicaSet";
  EXPECT_EQ(evaluate(object, {profile("simplest", "default")}).decision.action, InjectionAction::Leave);
  object = annotated_deployment("true");
  object["apiVersion"] = "apps/v1beta1";
  EXPECT_EQ(evaluate(object, {profile("simplest", "default")}).decision.action, InjectionAction::Leave);
}

TEST(InjectionRules, MalformedObjectsNeverThrow) {
  const std::vector<AgentProfile> instances{profile("simplest", "default")};
  for (const Json& object :
       {Json(nullptr), Json("text"), Json::array(), Json::object(),
        Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":"x"})"),
        Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{"sidecar.jaegertracing.io/inject":"true"}},"spec":{"template":{"spec":{"containers":"x"}}}})"),
        Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{"sidecar.jaegertracing.io/inject":7}},"spec":{"template":{"spec":{"containers":[1]}}}})"),
        Json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{"sidecar.jaegertracing.io/inject":"true"},"labels":[]},"spec":{"template":{"spec":{"containers":[{"name":"a","env":"bad"}],"volumes":5}}}})")}) {
    InjectionOutcome outcome;
    EXPECT_NO_THROW(outcome = evaluate(object, instances)) << object.dump();
    if (outcome.changed()) {
      EXPECT_EQ(object.patch(outcome.patch), outcome.mutated);
    }
  }
}

TEST(InjectionRules, LongInstanceNamesAreTruncatedInTheLabel) {
  const std::string name(70, 'j');
  const auto outcome = evaluate(annotated_deployment("true"), {profile(name, "default")});
  ASSERT_EQ(outcome.decision.action, InjectionAction::Inject);
  EXPECT_EQ(injected_label(outcome.mutated).size(), 63u);
  EXPECT_FALSE(evaluate(outcome.mutated, {profile(name, "default")}).changed());
}

TEST(InjectionRules, PatchEscapesTheSlashInLabelKeys) {
  WorkloadSpec spec;
  spec.annotations = {{kInjectAnnotation, "true"}};
  spec.labels = {{"team", "a"}};
  const auto outcome = evaluate(workload(spec), {profile("simplest", "default")});
  EXPECT_NE(outcome.patch.dump().find("sidecar.jaegertracing.io~1injected"), std::string::npos);
}

}  // namespace
}  // namespace peregrine::operator_webhook
