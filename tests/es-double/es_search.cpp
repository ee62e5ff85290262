// Search execution of the Elasticsearch double (see es_search.hpp).
#include "tests/es-double/es_search.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "tests/es-double/es_errors.hpp"
#include "tests/es-double/es_query.hpp"

namespace peregrine::esdouble {

namespace {

using Json = nlohmann::json;
constexpr int64_t kMaxResultWindow = 10'000;
constexpr int64_t kMaxBuckets = 65'536;
constexpr int64_t kTotalHitsCap = 10'000;

struct Match {
  const Index* index;
  const Doc* doc;
};

struct SortKey {
  std::string field;
  bool asc = true;
};

int64_t int_param(const Json& v, const std::string& name) {
  if (!v.is_number_integer()) parsing_error("[" + name + "] must be an integer");
  return v.get<int64_t>();
}

std::vector<SortKey> parse_sort(const Json& sort) {
  std::vector<SortKey> keys;
  auto one = [&](const Json& item) {
    if (item.is_string()) {
      if (item.get<std::string>() == "_score" || item.get<std::string>() == "_doc")
        parsing_error("sort on [" + item.get<std::string>() + "] is not emulated by the double");
      keys.push_back({item.get<std::string>(), true});
      return;
    }
    if (!item.is_object() || item.size() != 1) parsing_error("malformed sort: " + item.dump());
    SortKey k{item.begin().key(), true};
    const Json& spec = item.begin().value();
    std::string order;
    if (spec.is_string()) {
      order = spec.get<std::string>();
    } else if (spec.is_object()) {
      for (auto it = spec.begin(); it != spec.end(); ++it) {
        if (it.key() == "order") order = it->get<std::string>();
        else if (it.key() != "unmapped_type") parsing_error("sort option [" + it.key() + "] is not emulated by the double");
      }
    } else {
      parsing_error("malformed sort: " + item.dump());
    }
    if (order == "desc") k.asc = false;
    else if (!order.empty() && order != "asc") parsing_error("unknown sort order [" + order + "]");
    keys.push_back(k);
  };
  if (sort.is_array()) {
    for (const auto& s : sort) one(s);
  } else {
    one(sort);
  }
  return keys;
}

// Sort value of a document: lowest value ascending, highest descending; null when missing.
Json sort_value(const Match& m, const SortKey& k) {
  EvalContext ctx{&m.index->mapping, ""};
  auto values = field_values(ctx, m.doc->source, k.field);
  if (values.empty()) return Json();
  const Json* best = values.front();
  for (const Json* v : values) {
    int c = compare_scalars(*v, *best);
    if ((k.asc && c < 0) || (!k.asc && c > 0)) best = v;
  }
  Json out = *best;
  // Elasticsearch reports keyword sort values as strings and long/date values as numbers.
  auto type = m.index->mapping.type_of(k.field);
  if (type && (*type == FieldType::Long || *type == FieldType::Integer || *type == FieldType::Date) && out.is_string()) {
    try {
      out = std::stoll(out.get<std::string>());
    } catch (const std::exception&) {
    }
  }
  return out;
}

// Compares sort tuples honouring directions; missing values sort last.
int compare_tuples(const std::vector<Json>& a, const std::vector<Json>& b, const std::vector<SortKey>& keys) {
  for (size_t i = 0; i < keys.size(); ++i) {
    const bool an = a[i].is_null(), bn = b[i].is_null();
    if (an || bn) {
      if (an && bn) continue;
      return an ? 1 : -1;
    }
    int c = compare_scalars(a[i], b[i]);
    if (c != 0) return keys[i].asc ? c : -c;
  }
  return 0;
}

struct Aggregation;
using Aggregations = std::vector<std::pair<std::string, std::unique_ptr<Aggregation>>>;

struct Aggregation {
  enum class Kind { Terms, Max } kind = Kind::Terms;
  std::string field;
  int64_t size = 10;
  std::vector<std::pair<std::string, bool>> order;  // (key, asc)
  Aggregations sub;
};

Aggregations parse_aggs(const Json& aggs);

std::unique_ptr<Aggregation> parse_agg(const std::string& name, const Json& def) {
  if (!def.is_object()) parsing_error("aggregation [" + name + "] must be an object");
  auto agg = std::make_unique<Aggregation>();
  bool typed = false;
  for (auto it = def.begin(); it != def.end(); ++it) {
    const std::string& k = it.key();
    if (k == "aggs" || k == "aggregations") {
      agg->sub = parse_aggs(*it);
    } else if (k == "terms" || k == "max") {
      if (typed) parsing_error("found two aggregation type definitions in [" + name + "]");
      typed = true;
      agg->kind = k == "terms" ? Aggregation::Kind::Terms : Aggregation::Kind::Max;
      if (!it->is_object()) parsing_error("[" + k + "] aggregation must be an object");
      for (auto p = it->begin(); p != it->end(); ++p) {
        const std::string& pk = p.key();
        if (pk == "field") agg->field = p->get<std::string>();
        else if (k == "terms" && pk == "size") agg->size = int_param(*p, "size");
        else if (k == "terms" && pk == "shard_size") int_param(*p, "shard_size");
        else if (k == "terms" && pk == "order") {
          auto add = [&](const Json& o) {
            if (!o.is_object() || o.size() != 1 || !o.begin()->is_string())
              parsing_error("malformed terms order: " + o.dump());
            const std::string dir = o.begin()->get<std::string>();
            if (dir != "asc" && dir != "desc") parsing_error("unknown order direction [" + dir + "]");
            agg->order.emplace_back(o.begin().key(), dir == "asc");
          };
          if (p->is_array()) {
            for (const auto& o : *p) add(o);
          } else {
            add(*p);
          }
        } else {
          parsing_error("[" + k + "] aggregation option [" + pk + "] is not emulated by the double");
        }
      }
      if (agg->field.empty()) parsing_error("[" + k + "] aggregation [" + name + "] requires a field");
    } else {
      parsing_error("unknown aggregation type [" + k + "] in [" + name + "] (not emulated by the double)");
    }
  }
  if (!typed) parsing_error("missing aggregation type in [" + name + "]");
  if (agg->kind == Aggregation::Kind::Terms) {
    if (agg->size <= 0) illegal_argument("[size] must be greater than 0. Found [" + std::to_string(agg->size) + "] in [" + name + "]");
    if (agg->size > kMaxBuckets)
      throw EsException(400, "too_many_buckets_exception", "Trying to create too many buckets. Must be less than or equal to: [65536]");
    for (const auto& [key, _] : agg->order) {
      if (key == "_count" || key == "_key") continue;
      auto it = std::find_if(agg->sub.begin(), agg->sub.end(), [&](const auto& s) { return s.first == key; });
      if (it == agg->sub.end() || it->second->kind != Aggregation::Kind::Max)
        illegal_argument("Invalid aggregator order path [" + key + "]. Unknown aggregation [" + key + "]");
    }
  }
  return agg;
}

Aggregations parse_aggs(const Json& aggs) {
  if (!aggs.is_object()) parsing_error("aggregations must be an object");
  Aggregations out;
  for (auto it = aggs.begin(); it != aggs.end(); ++it) out.emplace_back(it.key(), parse_agg(it.key(), *it));
  return out;
}

Json compute_aggs(const Aggregations& aggs, const std::vector<Match>& docs);

Json max_value(const Aggregation& a, const std::vector<Match>& docs) {
  bool any = false;
  long double best = 0;
  for (const auto& m : docs) {
    EvalContext ctx{&m.index->mapping, ""};
    for (const Json* v : field_values(ctx, m.doc->source, a.field)) {
      long double x;
      if (v->is_number()) x = v->is_number_integer() ? static_cast<long double>(v->get<int64_t>()) : v->get<double>();
      else if (v->is_string()) {
        try {
          x = std::stold(v->get<std::string>());
        } catch (const std::exception&) {
          continue;
        }
      } else continue;
      if (!any || x > best) best = x;
      any = true;
    }
  }
  return any ? Json{{"value", static_cast<double>(best)}} : Json{{"value", nullptr}};
}

Json terms_buckets(const Aggregation& a, const std::vector<Match>& docs) {
  std::map<std::string, std::vector<Match>> groups;
  std::map<std::string, Json> keys;
  for (const auto& m : docs) {
    EvalContext ctx{&m.index->mapping, ""};
    std::map<std::string, Json> seen;
    for (const Json* v : field_values(ctx, m.doc->source, a.field)) seen.emplace(keyword_text(*v), *v);
    for (auto& [k, v] : seen) {
      groups[k].push_back(m);
      keys.emplace(k, v.is_string() || v.is_number() ? v : Json(k));
    }
  }
  struct Bucket {
    std::string key;
    size_t count;
    Json sub;
  };
  std::vector<Bucket> buckets;
  for (auto& [k, members] : groups) buckets.push_back({k, members.size(), compute_aggs(a.sub, members)});
  auto order = a.order.empty() ? std::vector<std::pair<std::string, bool>>{{"_count", false}} : a.order;
  std::stable_sort(buckets.begin(), buckets.end(), [&](const Bucket& x, const Bucket& y) {
    for (const auto& [key, asc] : order) {
      int c = 0;
      if (key == "_count") c = x.count < y.count ? -1 : (x.count > y.count ? 1 : 0);
      else if (key == "_key") c = compare_scalars(keys[x.key], keys[y.key]);
      else {
        const Json& xv = x.sub[key]["value"];
        const Json& yv = y.sub[key]["value"];
        if (xv.is_null() != yv.is_null()) return !xv.is_null();
        if (!xv.is_null()) c = compare_scalars(xv, yv);
      }
      if (c != 0) return asc ? c < 0 : c > 0;
    }
    return compare_scalars(keys[x.key], keys[y.key]) < 0;
  });
  Json out = Json::array();
  size_t other = 0;
  for (size_t i = 0; i < buckets.size(); ++i) {
    if (static_cast<int64_t>(i) >= a.size) {
      other += buckets[i].count;
      continue;
    }
    Json b = buckets[i].sub.is_object() ? buckets[i].sub : Json::object();
    b["key"] = keys[buckets[i].key];
    b["doc_count"] = buckets[i].count;
    out.push_back(b);
  }
  return Json{{"doc_count_error_upper_bound", 0}, {"sum_other_doc_count", other}, {"buckets", out}};
}

Json compute_aggs(const Aggregations& aggs, const std::vector<Match>& docs) {
  Json out = Json::object();
  for (const auto& [name, a] : aggs)
    out[name] = a->kind == Aggregation::Kind::Max ? max_value(*a, docs) : terms_buckets(*a, docs);
  return out;
}

}  // namespace

SearchResult execute_search(const std::vector<Index*>& targets, const Json& request, bool hit_type) {
  if (!request.is_object()) parsing_error("request body must be a JSON object");
  std::unique_ptr<Query> query;
  int64_t size = 10, from = 0;
  std::vector<SortKey> sort;
  Json search_after;
  Aggregations aggs;
  bool has_aggs = false;
  bool track_total = false;
  for (auto it = request.begin(); it != request.end(); ++it) {
    const std::string& k = it.key();
    if (k == "query") query = parse_query(*it);
    else if (k == "size") size = int_param(*it, "size");
    else if (k == "from") from = int_param(*it, "from");
    else if (k == "sort") sort = parse_sort(*it);
    else if (k == "search_after") {
      if (!it->is_array()) parsing_error("[search_after] must be an array");
      search_after = *it;
    } else if (k == "aggs" || k == "aggregations") {
      aggs = parse_aggs(*it);
      has_aggs = true;
    } else if (k == "track_total_hits") {
      track_total = it->is_boolean() && it->get<bool>();
    } else if (k == "terminate_after") {
      int_param(*it, "terminate_after");
    } else {
      parsing_error("Unknown key for a START_OBJECT in [" + k + "] (not emulated by the double)");
    }
  }
  if (size < 0 || from < 0) illegal_argument("[from] and [size] must not be negative");
  if (from + size > kMaxResultWindow)
    illegal_argument("Result window is too large, from + size must be less than or equal to: [10000] but was [" +
                     std::to_string(from + size) + "]. See the scroll api for a more efficient way to request large "
                     "data sets. This limit can be set by changing the [index.max_result_window] index level setting.");
  if (!search_after.is_null()) {
    if (sort.empty()) illegal_argument("Sort must contain at least one field.");
    if (search_after.size() != sort.size())
      illegal_argument("search_after has " + std::to_string(search_after.size()) + " value(s) but sort has " +
                       std::to_string(sort.size()) + ".");
    if (from > 0) illegal_argument("[from] parameter must be set to 0 when [search_after] is used.");
  }
  if (!query) query = parse_query(Json{{"match_all", Json::object()}});

  std::vector<Match> matches;
  for (const Index* idx : targets) {
    EvalContext ctx{&idx->mapping, ""};
    for (const auto& d : idx->docs)
      if (query->matches(ctx, d.source)) matches.push_back({idx, &d});
  }
  const size_t total = matches.size();

  std::vector<std::pair<Match, std::vector<Json>>> ordered;
  ordered.reserve(matches.size());
  for (const auto& m : matches) {
    std::vector<Json> values;
    for (const auto& k : sort) values.push_back(sort_value(m, k));
    ordered.emplace_back(m, std::move(values));
  }
  if (!sort.empty())
    std::stable_sort(ordered.begin(), ordered.end(),
                     [&](const auto& a, const auto& b) { return compare_tuples(a.second, b.second, sort) < 0; });
  if (!search_after.is_null()) {
    std::vector<Json> after(search_after.begin(), search_after.end());
    ordered.erase(std::remove_if(ordered.begin(), ordered.end(),
                                 [&](const auto& e) { return compare_tuples(e.second, after, sort) <= 0; }),
                  ordered.end());
  }

  std::string hits;
  for (int64_t i = from; i < static_cast<int64_t>(ordered.size()) && i < from + size; ++i) {
    const auto& [m, values] = ordered[static_cast<size_t>(i)];
    if (!hits.empty()) hits += ',';
    hits += "{\"_index\":" + Json(m.index->name).dump();
    if (hit_type) hits += ",\"_type\":\"_doc\"";
    hits += ",\"_id\":" + Json(m.doc->id).dump();
    hits += sort.empty() ? ",\"_score\":1.0" : ",\"_score\":null";
    hits += ",\"_source\":" + m.doc->raw;
    if (!sort.empty()) hits += ",\"sort\":" + Json(values).dump();
    hits += '}';
  }
  const bool capped = !track_total && total > static_cast<size_t>(kTotalHitsCap);
  Json total_json{{"value", capped ? kTotalHitsCap : static_cast<int64_t>(total)}, {"relation", capped ? "gte" : "eq"}};
  std::string body = "{\"took\":1,\"timed_out\":false,\"_shards\":{\"total\":" + std::to_string(targets.size()) +
                     ",\"successful\":" + std::to_string(targets.size()) + ",\"skipped\":0,\"failed\":0}," +
                     "\"hits\":{\"total\":" + total_json.dump() + ",\"max_score\":" +
                     (sort.empty() && total ? "1.0" : "null") + ",\"hits\":[" + hits + "]}";
  // Like Elasticsearch, a search that reached no index (all missing, ignore_unavailable) has no aggregations.
  if (has_aggs && !targets.empty()) body += ",\"aggregations\":" + compute_aggs(aggs, matches).dump();
  body += '}';
  return SearchResult{std::move(body)};
}

}  // namespace peregrine::esdouble
