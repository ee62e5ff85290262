// Query API response rendering (see api_response.hpp).
#include "backend/query/api_response.hpp"

#include "backend/convert/ui_json_writer.hpp"

namespace peregrine::query {

namespace {

bool pretty_print(const common::HttpRequest& req) {
  auto v = req.param("prettyPrint");
  return v && !v->empty() && *v != "false";
}

std::string render_structured(std::string_view data_json, size_t total, const std::vector<StructuredError>& errors,
                              bool empty_errors_as_null) {
  std::string out;
  convert::JsonWriter w(out);
  w.begin_object();
  w.key("data");
  w.raw(data_json);
  w.key("total");
  w.uint64(total);
  w.key("limit");
  w.int64(0);
  w.key("offset");
  w.int64(0);
  w.key("errors");
  if (errors.empty() && empty_errors_as_null) {
    w.null();
  } else {
    w.begin_array();
    for (const auto& e : errors) {
      w.begin_object();
      if (e.code != 0) {
        w.key("code");
        w.int64(e.code);
      }
      w.key("msg");
      w.string(e.msg);
      if (!e.trace_id.empty()) {
        w.key("traceID");
        w.string(e.trace_id);
      }
      w.end_object();
    }
    w.end_array();
  }
  w.end_object();
  return out;
}

}  // namespace

std::string structured_body(std::string_view data_json, size_t total, const std::vector<StructuredError>& errors) {
  return render_structured(data_json, total, errors, /*empty_errors_as_null=*/true);
}

common::HttpResponse structured_empty_ok(const common::HttpRequest& req) {
  std::string body = render_structured("[]", 0, {}, /*empty_errors_as_null=*/false);
  if (pretty_print(req)) body = convert::indent_json(body, "    ");
  return common::HttpResponse::json(200, std::move(body));
}

common::HttpResponse structured_ok(const common::HttpRequest& req, std::string_view data_json, size_t total,
                                   const std::vector<StructuredError>& errors) {
  std::string body = structured_body(data_json, total, errors);
  if (pretty_print(req)) body = convert::indent_json(body, "    ");
  return common::HttpResponse::json(200, std::move(body));
}

common::HttpResponse structured_error(int status, const std::string& msg) {
  return common::HttpResponse::json(status, structured_body("null", 0, {StructuredError{status, msg, ""}}));
}

common::HttpResponse gateway_ok(std::string body) { return common::HttpResponse::json(200, std::move(body)); }

common::HttpResponse gateway_error(int status, const std::string& message) {
  std::string out;
  convert::JsonWriter w(out);
  w.begin_object();
  w.key("error");
  w.begin_object();
  w.key("httpCode");
  w.int64(status);
  w.key("message");
  w.string(message);
  w.end_object();
  w.end_object();
  return common::HttpResponse::json(status, std::move(out));
}

}  // namespace peregrine::query
