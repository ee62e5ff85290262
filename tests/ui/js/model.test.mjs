// Unit tests (node --test) of the trace model (tree, depth, services, errors), find-in-trace, per-operation
// statistics and the dependency graph layout.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildTraceModel, visibleSpans, isErrorSpan } from '../../../backend/ui/web/static/js/model/trace_model.js';
import { findSpans } from '../../../backend/ui/web/static/js/model/span_search.js';
import { computeStatistics, selfTime } from '../../../backend/ui/web/static/js/model/trace_statistics.js';
import { layoutDependencyGraph } from '../../../backend/ui/web/static/js/views/dependencies/dag_layout.js';
import { checkoutTrace, bigTrace, toJaegerTrace, SERVICES } from '../lib/fixtures.mjs';

test('checkout trace model', () => {
  const model = buildTraceModel(toJaegerTrace(checkoutTrace({ startMs: 1_700_000_000_000 })));
  assert.equal(model.spans.length, 30);
  assert.equal(model.roots.length, 1);
  assert.equal(model.name.service, SERVICES.frontend);
  assert.equal(model.name.operation, 'GET /checkout');
  assert.equal(model.depth, 5);
  assert.equal(model.errorCount, 1);
  assert.equal(model.duration, 48_000);
  assert.deepEqual(model.services.map((s) => [s.name, s.spanCount]).sort(),
    [[SERVICES.cart, 11], [SERVICES.frontend, 9], [SERVICES.payment, 10]]);
  // Preorder: every span comes after its parent, children sorted by start time.
  model.spans.forEach((span, i) => {
    assert.equal(span.index, i);
    if (span.parent) assert.ok(span.parent.index < i);
  });
  assert.equal(model.spans[0].descendantCount, 29);
  const collapsedRoot = visibleSpans(model, new Set([model.spans[0].index]));
  assert.equal(collapsedRoot.length, 1);
});

test('orphans and reference cycles still produce a complete tree', () => {
  const span = (id, parent, start) => ({
    traceID: 't', spanID: id, operationName: id, startTime: start, duration: 10, processID: 'p', tags: [], logs: [],
    references: parent ? [{ refType: 'CHILD_OF', traceID: 't', spanID: parent }] : [],
  });
  const model = buildTraceModel({
    traceID: 't', processes: { p: { serviceName: 's', tags: [] } },
    spans: [span('a', 'b', 5), span('b', 'a', 1), span('c', 'missing', 3), span('d', 'c', 4)],
  });
  assert.equal(model.spans.length, 4);
  assert.deepEqual(model.spans.map((s) => s.spanID), ['c', 'd', 'b', 'a']);
  assert.equal(model.depth, 2);
});

test('error detection', () => {
  assert.ok(isErrorSpan({ tags: [{ key: 'error', value: true }] }));
  assert.ok(isErrorSpan({ tags: [{ key: 'error', value: 'true' }] }));
  assert.ok(isErrorSpan({ tags: [{ key: 'otel.status_code', value: 'ERROR' }] }));
  assert.ok(!isErrorSpan({ tags: [{ key: 'error', value: false }] }));
});

test('find in trace', () => {
  const model = buildTraceModel(toJaegerTrace(checkoutTrace()));
  assert.equal(findSpans(model, 'redis').length, 6);
  assert.equal(findSpans(model, 'db.system=postgresql').length, 4);
  assert.equal(findSpans(model, `${SERVICES.payment} score`).length, 3);
  assert.equal(findSpans(model, 'CardDeclined').length, 1);
  assert.equal(findSpans(model, '').length, 0);
  const id = model.spans[7].spanID;
  assert.deepEqual(findSpans(model, id).map((s) => s.spanID), [id]);
});

test('statistics and self time', () => {
  const model = buildTraceModel(toJaegerTrace(checkoutTrace()));
  const stats = computeStatistics(model);
  const redis = stats.find((s) => s.operation === 'redis GET');
  assert.equal(redis.count, 6);
  assert.equal(stats.reduce((n, s) => n + s.count, 0), 30);
  const fraud = model.spans.find((s) => s.operationName === 'fraud-check');
  assert.equal(selfTime(fraud), 9_000 - 3 * 2_500);
});

test('10,000-span trace builds quickly enough to stay interactive', () => {
  const raw = toJaegerTrace(bigTrace());
  const model = buildTraceModel(raw);
  assert.equal(model.spans.length, 10_000);
  assert.equal(model.depth, 3);
  assert.equal(visibleSpans(model, new Set()).length, 10_000);
});

test('dependency layout: every service placed once, no overlaps, edges follow layers', () => {
  const links = [
    { parent: 'frontend', child: 'cart', callCount: 10 },
    { parent: 'frontend', child: 'payment', callCount: 4 },
    { parent: 'cart', child: 'redis', callCount: 60 },
    { parent: 'payment', child: 'db', callCount: 16 },
    { parent: 'frontend', child: 'db', callCount: 1 },
    { parent: 'db', child: 'frontend', callCount: 1 },
    { parent: 'cart', child: 'cart', callCount: 2 },
    { parent: 'batch', child: 'worker', callCount: 99 },
  ];
  const layout = layoutDependencyGraph(links, (s) => s.length * 7);
  const names = layout.nodes.map((n) => n.name).sort();
  assert.deepEqual(names, ['batch', 'cart', 'db', 'frontend', 'payment', 'redis', 'worker']);
  for (const a of layout.nodes) {
    for (const b of layout.nodes) {
      if (a === b) continue;
      const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      assert.ok(!overlap, `${a.name} overlaps ${b.name}`);
    }
  }
  assert.equal(layout.edges.length, links.length);
  const byName = new Map(layout.nodes.map((n) => [n.name, n]));
  assert.ok(byName.get('frontend').layer < byName.get('cart').layer);
  assert.ok(byName.get('cart').layer < byName.get('redis').layer);
  assert.ok(layout.edges.find((e) => e.parent === 'cart' && e.child === 'cart').selfLoop);
  assert.equal(layout.edges.filter((e) => e.reversed).length, 1);
});

test('ui-config linkPatterns turn values into links', async () => {
  const { linkResolver } = await import('../../../backend/ui/web/static/js/model/link_patterns.js');
  const span = { traceID: 't1', spanID: 's1', tags: [{ key: 'pod', value: 'web-1' }], process: { tags: [{ key: 'cluster', value: 'eu 1' }] } };
  const patterns = [
    { type: 'tags', key: 'pod', url: 'https://logs.example.com/?pod=#{pod}&cluster=#{cluster}', text: 'Logs for #{pod}' },
    { type: 'tags', key: 'missing', url: 'https://x/#{nope}' },
    { type: 'process', key: 'cluster', url: 'javascript:alert(1)#{cluster}' },
  ];
  const tags = linkResolver(patterns, 'tags', span);
  assert.deepEqual(tags({ key: 'pod', value: 'web-1' }), { url: 'https://logs.example.com/?pod=web-1&cluster=eu%201', text: 'Logs for web-1' });
  assert.equal(tags({ key: 'missing', value: 'x' }), null);
  assert.equal(tags({ key: 'other', value: 'x' }), null);
  assert.equal(linkResolver(patterns, 'process', span)({ key: 'cluster', value: 'eu 1' }), null);
});
