// Unit tests (node --test) of the critical path: sequential and parallel children, overlapping siblings,
// clock skew (children outside their parent), FOLLOWS_FROM children, and coverage of the root span.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceModel } from '../../../backend/ui/web/static/js/model/trace_model.js';
import { computeCriticalPath, criticalSegmentsBySpan, criticalPathSummary } from '../../../backend/ui/web/static/js/model/critical_path.js';
import { checkoutTrace, fanoutTrace, toJaegerTrace } from '../lib/fixtures.mjs';

// spans: [id, parentId, start, duration, refType?]
function model(spans) {
  return buildTraceModel({
    traceID: 't',
    processes: { p: { serviceName: 'svc', tags: [] } },
    spans: spans.map(([id, parent, start, duration, refType = 'CHILD_OF']) => ({
      traceID: 't', spanID: id, operationName: id, startTime: start, duration, processID: 'p', tags: [], logs: [],
      references: parent ? [{ refType, traceID: 't', spanID: parent }] : [],
    })),
  });
}

const path = (m) => computeCriticalPath(m).map((s) => [s.spanID, s.start, s.end]);

test('sequential children: the parent keeps the gaps', () => {
  const m = model([['root', null, 0, 100], ['a', 'root', 10, 20], ['b', 'root', 40, 50]]);
  assert.deepEqual(path(m), [['root', 0, 10], ['a', 10, 30], ['root', 30, 40], ['b', 40, 90], ['root', 90, 100]]);
});

test('back-to-back children are both on the path', () => {
  const m = model([['root', null, 0, 20], ['a', 'root', 0, 10], ['b', 'root', 10, 10]]);
  assert.deepEqual(path(m), [['a', 0, 10], ['b', 10, 20]]);
});

test('parallel children: only the last to finish blocks the parent', () => {
  const m = model([['root', null, 0, 100], ['fast', 'root', 10, 30], ['slow', 'root', 10, 80], ['mid', 'root', 5, 50]]);
  assert.deepEqual(path(m), [['root', 0, 10], ['slow', 10, 90], ['root', 90, 100]]);
});

test('overlapping sibling: the walk resumes with a child that ended before the path child started', () => {
  // c ends last; b overlaps c's start so it is skipped; a ended before c started.
  const m = model([['root', null, 0, 100], ['a', 'root', 0, 20], ['b', 'root', 15, 40], ['c', 'root', 30, 60]]);
  assert.deepEqual(path(m), [['a', 0, 20], ['root', 20, 30], ['c', 30, 90], ['root', 90, 100]]);
});

test('nested children are followed to the leaves', () => {
  const m = model([['root', null, 0, 100], ['a', 'root', 10, 80], ['a1', 'a', 20, 30], ['a2', 'a', 60, 20]]);
  assert.deepEqual(path(m), [['root', 0, 10], ['a', 10, 20], ['a1', 20, 50], ['a', 50, 60], ['a2', 60, 80],
    ['a', 80, 90], ['root', 90, 100]]);
});

test('clock skew: children are clamped to the parent interval, and children outside it are ignored', () => {
  const m = model([
    ['root', null, 100, 100],
    ['early', 'root', 50, 80], // starts before the parent → [100, 130]
    ['late', 'root', 180, 60], // ends after the parent → [180, 200]
    ['outside', 'root', 300, 10], // entirely after the parent
    ['grand', 'late', 150, 100], // clamped to late's clamped interval [180, 200]
  ]);
  assert.deepEqual(path(m), [['early', 100, 130], ['root', 130, 180], ['grand', 180, 200]]);
});

test('FOLLOWS_FROM children do not block their parent', () => {
  const m = model([['root', null, 0, 100], ['async', 'root', 50, 49, 'FOLLOWS_FROM'], ['sync', 'root', 10, 20]]);
  assert.deepEqual(path(m), [['root', 0, 10], ['sync', 10, 30], ['root', 30, 100]]);
});

test('zero-duration spans and empty traces', () => {
  assert.deepEqual(path(model([['root', null, 0, 10], ['z', 'root', 5, 0]])), [['root', 0, 10]]);
  assert.deepEqual(path(model([['root', null, 7, 0]])), []);
  assert.deepEqual(computeCriticalPath(buildTraceModel({ traceID: 'e', spans: [], processes: {} })), []);
});

test('segments cover the root span exactly once', () => {
  for (const m of [
    buildTraceModel(toJaegerTrace(checkoutTrace({ startMs: 1_700_000_000_000 }))),
    buildTraceModel(toJaegerTrace(fanoutTrace({ startMs: 1_700_000_000_000 }))),
  ]) {
    const segments = computeCriticalPath(m);
    for (let i = 1; i < segments.length; i++) assert.equal(segments[i].start, segments[i - 1].end);
    assert.equal(segments[0].start, m.rootSpan.startTime);
    assert.equal(segments.at(-1).end, m.rootSpan.startTime + m.rootSpan.duration);
    assert.equal(criticalPathSummary(segments).duration, m.rootSpan.duration);
  }
});

test('fan-out fixture: only the slowest branch is critical', () => {
  const m = buildTraceModel(toJaegerTrace(fanoutTrace({ startMs: 1_700_000_000_000 })));
  const bySpan = criticalSegmentsBySpan(computeCriticalPath(m));
  const critical = m.spans.filter((s) => bySpan.has(s.index)).map((s) => s.operationName);
  assert.deepEqual(critical, ['GET /dashboard', 'fetch-orders', 'GET /orders', 'SQL SELECT orders', 'render']);
  assert.equal(criticalPathSummary(computeCriticalPath(m)).spanCount, 5);
});

test('deep chains do not overflow the stack', () => {
  const spans = [['s0', null, 0, 100000]];
  for (let i = 1; i < 20000; i++) spans.push([`s${i}`, `s${i - 1}`, i, 100000 - 2 * i]);
  const segments = computeCriticalPath(model(spans));
  assert.equal(criticalPathSummary(segments).duration, 100000);
});
