// Per service/operation aggregates of one trace: span count, errors, total/avg/min/max duration and self
// time (the part of a span not covered by its children).

// Microseconds of `span` not covered by the union of its children's intervals.
export function selfTime(span) {
  const start = span.startTime;
  const end = span.startTime + span.duration;
  const intervals = span.children
    .map((c) => [Math.max(start, c.startTime), Math.min(end, c.startTime + c.duration)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const [a, b] of intervals) {
    if (a > curEnd) {
      if (curEnd > curStart) covered += curEnd - curStart;
      curStart = a;
      curEnd = b;
    } else {
      curEnd = Math.max(curEnd, b);
    }
  }
  if (curEnd > curStart) covered += curEnd - curStart;
  return Math.max(0, span.duration - covered);
}

export function computeStatistics(model) {
  const groups = new Map();
  for (const span of model.spans) {
    const key = `${span.serviceName}\u0000${span.operationName}`;
    let g = groups.get(key);
    if (!g) {
      g = { service: span.serviceName, operation: span.operationName, count: 0, errors: 0, total: 0,
        min: Infinity, max: 0, selfTotal: 0 };
      groups.set(key, g);
    }
    g.count++;
    if (span.hasError) g.errors++;
    g.total += span.duration;
    g.min = Math.min(g.min, span.duration);
    g.max = Math.max(g.max, span.duration);
    g.selfTotal += selfTime(span);
  }
  const traceDuration = Math.max(1, model.duration);
  return [...groups.values()].map((g) => ({
    ...g,
    avg: g.total / g.count,
    selfAvg: g.selfTotal / g.count,
    selfPercent: (100 * g.selfTotal) / traceDuration,
  }));
}
