// Unit tests (node --test) of the trace comparison: merged call tree, per-side counts and durations,
// added / removed / increased / decreased / same statuses, and the visible-node filter.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceModel } from '../../../backend/ui/web/static/js/model/trace_model.js';
import { diffTraces, visibleDiffNodes } from '../../../backend/ui/web/static/js/model/trace_diff.js';
import { fanoutTrace, checkoutTrace, toJaegerTrace, FANOUT_SERVICES } from '../lib/fixtures.mjs';

// spans: [id, parentId, service, operation, duration]
function model(traceID, spans) {
  const services = [...new Set(spans.map((s) => s[2]))];
  return buildTraceModel({
    traceID,
    processes: Object.fromEntries(services.map((s) => [s, { serviceName: s, tags: [] }])),
    spans: spans.map(([id, parent, service, op, duration = 10], i) => ({
      traceID, spanID: id, operationName: op, startTime: i, duration, processID: service, tags: [], logs: [],
      references: parent ? [{ refType: 'CHILD_OF', traceID, spanID: parent }] : [],
    })),
  });
}

const summary = (diff) => diff.nodes.map((n) => [`${'  '.repeat(n.depth)}${n.service}:${n.operation}`, n.a.count, n.b.count, n.status]);

test('merged tree with every status', () => {
  const a = model('a', [
    ['r', null, 'web', 'GET /', 100], ['x', 'r', 'web', 'auth', 5], ['y1', 'r', 'db', 'query', 7], ['y2', 'r', 'db', 'query', 3],
    ['z', 'r', 'cache', 'get'], ['z1', 'z', 'cache', 'lookup'],
  ]);
  const b = model('b', [
    ['r', null, 'web', 'GET /', 90], ['x', 'r', 'web', 'auth', 6], ['y', 'r', 'db', 'query', 20],
    ['n', 'r', 'queue', 'publish'], ['x2', 'r', 'web', 'auth', 4],
  ]);
  const diff = diffTraces(a, b);
  assert.deepEqual(summary(diff), [
    ['web:GET /', 1, 1, 'same'],
    ['  web:auth', 1, 2, 'increased'],
    ['  db:query', 2, 1, 'decreased'],
    ['  cache:get', 1, 0, 'removed'],
    ['    cache:lookup', 1, 0, 'removed'],
    ['  queue:publish', 0, 1, 'added'],
  ]);
  assert.deepEqual(diff.counts, { same: 1, added: 1, removed: 2, increased: 1, decreased: 1 });
  const query = diff.nodes[2];
  assert.deepEqual([query.a.duration, query.b.duration], [10, 20]);
  assert.equal(diff.roots.length, 1);
});

test('the same operation under different parents is a different node', () => {
  const a = model('a', [['r', null, 's', 'root'], ['p', 'r', 's', 'p'], ['q', 'p', 's', 'leaf']]);
  const b = model('b', [['r', null, 's', 'root'], ['p', 'r', 's', 'p'], ['q', 'r', 's', 'leaf']]);
  assert.deepEqual(summary(diffTraces(a, b)), [
    ['s:root', 1, 1, 'same'], ['  s:p', 1, 1, 'same'], ['    s:leaf', 1, 0, 'removed'], ['  s:leaf', 0, 1, 'added'],
  ]);
});

test('different root operations give two top-level nodes', () => {
  const diff = diffTraces(model('a', [['r', null, 's', 'one']]), model('b', [['r', null, 's', 'two']]));
  assert.deepEqual(summary(diff), [['s:one', 1, 0, 'removed'], ['s:two', 0, 1, 'added']]);
});

test('a trace compared with itself has no differences', () => {
  const m = buildTraceModel(toJaegerTrace(checkoutTrace({ startMs: 1_700_000_000_000 })));
  const diff = diffTraces(m, m);
  assert.equal(diff.counts.same, diff.nodes.length);
  assert.equal(diff.nodes.reduce((n, node) => n + node.a.count, 0), 30);
  assert.deepEqual(visibleDiffNodes(diff, { changesOnly: true }), []);
});

test('fan-out variants: recommendations removed, ads added, orders query doubled', () => {
  const a = buildTraceModel(toJaegerTrace(fanoutTrace({ startMs: 1_700_000_000_000, variant: 'a' })));
  const b = buildTraceModel(toJaegerTrace(fanoutTrace({ startMs: 1_700_000_000_000, variant: 'b' })));
  const diff = diffTraces(a, b);
  const byOp = Object.fromEntries(diff.nodes.map((n) => [n.operation, n]));
  assert.equal(byOp['fetch-recs'].status, 'removed');
  assert.equal(byOp['GET /recommendations'].status, 'removed');
  assert.equal(byOp['GET /recommendations'].service, FANOUT_SERVICES.recs);
  assert.equal(byOp['fetch-ads'].status, 'added');
  assert.equal(byOp['GET /ads'].status, 'added');
  assert.equal(byOp['SQL SELECT orders'].status, 'increased');
  assert.deepEqual([byOp['SQL SELECT orders'].a.count, byOp['SQL SELECT orders'].b.count], [1, 2]);
  assert.deepEqual(diff.counts, { same: 6, added: 2, removed: 2, increased: 1, decreased: 0 });
});

test('visible nodes: collapsed subtrees and changes-only filter', () => {
  const a = model('a', [['r', null, 's', 'root'], ['p', 'r', 's', 'p'], ['q', 'p', 's', 'leaf'], ['u', 'r', 's', 'unchanged']]);
  const b = model('b', [['r', null, 's', 'root'], ['p', 'r', 's', 'p'], ['u', 'r', 's', 'unchanged']]);
  const diff = diffTraces(a, b);
  const ops = (nodes) => nodes.map((n) => n.operation);
  assert.deepEqual(ops(visibleDiffNodes(diff)), ['root', 'p', 'leaf', 'unchanged']);
  assert.deepEqual(ops(visibleDiffNodes(diff, { changesOnly: true })), ['root', 'p', 'leaf']);
  const p = diff.nodes.find((n) => n.operation === 'p');
  assert.deepEqual(ops(visibleDiffNodes(diff, { collapsed: new Set([p.id]) })), ['root', 'p', 'unchanged']);
});
