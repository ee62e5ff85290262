// Runtime configuration: the base path and the --query.ui-config document injected by the server into
// window.__PEREGRINE_CONFIG__, merged over Jaeger-compatible defaults.

const DEFAULT_UI_CONFIG = {
  dependencies: { menuEnabled: true, dagMaxNumServices: 200 },
  menu: [],
  search: {
    maxLookback: { label: '2 Days', value: '2d' },
    maxLimit: 1500,
    defaultLookback: '1h',
    defaultLimit: 20,
  },
  linkPatterns: [],
};

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function deepMerge(base, override) {
  if (!isPlainObject(base) || !isPlainObject(override)) return override === undefined ? base : override;
  const out = { ...base };
  for (const [k, v] of Object.entries(override)) out[k] = deepMerge(base[k], v);
  return out;
}

export function loadConfig() {
  const injected = window.__PEREGRINE_CONFIG__ || {};
  const basePath = String(injected.basePath || '').replace(/\/+$/, '');
  const uiConfig = deepMerge(DEFAULT_UI_CONFIG, isPlainObject(injected.uiConfig) ? injected.uiConfig : {});
  // Jaeger's `search.maxLookback` may be given without the rest; `search.defaultLookback` is ours.
  return { basePath, version: injected.version || 'dev', ui: uiConfig };
}
