// _bulk handling of the Elasticsearch double (see es_bulk.hpp).
#include "tests/es-double/es_bulk.hpp"

#include <nlohmann/json.hpp>

#include "tests/es-double/es_errors.hpp"

namespace peregrine::esdouble {

namespace {

using Json = nlohmann::json;
using OJson = nlohmann::ordered_json;

struct Action {
  std::string op;  // "index" | "create"
  std::string index;
  std::optional<std::string> id;
  std::string source;
};

std::vector<Action> parse_actions(const std::string& body) {
  if (body.empty()) throw EsException(400, "action_request_validation_exception", "Validation Failed: 1: no requests added;");
  if (body.back() != '\n') illegal_argument("The bulk request must be terminated by a newline [\\n]");
  std::vector<Action> out;
  size_t pos = 0, line_no = 0;
  auto next_line = [&](std::string* line) {
    if (pos >= body.size()) return false;
    size_t nl = body.find('\n', pos);
    *line = body.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    return true;
  };
  std::string line;
  while (next_line(&line)) {
    if (line.empty()) illegal_argument("Malformed action/metadata line [" + std::to_string(line_no) + "], expected START_OBJECT but found [null]");
    Json meta = Json::parse(line, nullptr, false);
    if (meta.is_discarded() || !meta.is_object() || meta.size() != 1)
      illegal_argument("Malformed action/metadata line [" + std::to_string(line_no) + "], expected a single action object");
    Action a;
    a.op = meta.begin().key();
    if (a.op != "index" && a.op != "create")
      illegal_argument("Action/metadata line [" + std::to_string(line_no) + "] contains an action [" + a.op +
                       "] the double does not emulate (only index and create)");
    const Json& m = meta.begin().value();
    if (!m.is_object()) illegal_argument("Malformed action/metadata line [" + std::to_string(line_no) + "]");
    for (auto it = m.begin(); it != m.end(); ++it) {
      if (it.key() == "_index" && it->is_string()) a.index = it->get<std::string>();
      else if (it.key() == "_id" && it->is_string()) a.id = it->get<std::string>();
      else
        illegal_argument("Action/metadata line [" + std::to_string(line_no) + "] contains an unknown parameter [" +
                         it.key() + "]");
    }
    if (a.index.empty()) throw EsException(400, "action_request_validation_exception", "Validation Failed: 1: index is missing;");
    if (a.id && a.id->empty()) throw EsException(400, "action_request_validation_exception", "Validation Failed: 1: an id must be provided if version type or value are set;");
    if (!next_line(&a.source))
      illegal_argument("The bulk request must be terminated by a newline [\\n]: missing source for action line [" +
                       std::to_string(line_no - 1) + "]");
    out.push_back(std::move(a));
  }
  return out;
}

OJson item_error(const std::string& op, const std::string& index, const std::string& id, int status,
                 const std::string& type, const std::string& reason) {
  OJson inner{{"_index", index}, {"_id", id}, {"status", status}, {"error", {{"type", type}, {"reason", reason}}}};
  return OJson{{op, inner}};
}

}  // namespace

BulkOutcome execute_bulk(Cluster& cluster, const std::string& body, int64_t now_ms,
                         const std::function<std::optional<ItemFault>(size_t)>& fault, bool hit_type) {
  std::vector<Action> actions = parse_actions(body);
  OJson items = OJson::array();
  BulkOutcome out;
  static uint64_t seq_no = 0;
  for (size_t i = 0; i < actions.size(); ++i) {
    const Action& a = actions[i];
    std::string id = a.id.value_or("");
    if (auto f = fault ? fault(i) : std::nullopt) {
      items.push_back(item_error(a.op, a.index, id, f->status, f->type, f->reason));
      ++out.failed;
      continue;
    }
    try {
      Json source = Json::parse(a.source, nullptr, false);
      if (source.is_discarded() || !source.is_object())
        throw EsException(400, "mapper_parsing_exception", "failed to parse: document is not a JSON object");
      Index& idx = cluster.write_index_for(a.index, now_ms);
      if (id.empty()) id = "auto-" + std::to_string(idx.next_auto_id++);
      auto existing = idx.by_id.find(id);
      if (existing != idx.by_id.end() && a.op == "create")
        throw EsException(409, "version_conflict_engine_exception",
                          "[" + id + "]: version conflict, document already exists");
      idx.mapping.index_document(source, id);
      OJson result{{"_index", idx.name}};
      if (hit_type) result["_type"] = "_doc";
      result["_id"] = id;
      int status;
      if (existing != idx.by_id.end()) {
        Doc& d = idx.docs[existing->second];
        idx.source_bytes += a.source.size() - d.raw.size();
        d.raw = a.source;
        d.source = std::move(source);
        ++d.version;
        result["_version"] = d.version;
        result["result"] = "updated";
        status = 200;
      } else {
        idx.by_id[id] = idx.docs.size();
        idx.docs.push_back(Doc{id, a.source, std::move(source), 1});
        idx.source_bytes += a.source.size();
        result["_version"] = 1;
        result["result"] = "created";
        status = 201;
      }
      result["_shards"] = {{"total", 2}, {"successful", 1}, {"failed", 0}};
      result["_seq_no"] = seq_no++;
      result["_primary_term"] = 1;
      result["status"] = status;
      items.push_back(OJson{{a.op, result}});
    } catch (const EsException& e) {
      items.push_back(item_error(a.op, a.index, id, e.status(), e.type(), e.what()));
      ++out.failed;
    }
  }
  out.items = actions.size();
  OJson resp{{"took", 1}, {"errors", out.failed > 0}, {"items", items}};
  out.body = resp.dump();
  return out;
}

}  // namespace peregrine::esdouble
