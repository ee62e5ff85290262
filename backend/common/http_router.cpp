// HttpRouter: segment-wise matching of request paths against "{name}" patterns, after stripping the
// configured base path. The most specific matching route (most literal segments) wins; HEAD falls back to
// GET routes.
#include "backend/common/http_router.hpp"

#include <memory>

#include "backend/common/http_error.hpp"

namespace peregrine::common {

namespace {

// "/a//b/" → {"a","b"}: empty segments are ignored, which makes matching trailing-slash tolerant.
std::vector<std::string> split_segments(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > i) out.emplace_back(path.substr(i, slash - i));
    i = slash + 1;
  }
  return out;
}

bool is_param(const std::string& segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

std::string normalize_base_path(std::string base) {
  while (!base.empty() && base.back() == '/') base.pop_back();
  if (!base.empty() && base.front() != '/') base.insert(base.begin(), '/');
  return base;
}

// Strips `base` from `path`: "/jaeger/api" → "/api", "/jaeger" → "/"; nullopt if path is outside base.
std::optional<std::string> strip_base(const std::string& base, const std::string& path) {
  if (base.empty()) return path;
  if (path.compare(0, base.size(), base) != 0) return std::nullopt;
  std::string rest = path.substr(base.size());
  if (rest.empty()) return std::string("/");
  if (rest.front() != '/') return std::nullopt;  // "/jaegerx" is not under "/jaeger"
  return rest;
}

// Number of literal segments if `segments` matches the route, else -1. Fills params on match.
int match_route(const std::vector<std::string>& route, const std::vector<std::string>& segments,
                PathParams& params) {
  if (route.size() != segments.size()) return -1;
  int literals = 0;
  for (size_t i = 0; i < route.size(); ++i) {
    if (is_param(route[i])) continue;
    if (route[i] != segments[i]) return -1;
    ++literals;
  }
  params.clear();
  for (size_t i = 0; i < route.size(); ++i) {
    if (is_param(route[i])) params[route[i].substr(1, route[i].size() - 2)] = segments[i];
  }
  return literals;
}

}  // namespace

HttpRouter::HttpRouter(std::string base_path) : base_path_(normalize_base_path(std::move(base_path))) {}

void HttpRouter::add(const std::string& method, const std::string& pattern, RoutedHandler h) {
  routes_.push_back({Route{method, split_segments(pattern)}, std::move(h)});
}

void HttpRouter::set_fallback(HttpHandler h) { fallback_ = std::move(h); }

HttpResponse HttpRouter::handle(const HttpRequest& req) const {
  auto stripped = strip_base(base_path_, req.path);
  if (!stripped) return json_error(404, "404 page not found");
  const std::vector<std::string> segments = split_segments(*stripped);

  const RoutedHandler* best = nullptr;
  int best_literals = -1;
  bool best_is_exact_method = false;
  PathParams best_params;
  std::string allowed;
  PathParams params;
  for (const auto& [route, handler] : routes_) {
    int literals = match_route(route.segments, segments, params);
    if (literals < 0) continue;
    bool exact = route.method == req.method;
    bool head_as_get = req.method == "HEAD" && route.method == "GET";
    if (!exact && !head_as_get) {
      if (allowed.find(route.method) == std::string::npos) {
        if (!allowed.empty()) allowed += ", ";
        allowed += route.method;
      }
      continue;
    }
    // Prefer more literal segments; at equal specificity an exact method beats HEAD→GET, then first added.
    if (literals > best_literals || (literals == best_literals && exact && !best_is_exact_method)) {
      best = &handler;
      best_literals = literals;
      best_is_exact_method = exact;
      best_params = params;
    }
  }
  if (best) {
    if (stripped == req.path) return (*best)(req, best_params);
    HttpRequest routed = req;
    routed.path = *stripped;
    return (*best)(routed, best_params);
  }
  if (!allowed.empty()) {
    HttpResponse r = json_error(405, "method " + req.method + " not allowed");
    r.headers.emplace_back("Allow", allowed);
    return r;
  }
  if (fallback_) {
    if (stripped == req.path) return fallback_(req);
    HttpRequest routed = req;
    routed.path = *stripped;
    return fallback_(routed);
  }
  return json_error(404, "404 page not found");
}

HttpHandler HttpRouter::as_handler() const {
  auto self = std::make_shared<const HttpRouter>(*this);
  return [self](const HttpRequest& req) { return self->handle(req); };
}

}  // namespace peregrine::common
