// The all-in-one configured exactly as seed 000's docker-compose file configures Jaeger (environment variables only:
// COLLECTOR_ZIPKIN_HOST_PORT, COLLECTOR_OTLP_ENABLED, SPAN_STORAGE_TYPE, SAMPLING_STRATEGIES_FILE, QUERY_BASE_PATH,
// METRICS_BACKEND, METRICS_HTTP_ROUTE) — only the ports are moved to ephemeral ones so tests can run in parallel.
// Then the seed's own curl calls: health on the admin port, the query API under /jaeger, sampling per operation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPeregrine, allInOneEphemeralFlags, getJSON, eventually } from './lib/peregrine.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const samplingFile = join(here, '..', 'jaeger', 'testdata', 'chatgpt_sampling.json');

let server;
before(async () => {
  server = await startPeregrine('peregrine-all-in-one', allInOneEphemeralFlags, {
    env: {
      COLLECTOR_ZIPKIN_HOST_PORT: '127.0.0.1:0',
      COLLECTOR_OTLP_ENABLED: 'true',
      SPAN_STORAGE_TYPE: 'memory',
      SAMPLING_STRATEGIES_FILE: samplingFile,
      QUERY_BASE_PATH: '/jaeger',
      METRICS_BACKEND: 'prometheus',
      METRICS_HTTP_ROUTE: '/metrics',
    },
  });
});
after(async () => { await server.stop(); });

test('health check answers like Jaeger (curl http://localhost:14269/)', async () => {
  const r = await getJSON(`http://127.0.0.1:${server.ports.admin_http}/`);
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'Server available');
});

test('Prometheus metrics on METRICS_HTTP_ROUTE', async () => {
  const res = await fetch(`http://127.0.0.1:${server.ports.admin_http}/metrics`);
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.match(text, /# TYPE jaeger_collector_queue_length gauge/);
});

test('every documented port is listening', () => {
  for (const key of ['query_http', 'otlp_grpc', 'otlp_http', 'jaeger_thrift_http', 'jaeger_grpc', 'zipkin_http',
    'agent_compact', 'agent_binary', 'agent_http', 'admin_http']) {
    assert.ok(server.ports[key] > 0, `${key} is listening`);
  }
});

test('query API and UI under QUERY_BASE_PATH=/jaeger, and the seed trace-export script', async () => {
  const base = `http://127.0.0.1:${server.ports.query_http}/jaeger`;
  // Send one span the way the seed's MCP server would (OTLP/HTTP JSON), then run the seed's query.
  const now = BigInt(Date.now()) * 1000000n;
  const body = {
    resourceSpans: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'chatgpt-mcp-server' } }] },
      scopeSpans: [{ spans: [{
        traceId: '5b8aa5a2d2c872e8321cf37308d69df2', spanId: '051581bf3cb55c13',
        name: 'tool:search_knowledge_base', kind: 2,
        startTimeUnixNano: String(now - 5000000n), endTimeUnixNano: String(now),
        attributes: [{ key: 'mcp.tool', value: { stringValue: 'search_knowledge_base' } }],
      }] }],
    }],
  };
  const post = await fetch(`http://127.0.0.1:${server.ports.otlp_http}/v1/traces`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(post.status, 200);
  const startUs = (Date.now() - 3600 * 1000) * 1000;
  const endUs = (Date.now() + 1000) * 1000;
  const found = await eventually(async () => {
    const r = await getJSON(`${base}/api/traces?service=chatgpt-mcp-server&operation=${encodeURIComponent('tool:search_knowledge_base')}&start=${startUs}&end=${endUs}&limit=100`);
    return r.status === 200 && r.body.data.length === 1 ? r.body : null;
  }, { what: 'the seed query to find the trace' });
  assert.equal(found.data[0].traceID, '5b8aa5a2d2c872e8321cf37308d69df2');
  const one = await getJSON(`${base}/api/traces/${found.data[0].traceID}`);
  assert.equal(one.body.data[0].spans[0].operationName, 'tool:search_knowledge_base');

  const page = await fetch(`${base}/search`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<base href="\/jaeger\/"/);
});

test('sampling strategies from SAMPLING_STRATEGIES_FILE (per-operation rates as the seed documents)', async () => {
  const r = await getJSON(`http://127.0.0.1:${server.ports.agent_http}/sampling?service=chatgpt-mcp-server`);
  assert.equal(r.status, 200);
  assert.equal(r.body.strategyType, 'PROBABILISTIC');
  assert.equal(r.body.probabilisticSampling.samplingRate, 0.1);
  const ops = Object.fromEntries(r.body.operationSampling.perOperationStrategies
    .map((o) => [o.operation, o.probabilisticSampling.samplingRate]));
  assert.equal(ops['tool:search_knowledge_base'], 1);
  assert.equal(ops['tool:generate_report'], 0.5);
  assert.equal(ops['widget:render_chart'], 0.2);
  const other = await getJSON(`http://127.0.0.1:${server.ports.jaeger_thrift_http}/api/sampling?service=unknown-svc`);
  assert.equal(other.body.probabilisticSampling.samplingRate, 0.001);
});
