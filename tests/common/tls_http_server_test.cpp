// HttpServer over TLS on an ephemeral port with a PKI made at test time: handshake with the right CA, refusal of
// a wrong CA, client certificates required when a client CA is set, certificate reload (and none without a reload
// interval), plain HTTP to the TLS port answered 400 in clear text, version and cipher-suite limits, start-up
// errors for bad files; the admin server over TLS; and the `<prefix>.tls.*` flags with Jaeger's validation rules.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "backend/common/admin_server.hpp"
#include "backend/common/http_server.hpp"
#include "backend/common/tls_server_context.hpp"
#include "backend/common/tls_settings.hpp"
#include "tests/support/https_test_client.hpp"
#include "tests/support/test_certificates.hpp"

namespace peregrine::common {
namespace {

using testing::HttpsExchange;
using testing::TestCertificates;
using testing::TlsClientSettings;

HttpResponse size_handler(const HttpRequest& req) {
  return HttpResponse::json(200, "{\"bytes\":" + std::to_string(req.body.size()) + "}");
}

TlsServerSettings server_tls(const TestCertificates& certs) {
  TlsServerSettings tls;
  tls.enabled = true;
  tls.cert_file = certs.server_cert_file;
  tls.key_file = certs.server_key_file;
  return tls;
}

std::unique_ptr<HttpServer> start_tls_server(const TlsServerSettings& tls) {
  HttpServerOptions opts;
  opts.host_port = "127.0.0.1:0";
  opts.name = "tls-test";
  auto server = std::make_unique<HttpServer>(opts, size_handler, tls);
  server->start();
  return server;
}

TlsClientSettings trusting(const std::string& ca_file) {
  TlsClientSettings client;
  client.ca_file = ca_file;
  return client;
}

TEST(TlsHttpServer, HandshakeSucceedsWithTheRightCa) {
  TestCertificates certs;
  auto server = start_tls_server(server_tls(certs));
  HttpsExchange r = testing::https_request(server->port(), trusting(certs.ca_file), "POST", "/x", std::string(2 << 20, 'a'));
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, "{\"bytes\":2097152}");
  EXPECT_EQ(r.server_common_name, "peregrine-test-server");
  // Go's server default: TLS 1.2 at least; OpenSSL negotiates 1.3 with a client that offers it.
  EXPECT_EQ(r.protocol, "TLSv1.3");
}

TEST(TlsHttpServer, WrongCaIsRefused) {
  TestCertificates certs;
  auto server = start_tls_server(server_tls(certs));
  HttpsExchange r = testing::https_request(server->port(), trusting(certs.other_ca_file), "GET", "/");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("certificate verify failed"), std::string::npos) << r.error;
  // The server keeps serving the right clients.
  EXPECT_TRUE(testing::https_request(server->port(), trusting(certs.ca_file), "GET", "/").ok());
}

TEST(TlsHttpServer, ClientCertificateRequiredWhenClientCaIsSet) {
  TestCertificates certs;
  TlsServerSettings tls = server_tls(certs);
  tls.client_ca_file = certs.ca_file;
  auto server = start_tls_server(tls);

  HttpsExchange without = testing::https_request(server->port(), trusting(certs.ca_file), "GET", "/");
  EXPECT_FALSE(without.ok()) << "a client without a certificate was served";

  TlsClientSettings wrong = trusting(certs.ca_file);
  wrong.cert_file = certs.other_client_cert_file;
  wrong.key_file = certs.other_client_key_file;
  EXPECT_FALSE(testing::https_request(server->port(), wrong, "GET", "/").ok());

  TlsClientSettings right = trusting(certs.ca_file);
  right.cert_file = certs.client_cert_file;
  right.key_file = certs.client_key_file;
  HttpsExchange r = testing::https_request(server->port(), right, "GET", "/");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200u);
}

TEST(TlsHttpServer, ReloadIntervalPicksUpARotatedCertificate) {
  TestCertificates certs;
  TlsServerSettings tls = server_tls(certs);
  tls.reload_interval = std::chrono::milliseconds(20);
  auto server = start_tls_server(tls);
  ASSERT_EQ(testing::https_request(server->port(), trusting(certs.ca_file), "GET", "/").server_common_name,
            "peregrine-test-server");

  certs.rotate_server_certificate("rotated-server");
  // New connections get the new certificate once the interval has passed; poll with fresh connections.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  HttpsExchange r;
  do {
    r = testing::https_request(server->port(), trusting(certs.ca_file), "GET", "/");
    ASSERT_TRUE(r.ok()) << r.error;
    if (r.server_common_name == "rotated-server") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));  // polling interval, not synchronisation
  } while (std::chrono::steady_clock::now() < deadline);
  EXPECT_EQ(r.server_common_name, "rotated-server");
}

TEST(TlsHttpServer, WithoutReloadIntervalTheCertificateStays) {
  TestCertificates certs;
  auto server = start_tls_server(server_tls(certs));
  certs.rotate_server_certificate("rotated-server");
  for (int i = 0; i < 3; ++i) {
    HttpsExchange r = testing::https_request(server->port(), trusting(certs.ca_file), "GET", "/");
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.server_common_name, "peregrine-test-server");
  }
}

TEST(TlsHttpServer, FailedReloadKeepsThePreviousCertificate) {
  TestCertificates certs;
  TlsServerSettings tls = server_tls(certs);
  tls.reload_interval = std::chrono::milliseconds(1);
  auto server = start_tls_server(tls);
  {
    std::ofstream broken(certs.server_cert_file, std::ios::trunc);
    broken << "not a certificate";
  }
  for (int i = 0; i < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // lets the 1 ms reload interval pass
    HttpsExchange r = testing::https_request(server->port(), trusting(certs.ca_file), "GET", "/");
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.server_common_name, "peregrine-test-server");
  }
}

TEST(TlsHttpServer, PlainHttpToATlsPortGetsAClearTextBadRequest) {
  TestCertificates certs;
  auto server = start_tls_server(server_tls(certs));
  const std::string answer = testing::plain_exchange(server->port(), "GET /api/services HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(answer, "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n");
  // Bytes that are neither TLS nor HTTP: the connection is just closed.
  EXPECT_EQ(testing::plain_exchange(server->port(), std::string("\x01\x02\x03\x04\x05\x06", 6)), "");
  // The server is unaffected.
  EXPECT_TRUE(testing::https_request(server->port(), trusting(certs.ca_file), "GET", "/").ok());
}

TEST(TlsHttpServer, VersionLimits) {
  TestCertificates certs;
  TlsServerSettings only12 = server_tls(certs);
  only12.max_version = "1.2";
  auto server12 = start_tls_server(only12);
  HttpsExchange r = testing::https_request(server12->port(), trusting(certs.ca_file), "GET", "/");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.protocol, "TLSv1.2");

  TlsServerSettings only13 = server_tls(certs);
  only13.min_version = "1.3";
  auto server13 = start_tls_server(only13);
  TlsClientSettings old_client = trusting(certs.ca_file);
  old_client.max_version = "1.2";
  EXPECT_FALSE(testing::https_request(server13->port(), old_client, "GET", "/").ok());
  EXPECT_TRUE(testing::https_request(server13->port(), trusting(certs.ca_file), "GET", "/").ok());
}

TEST(TlsHttpServer, CipherSuitesByTheirIanaNames) {
  TestCertificates certs;
  TlsServerSettings tls = server_tls(certs);
  tls.max_version = "1.2";
  tls.cipher_suites = {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305"};  // Go's short alias
  auto server = start_tls_server(tls);
  HttpsExchange r = testing::https_request(server->port(), trusting(certs.ca_file), "GET", "/");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.cipher, "ECDHE-ECDSA-CHACHA20-POLY1305");
}

TEST(TlsHttpServer, UnusableFilesFailStart) {
  TestCertificates certs;
  TlsServerSettings missing = server_tls(certs);
  missing.cert_file = certs.dir() + "/missing.pem";
  HttpServerOptions opts;
  opts.host_port = "127.0.0.1:0";
  HttpServer no_cert(opts, size_handler, missing);
  EXPECT_THROW(no_cert.start(), std::runtime_error);

  TlsServerSettings mismatched = server_tls(certs);
  mismatched.key_file = certs.client_key_file;
  try {
    HttpServer server(opts, size_handler, mismatched);
    server.start();
    FAIL() << "a key that does not match the certificate was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("does not match"), std::string::npos) << e.what();
  }
}

// --- flags --------------------------------------------------------------------------------------------------

TlsServerSettings parse_flags(std::vector<const char*> args, std::map<std::string, std::string> env = {}) {
  Config config;
  define_tls_server_flags(config, "query.http", "the query's HTTP server");
  args.insert(args.begin(), "binary");
  config.parse(static_cast<int>(args.size()), args.data(), env);
  return tls_server_settings_from_config(config, "query.http");
}

TEST(TlsServerFlags, DefaultsAreDisabled) { EXPECT_EQ(parse_flags({}), TlsServerSettings{}); }

TEST(TlsServerFlags, ValuesFromFlagsAndEnvironment) {
  TlsServerSettings s = parse_flags({"--query.http.tls.cert=/c.pem", "--query.http.tls.key=/k.pem",
                                     "--query.http.tls.client-ca=/ca.pem",
                                     "--query.http.tls.cipher-suites=TLS_AES_128_GCM_SHA256, "
                                     "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                                     "--query.http.tls.min-version=1.2", "--query.http.tls.max-version=1.3",
                                     "--query.http.tls.reload-interval=1m"},
                                    {{"QUERY_HTTP_TLS_ENABLED", "true"}});
  EXPECT_TRUE(s.enabled);
  EXPECT_EQ(s.cert_file, "/c.pem");
  EXPECT_EQ(s.key_file, "/k.pem");
  EXPECT_EQ(s.client_ca_file, "/ca.pem");
  EXPECT_EQ(s.cipher_suites,
            (std::vector<std::string>{"TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}));
  EXPECT_EQ(s.min_version, "1.2");
  EXPECT_EQ(s.max_version, "1.3");
  EXPECT_EQ(s.reload_interval, std::chrono::minutes(1));
}

TEST(TlsServerFlags, JaegerValidationRules) {
  auto message = [](std::vector<const char*> args) -> std::string {
    try {
      parse_flags(std::move(args));
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_NE(message({"--query.http.tls.enabled=true"}).find("requires --query.http.tls.cert"), std::string::npos);
  EXPECT_NE(message({"--query.http.tls.enabled=true", "--query.http.tls.cert=/c"}).find("key"), std::string::npos);
  EXPECT_EQ(message({"--query.http.tls.cert=/c.pem"}),
            "query.http.tls.* options cannot be used when query.http.tls.enabled is false");
  const char* on[] = {"--query.http.tls.enabled=true", "--query.http.tls.cert=/c", "--query.http.tls.key=/k"};
  auto with = [&](const char* extra) { return message({on[0], on[1], on[2], extra}); };
  EXPECT_NE(with("--query.http.tls.min-version=1.4").find("unknown TLS version"), std::string::npos);
  EXPECT_NE(with("--query.http.tls.max-version=tls12").find("unknown TLS version"), std::string::npos);
  EXPECT_NE(message({on[0], on[1], on[2], "--query.http.tls.min-version=1.3", "--query.http.tls.max-version=1.2"})
                .find("greater than"),
            std::string::npos);
  EXPECT_NE(with("--query.http.tls.cipher-suites=TLS_NOT_A_SUITE").find("TLS_NOT_A_SUITE not supported"),
            std::string::npos);
  EXPECT_NE(with("--query.http.tls.reload-interval=-1s").find("reload-interval"), std::string::npos);
  EXPECT_EQ(with("--query.http.tls.reload-interval=10s"), "");
}

// The admin port (health, /metrics) over TLS, as --admin.http.tls.* configures it.
TEST(TlsHttpServer, AdminServerServesHealthAndMetricsOverTls) {
  TestCertificates certs;
  MetricsRegistry registry;
  HealthState health;
  health.set_ready(true);
  AdminServer admin("127.0.0.1:0", registry, health, "/metrics", server_tls(certs));
  admin.start();
  const HttpsExchange root = testing::https_request(admin.port(), trusting(certs.ca_file), "GET", "/", "");
  ASSERT_TRUE(root.ok()) << root.error;
  EXPECT_EQ(root.status, 200u);
  EXPECT_NE(root.body.find("Server available"), std::string::npos);
  const HttpsExchange scraped = testing::https_request(admin.port(), trusting(certs.ca_file), "GET", "/metrics", "");
  EXPECT_EQ(scraped.status, 200u);
  EXPECT_FALSE(testing::https_request(admin.port(), trusting(certs.other_ca_file), "GET", "/", "").ok());
  admin.stop();
}

}  // namespace
}  // namespace peregrine::common
