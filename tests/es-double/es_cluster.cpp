// Cluster state of the Elasticsearch double (see es_cluster.hpp).
#include "tests/es-double/es_cluster.hpp"

#include <algorithm>

#include "tests/es-double/es_errors.hpp"

namespace peregrine::esdouble {

namespace {

using Json = nlohmann::json;

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    std::string item = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

void flatten_into(const Json& j, const std::string& prefix, std::map<std::string, std::string>& out) {
  for (auto it = j.begin(); it != j.end(); ++it) {
    std::string key = prefix.empty() ? it.key() : prefix + "." + it.key();
    if (it->is_object()) flatten_into(*it, key, out);
    else out[key] = it->is_string() ? it->get<std::string>() : it->dump();
  }
}

void apply_aliases(Index& idx, const Json& aliases) {
  if (aliases.is_null()) return;
  if (!aliases.is_object()) illegal_argument("aliases must be an object");
  for (auto it = aliases.begin(); it != aliases.end(); ++it) {
    AliasProps p;
    if (it->is_object() && it->contains("is_write_index")) {
      p.is_write_index = (*it)["is_write_index"].get<bool>();
      p.write_index_explicit = true;
    }
    idx.aliases[it.key()] = p;
  }
}

void apply_template_body(Index& idx, const Json& t) {
  if (t.contains("settings")) {
    for (auto& [k, v] : Cluster::flatten_settings(t["settings"])) idx.settings[k] = v;
  }
  if (t.contains("mappings")) idx.mapping.merge(Mapping::parse(t["mappings"]));
  if (t.contains("aliases")) apply_aliases(idx, t["aliases"]);
}

}  // namespace

std::map<std::string, std::string> Cluster::flatten_settings(const Json& settings) {
  std::map<std::string, std::string> flat, out;
  if (settings.is_null()) return out;
  if (!settings.is_object()) illegal_argument("settings must be an object");
  flatten_into(settings, "", flat);
  for (auto& [k, v] : flat) out[k.rfind("index.", 0) == 0 ? k : "index." + k] = v;
  return out;
}

void Cluster::validate_index_name(const std::string& name) {
  auto invalid = [&](const std::string& why) {
    throw EsException(400, "invalid_index_name_exception", "Invalid index name [" + name + "], " + why);
  };
  if (name.empty() || name == "." || name == "..") invalid("must not be empty, '.' or '..'");
  if (name[0] == '-' || name[0] == '_' || name[0] == '+') invalid("must not start with '_', '-', or '+'");
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') invalid("must be lowercase");
    if (std::string("\\/*?\"<>| ,#:").find(c) != std::string::npos)
      invalid("must not contain the following characters [ , \", *, \\, <, |, ,, >, /, ?, #, :]");
  }
}

Index* Cluster::find(const std::string& name) {
  auto it = indices.find(name);
  return it == indices.end() ? nullptr : &it->second;
}

bool Cluster::alias_exists(const std::string& alias) const {
  for (const auto& [_, idx] : indices)
    if (idx.aliases.count(alias)) return true;
  return false;
}

std::vector<Index*> Cluster::indices_with_alias(const std::string& alias) {
  std::vector<Index*> out;
  for (auto& [_, idx] : indices)
    if (idx.aliases.count(alias)) out.push_back(&idx);
  return out;
}

std::vector<Index*> Cluster::resolve(const std::string& expression, bool ignore_unavailable) {
  std::set<std::string> names;
  for (const auto& item : split_commas(expression)) {
    if (item.find(':') != std::string::npos)
      illegal_argument("remote cluster expression [" + item + "] is not emulated by the double");
    if (item[0] == '-') illegal_argument("exclusion expression [" + item + "] is not emulated by the double");
    if (item == "_all") {
      for (auto& [n, _] : indices) names.insert(n);
      continue;
    }
    if (item.find('*') != std::string::npos) {
      for (auto& [n, idx] : indices) {
        if (glob_match(item, n)) names.insert(n);
        for (const auto& [a, _] : idx.aliases)
          if (glob_match(item, a)) names.insert(n);
      }
      continue;
    }
    if (indices.count(item)) {
      names.insert(item);
      continue;
    }
    auto with_alias = indices_with_alias(item);
    if (!with_alias.empty()) {
      for (auto* i : with_alias) names.insert(i->name);
      continue;
    }
    if (!ignore_unavailable) index_not_found(item);
  }
  std::vector<Index*> out;
  for (const auto& n : names) out.push_back(&indices.at(n));
  return out;
}

Index& Cluster::create_index(const std::string& name, const Json& body, int64_t creation_ms, bool apply_templates) {
  validate_index_name(name);
  if (indices.count(name))
    throw EsException(400, "resource_already_exists_exception", "index [" + name + "/double] already exists");
  if (alias_exists(name))
    throw EsException(400, "invalid_index_name_exception", "Invalid index name [" + name + "], already exists as alias");
  if (!body.is_null() && !body.is_object()) parsing_error("request body must be an object");
  if (body.is_object())
    for (auto it = body.begin(); it != body.end(); ++it)
      if (it.key() != "settings" && it.key() != "mappings" && it.key() != "aliases")
        parsing_error("unknown key [" + it.key() + "] for create index");
  Index idx;
  idx.name = name;
  idx.creation_ms = creation_ms;
  idx.settings["index.number_of_shards"] = "1";
  idx.settings["index.number_of_replicas"] = "1";
  if (apply_templates) {
    // A matching composable template wins over all legacy ones.
    const ComposableTemplate* best = nullptr;
    for (const auto& [_, t] : composable_templates)
      for (const auto& p : t.patterns)
        if (glob_match(p, name) && (!best || t.priority > best->priority)) best = &t;
    if (best) {
      if (best->body.contains("template")) apply_template_body(idx, best->body["template"]);
    } else {
      std::vector<const LegacyTemplate*> matching;
      for (const auto& [_, t] : legacy_templates)
        for (const auto& p : t.patterns)
          if (glob_match(p, name)) {
            matching.push_back(&t);
            break;
          }
      std::stable_sort(matching.begin(), matching.end(),
                       [](const LegacyTemplate* a, const LegacyTemplate* b) { return a->order < b->order; });
      for (const auto* t : matching) apply_template_body(idx, t->body);
    }
  }
  if (body.is_object()) apply_template_body(idx, body);
  idx.settings["index.creation_date"] = std::to_string(creation_ms);
  idx.settings["index.provided_name"] = name;
  idx.settings["index.uuid"] = "double-" + std::to_string(indices.size() + 1);
  idx.settings["index.version.created"] = "7170099";
  auto [it, _] = indices.emplace(name, std::move(idx));
  check_alias_invariants();
  return it->second;
}

Index& Cluster::write_index_for(const std::string& target, int64_t now_ms) {
  if (auto* idx = find(target)) return *idx;
  auto with_alias = indices_with_alias(target);
  if (with_alias.empty()) return create_index(target, Json(), now_ms, true);
  if (with_alias.size() == 1) {
    const auto& p = with_alias[0]->aliases.at(target);
    if (!p.write_index_explicit || p.is_write_index) return *with_alias[0];
  }
  for (auto* i : with_alias)
    if (i->aliases.at(target).is_write_index) return *i;
  illegal_argument("no write index is defined for alias [" + target +
                   "]. The write index may be explicitly disabled using is_write_index=false or the alias points to "
                   "multiple indices without one being designated as a write index");
}

void Cluster::check_alias_invariants() const {
  std::map<std::string, std::vector<std::string>> writers;
  for (const auto& [n, idx] : indices)
    for (const auto& [a, p] : idx.aliases)
      if (p.is_write_index) writers[a].push_back(n);
  for (const auto& [a, list] : writers)
    if (list.size() > 1) illegal_argument("alias [" + a + "] has more than one write index [" + list[0] + "," + list[1] + "]");
}

}  // namespace peregrine::esdouble
