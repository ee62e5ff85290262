// The generate subcommand: file → YAML documents → Jaeger CRs → rendered objects → YAML on stdout.
#include "operator/cmd/generate_command.hpp"

#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>

#include "operator/api/parse.hpp"
#include "operator/api/yaml_json.hpp"
#include "operator/render/render.hpp"

namespace peregrine::operator_cmd {

namespace {

struct GenerateOptions {
  std::string cr_path;
  std::optional<std::string> namespace_name;
  std::string cronjob_api_version = "batch/v1";
  std::string autoscaling_api_version = "autoscaling/v2";
};

// Parses `--flag value` and `--flag=value`; returns an error message on bad usage.
std::optional<std::string> parse_args(const std::vector<std::string>& args, GenerateOptions& options) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> value;
    if (auto eq = flag.find('='); flag.starts_with("--") && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
    }
    auto take_value = [&]() -> std::optional<std::string> {
      if (value) return value;
      if (i + 1 < args.size()) return args[++i];
      return std::nullopt;
    };
    std::string* target = nullptr;
    if (flag == "--cr") {
      target = &options.cr_path;
    } else if (flag == "--cronjobs-version") {
      target = &options.cronjob_api_version;
    } else if (flag == "--autoscaling-version") {
      target = &options.autoscaling_api_version;
    } else if (flag == "--namespace" || flag == "-n") {
      auto ns = take_value();
      if (!ns || ns->empty()) return "--namespace needs a value";
      options.namespace_name = *ns;
      continue;
    } else {
      return "unknown argument \"" + args[i] + "\"";
    }
    auto given = take_value();
    if (!given || given->empty()) return flag + " needs a value";
    *target = *given;
  }
  if (options.cr_path.empty()) return "--cr FILE is required";
  if (options.cronjob_api_version != "batch/v1" && options.cronjob_api_version != "batch/v1beta1") {
    return "--cronjobs-version must be batch/v1 or batch/v1beta1";
  }
  if (options.autoscaling_api_version != "autoscaling/v2" && options.autoscaling_api_version != "autoscaling/v2beta2") {
    return "--autoscaling-version must be autoscaling/v2 or autoscaling/v2beta2";
  }
  return std::nullopt;
}

std::optional<std::string> read_input(const std::string& path) {
  std::ostringstream content;
  if (path == "-") {
    content << std::cin.rdbuf();
    return content.str();
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::nullopt;
  content << file.rdbuf();
  return content.str();
}

std::string describe(const operator_api::Json& document) {
  std::string kind = document.value("kind", operator_api::Json("")).is_string() ? document.value("kind", "") : "";
  std::string name;
  if (document.contains("metadata") && document["metadata"].is_object()) {
    const auto& metadata = document["metadata"];
    if (metadata.contains("name") && metadata["name"].is_string()) name = metadata["name"].get<std::string>();
  }
  return (kind.empty() ? "document" : kind) + (name.empty() ? "" : " \"" + name + "\"");
}

}  // namespace

std::string usage_text() {
  return "Usage:\n"
         "  peregrine-operator start [flags]   (run --help after start for the controller's flags)\n"
         "  peregrine-operator generate --cr FILE [--namespace NS] [--cronjobs-version batch/v1|batch/v1beta1]\n"
         "                              [--autoscaling-version autoscaling/v2|autoscaling/v2beta2]\n"
         "\n"
         "Commands:\n"
         "  start      Run the controller: watch Jaeger resources (WATCH_NAMESPACE, empty = all namespaces) and\n"
         "             reconcile the objects they ask for. Alias: run.\n"
         "  api-calls  Print the Kubernetes API calls the operator makes, as JSON (the RBAC rules cover exactly these).\n"
         "  generate   Print, as multi-document YAML, every Kubernetes object the operator would create for the\n"
         "             Jaeger resources in FILE (\"-\" reads stdin). Documents of other kinds are skipped.\n"
         "             --namespace renders the resources into NS (default: their metadata.namespace, else\n"
         "             \"default\"). Default images can be overridden with RELATED_IMAGE_* variables.\n"
         "";
}

int run_generate(const std::vector<std::string>& args, const EnvLookup& env, std::ostream& out, std::ostream& err) {
  GenerateOptions options;
  if (auto problem = parse_args(args, options)) {
    err << "peregrine-operator generate: " << *problem << "\n\n" << usage_text();
    return 2;
  }
  auto content = read_input(options.cr_path);
  if (!content) {
    err << "peregrine-operator generate: cannot read " << options.cr_path << "\n";
    return 1;
  }
  auto documents = operator_api::parse_yaml_documents(*content);
  if (!documents.ok()) {
    err << options.cr_path << ": invalid YAML: " << documents.error << "\n";
    return 1;
  }

  operator_render::RenderContext context;
  context.operator_version = PEREGRINE_VERSION;
  context.image_overrides = related_image_overrides(env);
  context.cronjob_api_version = options.cronjob_api_version;
  context.autoscaling_api_version = options.autoscaling_api_version;

  int rendered_crs = 0;
  bool failed = false;
  std::ostringstream rendered;
  for (auto document : documents.documents) {
    if (!operator_api::is_jaeger_document(document)) {
      err << options.cr_path << ": skipping " << describe(document) << " (not a jaegertracing.io/v1 Jaeger)\n";
      continue;
    }
    if (options.namespace_name) document["metadata"]["namespace"] = *options.namespace_name;
    auto outcome = operator_render::render_cr(document, context);
    if (!outcome.ok()) {
      failed = true;
      err << options.cr_path << ": invalid " << describe(document) << ":\n";
      for (const auto& error : outcome.errors) err << "  " << error << "\n";
      continue;
    }
    ++rendered_crs;
    for (const auto& object : outcome.objects) rendered << "---\n" << operator_api::to_yaml(object);
  }
  if (failed) return 1;
  if (rendered_crs == 0) {
    err << options.cr_path << ": no Jaeger resource found\n";
    return 1;
  }
  out << rendered.str();
  return 0;
}

}  // namespace peregrine::operator_cmd
