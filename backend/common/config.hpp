// Config: Jaeger v1-style configuration. Flags are declared with defaults; values come from (highest first)
// command-line flags (--name=value / --name value / bare --bool-flag), environment variables (name uppercased,
// '.' and '-' → '_', e.g. es.server-urls ⇔ ES_SERVER_URLS), a YAML --config-file (nested keys joined with
// '.'), then defaults. Known-but-unsupported Jaeger flags are accepted with a warning; unknown flags are errors.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace peregrine::common {

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Config {
 public:
  // Declares a flag. Re-declaring the same name keeps the first declaration.
  void define(const std::string& name, const std::string& default_value, const std::string& help);
  // Declares a flag that Jaeger has but Peregrine ignores (accepted with a warning when set).
  // A later define() of the same name turns it into a real flag (so order of declaration doesn't matter).
  void define_ignored(const std::string& name, const std::string& help);
  // Every flag/env/file key under this prefix (e.g. "cassandra.") that is not declared is accepted with a
  // warning and otherwise ignored.
  void define_ignored_prefix(const std::string& prefix);

  // Parses argv (argv[0] skipped) and env (e.g. from environ). Throws ConfigError for unknown flags,
  // missing values or an unreadable/invalid config file. Collects warnings (see warnings()).
  // Positional (non-flag) arguments are kept in positional().
  void parse(int argc, const char* const* argv, const std::map<std::string, std::string>& env);
  // Convenience: parse with the process environment.
  void parse(int argc, const char* const* argv);

  bool has(const std::string& name) const;      // declared (ignored flags excluded)
  bool is_set(const std::string& name) const;   // set by flag/env/file (not default)
  std::string get(const std::string& name) const;  // throws ConfigError if not declared
  int64_t get_int(const std::string& name) const;   // throws ConfigError on a bad number
  double get_double(const std::string& name) const;
  bool get_bool(const std::string& name) const;     // true/false/1/0/yes/no, case-insensitive
  // Go duration syntax: "1h2m", "1.5s", "300ms", "4500ns", "10us"/"10µs". Bare "0" allowed.
  std::chrono::nanoseconds get_duration(const std::string& name) const;
  // Comma-separated list, trimmed, empty items dropped.
  std::vector<std::string> get_list(const std::string& name) const;

  void set(const std::string& name, const std::string& value);  // programmatic override (tests, wiring)

  const std::vector<std::string>& warnings() const { return warnings_; }
  const std::vector<std::string>& positional() const { return positional_; }
  // "--help" text: every declared flag with default, env name and help.
  std::string usage(const std::string& program) const;
  bool help_requested() const { return help_; }

  static std::string env_name(const std::string& flag);  // "es.server-urls" → "ES_SERVER_URLS"

 private:
  struct Flag {
    std::string default_value;
    std::string help;
    bool ignored = false;
    std::optional<std::string> value;
  };
  const Flag& lookup(const std::string& name) const;  // throws ConfigError if not declared
  bool is_ignored_name(const std::string& name) const;
  std::string ignored_warning(const std::string& name, const std::string& source) const;

  std::map<std::string, Flag> flags_;
  std::vector<std::string> ignored_prefixes_;
  std::vector<std::string> warnings_;
  std::vector<std::string> positional_;
  bool help_ = false;
};

// Parses a Go duration string (see Config::get_duration). Throws std::invalid_argument.
std::chrono::nanoseconds parse_go_duration(const std::string& s);

// The process environment (environ) as a map, for Config::parse.
std::map<std::string, std::string> environ_map();

// Name of the flag that points at the YAML config file; implicitly declared by parse().
inline constexpr const char* kConfigFileFlag = "config-file";

}  // namespace peregrine::common
