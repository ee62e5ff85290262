// Go duration strings ("1.2ms", "1h30m", "250us") as used by the query API's minDuration/maxDuration.

const UNIT_MICROS = { ns: 0.001, us: 1, 'µs': 1, 'μs': 1, ms: 1000, s: 1e6, m: 60e6, h: 3600e6 };
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gy;

// Microseconds, or null when the text is not a Go duration.
export function parseGoDuration(text) {
  const s = String(text).trim();
  if (!s) return null;
  if (s === '0') return 0;
  PART.lastIndex = 0;
  let total = 0;
  let consumed = 0;
  let match;
  while ((match = PART.exec(s)) !== null) {
    total += parseFloat(match[1]) * UNIT_MICROS[match[2]];
    consumed = PART.lastIndex;
  }
  return consumed === s.length ? total : null;
}

export function isGoDuration(text) {
  return parseGoDuration(text) !== null;
}

// Lookback values of the search form ("1h", "2d", "3w") → milliseconds; null when unknown.
export function lookbackToMillis(lookback) {
  const m = /^(\d+(?:\.\d+)?)(m|h|d|w)$/.exec(String(lookback || ''));
  if (!m) return null;
  const unit = { m: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 }[m[2]];
  return parseFloat(m[1]) * unit;
}
