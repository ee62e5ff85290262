// The webhook's HTTPS server on an ephemeral port, checked by a client that verifies the served certificate
// against the generated CA and the Service's DNS name, as the API server does: admission over TLS, hot reload
// of a new certificate, and robustness against clients that are not what they should be.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "operator/kube/base64.hpp"
#include "operator/webhook/certificate_rotation.hpp"
#include "operator/webhook/tls_server.hpp"
#include "operator/webhook/webhook_http.hpp"
#include "tests/webhook/fake_injection_context.hpp"
#include "tests/kube-apiserver-double/https_client.hpp"
#include "tests/webhook/test_objects.hpp"

namespace peregrine::operator_webhook {
namespace {

using kubedouble::HttpsCallError;
using kubedouble::https_request;
using kubedouble::HttpsTarget;
using kubedouble::local_target;

CertificateSettings settings() {
  CertificateSettings s;
  s.service_name = "webhook";
  s.service_namespace = "system";
  return s;
}

CertificateBundle new_bundle() {
  return rotate_bundle(std::nullopt, RotationAction::RenewAll, settings(), std::chrono::system_clock::now());
}

class TlsServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_.instances.push_back(webhook_test::profile("simplest", "default"));
    bundle_ = new_bundle();
    TlsServerOptions options;
    options.bind_address = "127.0.0.1:0";
    options.max_body_bytes = 1u << 20;
    server_ = std::make_unique<TlsServer>(options, webhook_http_handler(context_));
    server_->set_certificate(bundle_.serving_certificate());
    server_->start();
  }
  void TearDown() override { server_->stop(); }

  HttpsTarget target(const std::string& ca_pem, const std::string& name = "webhook.system.svc") const {
    return local_target(server_->port(), name, ca_pem);
  }

  webhook_test::FakeInjectionContext context_;
  CertificateBundle bundle_;
  std::unique_ptr<TlsServer> server_;
};

TEST_F(TlsServerTest, ServesAdmissionReviewsOverVerifiedTls) {
  const Json object = webhook_test::annotated_deployment("true");
  const auto reply =
      https_request(target(bundle_.ca_bundle_pem()), "POST", "/mutate-v1-deployment",
                    webhook_test::admission_review(object, "CREATE", "uid-tls").dump());
  ASSERT_EQ(reply.status, 200);
  const Json answer = Json::parse(reply.body);
  EXPECT_EQ(answer["response"]["uid"], "uid-tls");
  EXPECT_EQ(answer["response"]["patchType"], "JSONPatch");
  const Json patched =
      object.patch(Json::parse(kube::base64_decode(answer["response"]["patch"].get<std::string>())));
  EXPECT_EQ(patched["spec"]["template"]["spec"]["containers"].size(), 2u);
}

TEST_F(TlsServerTest, EveryWebhookPathAndTheHealthEndpointsAnswer) {
  for (const auto& path : webhook_paths()) {
    const auto reply = https_request(target(bundle_.ca_bundle_pem()), "POST", path,
                                     webhook_test::admission_review(webhook_test::annotated_deployment("true")).dump());
    EXPECT_EQ(reply.status, 200) << path;
  }
  EXPECT_EQ(https_request(target(bundle_.ca_bundle_pem()), "GET", "/healthz").status, 200);
  EXPECT_EQ(https_request(target(bundle_.ca_bundle_pem()), "GET", "/readyz").status, 200);
  EXPECT_EQ(https_request(target(bundle_.ca_bundle_pem()), "GET", "/mutate").status, 405);
  EXPECT_EQ(https_request(target(bundle_.ca_bundle_pem()), "POST", "/other", "{}").status, 404);
}

TEST_F(TlsServerTest, EveryServiceDnsNameVerifies) {
  for (const auto& name : settings().dns_names()) {
    EXPECT_EQ(https_request(target(bundle_.ca_bundle_pem(), name), "GET", "/healthz").status, 200) << name;
  }
}

TEST_F(TlsServerTest, ClientsWithAnotherCaOrNameRefuseTheServer) {
  EXPECT_THROW(https_request(target(new_bundle().ca_bundle_pem()), "GET", "/healthz"), HttpsCallError);
  EXPECT_THROW(https_request(target(bundle_.ca_bundle_pem(), "other.system.svc"), "GET", "/healthz"), HttpsCallError);
}

TEST_F(TlsServerTest, NewCertificateIsServedToNewConnections) {
  const CertificateBundle next = new_bundle();
  server_->set_certificate(next.serving_certificate());
  EXPECT_EQ(https_request(target(next.ca_bundle_pem()), "GET", "/healthz").status, 200);
  EXPECT_THROW(https_request(target(bundle_.ca_bundle_pem()), "GET", "/healthz"), HttpsCallError);
}

TEST_F(TlsServerTest, UnusableCertificateIsRejectedAndTheOldOneStays) {
  TlsCertificate mismatched{bundle_.cert_pem, new_bundle().key_pem};
  EXPECT_THROW(server_->set_certificate(mismatched), std::invalid_argument);
  EXPECT_THROW(server_->set_certificate({"garbage", "garbage"}), std::invalid_argument);
  EXPECT_EQ(https_request(target(bundle_.ca_bundle_pem()), "GET", "/healthz").status, 200);
}

TEST_F(TlsServerTest, OversizedBodiesGet413) {
  const auto reply =
      https_request(target(bundle_.ca_bundle_pem()), "POST", "/mutate", std::string(2u << 20, 'x'));
  EXPECT_EQ(reply.status, 413);
}

TEST_F(TlsServerTest, GarbageAndPlainHttpDoNotHurtTheServer) {
  namespace net = boost::asio;
  net::io_context io;
  for (const std::string& payload :
       {std::string("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"), std::string(4096, '\x16'), std::string("\x00\x01\x02", 3)}) {
    net::ip::tcp::socket socket(io);
    socket.connect({net::ip::make_address("127.0.0.1"), server_->port()});
    boost::system::error_code ec;
    net::write(socket, net::buffer(payload), ec);
    socket.shutdown(net::ip::tcp::socket::shutdown_send, ec);
    char buffer[256];
    while (!ec) socket.read_some(net::buffer(buffer), ec);  // until the server gives up on this client
    socket.close();
  }
  EXPECT_EQ(https_request(target(bundle_.ca_bundle_pem()), "GET", "/healthz").status, 200);
}

TEST_F(TlsServerTest, GarbageAdmissionBodiesAreAllowedWithAWarning) {
  const auto reply = https_request(target(bundle_.ca_bundle_pem()), "POST", "/mutate", "{not json");
  ASSERT_EQ(reply.status, 200);
  const Json answer = Json::parse(reply.body);
  EXPECT_EQ(answer["response"]["allowed"], true);
  EXPECT_FALSE(answer["response"]["warnings"].empty());
}

TEST(TlsServer, RefusesToStartWithoutACertificate) {
  TlsServerOptions options;
  options.bind_address = "127.0.0.1:0";
  TlsServer server(options, [](const common::HttpRequest&) { return common::HttpResponse::text(200, ""); });
  EXPECT_THROW(server.start(), std::runtime_error);
}

}  // namespace
}  // namespace peregrine::operator_webhook
