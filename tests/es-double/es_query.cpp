// Query DSL subset of the Elasticsearch double (see es_query.hpp).
#include "tests/es-double/es_query.hpp"

#include <cstdlib>

#include "backend/esutil/civil_time.hpp"
#include "tests/es-double/es_errors.hpp"

namespace peregrine::esdouble {

namespace {

using Json = nlohmann::json;

bool as_number(const Json& v, long double* out) {
  if (v.is_number()) {
    *out = v.is_number_integer() ? static_cast<long double>(v.is_number_unsigned() ? v.get<uint64_t>() * 1.0L
                                                                                   : v.get<int64_t>() * 1.0L)
                                 : static_cast<long double>(v.get<double>());
    return true;
  }
  if (v.is_string()) {
    const std::string& s = v.get_ref<const std::string&>();
    if (s.empty()) return false;
    char* end = nullptr;
    long double d = std::strtold(s.c_str(), &end);
    if (end != s.c_str() + s.size()) return false;
    *out = d;
    return true;
  }
  return false;
}

bool as_instant(const Json& v, int64_t* us) {
  return v.is_string() && esutil::parse_rfc3339(v.get<std::string>(), us);
}

// Splits "a.b.c" into segments.
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    out.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

// Relative path of `field` inside the context, or "" when the field is not visible from it (outside the
// context, or behind a nested boundary the query has not entered).
std::string visible_relative_path(const EvalContext& ctx, const std::string& field) {
  std::string rel = field;
  if (!ctx.nested_path.empty()) {
    if (field.rfind(ctx.nested_path + ".", 0) != 0) return "";
    rel = field.substr(ctx.nested_path.size() + 1);
  }
  if (ctx.mapping) {
    // Every strict prefix beyond the context must not be a nested object.
    size_t pos = 0;
    while ((pos = rel.find('.', pos)) != std::string::npos) {
      std::string prefix = (ctx.nested_path.empty() ? "" : ctx.nested_path + ".") + rel.substr(0, pos);
      if (ctx.mapping->is_nested(prefix)) return "";
      ++pos;
    }
  }
  return rel;
}

void collect(const Json& node, const std::vector<std::string>& segs, size_t i, std::vector<const Json*>& out,
             bool want_objects) {
  if (node.is_array()) {
    for (const auto& e : node) collect(e, segs, i, out, want_objects);
    return;
  }
  if (i == segs.size()) {
    if (want_objects ? node.is_object() : (!node.is_object() && !node.is_null())) out.push_back(&node);
    return;
  }
  if (!node.is_object()) return;
  auto it = node.find(segs[i]);
  if (it == node.end()) return;
  collect(*it, segs, i + 1, out, want_objects);
}

void expect_object(const Json& j, const std::string& what) {
  if (!j.is_object()) parsing_error("[" + what + "] query malformed, expected an object");
}

// { "field": value } or { "field": { "<value_key>": value, …allowed } } → (field, value)
std::pair<std::string, Json> single_field(const Json& body, const std::string& query, const std::string& value_key,
                                          const std::vector<std::string>& allowed) {
  expect_object(body, query);
  if (body.size() != 1) parsing_error("[" + query + "] query doesn't support multiple fields, found [" + body.dump() + "]");
  const std::string field = body.begin().key();
  const Json& v = body.begin().value();
  if (!v.is_object()) {
    if (v.is_array() || v.is_null()) parsing_error("[" + query + "] query does not support array or null values");
    return {field, v};
  }
  Json value;
  bool found = false;
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (it.key() == value_key) {
      value = *it;
      found = true;
    } else if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end()) {
      parsing_error("[" + query + "] query does not support [" + it.key() + "]");
    }
  }
  if (!found) parsing_error("[" + query + "] query for field [" + field + "] has no [" + value_key + "]");
  return {field, value};
}

class MatchAll : public Query {
 public:
  bool matches(const EvalContext&, const Json&) const override { return true; }
};

class Term : public Query {
 public:
  Term(std::string field, Json value) : field_(std::move(field)), value_(std::move(value)) {
    if (value_.is_object() || value_.is_array() || value_.is_null()) parsing_error("[term] value must be a scalar");
  }
  bool matches(const EvalContext& ctx, const Json& node) const override {
    const auto type = ctx.mapping ? ctx.mapping->type_of(field_) : std::nullopt;
    const bool numeric = type && (*type == FieldType::Long || *type == FieldType::Integer ||
                                  *type == FieldType::Double || *type == FieldType::Date);
    const std::string want = keyword_text(value_);
    for (const Json* v : field_values(ctx, node, field_)) {
      if (numeric) {
        long double a, b;
        if (as_number(*v, &a) && as_number(value_, &b) && a == b) return true;
      } else if (keyword_text(*v) == want) {
        return true;
      }
    }
    return false;
  }

 private:
  std::string field_;
  Json value_;
};

class Range : public Query {
 public:
  explicit Range(const Json& body) {
    expect_object(body, "range");
    if (body.size() != 1) parsing_error("[range] query doesn't support multiple fields");
    field_ = body.begin().key();
    const Json& b = body.begin().value();
    expect_object(b, "range");
    for (auto it = b.begin(); it != b.end(); ++it) {
      const std::string& k = it.key();
      if (k == "gte" || k == "gt" || k == "lte" || k == "lt") {
        if (!(it->is_number() || it->is_string())) parsing_error("[range] bound [" + k + "] must be a number or string");
        bounds_.emplace_back(k, *it);
      } else if (k != "boost" && k != "format") {
        parsing_error("[range] query does not support [" + k + "]");
      }
    }
  }
  bool matches(const EvalContext& ctx, const Json& node) const override {
    for (const Json* v : field_values(ctx, node, field_)) {
      bool ok = true;
      for (const auto& [op, bound] : bounds_) {
        int c = compare_scalars(*v, bound);
        if ((op == "gte" && c < 0) || (op == "gt" && c <= 0) || (op == "lte" && c > 0) || (op == "lt" && c >= 0)) {
          ok = false;
          break;
        }
      }
      if (ok) return true;
    }
    return false;
  }

 private:
  std::string field_;
  std::vector<std::pair<std::string, Json>> bounds_;
};

class Bool : public Query {
 public:
  explicit Bool(const Json& body) {
    expect_object(body, "bool");
    for (auto it = body.begin(); it != body.end(); ++it) {
      const std::string& k = it.key();
      if (k == "must") add(must_, *it);
      else if (k == "filter") add(filter_, *it);
      else if (k == "should") add(should_, *it);
      else if (k == "must_not") add(must_not_, *it);
      else if (k == "minimum_should_match") {
        if (it->is_number_integer()) min_should_ = it->get<int>();
        else if (it->is_string()) min_should_ = std::atoi(it->get<std::string>().c_str());
        else parsing_error("[bool] minimum_should_match must be an integer");
        min_should_given_ = true;
      } else if (k != "boost") {
        parsing_error("[bool] query does not support [" + k + "]");
      }
    }
  }
  bool matches(const EvalContext& ctx, const Json& node) const override {
    for (const auto& q : must_)
      if (!q->matches(ctx, node)) return false;
    for (const auto& q : filter_)
      if (!q->matches(ctx, node)) return false;
    for (const auto& q : must_not_)
      if (q->matches(ctx, node)) return false;
    int required = min_should_given_ ? min_should_ : ((must_.empty() && filter_.empty() && !should_.empty()) ? 1 : 0);
    if (required <= 0) return true;
    int hits = 0;
    for (const auto& q : should_)
      if (q->matches(ctx, node) && ++hits >= required) return true;
    return false;
  }

 private:
  static void add(std::vector<std::unique_ptr<Query>>& into, const Json& clauses) {
    if (clauses.is_array()) {
      for (const auto& c : clauses) into.push_back(parse_query(c));
    } else {
      into.push_back(parse_query(clauses));
    }
  }
  std::vector<std::unique_ptr<Query>> must_, filter_, should_, must_not_;
  int min_should_ = 0;
  bool min_should_given_ = false;
};

class Nested : public Query {
 public:
  explicit Nested(const Json& body) {
    expect_object(body, "nested");
    for (auto it = body.begin(); it != body.end(); ++it) {
      const std::string& k = it.key();
      if (k == "path") path_ = it->get<std::string>();
      else if (k == "query") inner_ = parse_query(*it);
      else if (k != "score_mode" && k != "ignore_unmapped" && k != "boost")
        parsing_error("[nested] query does not support [" + k + "]");
    }
    if (path_.empty()) parsing_error("[nested] requires 'path' field");
    if (!inner_) parsing_error("[nested] requires 'query' field");
  }
  bool matches(const EvalContext& ctx, const Json& node) const override {
    if (ctx.mapping && !ctx.mapping->is_nested(path_)) {
      if (!ctx.mapping->type_of(path_)) return false;  // unmapped in this index: matches nothing
      throw EsException(400, "query_shard_exception",
                        "[nested] nested object under path [" + path_ + "] is not of nested type");
    }
    std::string rel = path_;
    if (!ctx.nested_path.empty()) {
      if (path_.rfind(ctx.nested_path + ".", 0) != 0) return false;
      rel = path_.substr(ctx.nested_path.size() + 1);
    }
    std::vector<const Json*> elems;
    collect(node, split_path(rel), 0, elems, /*want_objects=*/true);
    EvalContext inner{ctx.mapping, path_};
    for (const Json* e : elems)
      if (inner_->matches(inner, *e)) return true;
    return false;
  }

 private:
  std::string path_;
  std::unique_ptr<Query> inner_;
};

}  // namespace

std::string keyword_text(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

int compare_scalars(const Json& a, const Json& b) {
  if (a.is_number_integer() && b.is_number_integer() && !a.is_number_unsigned() && !b.is_number_unsigned()) {
    int64_t x = a.get<int64_t>(), y = b.get<int64_t>();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  long double x, y;
  if ((a.is_number() || b.is_number()) && as_number(a, &x) && as_number(b, &y)) return x < y ? -1 : (x > y ? 1 : 0);
  int64_t ta, tb;
  if (as_instant(a, &ta) && as_instant(b, &tb)) return ta < tb ? -1 : (ta > tb ? 1 : 0);
  if (a.is_boolean() && b.is_boolean()) return static_cast<int>(a.get<bool>()) - static_cast<int>(b.get<bool>());
  const std::string sa = keyword_text(a), sb = keyword_text(b);
  return sa < sb ? -1 : (sa > sb ? 1 : 0);
}

std::vector<const Json*> field_values(const EvalContext& ctx, const Json& node, const std::string& field) {
  std::vector<const Json*> out;
  const std::string rel = visible_relative_path(ctx, field);
  if (rel.empty()) return out;
  collect(node, split_path(rel), 0, out, /*want_objects=*/false);
  return out;
}

std::unique_ptr<Query> parse_query(const Json& q) {
  if (!q.is_object() || q.size() != 1) parsing_error("query malformed, must start with a single query name: " + q.dump());
  const std::string type = q.begin().key();
  const Json& body = q.begin().value();
  if (type == "match_all") {
    expect_object(body, type);
    return std::make_unique<MatchAll>();
  }
  if (type == "term") {
    auto [f, v] = single_field(body, "term", "value", {"boost", "case_insensitive"});
    return std::make_unique<Term>(f, v);
  }
  if (type == "match") {
    // No analysis: exact match of the whole value, which is what keyword fields do.
    auto [f, v] = single_field(body, "match", "query", {"boost", "operator"});
    return std::make_unique<Term>(f, v);
  }
  if (type == "range") return std::make_unique<Range>(body);
  if (type == "bool") return std::make_unique<Bool>(body);
  if (type == "nested") return std::make_unique<Nested>(body);
  parsing_error("unknown query [" + type + "] (not emulated by the double)");
}

}  // namespace peregrine::esdouble
