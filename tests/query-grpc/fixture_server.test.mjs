// The real gRPC Node client (@grpc/grpc-js + @grpc/proto-loader on Peregrine's own .proto files) against a
// QueryGrpcServer serving the known traces of known_traces.hpp: every api_v2 and api_v3 RPC, chunked streaming
// of the 10,000-span trace, and error codes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { queryClients, unary, collect, status, timestamp, traceIdBytes, startFixtureServer } from './lib/query-grpc-client.mjs';

const kBaseMs = 1_700_000_000_000;
const checkout = '000000000000000000000000000000a1';
const about = '000000000000feed00000000000000a2';
const big = '000000000000000000000000000000b1';
const window = { start_time_min: timestamp(kBaseMs - 3_600_000), start_time_max: timestamp(kBaseMs + 3_600_000) };

let server;
let clients;

before(async () => {
  server = await startFixtureServer();
  clients = queryClients(`127.0.0.1:${server.port}`);
});

after(async () => {
  clients?.close();
  await server?.stop();
});

const spansOf = (chunks) => chunks.flatMap((c) => c.spans);
const otlpSpans = (messages) =>
  messages.flatMap((m) => m.resource_spans.flatMap((rs) => rs.scope_spans.flatMap((ss) => ss.spans)));

test('api_v2 GetServices and GetOperations', async () => {
  const services = await unary(clients.v2, 'GetServices', {});
  assert.deepEqual(services.services, ['backend', 'bulk', 'frontend']);
  const ops = await unary(clients.v2, 'GetOperations', { service: 'frontend' });
  assert.deepEqual(ops.operations.map((o) => o.name), ['GET /about', 'GET /checkout']);
  assert.deepEqual(ops.operationNames, ['GET /about', 'GET /checkout']);
  assert.equal(ops.operations[0].span_kind, 'server');
});

test('api_v2 GetTrace returns spans with processes', async () => {
  const spans = spansOf(await collect(clients.v2, 'GetTrace', { trace_id: traceIdBytes(checkout) }));
  assert.equal(spans.length, 2);
  const select = spans.find((s) => s.operation_name === 'SELECT');
  assert.equal(select.process.service_name, 'backend');
  assert.equal(select.references[0].ref_type, 'CHILD_OF');
  assert.deepEqual(Buffer.from(select.trace_id), traceIdBytes(checkout));
});

test('api_v2 GetTrace streams a 10,000-span trace in chunks of 10', async () => {
  const chunks = await collect(clients.v2, 'GetTrace', { trace_id: traceIdBytes(big) });
  assert.equal(chunks.length, 1000);
  assert.ok(chunks.every((c) => c.spans.length === 10));
  assert.equal(new Set(spansOf(chunks).map((s) => Buffer.from(s.span_id).toString('hex'))).size, 10000);
});

test('api_v2 GetTrace errors', async () => {
  await assert.rejects(collect(clients.v2, 'GetTrace', { trace_id: traceIdBytes('404') }),
    (e) => e.code === status.NOT_FOUND && e.details === 'trace not found');
  await assert.rejects(collect(clients.v2, 'GetTrace', { trace_id: Buffer.alloc(0) }),
    (e) => e.code === status.INVALID_ARGUMENT);
});

test('api_v2 FindTraces', async () => {
  const spans = spansOf(await collect(clients.v2, 'FindTraces', { query: { service_name: 'frontend', ...window } }));
  const traces = new Set(spans.map((s) => Buffer.from(s.trace_id).toString('hex')));
  assert.deepEqual([...traces].sort(), [checkout, about].sort());
  await assert.rejects(collect(clients.v2, 'FindTraces', {}), (e) => e.code === status.INVALID_ARGUMENT);
});

test('api_v2 GetDependencies', async () => {
  const deps = await unary(clients.v2, 'GetDependencies',
    { start_time: window.start_time_min, end_time: window.start_time_max });
  assert.deepEqual(deps.dependencies.map((d) => [d.parent, d.child, d.call_count]), [['frontend', 'backend', '1']]);
});

test('api_v3 GetServices and GetOperations', async () => {
  assert.deepEqual((await unary(clients.v3, 'GetServices', {})).services, ['backend', 'bulk', 'frontend']);
  const ops = await unary(clients.v3, 'GetOperations', { service: 'backend' });
  assert.deepEqual(ops.operations, [{ name: 'SELECT', span_kind: 'client' }]);
});

test('api_v3 GetTrace returns OTLP', async () => {
  const messages = await collect(clients.v3, 'GetTrace', { trace_id: about });
  const spans = otlpSpans(messages);
  assert.equal(spans.length, 1);
  assert.equal(spans[0].name, 'GET /about');
  assert.equal(spans[0].kind, 'SPAN_KIND_SERVER');
  assert.equal(spans[0].status.code, 'STATUS_CODE_ERROR');
  const resource = messages[0].resource_spans[0].resource;
  assert.ok(resource.attributes.some((a) => a.key === 'service.name' && a.value.string_value === 'frontend'));
});

test('api_v3 GetTrace splits a 10,000-span trace over several messages', async () => {
  const messages = await collect(clients.v3, 'GetTrace', { trace_id: big });
  assert.ok(messages.length > 1, `expected several messages, got ${messages.length}`);
  assert.equal(otlpSpans(messages).length, 10000);
});

test('api_v3 FindTraces and errors', async () => {
  const messages = await collect(clients.v3, 'FindTraces',
    { query: { attributes: { 'db.system': 'postgres' }, ...window } });
  assert.deepEqual(otlpSpans(messages).map((s) => s.name).sort(), ['GET /checkout', 'SELECT']);
  await assert.rejects(collect(clients.v3, 'FindTraces', { query: { service_name: 'frontend' } }),
    (e) => e.code === status.INVALID_ARGUMENT);
  await assert.rejects(collect(clients.v3, 'GetTrace', { trace_id: 'zz' }), (e) => e.code === status.INVALID_ARGUMENT);
  await assert.rejects(collect(clients.v3, 'GetTrace', { trace_id: 'abc' }), (e) => e.code === status.NOT_FOUND);
});
