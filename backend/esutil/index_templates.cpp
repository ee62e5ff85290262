// Index template bodies built as JSON values (see index_templates.hpp).
#include "backend/esutil/index_templates.hpp"

#include <nlohmann/json.hpp>

#include "backend/esutil/index_names.hpp"

namespace peregrine::esutil {

namespace {

using Json = nlohmann::ordered_json;

Json keyword() { return Json{{"type", "keyword"}, {"ignore_above", 256}}; }

// Mapping of Jaeger's nested key/value lists (tags, process.tags, logs.fields).
Json key_value_list() {
  return Json{{"type", "nested"},
              {"dynamic", false},
              {"properties", Json{{"key", keyword()}, {"value", keyword()}, {"tagType", keyword()}}}};
}

// "tag.*" and "process.tag.*" object fields (es.tags-as-fields) are indexed as keywords.
Json tag_field_dynamic_templates() {
  return Json::array({
      Json{{"span_tags_map", Json{{"mapping", keyword()}, {"path_match", "tag.*"}}}},
      Json{{"process_tags_map", Json{{"mapping", keyword()}, {"path_match", "process.tag.*"}}}},
  });
}

Json span_mappings() {
  Json props;
  props["traceID"] = keyword();
  props["parentSpanID"] = keyword();
  props["spanID"] = keyword();
  props["operationName"] = keyword();
  props["startTime"] = Json{{"type", "long"}};
  props["startTimeMillis"] = Json{{"type", "date"}, {"format", "epoch_millis"}};
  props["duration"] = Json{{"type", "long"}};
  props["flags"] = Json{{"type", "integer"}};
  props["logs"] = Json{{"type", "nested"},
                       {"dynamic", false},
                       {"properties", Json{{"timestamp", Json{{"type", "long"}}}, {"fields", key_value_list()}}}};
  props["process"] = Json{{"properties", Json{{"serviceName", keyword()},
                                              {"tag", Json{{"type", "object"}}},
                                              {"tags", key_value_list()}}}};
  props["references"] = Json{{"type", "nested"},
                             {"dynamic", false},
                             {"properties", Json{{"refType", keyword()}, {"traceID", keyword()}, {"spanID", keyword()}}}};
  props["tag"] = Json{{"type", "object"}};
  props["tags"] = key_value_list();
  return Json{{"dynamic_templates", tag_field_dynamic_templates()}, {"properties", props}};
}

Json service_mappings() {
  return Json{{"dynamic_templates", tag_field_dynamic_templates()},
              {"properties", Json{{"serviceName", keyword()}, {"operationName", keyword()}}}};
}

std::string prefix_with_dash(const std::string& prefix) {
  if (prefix.empty() || prefix.back() == '-') return prefix;
  return prefix + "-";
}

}  // namespace

const char* template_base_name(TemplateKind kind) {
  switch (kind) {
    case TemplateKind::Span: return "jaeger-span";
    case TemplateKind::Service: return "jaeger-service";
    case TemplateKind::Dependencies: return "jaeger-dependencies";
  }
  return "jaeger-span";
}

std::string template_name(TemplateKind kind, const std::string& index_prefix) {
  return apply_index_prefix(index_prefix, template_base_name(kind));
}

std::string render_index_template(TemplateKind kind, const TemplateParams& params, const BackendVersion& version) {
  const std::string p = prefix_with_dash(params.index_prefix);
  const std::string base = template_base_name(kind);
  const bool v8 = version.uses_index_template_api();

  Json settings;
  settings["index.number_of_shards"] = params.shards;
  settings["index.number_of_replicas"] = params.replicas;
  settings["index.mapping.nested_fields.limit"] = 50;
  settings["index.requests.cache.enable"] = true;
  if (params.use_ilm) {
    const std::string write_alias = p + base + "-write";
    if (version.opensearch) {
      settings["plugins.index_state_management.rollover_alias"] = write_alias;
    } else {
      settings["lifecycle"] = Json{{"name", params.ilm_policy_name}, {"rollover_alias", write_alias}};
    }
  }

  Json mappings = Json::object();
  if (kind == TemplateKind::Span) mappings = span_mappings();
  if (kind == TemplateKind::Service) mappings = service_mappings();

  Json body;
  Json aliases;
  if (params.use_ilm) aliases[p + base + "-read"] = Json::object();

  if (v8) {
    body["priority"] = params.priority;
    body["index_patterns"] = p + base + "-*";
    Json tmpl;
    if (params.use_ilm) tmpl["aliases"] = aliases;
    tmpl["settings"] = settings;
    tmpl["mappings"] = mappings;
    body["template"] = tmpl;
  } else {
    // Jaeger's 7.x templates match "*<prefix>jaeger-…-*" (the leading wildcard also covers archive and
    // cross-cluster names).
    body["index_patterns"] = "*" + p + base + "-*";
    if (params.use_ilm) body["aliases"] = aliases;
    body["settings"] = settings;
    body["mappings"] = mappings;
  }
  return body.dump();
}

std::string template_endpoint(const std::string& name, const BackendVersion& version) {
  return (version.uses_index_template_api() ? "/_index_template/" : "/_template/") + name;
}

}  // namespace peregrine::esutil
