// Server TLS on the collector's ports with a PKI made at test time: OTLP HTTP and gRPC receivers (right CA, wrong
// CA, client certificates, gRPC certificate reload), OTLP co-hosted on the Jaeger HTTP port over TLS, and the
// whole CollectorRuntime started from Jaeger's flags (--collector.otlp.{http,grpc}.tls.*, --collector.http.tls.*,
// --collector.grpc.tls.*, --collector.zipkin.tls.*) serving every port over TLS; mismatched TLS settings on a
// co-hosted port are refused with a ConfigError.
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "backend/common/config.hpp"
#include "backend/common/metrics.hpp"
#include "backend/receivers/jaeger/jaeger_http_receiver.hpp"
#include "backend/receivers/otlp_grpc_receiver.hpp"
#include "backend/receivers/otlp_http_receiver.hpp"
#include "backend/runtime/collector_runtime.hpp"
#include "jaeger/collector.grpc.pb.h"
#include "opentelemetry/proto/collector/trace/v1/trace_service.grpc.pb.h"
#include "tests/otlp/fake_sink.hpp"
#include "tests/otlp/otlp_test_data.hpp"
#include "tests/support/https_test_client.hpp"
#include "tests/support/test_certificates.hpp"

namespace peregrine::receivers {
namespace {

using namespace peregrine::otlp_test;
using testing::TestCertificates;
using testing::TlsClientSettings;
namespace trace_service = opentelemetry::proto::collector::trace::v1;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

common::TlsServerSettings server_tls(const TestCertificates& certs) {
  common::TlsServerSettings tls;
  tls.enabled = true;
  tls.cert_file = certs.server_cert_file;
  tls.key_file = certs.server_key_file;
  return tls;
}

TlsClientSettings trusting(const std::string& ca_file) {
  TlsClientSettings client;
  client.ca_file = ca_file;
  return client;
}

// A TLS channel to 127.0.0.1:port checked against `ca_file` for the name "localhost"; never shares connections
// with other channels (so every channel makes its own handshake).
std::shared_ptr<grpc::Channel> tls_channel(uint16_t port, const std::string& ca_file,
                                           const std::string& cert_file = "", const std::string& key_file = "") {
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = read_text(ca_file);
  if (!cert_file.empty()) {
    ssl.pem_cert_chain = read_text(cert_file);
    ssl.pem_private_key = read_text(key_file);
  }
  grpc::ChannelArguments args;
  args.SetSslTargetNameOverride("localhost");
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(port), grpc::SslCredentials(ssl), args);
}

struct ExportResult {
  grpc::Status status;
  std::string server_common_name;
};

ExportResult export_one_span(const std::shared_ptr<grpc::Channel>& channel) {
  auto stub = trace_service::TraceService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  trace_service::ExportTraceServiceResponse response;
  ExportResult result;
  result.status = stub->Export(&context, one_span_request(), &response);
  if (auto auth = context.auth_context()) {
    for (const auto& name : auth->FindPropertyValues("x509_common_name")) result.server_common_name = std::string(name.data(), name.size());
  }
  return result;
}

// A PKI, a sink and metrics: what every receiver test below starts from.
class ReceiverTls : public ::testing::Test {
 protected:
  OtlpGrpcOptions grpc_options() const {
    OtlpGrpcOptions options;
    options.host_port = "127.0.0.1:0";
    options.tls = server_tls(certs);
    return options;
  }
  OtlpHttpOptions http_options() const {
    OtlpHttpOptions options;
    options.host_port = "127.0.0.1:0";
    options.tls = server_tls(certs);
    return options;
  }

  TestCertificates certs;
  FakeSink sink;
  common::MetricsRegistry metrics;
};

TEST_F(ReceiverTls, OtlpHttpExportOverHttps) {
  OtlpHttpReceiver receiver(http_options(), sink, metrics);
  receiver.start();
  const std::string body = one_span_request().SerializeAsString();

  auto r = testing::https_request(receiver.port(), trusting(certs.ca_file), "POST", "/v1/traces", body,
                                  "application/x-protobuf");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(sink.calls().size(), 1u);

  EXPECT_FALSE(testing::https_request(receiver.port(), trusting(certs.other_ca_file), "POST", "/v1/traces", body,
                                      "application/x-protobuf")
                   .ok());
  EXPECT_EQ(testing::plain_exchange(receiver.port(), "POST /v1/traces HTTP/1.1\r\nHost: x\r\n\r\n")
                .rfind("HTTP/1.0 400 Bad Request", 0),
            0u);
  EXPECT_EQ(sink.calls().size(), 1u);
}

TEST_F(ReceiverTls, OtlpGrpcRightCaWrongCaAndClientCertificates) {
  OtlpGrpcOptions options = grpc_options();
  options.tls.client_ca_file = certs.ca_file;
  OtlpGrpcReceiver receiver(options, sink, metrics);
  receiver.start();

  ExportResult ok = export_one_span(tls_channel(receiver.port(), certs.ca_file, certs.client_cert_file, certs.client_key_file));
  ASSERT_TRUE(ok.status.ok()) << ok.status.error_message();
  EXPECT_EQ(sink.calls().size(), 1u);
  EXPECT_EQ(export_one_span(tls_channel(receiver.port(), certs.ca_file)).status.error_code(),
            grpc::StatusCode::UNAVAILABLE);  // no client certificate
  EXPECT_EQ(export_one_span(tls_channel(receiver.port(), certs.other_ca_file, certs.client_cert_file,
                                        certs.client_key_file))
                .status.error_code(),
            grpc::StatusCode::UNAVAILABLE);  // server not trusted
  EXPECT_EQ(export_one_span(tls_channel(receiver.port(), certs.ca_file, certs.other_client_cert_file,
                                        certs.other_client_key_file))
                .status.error_code(),
            grpc::StatusCode::UNAVAILABLE);  // client certificate from another CA
  EXPECT_EQ(sink.calls().size(), 1u);
}

TEST_F(ReceiverTls, OtlpGrpcReloadIntervalPicksUpARotatedCertificate) {
  OtlpGrpcOptions options = grpc_options();
  options.tls.reload_interval = std::chrono::seconds(1);
  OtlpGrpcReceiver receiver(options, sink, metrics);
  receiver.start();
  ExportResult first = export_one_span(tls_channel(receiver.port(), certs.ca_file));
  ASSERT_TRUE(first.status.ok()) << first.status.error_message();
  EXPECT_EQ(first.server_common_name, "peregrine-test-server");

  certs.rotate_server_certificate("rotated-server");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  ExportResult r;
  do {
    r = export_one_span(tls_channel(receiver.port(), certs.ca_file));
    ASSERT_TRUE(r.status.ok()) << r.status.error_message();
    if (r.server_common_name == "rotated-server") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // polling interval, not synchronisation
  } while (std::chrono::steady_clock::now() < deadline);
  EXPECT_EQ(r.server_common_name, "rotated-server");
}

TEST_F(ReceiverTls, OtlpGrpcUnreadableCertificateFailsStart) {
  OtlpGrpcOptions options = grpc_options();
  options.tls.key_file = certs.dir() + "/missing-key.pem";
  OtlpGrpcReceiver receiver(options, sink, metrics);
  EXPECT_THROW(receiver.start(), std::runtime_error);
}

TEST_F(ReceiverTls, OtlpRouteCohostedOnTheJaegerHttpServerOverTls) {
  JaegerHttpOptions options;
  options.host_port = "127.0.0.1:0";
  options.tls = server_tls(certs);
  options.cohosted_routes.emplace_back("/v1/traces", make_otlp_http_handler(sink, OtlpHttpOptions{}, &metrics));
  JaegerHttpReceiver jaeger(options, sink, metrics);
  jaeger.start();
  auto r = testing::https_request(jaeger.port(), trusting(certs.ca_file), "POST", "/v1/traces",
                                  one_span_request().SerializeAsString(), "application/x-protobuf");
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.status, 200u) << r.body;
  EXPECT_EQ(sink.calls().size(), 1u);
}

// --- the collector runtime from flags ---------------------------------------------------------------------

class NullWriter : public storage::SpanWriter {
 public:
  void write_spans(const model::SpanBatch&) override {}
};

void parse(common::Config& config, const std::vector<std::string>& flags) {
  runtime::define_collector_flags(config);
  std::vector<const char*> argv{"collector"};
  for (const auto& f : flags) argv.push_back(f.c_str());
  config.parse(static_cast<int>(argv.size()), argv.data(), {});
}

std::vector<std::string> tls_flags(const std::string& prefix, const TestCertificates& certs) {
  return {"--" + prefix + ".tls.enabled=true", "--" + prefix + ".tls.cert=" + certs.server_cert_file,
          "--" + prefix + ".tls.key=" + certs.server_key_file};
}

TEST(CollectorRuntimeTls, EveryCollectorPortServesTlsFromJaegerFlags) {
  TestCertificates certs;
  std::vector<std::string> flags{"--collector.otlp.grpc.host-port=127.0.0.1:0", "--collector.otlp.http.host-port=127.0.0.1:0",
                                 "--collector.grpc-server.host-port=127.0.0.1:0",
                                 "--collector.http-server.host-port=127.0.0.1:0", "--collector.zipkin.host-port=127.0.0.1:0"};
  for (const char* prefix : {"collector.otlp.grpc", "collector.otlp.http", "collector.grpc", "collector.http", "collector.zipkin"})
    for (auto& f : tls_flags(prefix, certs)) flags.push_back(f);
  common::Config config;
  parse(config, flags);
  common::MetricsRegistry metrics;
  runtime::CollectorRuntime collector(config, std::make_shared<NullWriter>(), metrics);
  collector.start();
  auto ports = collector.ports();

  const std::string body = one_span_request().SerializeAsString();
  auto otlp_http = testing::https_request(ports.at("otlp_http"), trusting(certs.ca_file), "POST", "/v1/traces", body,
                                          "application/x-protobuf");
  EXPECT_EQ(otlp_http.status, 200u) << otlp_http.error << otlp_http.body;
  auto sampling = testing::https_request(ports.at("jaeger_thrift_http"), trusting(certs.ca_file), "GET",
                                         "/api/sampling?service=svc");
  EXPECT_EQ(sampling.status, 200u) << sampling.error << sampling.body;
  auto zipkin = testing::https_request(ports.at("zipkin_http"), trusting(certs.ca_file), "POST", "/api/v2/spans", "[]",
                                       "application/json");
  EXPECT_EQ(zipkin.status, 202u) << zipkin.error << zipkin.body;

  ExportResult otlp_grpc = export_one_span(tls_channel(ports.at("otlp_grpc"), certs.ca_file));
  EXPECT_TRUE(otlp_grpc.status.ok()) << otlp_grpc.status.error_message();
  auto jaeger_grpc = jaeger::api_v2::CollectorService::NewStub(tls_channel(ports.at("jaeger_grpc"), certs.ca_file));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  jaeger::api_v2::PostSpansRequest empty_batch;
  jaeger::api_v2::PostSpansResponse posted;
  grpc::Status jaeger_status = jaeger_grpc->PostSpans(&context, empty_batch, &posted);
  EXPECT_TRUE(jaeger_status.ok()) << jaeger_status.error_message();
  // Plain clients are refused on every HTTP port.
  for (const char* name : {"otlp_http", "jaeger_thrift_http", "zipkin_http"})
    EXPECT_EQ(testing::plain_exchange(ports.at(name), "GET / HTTP/1.1\r\nHost: x\r\n\r\n").rfind("HTTP/1.0 400", 0), 0u)
        << name;
  EXPECT_EQ(collector.stop(), 0u);
}

TEST(CollectorRuntimeTls, CohostedPortWithDifferentTlsSettingsIsAConfigError) {
  TestCertificates certs;
  std::vector<std::string> flags{"--collector.otlp.grpc.host-port=127.0.0.1:0",
                                 "--collector.grpc-server.host-port=127.0.0.1:0",
                                 // OTLP HTTP on the Jaeger HTTP port, TLS only asked for OTLP: never bound (the
                                 // check comes first), so the fixed port number is never used.
                                 "--collector.otlp.http.host-port=127.0.0.1:14268",
                                 "--collector.http-server.host-port=127.0.0.1:14268"};
  for (auto& f : tls_flags("collector.otlp.http", certs)) flags.push_back(f);
  common::Config config;
  parse(config, flags);
  common::MetricsRegistry metrics;
  runtime::CollectorRuntime collector(config, std::make_shared<NullWriter>(), metrics);
  try {
    collector.start();
    FAIL() << "mismatched TLS settings on a co-hosted port were accepted";
  } catch (const common::ConfigError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("--collector.otlp.http.tls.*"), std::string::npos) << message;
    EXPECT_NE(message.find("--collector.http.tls.*"), std::string::npos) << message;
  }
}

TEST(CollectorRuntimeTls, TlsFlagsFollowJaegerRules) {
  const std::vector<std::string> ports{"--collector.otlp.grpc.host-port=127.0.0.1:0",
                                       "--collector.otlp.http.host-port=127.0.0.1:0",
                                       "--collector.grpc-server.host-port=127.0.0.1:0",
                                       "--collector.http-server.host-port=127.0.0.1:0",
                                       "--collector.zipkin.host-port=127.0.0.1:0"};
  for (const std::string bad : {"--collector.zipkin.tls.enabled=true", "--collector.http.tls.cert=/x.pem",
                                "--collector.otlp.http.tls.reload-interval=1m"}) {
    std::vector<std::string> flags = ports;
    flags.push_back(bad);
    common::Config config;
    parse(config, flags);
    common::MetricsRegistry metrics;
    runtime::CollectorRuntime collector(config, std::make_shared<NullWriter>(), metrics);
    EXPECT_THROW(collector.start(), common::ConfigError) << bad;
  }
}

}  // namespace
}  // namespace peregrine::receivers
