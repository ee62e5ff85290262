// AdmissionReview in → AdmissionReview out: the uid is echoed, workloads get a base64 JSONPatch that the API
// server can apply, every rule shows through the webhook, and bad or unexpected reviews are allowed with a warning.
#include <gtest/gtest.h>

#include <random>

#include "operator/kube/base64.hpp"
#include "operator/webhook/admission_handler.hpp"
#include "operator/webhook/injection_constants.hpp"
#include "tests/webhook/fake_injection_context.hpp"
#include "tests/webhook/test_objects.hpp"

namespace peregrine::operator_webhook {
namespace {

using webhook_test::admission_review;
using webhook_test::annotated_deployment;
using webhook_test::FakeInjectionContext;
using webhook_test::profile;
using webhook_test::workload;
using webhook_test::WorkloadSpec;

FakeInjectionContext context_with_simplest() {
  FakeInjectionContext context;
  context.namespaces["default"] = {};
  context.instances.push_back(profile("simplest", "default"));
  return context;
}

Json review(const Json& body, const InjectionContext& context) { return review_admission(body.dump(), context).review; }

Json decoded_patch(const Json& answer) {
  return Json::parse(kube::base64_decode(answer["response"]["patch"].get<std::string>()));
}

void expect_allowed_untouched(const Json& answer) {
  EXPECT_EQ(answer["apiVersion"], "admission.k8s.io/v1");
  EXPECT_EQ(answer["kind"], "AdmissionReview");
  EXPECT_EQ(answer["response"]["allowed"], true);
  EXPECT_FALSE(answer["response"].contains("patch"));
  EXPECT_FALSE(answer["response"].contains("patchType"));
}

bool has_warning(const Json& answer) {
  return answer["response"].contains("warnings") && !answer["response"]["warnings"].empty();
}

TEST(AdmissionReview, CreateOfAnnotatedDeploymentIsPatched) {
  const auto context = context_with_simplest();
  const Json object = annotated_deployment("true");
  const Json answer = review(admission_review(object, "CREATE", "uid-1"), context);
  EXPECT_EQ(answer["apiVersion"], "admission.k8s.io/v1");
  EXPECT_EQ(answer["kind"], "AdmissionReview");
  EXPECT_EQ(answer["response"]["uid"], "uid-1");
  EXPECT_EQ(answer["response"]["allowed"], true);
  EXPECT_EQ(answer["response"]["patchType"], "JSONPatch");
  const Json patched = object.patch(decoded_patch(answer));
  const Json& containers = patched["spec"]["template"]["spec"]["containers"];
  ASSERT_EQ(containers.size(), 2u);
  EXPECT_EQ(containers[1]["name"], "jaeger-agent");
  EXPECT_EQ(patched["metadata"]["labels"][kInjectedLabel], "simplest");
  EXPECT_FALSE(has_warning(answer));
}

TEST(AdmissionReview, StatefulSetsAndDaemonSetsArePatched) {
  const auto context = context_with_simplest();
  for (const std::string kind : {"StatefulSet", "DaemonSet"}) {
    WorkloadSpec spec;
    spec.kind = kind;
    spec.annotations = {{kInjectAnnotation, "true"}};
    const Json answer = review(admission_review(workload(spec)), context);
    EXPECT_EQ(answer["response"]["patchType"], "JSONPatch") << kind;
  }
}

TEST(AdmissionReview, NamespaceAnnotationIsReadFromTheContext) {
  auto context = context_with_simplest();
  context.namespaces["default"] = {{kInjectAnnotation, "true"}};
  const Json answer = review(admission_review(workload(WorkloadSpec{})), context);
  EXPECT_EQ(answer["response"]["patchType"], "JSONPatch");
}

TEST(AdmissionReview, UpdateThatDropsTheAnnotationRemovesTheSidecar) {
  const auto context = context_with_simplest();
  const Json created = annotated_deployment("true");
  Json injected = created.patch(decoded_patch(review(admission_review(created), context)));
  injected["metadata"]["annotations"].erase(kInjectAnnotation);
  const Json answer = review(admission_review(injected, "UPDATE"), context);
  const Json updated = injected.patch(decoded_patch(answer));
  EXPECT_EQ(updated["spec"]["template"]["spec"]["containers"].size(), 1u);
  EXPECT_FALSE(updated["metadata"]["labels"].contains(kInjectedLabel));
}

TEST(AdmissionReview, UpToDateWorkloadGetsNoPatch) {
  const auto context = context_with_simplest();
  const Json created = annotated_deployment("true");
  const Json injected = created.patch(decoded_patch(review(admission_review(created), context)));
  expect_allowed_untouched(review(admission_review(injected, "UPDATE"), context));
}

TEST(AdmissionReview, NoInstanceIsAllowedWithAWarning) {
  FakeInjectionContext context;
  const Json answer = review(admission_review(annotated_deployment("missing")), context);
  expect_allowed_untouched(answer);
  ASSERT_TRUE(has_warning(answer));
  EXPECT_NE(answer["response"]["warnings"][0].get<std::string>().find("missing"), std::string::npos);
}

TEST(AdmissionReview, V1beta1IsAnsweredInKind) {
  const auto context = context_with_simplest();
  Json request = admission_review(annotated_deployment("true"));
  request["apiVersion"] = "admission.k8s.io/v1beta1";
  const Json answer = review(request, context);
  EXPECT_EQ(answer["apiVersion"], "admission.k8s.io/v1beta1");
  EXPECT_EQ(answer["response"]["patchType"], "JSONPatch");
}

TEST(AdmissionReview, DeleteAndConnectAreAllowedUntouched) {
  const auto context = context_with_simplest();
  for (const std::string operation : {"DELETE", "CONNECT"}) {
    const Json answer = review(admission_review(annotated_deployment("true"), operation, "u"), context);
    expect_allowed_untouched(answer);
    EXPECT_EQ(answer["response"]["uid"], "u");
    EXPECT_FALSE(has_warning(answer));
  }
}

TEST(AdmissionReview, SubresourcesAreAllowedUntouched) {
  const auto context = context_with_simplest();
  Json request = admission_review(annotated_deployment("true"), "UPDATE");
  request["request"]["subResource"] = "scale";
  expect_allowed_untouched(review(request, context));
}

TEST(AdmissionReview, UnexpectedResourceIsAllowedWithAWarning) {
  const auto context = context_with_simplest();
  Json request = admission_review(annotated_deployment("true"));
  request["request"]["resource"] = {{"group", ""}, {"version", "v1"}, {"resource", "pods"}};
  const Json answer = review(request, context);
  expect_allowed_untouched(answer);
  EXPECT_TRUE(has_warning(answer));
}

TEST(AdmissionReview, UnwatchedNamespaceIsNotTouched) {
  auto context = context_with_simplest();
  context.watched = {"observability"};
  const Json answer = review(admission_review(annotated_deployment("true")), context);
  expect_allowed_untouched(answer);
  EXPECT_FALSE(has_warning(answer));
}

TEST(AdmissionReview, NamespaceComesFromTheRequestOnCreate) {
  FakeInjectionContext context;
  context.instances.push_back(profile("a", "x"));
  context.instances.push_back(profile("b", "team"));
  Json object = annotated_deployment("true");
  object["metadata"].erase("namespace");
  Json request = admission_review(object);
  request["request"]["namespace"] = "team";
  const Json patched = object.patch(decoded_patch(review(request, context)));
  EXPECT_EQ(patched["metadata"]["labels"][kInjectedLabel], "b");
  EXPECT_FALSE(patched["metadata"].contains("namespace"));
}

TEST(AdmissionReview, ObjectWithoutTypeMetaIsPatchedWithoutAddingIt) {
  const auto context = context_with_simplest();
  Json object = annotated_deployment("true");
  object.erase("apiVersion");
  object.erase("kind");
  const Json answer = review(admission_review(object), context);
  const Json patched = object.patch(decoded_patch(answer));
  EXPECT_FALSE(patched.contains("apiVersion"));
  EXPECT_EQ(patched["spec"]["template"]["spec"]["containers"].size(), 2u);
}

TEST(AdmissionReview, DryRunIsPatchedToo) {
  const auto context = context_with_simplest();
  Json request = admission_review(annotated_deployment("true"));
  request["request"]["dryRun"] = true;
  EXPECT_EQ(review(request, context)["response"]["patchType"], "JSONPatch");
}

TEST(AdmissionReview, FailingContextIsAllowedWithAWarning) {
  auto context = context_with_simplest();
  context.fail = true;
  const Json answer = review(admission_review(annotated_deployment("true"), "CREATE", "uid-9"), context);
  expect_allowed_untouched(answer);
  EXPECT_EQ(answer["response"]["uid"], "uid-9");
  EXPECT_TRUE(has_warning(answer));
}

TEST(AdmissionReview, NotReadyContextLeavesWorkloadsToReconciliation) {
  auto context = context_with_simplest();
  context.is_ready = false;
  const Json answer = review(admission_review(annotated_deployment("true")), context);
  expect_allowed_untouched(answer);
  EXPECT_TRUE(has_warning(answer));
}

TEST(AdmissionReview, GarbageIsAllowedWithAWarning) {
  const auto context = context_with_simplest();
  const std::vector<std::string> bodies{
      "",
      "not json",
      "[]",
      "{}",
      "null",
      R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview"})",
      R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{}})",
      R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":[]})",
      R"({"apiVersion":"v1","kind":"Pod","request":{"uid":"x"}})",
      R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"x","operation":"CREATE","resource":{"group":"apps","version":"v1","resource":"deployments"},"object":"text"}})",
      R"({"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":7,"resource":5,"object":{}}})",
      std::string(100000, '[') + std::string(100000, ']'),
      "{\"a\":\"\xff\xfe\"}",
  };
  for (const auto& body : bodies) {
    AdmissionResult result;
    ASSERT_NO_THROW(result = review_admission(body, context)) << body.substr(0, 80);
    EXPECT_EQ(result.review["response"]["allowed"], true) << body.substr(0, 80);
    EXPECT_FALSE(result.review["response"].contains("patch")) << body.substr(0, 80);
    EXPECT_NO_THROW((void)result.review.dump());
  }
  EXPECT_TRUE(has_warning(review_admission("not json", context).review));
}

TEST(AdmissionReview, InvalidReviewEchoesTheUidItCouldRead) {
  const auto context = context_with_simplest();
  const Json answer =
      review_admission(R"({"apiVersion":"admission.k8s.io/v2","kind":"AdmissionReview","request":{"uid":"abc"}})",
                       context)
          .review;
  EXPECT_EQ(answer["response"]["uid"], "abc");
  EXPECT_TRUE(has_warning(answer));
}

TEST(AdmissionReview, RandomlyCorruptedReviewsNeverBreakTheHandler) {
  const auto context = context_with_simplest();
  const std::string valid = admission_review(annotated_deployment("true")).dump();
  std::mt19937 random(12345);
  for (int round = 0; round < 3000; ++round) {
    std::string body = valid;
    const int edits = 1 + static_cast<int>(random() % 8);
    for (int i = 0; i < edits; ++i) {
      const std::size_t at = random() % body.size();
      switch (random() % 3) {
        case 0: body[at] = static_cast<char>(random() % 256); break;
        case 1: body.erase(at, 1 + random() % 20); break;
        default: body.insert(at, 1, "{}[]\",:0"[random() % 8]); break;
      }
      if (body.empty()) body = "x";
    }
    AdmissionResult result;
    ASSERT_NO_THROW(result = review_admission(body, context));
    ASSERT_EQ(result.review["response"]["allowed"], true);
    ASSERT_NO_THROW((void)result.review.dump());
  }
}

}  // namespace
}  // namespace peregrine::operator_webhook
