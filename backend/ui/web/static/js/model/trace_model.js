// Turns a trace in Jaeger UI JSON into the structure the views need: spans with their process, parent,
// children, depth and preorder position, plus trace-wide facts (time range, services, depth, root span).
// Pure: no DOM, no I/O.

function normalizeId(id) {
  return String(id || '').toLowerCase().replace(/^0+(?=.)/, '');
}

export function tagValue(tags, key) {
  const tag = (tags || []).find((t) => t.key === key);
  return tag ? tag.value : undefined;
}

export function isErrorSpan(span) {
  for (const tag of span.tags || []) {
    if (tag.key === 'error' && (tag.value === true || String(tag.value).toLowerCase() === 'true')) return true;
    if (tag.key === 'otel.status_code' && String(tag.value).toUpperCase() === 'ERROR') return true;
  }
  return false;
}

// Parent: the first CHILD_OF reference to a span of this trace, else the first reference of any kind.
function findParentId(raw, byId, traceKey) {
  const refs = (raw.references || []).filter(
    (r) => r.spanID !== raw.spanID && byId.has(r.spanID) && (!r.traceID || normalizeId(r.traceID) === traceKey),
  );
  const childOf = refs.find((r) => r.refType === 'CHILD_OF');
  return (childOf || refs[0] || {}).spanID;
}

function byStartTime(a, b) {
  return a.startTime - b.startTime || a.inputOrder - b.inputOrder;
}

export function buildTraceModel(rawTrace) {
  const processes = rawTrace.processes || {};
  const traceKey = normalizeId(rawTrace.traceID);
  const spans = (rawTrace.spans || []).map((raw, inputOrder) => {
    const process = processes[raw.processID] || raw.process || { serviceName: 'unknown-service', tags: [] };
    return {
      ...raw,
      tags: raw.tags || [],
      logs: raw.logs || [],
      references: raw.references || [],
      warnings: raw.warnings || [],
      process,
      serviceName: process.serviceName || 'unknown-service',
      kind: tagValue(raw.tags, 'span.kind'),
      hasError: isErrorSpan(raw),
      inputOrder,
      parent: null,
      children: [],
      depth: 0,
      index: -1,
      descendantCount: 0,
    };
  });

  const byId = new Map();
  for (const span of spans) if (!byId.has(span.spanID)) byId.set(span.spanID, span);
  for (const span of spans) {
    const parentId = findParentId(span, byId, traceKey);
    if (parentId !== undefined) span.parent = byId.get(parentId);
  }

  // Preorder walk from the roots; spans caught in reference cycles are promoted to roots until all are placed.
  const ordered = [];
  const placed = new Set();
  const walk = (root) => {
    const stack = [root];
    while (stack.length) {
      const span = stack.pop();
      if (placed.has(span)) continue;
      placed.add(span);
      span.depth = span.parent ? span.parent.depth + 1 : 0;
      span.index = ordered.length;
      ordered.push(span);
      for (let i = span.children.length - 1; i >= 0; i--) stack.push(span.children[i]);
    }
  };
  for (const span of spans) if (span.parent) span.parent.children.push(span);
  for (const span of spans) span.children.sort(byStartTime);
  const roots = spans.filter((s) => !s.parent).sort(byStartTime);
  roots.forEach(walk);
  while (ordered.length < spans.length) {
    const orphan = spans.filter((s) => !placed.has(s)).sort(byStartTime)[0];
    if (orphan.parent) orphan.parent.children.splice(orphan.parent.children.indexOf(orphan), 1);
    orphan.parent = null;
    roots.push(orphan);
    walk(orphan);
  }
  for (let i = ordered.length - 1; i >= 0; i--) {
    const span = ordered[i];
    if (span.parent) span.parent.descendantCount += span.descendantCount + 1;
  }

  let startTime = Infinity;
  let endTime = -Infinity;
  let maxDepth = 0;
  let errorCount = 0;
  const services = new Map();
  for (const span of ordered) {
    startTime = Math.min(startTime, span.startTime);
    endTime = Math.max(endTime, span.startTime + span.duration);
    maxDepth = Math.max(maxDepth, span.depth);
    if (span.hasError) errorCount++;
    const svc = services.get(span.serviceName) || { name: span.serviceName, spanCount: 0, errorCount: 0 };
    svc.spanCount++;
    if (span.hasError) svc.errorCount++;
    services.set(span.serviceName, svc);
  }
  if (!ordered.length) {
    startTime = 0;
    endTime = 0;
  }
  for (const span of ordered) span.relativeStart = span.startTime - startTime;

  const rootCandidates = roots.filter((s) => s.references.length === 0);
  const rootSpan = (rootCandidates.length ? rootCandidates : roots).slice().sort(byStartTime)[0] || null;
  const warningCount = (rawTrace.warnings || []).length + ordered.reduce((n, s) => n + s.warnings.length, 0);

  return {
    traceID: rawTrace.traceID,
    raw: rawTrace,
    spans: ordered,
    spanById: byId,
    roots,
    rootSpan,
    startTime,
    endTime,
    duration: endTime - startTime,
    depth: ordered.length ? maxDepth + 1 : 0,
    errorCount,
    warnings: rawTrace.warnings || [],
    warningCount,
    services: [...services.values()].sort((a, b) => b.spanCount - a.spanCount || a.name.localeCompare(b.name)),
    name: rootSpan
      ? { service: rootSpan.serviceName, operation: rootSpan.operationName }
      : { service: 'unknown-service', operation: '<trace-without-root-span>' },
  };
}

// The spans shown when the spans in `collapsed` (a Set of span indexes) hide their descendants: preorder,
// skipping whole subtrees.
export function visibleSpans(model, collapsed) {
  const out = [];
  const spans = model.spans;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i];
    out.push(span);
    if (collapsed.has(span.index)) i += span.descendantCount;
  }
  return out;
}

// Span IDs of the ancestors of `span`, nearest first.
export function ancestorIds(span) {
  const ids = [];
  for (let p = span.parent; p; p = p.parent) ids.push(p.spanID);
  return ids;
}
