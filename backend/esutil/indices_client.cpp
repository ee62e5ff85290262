// Index administration calls (see indices_client.hpp).
#include "backend/esutil/indices_client.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "backend/esutil/es_error.hpp"
#include "backend/esutil/index_templates.hpp"

namespace peregrine::esutil {

BackendVersion IndicesClient::version() {
  EsResponse resp = http_.request("GET", "/");
  throw_unless_ok(resp, "failed to query the backend version");
  return parse_root_response(resp.body);
}

std::vector<IndexInfo> IndicesClient::jaeger_indices(const std::string& prefix_with_dash) {
  const std::string target =
      "/" + url_encode(prefix_with_dash, "*") + "jaeger-*?flat_settings=true&filter_path=*.aliases,*.settings";
  EsResponse resp = http_.request("GET", target);
  throw_unless_ok(resp, "failed to query indices");
  auto j = nlohmann::json::parse(resp.body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw std::runtime_error("failed to query indices: unexpected response " + resp.body.substr(0, 200));
  std::vector<IndexInfo> out;
  for (auto it = j.begin(); it != j.end(); ++it) {
    IndexInfo info;
    info.name = it.key();
    const auto& v = it.value();
    if (v.contains("aliases") && v["aliases"].is_object())
      for (auto a = v["aliases"].begin(); a != v["aliases"].end(); ++a) {
        info.aliases.insert(a.key());
        const auto& props = a.value();
        if (props.is_object() && props.contains("is_write_index") && props["is_write_index"].is_boolean() &&
            !props["is_write_index"].get<bool>())
          info.non_write_aliases.insert(a.key());
      }
    if (v.contains("settings") && v["settings"].is_object() && v["settings"].contains("index.creation_date")) {
      const auto& cd = v["settings"]["index.creation_date"];
      try {
        info.creation_ms = cd.is_string() ? std::stoll(cd.get<std::string>()) : cd.get<int64_t>();
      } catch (const std::exception&) {
        info.creation_ms = 0;
      }
    }
    out.push_back(std::move(info));
  }
  std::sort(out.begin(), out.end(), [](const IndexInfo& a, const IndexInfo& b) { return a.name < b.name; });
  return out;
}

void IndicesClient::delete_indices(const std::vector<std::string>& names, bool ignore_unavailable) {
  std::string batch;
  auto flush = [&] {
    if (batch.empty()) return;
    const std::string target = "/" + batch + "?master_timeout=" + std::to_string(master_timeout_seconds_) +
                               "s&ignore_unavailable=" + (ignore_unavailable ? "true" : "false");
    EsResponse resp = http_.request("DELETE", target);
    throw_unless_ok(resp, "failed to delete indices: " + batch);
    batch.clear();
  };
  for (const auto& n : names) {
    if (!batch.empty() && batch.size() + n.size() + 1 > 4000) flush();
    if (!batch.empty()) batch += ',';
    batch += url_encode(n);
  }
  flush();
}

bool IndicesClient::create_index(const std::string& name) {
  EsResponse resp = http_.request("PUT", "/" + url_encode(name));
  if (resp.ok()) return true;
  if (resp.transport_error.empty() && resp.status == 400 &&
      parse_error_body(resp.body).type == "resource_already_exists_exception")
    return false;
  throw EsError("failed to create index " + name, resp);
}

void IndicesClient::alias_actions(const char* action, const std::vector<AliasAction>& actions) {
  if (actions.empty()) return;
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& a : actions) {
    nlohmann::ordered_json opts{{"index", a.index}, {"alias", a.alias}};
    if (a.is_write_index && std::string(action) == "add") opts["is_write_index"] = true;
    list.push_back(nlohmann::ordered_json{{action, opts}});
  }
  nlohmann::ordered_json body{{"actions", list}};
  EsResponse resp = http_.request("POST", "/_aliases", body.dump());
  std::string what = std::string(std::string(action) == "add" ? "failed to create aliases:" : "failed to delete aliases:");
  for (const auto& a : actions) what += " [index: " + a.index + ", alias: " + a.alias + "]";
  throw_unless_ok(resp, what);
}

void IndicesClient::add_aliases(const std::vector<AliasAction>& actions) { alias_actions("add", actions); }
void IndicesClient::remove_aliases(const std::vector<AliasAction>& actions) { alias_actions("remove", actions); }

void IndicesClient::rollover(const std::string& write_alias, const std::string& conditions_json) {
  std::string body;
  if (!conditions_json.empty()) {
    auto c = nlohmann::ordered_json::parse(conditions_json, nullptr, false);
    if (c.is_discarded() || !c.is_object())
      throw std::invalid_argument("invalid rollover conditions (want a JSON object): " + conditions_json);
    if (!c.empty()) body = nlohmann::ordered_json{{"conditions", c}}.dump();
  }
  EsResponse resp = http_.request("POST", "/" + url_encode(write_alias) + "/_rollover/", body);
  throw_unless_ok(resp, "failed to create rollover target: " + write_alias);
}

void IndicesClient::put_template(const std::string& name, const std::string& body, const BackendVersion& version) {
  EsResponse resp = http_.request("PUT", template_endpoint(name, version), body);
  throw_unless_ok(resp, "failed to create template: " + name);
}

std::vector<IndexInfo> indices_with_any_alias(const std::vector<IndexInfo>& indices,
                                              const std::vector<std::string>& aliases) {
  std::vector<IndexInfo> out;
  for (const auto& i : indices)
    if (std::any_of(aliases.begin(), aliases.end(), [&](const std::string& a) { return i.has_alias(a); }))
      out.push_back(i);
  return out;
}

std::vector<IndexInfo> indices_not_holding(const std::vector<IndexInfo>& indices,
                                           const std::vector<std::string>& write_aliases) {
  std::vector<IndexInfo> out;
  for (const auto& i : indices)
    if (std::none_of(write_aliases.begin(), write_aliases.end(),
                     [&](const std::string& a) { return i.holds_write_alias(a); }))
      out.push_back(i);
  return out;
}

std::vector<IndexInfo> indices_holding(const std::vector<IndexInfo>& indices, const std::string& write_alias) {
  std::vector<IndexInfo> out;
  for (const auto& i : indices)
    if (i.holds_write_alias(write_alias)) out.push_back(i);
  return out;
}

std::vector<IndexInfo> indices_created_before(const std::vector<IndexInfo>& indices, int64_t cutoff_ms) {
  std::vector<IndexInfo> out;
  for (const auto& i : indices)
    if (i.creation_ms < cutoff_ms) out.push_back(i);
  return out;
}

bool alias_exists(const std::vector<IndexInfo>& indices, const std::string& alias) {
  return std::any_of(indices.begin(), indices.end(), [&](const IndexInfo& i) { return i.has_alias(alias); });
}

}  // namespace peregrine::esutil
