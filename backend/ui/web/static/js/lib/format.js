// Human-readable formatting of durations (microseconds), timestamps and relative times.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function trimNumber(value, digits) {
  return Number(value.toFixed(digits)).toString();
}

// 850 → "850μs", 1234 → "1.23ms", 2500000 → "2.5s", 125000000 → "2m 5s".
export function formatDuration(micros) {
  if (!Number.isFinite(micros)) return '—';
  const us = Math.max(0, micros);
  if (us < 1000) return `${trimNumber(us, 0)}μs`;
  if (us < 1e6) return `${trimNumber(us / 1000, us < 1e4 ? 2 : 1)}ms`;
  if (us < 60e6) return `${trimNumber(us / 1e6, us < 1e7 ? 2 : 1)}s`;
  const totalSeconds = us / 1e6;
  if (totalSeconds < 3600) {
    const minutes = Math.floor(totalSeconds / 60);
    const seconds = Math.round(totalSeconds - minutes * 60);
    return seconds ? `${minutes}m ${seconds}s` : `${minutes}m`;
  }
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.round((totalSeconds - hours * 3600) / 60);
  return minutes ? `${hours}h ${minutes}m` : `${hours}h`;
}

function pad(n, width = 2) {
  return String(n).padStart(width, '0');
}

// Microseconds since the epoch → "Apr 5 2024, 14:03:07.123".
export function formatTimestamp(micros) {
  const d = new Date(micros / 1000);
  return `${MONTHS[d.getMonth()]} ${d.getDate()} ${d.getFullYear()}, ${formatClock(micros)}`;
}

// Microseconds since the epoch → "14:03:07.123".
export function formatClock(micros, withMillis = true) {
  const d = new Date(micros / 1000);
  const base = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  return withMillis ? `${base}.${pad(d.getMilliseconds(), 3)}` : base;
}

// Microseconds since the epoch → "Today", "Yesterday" or "Apr 5 2024".
export function formatDay(micros) {
  const d = new Date(micros / 1000);
  const today = new Date();
  const yesterday = new Date(today.getTime() - 86400000);
  if (d.toDateString() === today.toDateString()) return 'Today';
  if (d.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return `${MONTHS[d.getMonth()]} ${d.getDate()} ${d.getFullYear()}`;
}

// Microseconds since the epoch → "just now", "5 minutes ago", "3 days ago".
export function formatRelative(micros, nowMs = Date.now()) {
  const seconds = Math.round((nowMs - micros / 1000) / 1000);
  if (seconds < 0) return 'in the future';
  if (seconds < 10) return 'just now';
  const units = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];
  for (const [name, size] of units) {
    if (seconds >= size) {
      const n = Math.floor(seconds / size);
      return `${n} ${name}${n === 1 ? '' : 's'} ago`;
    }
  }
  return 'just now';
}

export function formatCount(n) {
  return Number(n).toLocaleString('en-US');
}

export function pluralize(n, word, plural = `${word}s`) {
  return `${formatCount(n)} ${n === 1 ? word : plural}`;
}

// Evenly spaced "nice" tick values (1, 2, 2.5, 5 × 10^k steps) covering [min, max].
export function niceTicks(min, max, approxCount = 5) {
  if (!(max > min)) return [min];
  const rawStep = (max - min) / Math.max(1, approxCount);
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rawStep) || 10 * magnitude;
  const ticks = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}
