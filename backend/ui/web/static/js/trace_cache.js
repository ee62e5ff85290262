// Traces already loaded in this tab (from search results or an uploaded JSON file), so opening one from
// the results list is instant and uploaded traces can be viewed without the server.

const MAX_ENTRIES = 500;
const cache = new Map();

export function rememberTraces(traces) {
  for (const trace of traces || []) {
    if (!trace || !trace.traceID) continue;
    cache.delete(trace.traceID);
    cache.set(trace.traceID, trace);
  }
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value);
}

export function cachedTrace(traceID) {
  return cache.get(traceID) || null;
}

// The cached traces, most recently loaded first (at most `limit`).
export function cachedTraces(limit = 50) {
  return [...cache.values()].reverse().slice(0, limit);
}
