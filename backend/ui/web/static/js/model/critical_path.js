// Critical path of a trace: the chain of span segments that determines the root span's end-to-end latency.
// Walking back from the end of a span, the child that finished last before the current point is on the
// path; the gap between that child's end and the current point belongs to the span itself, and the walk
// continues from the child's start. Children are clamped to their parent's (already clamped) interval so
// clock skew cannot push the path outside the root span, and FOLLOWS_FROM children (asynchronous work the
// parent does not wait for) are left out. Pure: works on the model from trace_model.js, no DOM.

function isFollowsFromChild(child) {
  const ref = child.references.find((r) => r.spanID === child.parent.spanID);
  return Boolean(ref) && ref.refType === 'FOLLOWS_FROM';
}

// The children of `span` that block it, clamped to [start, end]; latest end first (ties: longest first).
function blockingChildren(span, start, end) {
  const out = [];
  for (const child of span.children) {
    if (isFollowsFromChild(child)) continue;
    const childStart = Math.max(start, child.startTime);
    const childEnd = Math.min(end, child.startTime + child.duration);
    if (childEnd > childStart) out.push({ span: child, start: childStart, end: childEnd });
  }
  return out.sort((a, b) => b.end - a.end || a.start - b.start || a.span.index - b.span.index);
}

// Segments of the critical path ({ span, spanID, start, end } in absolute µs, ordered by start time) of
// `model.rootSpan`, or [] for an empty trace. The segments never overlap and together cover the root span.
export function computeCriticalPath(model) {
  const root = model.rootSpan;
  if (!root) return [];
  const segments = [];
  const addSegment = (span, start, end) => {
    if (end > start) segments.push({ span, spanID: span.spanID, start, end });
  };
  // Each task walks one span's clamped interval; children found on the path become new tasks.
  const tasks = [{ span: root, start: root.startTime, end: root.startTime + root.duration }];
  while (tasks.length) {
    const { span, start, end } = tasks.pop();
    let cursor = end;
    for (const child of blockingChildren(span, start, end)) {
      if (child.end > cursor) continue; // overlaps a later child already on the path
      addSegment(span, child.end, cursor);
      tasks.push(child);
      cursor = child.start;
      if (cursor <= start) break;
    }
    addSegment(span, start, cursor);
  }
  return segments.sort((a, b) => a.start - b.start);
}

// Critical path segments grouped by span index (each list ordered by start time).
export function criticalSegmentsBySpan(segments) {
  const bySpan = new Map();
  for (const segment of segments) {
    const list = bySpan.get(segment.span.index) || [];
    list.push(segment);
    bySpan.set(segment.span.index, list);
  }
  return bySpan;
}

// Summary for the legend: total µs on the path and how many distinct spans it passes through.
export function criticalPathSummary(segments) {
  return {
    duration: segments.reduce((total, s) => total + (s.end - s.start), 0),
    spanCount: new Set(segments.map((s) => s.spanID)).size,
  };
}
