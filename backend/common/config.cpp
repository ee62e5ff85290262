// Config: flag declarations and layered resolution (command line > environment > YAML file > defaults),
// with Jaeger-compatible flag syntax, environment naming and ignored-flag warnings.
#include "backend/common/config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <sstream>

#include "backend/common/go_duration.hpp"

extern char** environ;

namespace peregrine::common {

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string trim(std::string_view s) {
  size_t b = 0;
  size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

bool is_bool_literal(const std::string& v) {
  static const char* kLiterals[] = {"true", "false"};
  std::string l = lower(v);
  return std::any_of(std::begin(kLiterals), std::end(kLiterals), [&](const char* x) { return l == x; });
}

// Flattens a YAML document into dotted keys: {a: {b: 1}} → "a.b" = "1"; sequences become comma lists.
void flatten_yaml(const YAML::Node& node, const std::string& prefix, std::map<std::string, std::string>& out) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      for (const auto& kv : node) {
        std::string key = kv.first.as<std::string>();
        flatten_yaml(kv.second, prefix.empty() ? key : prefix + "." + key, out);
      }
      break;
    case YAML::NodeType::Sequence: {
      std::string joined;
      for (const auto& item : node) {
        if (!item.IsScalar()) throw ConfigError("config file: key " + prefix + " holds a non-scalar list item");
        if (!joined.empty()) joined += ",";
        joined += item.as<std::string>();
      }
      out[prefix] = joined;
      break;
    }
    case YAML::NodeType::Scalar:
      out[prefix] = node.as<std::string>();
      break;
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      out[prefix] = "";
      break;
  }
}

std::map<std::string, std::string> load_yaml_file(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw ConfigError("cannot read config file " + path);
  } catch (const YAML::Exception& e) {
    throw ConfigError("invalid config file " + path + ": " + e.what());
  }
  std::map<std::string, std::string> out;
  if (root.IsNull()) return out;
  if (!root.IsMap()) throw ConfigError("invalid config file " + path + ": top level must be a map");
  flatten_yaml(root, "", out);
  return out;
}

}  // namespace

void Config::define(const std::string& name, const std::string& default_value, const std::string& help) {
  auto it = flags_.find(name);
  if (it == flags_.end()) {
    flags_.emplace(name, Flag{default_value, help, false, std::nullopt});
  } else if (it->second.ignored) {
    it->second = Flag{default_value, help, false, std::nullopt};  // upgrade an ignored flag to a real one
  }
}

void Config::define_ignored(const std::string& name, const std::string& help) {
  flags_.try_emplace(name, Flag{"", help, true, std::nullopt});
}

void Config::define_ignored_prefix(const std::string& prefix) {
  if (std::find(ignored_prefixes_.begin(), ignored_prefixes_.end(), prefix) == ignored_prefixes_.end())
    ignored_prefixes_.push_back(prefix);
}

bool Config::is_ignored_name(const std::string& name) const {
  auto it = flags_.find(name);
  if (it != flags_.end()) return it->second.ignored;
  return std::any_of(ignored_prefixes_.begin(), ignored_prefixes_.end(),
                     [&](const std::string& p) { return name.compare(0, p.size(), p) == 0; });
}

std::string Config::ignored_warning(const std::string& name, const std::string& source) const {
  return source + " " + name + " is a Jaeger option that Peregrine does not support; ignored";
}

void Config::parse(int argc, const char* const* argv) { parse(argc, argv, environ_map()); }

void Config::parse(int argc, const char* const* argv, const std::map<std::string, std::string>& env) {
  define(kConfigFileFlag, "", "Configuration file in YAML format (nested keys are joined with '.')");

  std::map<std::string, std::string> from_flags;
  bool only_positional = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (only_positional || arg.size() < 2 || arg[0] != '-') {
      positional_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positional = true;
      continue;
    }
    std::string body = arg.substr(arg[1] == '-' ? 2 : 1);
    std::string name = body;
    std::optional<std::string> inline_value;
    if (size_t eq = body.find('='); eq != std::string::npos) {
      name = body.substr(0, eq);
      inline_value = body.substr(eq + 1);
    }
    if (name == "help" || name == "h") {
      help_ = true;
      continue;
    }
    auto next_value = [&](bool required) -> std::optional<std::string> {
      if (inline_value) return inline_value;
      if (i + 1 < argc && (!required ? argv[i + 1][0] != '-' : true)) return std::string(argv[++i]);
      if (required) throw ConfigError("flag needs an argument: --" + name);
      return std::nullopt;
    };
    auto it = flags_.find(name);
    if (it != flags_.end() && !it->second.ignored) {
      // Boolean flags (declared with a true/false default) never consume the next argument.
      if (is_bool_literal(it->second.default_value) && !inline_value) {
        from_flags[name] = "true";
      } else {
        from_flags[name] = *next_value(true);
      }
      continue;
    }
    if (is_ignored_name(name)) {
      next_value(false);
      warnings_.push_back(ignored_warning(name, "flag --"));
      continue;
    }
    throw ConfigError("unknown flag: --" + name);
  }

  // Environment: only variables naming a declared flag (or an ignored one) are considered.
  std::map<std::string, std::string> from_env;
  std::map<std::string, const std::string*> env_to_flag;
  for (const auto& [name, flag] : flags_) env_to_flag[env_name(name)] = &name;
  for (const auto& [var, value] : env) {
    auto it = env_to_flag.find(var);
    if (it != env_to_flag.end()) {
      if (flags_.at(*it->second).ignored) warnings_.push_back(ignored_warning(var, "environment variable"));
      else from_env[*it->second] = value;
      continue;
    }
    for (const auto& prefix : ignored_prefixes_) {
      if (var.compare(0, env_name(prefix).size(), env_name(prefix)) == 0) {
        warnings_.push_back(ignored_warning(var, "environment variable"));
        break;
      }
    }
  }

  // Config file: the flag wins over the environment, like any other option.
  std::string config_file;
  if (auto it = from_flags.find(kConfigFileFlag); it != from_flags.end()) config_file = it->second;
  else if (auto e = from_env.find(kConfigFileFlag); e != from_env.end()) config_file = e->second;
  std::map<std::string, std::string> from_file;
  if (!config_file.empty()) {
    for (auto& [key, value] : load_yaml_file(config_file)) {
      auto it = flags_.find(key);
      if (it != flags_.end() && !it->second.ignored) {
        from_file[key] = value;
      } else if (is_ignored_name(key)) {
        warnings_.push_back(ignored_warning(key, "config file key"));
      } else {
        warnings_.push_back("config file key " + key + " does not match any flag; ignored");
      }
    }
  }

  for (auto* layer : {&from_file, &from_env, &from_flags}) {
    for (auto& [name, value] : *layer) flags_.at(name).value = value;
  }
}

const Config::Flag& Config::lookup(const std::string& name) const {
  auto it = flags_.find(name);
  if (it == flags_.end()) throw ConfigError("flag not declared: " + name);
  return it->second;
}

bool Config::has(const std::string& name) const {
  auto it = flags_.find(name);
  return it != flags_.end() && !it->second.ignored;
}

bool Config::is_set(const std::string& name) const {
  auto it = flags_.find(name);
  return it != flags_.end() && it->second.value.has_value();
}

std::string Config::get(const std::string& name) const {
  const Flag& f = lookup(name);
  return f.value ? *f.value : f.default_value;
}

int64_t Config::get_int(const std::string& name) const {
  std::string v = trim(get(name));
  int64_t out = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc() || ptr != v.data() + v.size())
    throw ConfigError("invalid integer for --" + name + ": \"" + v + "\"");
  return out;
}

double Config::get_double(const std::string& name) const {
  std::string v = trim(get(name));
  errno = 0;
  char* end = nullptr;
  double out = std::strtod(v.c_str(), &end);
  if (v.empty() || errno == ERANGE || end != v.c_str() + v.size())
    throw ConfigError("invalid number for --" + name + ": \"" + v + "\"");
  return out;
}

bool Config::get_bool(const std::string& name) const {
  std::string v = lower(trim(get(name)));
  if (v == "true" || v == "1" || v == "yes" || v == "t" || v == "y" || v == "on") return true;
  if (v == "false" || v == "0" || v == "no" || v == "f" || v == "n" || v == "off") return false;
  throw ConfigError("invalid boolean for --" + name + ": \"" + v + "\"");
}

std::chrono::nanoseconds Config::get_duration(const std::string& name) const {
  std::string v = trim(get(name));
  try {
    return parse_go_duration(v);
  } catch (const std::invalid_argument&) {
    throw ConfigError("invalid duration for --" + name + ": \"" + v + "\"");
  }
}

std::vector<std::string> Config::get_list(const std::string& name) const {
  std::vector<std::string> out;
  std::string v = get(name);
  size_t start = 0;
  while (start <= v.size()) {
    size_t comma = v.find(',', start);
    if (comma == std::string::npos) comma = v.size();
    std::string item = trim(std::string_view(v).substr(start, comma - start));
    if (!item.empty()) out.push_back(std::move(item));
    start = comma + 1;
  }
  return out;
}

void Config::set(const std::string& name, const std::string& value) {
  auto it = flags_.find(name);
  if (it == flags_.end() || it->second.ignored) {
    define(name, "", "");
    it = flags_.find(name);
  }
  it->second.value = value;
}

std::string Config::usage(const std::string& program) const {
  std::ostringstream out;
  out << "Usage:\n  " << program << " [flags]\n\nFlags:\n";
  for (const auto& [name, flag] : flags_) {
    if (flag.ignored) continue;
    out << "      --" << name;
    if (!flag.help.empty()) out << "    " << flag.help;
    if (!flag.default_value.empty()) out << " (default \"" << flag.default_value << "\")";
    out << " [env " << env_name(name) << "]\n";
  }
  out << "  -h, --help    help for " << program << "\n";
  return out.str();
}

std::string Config::env_name(const std::string& flag) {
  std::string out = flag;
  for (char& c : out) {
    if (c == '.' || c == '-') c = '_';
    else c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::map<std::string, std::string> environ_map() {
  std::map<std::string, std::string> out;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    out.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return out;
}

}  // namespace peregrine::common
