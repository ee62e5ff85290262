// HttpRouter: maps (method, path pattern) to handlers. Patterns are literal paths with "{name}" segments,
// e.g. "/api/traces/{id}"; captured segments are available to the handler. Unknown path → 404,
// known path with another method → 405.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "backend/common/http_types.hpp"

namespace peregrine::common {

using PathParams = std::map<std::string, std::string>;
using RoutedHandler = std::function<HttpResponse(const HttpRequest&, const PathParams&)>;

class HttpRouter {
 public:
  // base_path (e.g. "/jaeger") is stripped from request paths before matching; "" or "/" = none.
  explicit HttpRouter(std::string base_path = "");
  void add(const std::string& method, const std::string& pattern, RoutedHandler h);
  // Fallback for paths matching no route (e.g. static UI assets). Default: 404 JSON.
  void set_fallback(HttpHandler h);
  HttpResponse handle(const HttpRequest& req) const;
  HttpHandler as_handler() const;  // copies *this into a HttpHandler

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;
  };
  std::string base_path_;
  std::vector<std::pair<Route, RoutedHandler>> routes_;
  HttpHandler fallback_;
};

}  // namespace peregrine::common
