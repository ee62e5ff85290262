// The search page's URL parameters (Jaeger-compatible: service, operation, tags, lookback, start, end,
// limit, minDuration, maxDuration, traceID) ⇔ form values ⇔ the query sent to /api/traces. Pure.
import { parseLogfmt, formatLogfmt } from '../../lib/logfmt.js';
import { lookbackToMillis } from '../../lib/go_duration.js';

export const ALL_OPERATIONS = 'all';

export const LOOKBACK_OPTIONS = [
  { value: '5m', label: 'Last 5 Minutes' },
  { value: '15m', label: 'Last 15 Minutes' },
  { value: '30m', label: 'Last 30 Minutes' },
  { value: '1h', label: 'Last Hour' },
  { value: '2h', label: 'Last 2 Hours' },
  { value: '3h', label: 'Last 3 Hours' },
  { value: '6h', label: 'Last 6 Hours' },
  { value: '12h', label: 'Last 12 Hours' },
  { value: '24h', label: 'Last 24 Hours' },
  { value: '2d', label: 'Last 2 Days' },
  { value: '3d', label: 'Last 3 Days' },
  { value: '5d', label: 'Last 5 Days' },
  { value: '7d', label: 'Last 7 Days' },
  { value: '2w', label: 'Last 2 Weeks' },
  { value: '3w', label: 'Last 3 Weeks' },
  { value: '4w', label: 'Last 4 Weeks' },
];

// Lookback choices allowed by search.maxLookback (plus "custom" time range).
export function lookbackOptions(searchConfig) {
  const max = lookbackToMillis(searchConfig.maxLookback && searchConfig.maxLookback.value) || Infinity;
  return LOOKBACK_OPTIONS.filter((o) => lookbackToMillis(o.value) <= max);
}

// Tags from the URL: Jaeger stores a JSON object; hand-written URLs may use logfmt.
export function tagsFromParam(param) {
  if (!param) return {};
  try {
    const parsed = JSON.parse(param);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
  } catch (_) { /* not JSON */ }
  try {
    return parseLogfmt(param);
  } catch (_) {
    return {};
  }
}

// URLSearchParams → form values.
export function formValuesFromParams(params, searchConfig, lastService) {
  const get = (k) => params.get(k) || '';
  return {
    service: get('service') || lastService || '',
    operation: get('operation') || ALL_OPERATIONS,
    tags: formatLogfmt(tagsFromParam(params.get('tags'))),
    lookback: get('lookback') || searchConfig.defaultLookback || '1h',
    start: get('start'),
    end: get('end'),
    minDuration: get('minDuration'),
    maxDuration: get('maxDuration'),
    limit: get('limit') || String(searchConfig.defaultLimit || 20),
  };
}

// Form values → URLSearchParams for the search page URL. Tags are validated logfmt → JSON.
export function paramsFromFormValues(values, nowMs = Date.now()) {
  const params = new URLSearchParams();
  params.set('service', values.service);
  if (values.operation && values.operation !== ALL_OPERATIONS) params.set('operation', values.operation);
  const tags = parseLogfmt(values.tags || '');
  if (Object.keys(tags).length) params.set('tags', JSON.stringify(tags));
  params.set('lookback', values.lookback);
  if (values.lookback === 'custom') {
    params.set('start', values.start);
    params.set('end', values.end);
  } else {
    const endUs = nowMs * 1000;
    params.set('start', String(endUs - lookbackToMillis(values.lookback) * 1000));
    params.set('end', String(endUs));
  }
  if (values.minDuration) params.set('minDuration', values.minDuration.trim());
  if (values.maxDuration) params.set('maxDuration', values.maxDuration.trim());
  params.set('limit', values.limit || '20');
  return params;
}

// URLSearchParams → the /api/traces query. A relative lookback is re-anchored at "now", so reloading a
// search link shows fresh results; "custom" keeps the explicit start/end.
export function apiQueryFromParams(params, nowMs = Date.now()) {
  const lookback = params.get('lookback') || '1h';
  let start = params.get('start');
  let end = params.get('end');
  const lookbackMs = lookbackToMillis(lookback);
  if (lookback !== 'custom' && lookbackMs) {
    end = String(nowMs * 1000);
    start = String(nowMs * 1000 - lookbackMs * 1000);
  }
  const operation = params.get('operation');
  return {
    service: params.get('service') || undefined,
    operation: operation && operation !== ALL_OPERATIONS ? operation : undefined,
    tags: tagsFromParam(params.get('tags')),
    start: start || undefined,
    end: end || undefined,
    lookback: lookback !== 'custom' ? lookback : undefined,
    limit: params.get('limit') || '20',
    minDuration: params.get('minDuration') || undefined,
    maxDuration: params.get('maxDuration') || undefined,
  };
}
