// --collector.otlp.* flags: Jaeger defaults, and flag/env values reaching the receiver options.
#include <gtest/gtest.h>

#include "backend/receivers/otlp_flags.hpp"

namespace peregrine::receivers {
namespace {

OtlpReceiverSettings parse(std::vector<const char*> args, std::map<std::string, std::string> env = {}) {
  common::Config config;
  define_otlp_flags(config);
  args.insert(args.begin(), "collector");
  config.parse(static_cast<int>(args.size()), args.data(), env);
  return otlp_settings_from_config(config);
}

TEST(OtlpFlags, JaegerDefaults) {
  OtlpReceiverSettings settings = parse({});
  EXPECT_TRUE(settings.enabled);
  EXPECT_EQ(settings.grpc.host_port, ":4317");
  EXPECT_EQ(settings.grpc.max_receive_message_bytes, 4194304);
  EXPECT_EQ(settings.grpc.max_connection_age.count(), 0);
  EXPECT_FALSE(settings.grpc.tls.enabled);
  EXPECT_EQ(settings.http.host_port, ":4318");
  EXPECT_TRUE(settings.http.cors.allowed_origins.empty());
}

TEST(OtlpFlags, FlagsAndEnvironment) {
  OtlpReceiverSettings settings =
      parse({"--collector.otlp.grpc.host-port=:14250", "--collector.otlp.http.host-port", ":14268",
             "--collector.otlp.http.cors.allowed-origins=http://a, http://b",
             "--collector.otlp.http.cors.allowed-headers=*", "--collector.otlp.grpc.max-message-size=1000",
             "--collector.otlp.grpc.max-connection-age=1m"},
            {{"COLLECTOR_OTLP_ENABLED", "false"}});
  EXPECT_FALSE(settings.enabled);
  EXPECT_EQ(settings.grpc.host_port, ":14250");
  EXPECT_EQ(settings.http.host_port, ":14268");
  EXPECT_EQ(settings.http.cors.allowed_origins, (std::vector<std::string>{"http://a", "http://b"}));
  EXPECT_EQ(settings.http.cors.allowed_headers, (std::vector<std::string>{"*"}));
  EXPECT_EQ(settings.grpc.max_receive_message_bytes, 1000);
  EXPECT_EQ(settings.grpc.max_connection_age.count(), 60000);
}

TEST(OtlpFlags, InvalidValuesAreConfigErrors) {
  EXPECT_THROW(parse({"--collector.otlp.grpc.max-message-size=0"}), common::ConfigError);
  EXPECT_THROW(parse({"--collector.otlp.grpc.tls.enabled=true"}), common::ConfigError);
}

TEST(OtlpFlags, TlsFlagsOfBothPorts) {
  OtlpReceiverSettings settings =
      parse({"--collector.otlp.http.tls.enabled=true", "--collector.otlp.http.tls.cert=/c.pem",
             "--collector.otlp.http.tls.key=/k.pem", "--collector.otlp.http.tls.client-ca=/ca.pem",
             "--collector.otlp.http.tls.min-version=1.3", "--collector.otlp.grpc.tls.reload-interval=30s"},
            {{"COLLECTOR_OTLP_GRPC_TLS_ENABLED", "true"}, {"COLLECTOR_OTLP_GRPC_TLS_CERT", "/g.pem"},
             {"COLLECTOR_OTLP_GRPC_TLS_KEY", "/gk.pem"}});
  EXPECT_TRUE(settings.http.tls.enabled);
  EXPECT_EQ(settings.http.tls.cert_file, "/c.pem");
  EXPECT_EQ(settings.http.tls.key_file, "/k.pem");
  EXPECT_EQ(settings.http.tls.client_ca_file, "/ca.pem");
  EXPECT_EQ(settings.http.tls.min_version, "1.3");
  EXPECT_TRUE(settings.grpc.tls.enabled);
  EXPECT_EQ(settings.grpc.tls.cert_file, "/g.pem");
  EXPECT_EQ(settings.grpc.tls.reload_interval, std::chrono::seconds(30));
  EXPECT_THROW(parse({"--collector.otlp.http.tls.enabled=true", "--collector.otlp.http.tls.cert=/c.pem"}),
               common::ConfigError);
  EXPECT_THROW(parse({"--collector.otlp.http.tls.client-ca=/ca.pem"}), common::ConfigError);
}

TEST(OtlpFlags, UnsupportedJaegerFlagsAreAccepted) {
  EXPECT_NO_THROW(parse({"--collector.otlp.http.tls.enabled=false", "--collector.otlp.http.read-timeout=5s"}));
}

}  // namespace
}  // namespace peregrine::receivers
