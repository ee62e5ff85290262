// The real gRPC Node client against peregrine-all-in-one's gRPC query endpoint (--query.grpc-server.host-port,
// ports-file key "query_grpc"): spans sent over OTLP/HTTP JSON come back through api_v2 GetServices /
// GetOperations / FindTraces / GetTrace and api_v3 GetTrace / FindTraces.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startPeregrine, allInOneEphemeralFlags, eventually } from '../interop/lib/peregrine.mjs';
import { queryClients, unary, collect, status, timestamp, traceIdBytes } from './lib/query-grpc-client.mjs';

const service = `grpc-query-interop-${process.pid}`;
const traceId = randomBytes(16).toString('hex');
const rootId = randomBytes(8).toString('hex');
const childId = randomBytes(8).toString('hex');
const nowMs = Date.now();

let server;
let clients;

function otlpSpan(spanId, parentId, name, startMs, durationMs, kind) {
  return {
    traceId, spanId, parentSpanId: parentId, name, kind,
    startTimeUnixNano: String(BigInt(startMs) * 1_000_000n),
    endTimeUnixNano: String(BigInt(startMs + durationMs) * 1_000_000n),
    attributes: [{ key: 'http.method', value: { stringValue: 'GET' } }],
  };
}

before(async () => {
  server = await startPeregrine('peregrine-all-in-one', allInOneEphemeralFlags);
  assert.ok(server.ports.query_grpc, `no query_grpc port in the ports file: ${JSON.stringify(server.ports)}`);
  clients = queryClients(`127.0.0.1:${server.ports.query_grpc}`);
  const body = {
    resourceSpans: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [{ spans: [
        otlpSpan(rootId, '', 'GET /grpc-interop', nowMs - 2000, 50, 2),
        otlpSpan(childId, rootId, 'load', nowMs - 1990, 20, 3),
      ] }],
    }],
  };
  const res = await fetch(`http://127.0.0.1:${server.ports.otlp_http}/v1/traces`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.text());
  await eventually(async () => (await unary(clients.v2, 'GetServices', {})).services.includes(service),
    { what: `service ${service} over gRPC GetServices` });
});

after(async () => {
  clients?.close();
  await server?.stop();
});

const window = () => ({ start_time_min: timestamp(nowMs - 3_600_000), start_time_max: timestamp(Date.now() + 60_000) });

test('api_v2 GetOperations lists the ingested operations', async () => {
  const ops = await unary(clients.v2, 'GetOperations', { service });
  assert.deepEqual(ops.operations.map((o) => o.name).sort(), ['GET /grpc-interop', 'load']);
});

test('api_v2 FindTraces streams the trace', async () => {
  const chunks = await eventually(async () => {
    const c = await collect(clients.v2, 'FindTraces', { query: { service_name: service, ...window() } });
    return c.flatMap((x) => x.spans).length === 2 ? c : null;
  }, { what: 'both spans over FindTraces' });
  const spans = chunks.flatMap((c) => c.spans);
  assert.ok(spans.every((s) => Buffer.from(s.trace_id).toString('hex') === traceId));
  assert.ok(spans.every((s) => s.process.service_name === service));
});

test('api_v2 GetTrace, and NOT_FOUND for an unknown trace', async () => {
  const spans = (await collect(clients.v2, 'GetTrace', { trace_id: traceIdBytes(traceId) })).flatMap((c) => c.spans);
  assert.deepEqual(spans.map((s) => Buffer.from(s.span_id).toString('hex')).sort(), [rootId, childId].sort());
  await assert.rejects(collect(clients.v2, 'GetTrace', { trace_id: randomBytes(16) }),
    (e) => e.code === status.NOT_FOUND);
});

test('api_v3 GetTrace and FindTraces return OTLP', async () => {
  const messages = await collect(clients.v3, 'GetTrace', { trace_id: traceId });
  const spans = messages.flatMap((m) => m.resource_spans.flatMap((rs) => rs.scope_spans.flatMap((ss) => ss.spans)));
  assert.deepEqual(spans.map((s) => s.name).sort(), ['GET /grpc-interop', 'load']);
  const found = await collect(clients.v3, 'FindTraces', { query: { service_name: service, ...window() } });
  assert.equal(found.length, 1);
});
