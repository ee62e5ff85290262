// Client-side routing with the History API. Paths are relative to the configured base path:
// "/" and "/search" → search, "/trace/<id>" → trace view, "/trace/<a>...<b>" → trace comparison (Jaeger UI's
// form; either side may be empty while it is being chosen), "/dependencies" → service graph.

// "abc...def" → ['abc', 'def'], "abc..." → ['abc', ''], "abc" → null.
export function parseCompareIds(segment) {
  const at = segment.indexOf('...');
  if (at < 0) return null;
  return [segment.slice(0, at), segment.slice(at + 3)];
}

// The relative URL of the comparison of traces a and b; `cohort` (trace IDs offered as choices) goes in
// the query string as Jaeger UI does.
export function compareHref(a, b, cohort = []) {
  const params = new URLSearchParams();
  for (const id of new Set(cohort.filter(Boolean))) params.append('cohort', id);
  const query = params.toString();
  return `trace/${encodeURIComponent(a || '')}...${encodeURIComponent(b || '')}${query ? `?${query}` : ''}`;
}

export function parseRoute(pathname, search, basePath) {
  let rel = pathname;
  if (basePath && (rel === basePath || rel.startsWith(`${basePath}/`))) rel = rel.slice(basePath.length);
  const segments = rel.split('/').filter(Boolean).map(decodeURIComponent);
  const query = new URLSearchParams(search);
  if (segments.length === 0 || (segments.length === 1 && segments[0] === 'search')) return { page: 'search', query };
  if (segments[0] === 'trace' && segments.length === 2) {
    const compared = parseCompareIds(segments[1]);
    if (compared) return { page: 'compare', traceIDs: compared, query };
    return { page: 'trace', traceID: segments[1], query };
  }
  if (segments.length === 1 && segments[0] === 'dependencies') return { page: 'dependencies', query };
  return { page: 'notfound', query, path: rel };
}

export class Router {
  constructor(basePath, onRoute) {
    this.basePath = basePath;
    this.onRoute = onRoute;
  }

  start() {
    window.addEventListener('popstate', () => this.onRoute(this.current()));
    document.addEventListener('click', (event) => this.interceptClick(event));
    this.onRoute(this.current());
  }

  current() {
    return parseRoute(window.location.pathname, window.location.search, this.basePath);
  }

  // "trace/abc?uiFind=x" → "/jaeger/trace/abc?uiFind=x"
  href(relative) {
    return `${this.basePath}/${String(relative).replace(/^\/+/, '')}`;
  }

  navigate(relative, { replace = false } = {}) {
    const target = this.href(relative);
    if (replace) window.history.replaceState(null, '', target);
    else window.history.pushState(null, '', target);
    this.onRoute(this.current());
  }

  // Updates the query string of the current entry without re-routing (e.g. the find box).
  replaceQuery(params) {
    const url = new URL(window.location.href);
    url.search = params.toString();
    window.history.replaceState(null, '', url.toString());
  }

  interceptClick(event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event.target.closest && event.target.closest('a[href]');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    const prefix = `${this.basePath}/`;
    if (!(url.pathname === this.basePath || url.pathname.startsWith(prefix))) return;
    const rel = url.pathname.slice(prefix.length);
    if (rel.startsWith('api/') || rel.startsWith('static/')) return;
    event.preventDefault();
    window.history.pushState(null, '', url.pathname + url.search + url.hash);
    this.onRoute(this.current());
  }
}
