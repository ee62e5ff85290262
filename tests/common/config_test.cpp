// Tests for Config: precedence (flag > env > file > default), flag syntaxes, bare booleans, typed getters,
// lists, unknown flags, ignored flags/prefixes with warnings, YAML files, Go durations.
#include "backend/common/config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "backend/common/go_duration.hpp"
#include "backend/common/jaeger_compat_flags.hpp"

namespace peregrine::common {
namespace {

using namespace std::chrono_literals;

void parse(Config& c, std::vector<const char*> args, const std::map<std::string, std::string>& env = {}) {
  args.insert(args.begin(), "prog");
  c.parse(static_cast<int>(args.size()), args.data(), env);
}

// A YAML file in the test's temp dir, removed at scope exit.
struct TempYaml {
  explicit TempYaml(const std::string& content) {
    path = std::filesystem::temp_directory_path() /
           ("peregrine_config_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".yaml");
    std::ofstream(path) << content;
  }
  ~TempYaml() { std::filesystem::remove(path); }
  std::filesystem::path path;
};

Config sample() {
  Config c;
  c.define("es.server-urls", "http://127.0.0.1:9200", "ES URLs");
  c.define("collector.queue-size", "2000", "queue size");
  c.define("collector.otlp.enabled", "false", "enable OTLP");
  c.define("query.base-path", "/", "base path");
  c.define("timeout", "5s", "a duration");
  return c;
}

TEST(Config, DefaultsWhenNothingSet) {
  auto c = sample();
  parse(c, {});
  EXPECT_EQ(c.get("es.server-urls"), "http://127.0.0.1:9200");
  EXPECT_EQ(c.get_int("collector.queue-size"), 2000);
  EXPECT_FALSE(c.get_bool("collector.otlp.enabled"));
  EXPECT_FALSE(c.is_set("collector.queue-size"));
  EXPECT_EQ(c.get_duration("timeout"), 5s);
}

TEST(Config, PrecedenceFlagOverEnvOverFileOverDefault) {
  TempYaml file("collector:\n  queue-size: 10\nes.server-urls: http://file:9200\nquery:\n  base-path: /file\n");
  auto c = sample();
  parse(c, {"--config-file", file.path.c_str(), "--collector.queue-size=30"},
        {{"COLLECTOR_QUEUE_SIZE", "20"}, {"ES_SERVER_URLS", "http://env:9200"}});
  EXPECT_EQ(c.get_int("collector.queue-size"), 30);          // flag
  EXPECT_EQ(c.get("es.server-urls"), "http://env:9200");     // env
  EXPECT_EQ(c.get("query.base-path"), "/file");              // file
  EXPECT_EQ(c.get_duration("timeout"), 5s);                  // default
  EXPECT_TRUE(c.is_set("query.base-path"));
}

TEST(Config, ConfigFileFromEnv) {
  TempYaml file("collector.queue-size: 77\n");
  auto c = sample();
  parse(c, {}, {{"CONFIG_FILE", file.path.string()}});
  EXPECT_EQ(c.get_int("collector.queue-size"), 77);
}

TEST(Config, YamlListsAndUnknownKeysWarn) {
  TempYaml file("es:\n  server-urls:\n    - http://a:9200\n    - http://b:9200\nnot-a-flag: 1\ncassandra:\n  servers: x\n");
  auto c = sample();
  define_jaeger_compat_flags(c);
  std::string flag = "--config-file=" + file.path.string();
  parse(c, {flag.c_str()});
  EXPECT_EQ(c.get_list("es.server-urls"), (std::vector<std::string>{"http://a:9200", "http://b:9200"}));
  EXPECT_EQ(c.warnings().size(), 2u);
}

TEST(Config, InvalidConfigFileThrows) {
  auto c = sample();
  EXPECT_THROW(parse(c, {"--config-file=/nonexistent/peregrine.yaml"}), ConfigError);
  TempYaml bad("a: [unclosed\n");
  Config d = sample();
  std::string flag = "--config-file=" + bad.path.string();
  EXPECT_THROW(parse(d, {flag.c_str()}), ConfigError);
}

TEST(Config, FlagSyntaxes) {
  auto c = sample();
  parse(c, {"--collector.queue-size", "5", "-query.base-path=/jaeger", "positional", "--", "--not-a-flag"});
  EXPECT_EQ(c.get_int("collector.queue-size"), 5);
  EXPECT_EQ(c.get("query.base-path"), "/jaeger");
  EXPECT_EQ(c.positional(), (std::vector<std::string>{"positional", "--not-a-flag"}));
}

TEST(Config, BareBooleanFlagMeansTrueAndDoesNotConsumeNext) {
  auto c = sample();
  parse(c, {"--collector.otlp.enabled", "pos"});
  EXPECT_TRUE(c.get_bool("collector.otlp.enabled"));
  EXPECT_EQ(c.positional(), (std::vector<std::string>{"pos"}));
  auto d = sample();
  parse(d, {"--collector.otlp.enabled=false"});
  EXPECT_FALSE(d.get_bool("collector.otlp.enabled"));
}

TEST(Config, BoolSpellings) {
  Config c;
  c.define("b", "false", "");
  for (auto [text, expected] : std::vector<std::pair<std::string, bool>>{
           {"true", true}, {"TRUE", true}, {"1", true}, {"yes", true}, {"false", false}, {"0", false}, {"No", false}}) {
    c.set("b", text);
    EXPECT_EQ(c.get_bool("b"), expected) << text;
  }
  c.set("b", "maybe");
  EXPECT_THROW(c.get_bool("b"), ConfigError);
}

TEST(Config, MissingValueAndUnknownFlagThrow) {
  auto c = sample();
  EXPECT_THROW(parse(c, {"--collector.queue-size"}), ConfigError);
  auto d = sample();
  EXPECT_THROW(parse(d, {"--no-such-flag=1"}), ConfigError);
}

TEST(Config, HelpRequested) {
  auto c = sample();
  parse(c, {"-h"});
  EXPECT_TRUE(c.help_requested());
  auto d = sample();
  parse(d, {"--help"});
  EXPECT_TRUE(d.help_requested());
  std::string usage = d.usage("peregrine-collector");
  EXPECT_NE(usage.find("--collector.queue-size"), std::string::npos);
  EXPECT_NE(usage.find("COLLECTOR_QUEUE_SIZE"), std::string::npos);
  EXPECT_NE(usage.find("(default \"2000\")"), std::string::npos);
}

TEST(Config, TypedGetterErrors) {
  auto c = sample();
  c.set("collector.queue-size", "12x");
  EXPECT_THROW(c.get_int("collector.queue-size"), ConfigError);
  EXPECT_THROW(c.get_double("collector.queue-size"), ConfigError);
  c.set("collector.queue-size", " 2.5 ");
  EXPECT_DOUBLE_EQ(c.get_double("collector.queue-size"), 2.5);
  c.set("timeout", "5 seconds");
  EXPECT_THROW(c.get_duration("timeout"), ConfigError);
  EXPECT_THROW(c.get("undeclared"), ConfigError);
}

TEST(Config, Lists) {
  Config c;
  c.define("l", " a, b ,,c ,", "");
  parse(c, {});
  EXPECT_EQ(c.get_list("l"), (std::vector<std::string>{"a", "b", "c"}));
  c.set("l", "");
  EXPECT_TRUE(c.get_list("l").empty());
}

TEST(Config, EnvNames) {
  EXPECT_EQ(Config::env_name("es.server-urls"), "ES_SERVER_URLS");
  EXPECT_EQ(Config::env_name("collector.otlp.grpc.host-port"), "COLLECTOR_OTLP_GRPC_HOST_PORT");
}

TEST(Config, UnrelatedEnvIgnoredSilently) {
  auto c = sample();
  parse(c, {}, {{"PATH", "/usr/bin"}, {"HOME", "/root"}, {"ES_SERVER_URLZ", "x"}});
  EXPECT_TRUE(c.warnings().empty());
}

TEST(Config, IgnoredFlagsAndPrefixesWarn) {
  auto c = sample();
  define_jaeger_compat_flags(c);
  parse(c, {"--query.static-files=/x", "--cassandra.servers", "c1", "--admin.http.tls.enabled=true",
            "--downsampling.ratio=0.5"},
        {{"KAFKA_PRODUCER_BROKERS", "k:9092"}, {"QUERY_BEARER_TOKEN_PROPAGATION", "true"}});
  EXPECT_EQ(c.warnings().size(), 6u);
  EXPECT_TRUE(c.positional().empty());  // "c1" was consumed as the ignored flag's value
  EXPECT_FALSE(c.has("query.static-files"));
  EXPECT_EQ(c.get("log-level"), "info");
  EXPECT_EQ(c.get("metrics-http-route"), "/metrics");
}

TEST(Config, RealDefineUpgradesIgnoredFlag) {
  Config c;
  define_jaeger_compat_flags(c);
  c.define("query.ui-config", "", "UI config file");
  parse(c, {"--query.ui-config=/etc/ui.json"});
  EXPECT_TRUE(c.has("query.ui-config"));
  EXPECT_EQ(c.get("query.ui-config"), "/etc/ui.json");
  EXPECT_TRUE(c.warnings().empty());
}

TEST(Config, RedefinitionKeepsFirst) {
  Config c;
  c.define("x", "1", "first");
  c.define("x", "2", "second");
  EXPECT_EQ(c.get("x"), "1");
}

TEST(GoDuration, Parse) {
  EXPECT_EQ(parse_go_duration("0"), 0ns);
  EXPECT_EQ(parse_go_duration("1h2m"), 1h + 2min);
  EXPECT_EQ(parse_go_duration("1.5s"), 1500ms);
  EXPECT_EQ(parse_go_duration("300ms"), 300ms);
  EXPECT_EQ(parse_go_duration("4500ns"), 4500ns);
  EXPECT_EQ(parse_go_duration("10us"), 10us);
  EXPECT_EQ(parse_go_duration("10\xC2\xB5s"), 10us);
  EXPECT_EQ(parse_go_duration("10\xCE\xBCs"), 10us);
  EXPECT_EQ(parse_go_duration("-1.5h"), -90min);
  EXPECT_EQ(parse_go_duration("+5m"), 5min);
  EXPECT_EQ(parse_go_duration(".5s"), 500ms);
  EXPECT_EQ(parse_go_duration("0.3s"), 300ms);
  EXPECT_EQ(parse_go_duration("72h3m0.5s"), 72h + 3min + 500ms);
  for (const char* bad : {"", "5", "s", "1x", "1.s.", "--1s", "9999999999999h", ".s"})
    EXPECT_THROW(parse_go_duration(bad), std::invalid_argument) << bad;
}

TEST(GoDuration, Format) {
  EXPECT_EQ(format_go_duration(0ns), "0s");
  EXPECT_EQ(format_go_duration(1500ms), "1.5s");
  EXPECT_EQ(format_go_duration(300ms), "300ms");
  EXPECT_EQ(format_go_duration(1500us), "1.5ms");
  EXPECT_EQ(format_go_duration(10us), "10\xC2\xB5s");
  EXPECT_EQ(format_go_duration(42ns), "42ns");
  EXPECT_EQ(format_go_duration(1h), "1h0m0s");
  EXPECT_EQ(format_go_duration(90s), "1m30s");
  EXPECT_EQ(format_go_duration(72h + 3min + 500ms), "72h3m0.5s");
  EXPECT_EQ(format_go_duration(-2s), "-2s");
  EXPECT_EQ(format_go_duration(999ns), "999ns");
  EXPECT_EQ(format_go_duration(1500ns), "1.5\xC2\xB5s");
  EXPECT_EQ(format_go_duration(-45ms), "-45ms");
  EXPECT_EQ(format_go_duration(1h + 2min + 3500ms), "1h2m3.5s");
}

}  // namespace
}  // namespace peregrine::common
