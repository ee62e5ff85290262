// Elasticsearch over TLS against the double in HTTPS mode, with a PKI made at test time: the span writer and
// reader with es.tls.ca, a clear failure with the wrong CA, es.tls.skip-host-verify, es.tls.server-name, client
// certificates (es.tls.cert / es.tls.key) when the cluster requires them, es-index-cleaner and es-rollover with
// ES_TLS_* / --es.tls.*, and Jaeger's start-up rules for the es.tls.* flags.
#include <gtest/gtest.h>

#include "backend/common/config.hpp"
#include "backend/common/metrics.hpp"
#include "backend/esutil/tool_flags.hpp"
#include "backend/storage/elasticsearch/es_options.hpp"
#include "backend/storage/elasticsearch/es_span_reader.hpp"
#include "backend/storage/elasticsearch/es_span_writer.hpp"
#include "tests/es/es_test_support.hpp"
#include "tests/support/test_certificates.hpp"

namespace peregrine::storage::elasticsearch {
namespace {

using namespace std::chrono_literals;
using estest::EsDoubleProcess;
using estest::EsDoubleTls;
using testing::TestCertificates;

esutil::EsTlsOptions trusting(const std::string& ca_file) {
  esutil::EsTlsOptions tls;
  tls.enabled = true;
  tls.ca_path = ca_file;
  return tls;
}

EsDoubleTls double_tls(const TestCertificates& certs, bool require_client_certificates = false) {
  EsDoubleTls tls;
  tls.cert_file = certs.server_cert_file;
  tls.key_file = certs.server_key_file;
  tls.admin = trusting(certs.ca_file);
  if (require_client_certificates) {
    tls.client_ca_file = certs.ca_file;
    tls.admin.cert_path = certs.client_cert_file;
    tls.admin.key_path = certs.client_key_file;
  }
  return tls;
}

EsStorageOptions storage_options(const EsDoubleProcess& es, const esutil::EsTlsOptions& tls) {
  EsStorageOptions o;
  o.client.servers = {es.url()};
  o.client.tls = tls;
  o.write_ack_timeout = 20s;
  return o;
}

// Writes one span and reads it back through the reader; returns the services the reader lists.
std::vector<std::string> write_and_read(const EsStorageOptions& opts) {
  common::MetricsRegistry metrics;
  auto http = std::make_shared<esutil::EsHttpClient>(opts.client);
  EsSpanWriter writer(opts, http, metrics);
  EsSpanReader reader(opts, http);
  model::SpanBatch batch{estest::make_span(42, 1, estest::process("tls-service"), "secure-op", estest::now_micros())};
  writer.write_spans(batch);
  auto trace = reader.get_trace(model::TraceID{0, 42});
  EXPECT_TRUE(trace.has_value());
  if (trace) {
    EXPECT_EQ(trace->spans.at(0).operation_name, "secure-op");
  }
  return reader.get_services();
}

TEST(EsTls, WriterAndReaderWithTheCa) {
  TestCertificates certs;
  EsDoubleProcess es({}, double_tls(certs));
  ASSERT_EQ(es.url().rfind("https://", 0), 0u);
  EXPECT_EQ(write_and_read(storage_options(es, trusting(certs.ca_file))), std::vector<std::string>{"tls-service"});
}

TEST(EsTls, WrongCaFailsClearly) {
  TestCertificates certs;
  EsDoubleProcess es({}, double_tls(certs));
  auto opts = storage_options(es, trusting(certs.other_ca_file));
  esutil::EsHttpClient http(opts.client);
  esutil::EsResponse r = http.request("GET", "/");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.transport_error.find("SSL certificate problem"), std::string::npos) << r.transport_error;
  EsSpanReader reader(opts, std::make_shared<esutil::EsHttpClient>(opts.client));
  try {
    reader.get_services();
    FAIL() << "a server signed by an untrusted CA was accepted";
  } catch (const StorageError& e) {
    EXPECT_NE(std::string(e.what()).find("SSL certificate problem"), std::string::npos) << e.what();
  }
  // Without es.tls.ca the system trust store is used, which does not know the test CA either.
  esutil::EsTlsOptions system_roots;
  system_roots.enabled = true;
  EXPECT_FALSE(esutil::EsHttpClient(storage_options(es, system_roots).client).request("GET", "/").ok());
}

TEST(EsTls, SkipHostVerifyAcceptsAnyCertificate) {
  TestCertificates certs;
  EsDoubleProcess es({}, double_tls(certs));
  esutil::EsTlsOptions tls;
  tls.enabled = true;
  tls.skip_host_verify = true;
  EXPECT_EQ(write_and_read(storage_options(es, tls)), std::vector<std::string>{"tls-service"});
}

TEST(EsTls, ServerNameIsTheNameVerified) {
  TestCertificates certs;
  EsDoubleProcess es({}, double_tls(certs));
  esutil::EsTlsOptions tls = trusting(certs.ca_file);
  tls.server_name = "localhost";  // in the certificate's SANs
  EXPECT_TRUE(esutil::EsHttpClient(storage_options(es, tls).client).request("GET", "/").ok());
  tls.server_name = "elasticsearch.example";  // not in them
  esutil::EsResponse r = esutil::EsHttpClient(storage_options(es, tls).client).request("GET", "/");
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.transport_error.find("elasticsearch.example"), std::string::npos) << r.transport_error;
}

TEST(EsTls, ClientCertificateWhenTheClusterRequiresOne) {
  TestCertificates certs;
  EsDoubleProcess es({}, double_tls(certs, /*require_client_certificates=*/true));
  EXPECT_FALSE(esutil::EsHttpClient(storage_options(es, trusting(certs.ca_file)).client).request("GET", "/").ok());
  esutil::EsTlsOptions tls = trusting(certs.ca_file);
  tls.cert_path = certs.other_client_cert_file;
  tls.key_path = certs.other_client_key_file;
  EXPECT_FALSE(esutil::EsHttpClient(storage_options(es, tls).client).request("GET", "/").ok());
  tls.cert_path = certs.client_cert_file;
  tls.key_path = certs.client_key_file;
  EXPECT_EQ(write_and_read(storage_options(es, tls)), std::vector<std::string>{"tls-service"});
}

TEST(EsTls, IndexCleanerWithTlsEnvironment) {
  TestCertificates certs;
  EsDoubleProcess es({}, double_tls(certs, /*require_client_certificates=*/true));
  es.create_index("jaeger-span-2020-01-01", estest::now_millis() - 10 * 86'400'000LL);
  const std::map<std::string, std::string> wrong_ca{{"ES_TLS_ENABLED", "true"}, {"ES_TLS_CA", certs.other_ca_file},
                                                    {"ES_TLS_CERT", certs.client_cert_file},
                                                    {"ES_TLS_KEY", certs.client_key_file}};
  auto failed = estest::run_tool({PEREGRINE_ES_CLEANER_BIN, "1", es.url()}, wrong_ca);
  EXPECT_EQ(failed.exit_code, 1) << failed.output;
  EXPECT_NE(failed.output.find("SSL certificate problem"), std::string::npos) << failed.output;

  std::map<std::string, std::string> env = wrong_ca;
  env["ES_TLS_CA"] = certs.ca_file;
  auto ok = estest::run_tool({PEREGRINE_ES_CLEANER_BIN, "1", es.url()}, env);
  ASSERT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_TRUE(es.index_names().empty());
}

TEST(EsTls, RolloverInitWithTlsFlags) {
  TestCertificates certs;
  EsDoubleProcess es({}, double_tls(certs));
  auto r = estest::run_tool({PEREGRINE_ES_ROLLOVER_BIN, "init", es.url(), "--es.tls.enabled=true",
                             "--es.tls.ca=" + certs.ca_file});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(es.index_names(), (std::vector<std::string>{"jaeger-dependencies-000001", "jaeger-service-000001",
                                                        "jaeger-span-000001"}));
}

common::Config es_flags(std::vector<const char*> args) {
  common::Config cfg;
  define_es_flags(cfg);
  args.insert(args.begin(), "binary");
  cfg.parse(static_cast<int>(args.size()), args.data(), {});
  return cfg;
}

TEST(EsTlsFlags, ReachTheClientOptions) {
  auto o = es_options_from_config(es_flags({"--es.tls.enabled=true", "--es.tls.ca=/ca.pem", "--es.tls.cert=/c.pem",
                                            "--es.tls.key=/k.pem", "--es.tls.server-name=es.internal",
                                            "--es.tls.skip-host-verify=true"}));
  EXPECT_TRUE(o.client.tls.enabled);
  EXPECT_EQ(o.client.tls.ca_path, "/ca.pem");
  EXPECT_EQ(o.client.tls.cert_path, "/c.pem");
  EXPECT_EQ(o.client.tls.key_path, "/k.pem");
  EXPECT_EQ(o.client.tls.server_name, "es.internal");
  EXPECT_TRUE(o.client.tls.skip_host_verify);
}

TEST(EsTlsFlags, JaegerStartupRules) {
  EXPECT_THROW(es_options_from_config(es_flags({"--es.tls.ca=/ca.pem"})), common::ConfigError);
  EXPECT_THROW(es_options_from_config(es_flags({"--es.tls.enabled=true", "--es.tls.cert=/c.pem"})), common::ConfigError);
  esutil::EsClientOptions unreadable;
  unreadable.tls = trusting("/nonexistent/ca.pem");
  EXPECT_THROW(esutil::EsHttpClient{unreadable}, std::runtime_error);
}

}  // namespace
}  // namespace peregrine::storage::elasticsearch
