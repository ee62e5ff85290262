// Interop: the real OpenTelemetry JS SDK exports over OTLP gRPC, OTLP/HTTP protobuf and OTLP/HTTP JSON to
// peregrine-all-in-one; the traces must come back through the Jaeger query API with the right structure.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { context, trace, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as HttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as HttpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { startPeregrine, allInOneEphemeralFlags, getJSON, eventually, tagMap } from './lib/peregrine.mjs';

let server;
before(async () => {
  server = await startPeregrine('peregrine-all-in-one', allInOneEphemeralFlags);
});
after(async () => {
  const info = await server.stop();
  assert.equal(info.code, 0, `all-in-one should exit cleanly on SIGTERM: ${JSON.stringify(info)}\n${server.output()}`);
});

async function emitTrace(exporter, serviceName) {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName, 'deployment.environment': 'interop', 'host.cpus': 2 }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('interop-scope', '1.2.3');
  const root = tracer.startSpan('GET /orders', {
    kind: SpanKind.SERVER,
    attributes: { 'http.method': 'GET', 'http.status_code': 200, 'ratio': 0.25, 'flags.list': ['a', 'b'] },
  });
  const ctx = trace.setSpan(context.active(), root);
  const child = tracer.startSpan('SELECT orders', { kind: SpanKind.CLIENT, attributes: { 'db.system': 'postgresql' } }, ctx);
  child.addEvent('retrying', { attempt: 2, 'reason': 'timeout' });
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'connection reset' });
  child.end();
  const linked = tracer.startSpan('async job', { kind: SpanKind.CONSUMER, links: [{ context: root.spanContext() }] }, ctx);
  linked.end();
  root.end();
  await provider.forceFlush();
  await provider.shutdown();
  return root.spanContext().traceId;
}

function checkTrace(t, serviceName, traceId) {
  assert.equal(t.traceID, traceId.replace(/^0{16}/, ''));
  assert.equal(t.spans.length, 3);
  const byOp = Object.fromEntries(t.spans.map((s) => [s.operationName, s]));
  const root = byOp['GET /orders'];
  const child = byOp['SELECT orders'];
  const linked = byOp['async job'];
  assert.ok(root && child && linked, 'all three operations present');
  assert.deepEqual(root.references, []);
  assert.deepEqual(child.references, [{ refType: 'CHILD_OF', traceID: t.traceID, spanID: root.spanID }]);
  assert.equal(linked.references[0].refType, 'CHILD_OF');
  assert.equal(linked.references[0].spanID, root.spanID);
  assert.ok(linked.references.some((r) => r.refType === 'FOLLOWS_FROM' && r.spanID === root.spanID), 'link → FOLLOWS_FROM');

  const rootTags = tagMap(root.tags);
  assert.equal(rootTags['span.kind'], 'server');
  assert.equal(rootTags['http.method'], 'GET');
  assert.equal(rootTags['http.status_code'], 200);
  assert.equal(root.tags.find((x) => x.key === 'http.status_code').type, 'int64');
  assert.equal(rootTags['ratio'], 0.25);
  assert.equal(rootTags['flags.list'], '["a","b"]');
  assert.equal(rootTags['otel.scope.name'], 'interop-scope');
  assert.equal(rootTags['otel.scope.version'], '1.2.3');

  const childTags = tagMap(child.tags);
  assert.equal(childTags['span.kind'], 'client');
  assert.equal(childTags['otel.status_code'], 'ERROR');
  assert.equal(childTags['otel.status_description'], 'connection reset');
  assert.equal(childTags['error'], true);
  assert.equal(child.logs.length, 1);
  const fields = tagMap(child.logs[0].fields);
  assert.equal(fields.event, 'retrying');
  assert.equal(fields.attempt, 2);
  assert.equal(fields.reason, 'timeout');
  assert.ok(child.logs[0].timestamp >= child.startTime);

  assert.equal(tagMap(linked.tags)['span.kind'], 'consumer');
  const proc = t.processes[root.processID];
  assert.equal(proc.serviceName, serviceName);
  const ptags = tagMap(proc.tags);
  assert.equal(ptags['deployment.environment'], 'interop');
  assert.equal(ptags['host.cpus'], 2);
  assert.ok(child.startTime >= root.startTime);
  assert.ok(root.duration >= 0);
}

async function roundTrip(exporter, serviceName) {
  const traceId = await emitTrace(exporter, serviceName);
  const base = `http://127.0.0.1:${server.ports.query_http}`;
  const found = await eventually(async () => {
    const r = await getJSON(`${base}/api/traces?service=${encodeURIComponent(serviceName)}&lookback=1h&limit=20`);
    return r.status === 200 && r.body.data.length === 1 && r.body.data[0].spans.length === 3 ? r.body : null;
  }, { what: `trace of ${serviceName} in /api/traces` });
  checkTrace(found.data[0], serviceName, traceId);

  const byId = await getJSON(`${base}/api/traces/${traceId}`);
  assert.equal(byId.status, 200);
  checkTrace(byId.body.data[0], serviceName, traceId);

  const services = await getJSON(`${base}/api/services`);
  assert.ok(services.body.data.includes(serviceName));
  const ops = await getJSON(`${base}/api/operations?service=${encodeURIComponent(serviceName)}&spanKind=server`);
  assert.deepEqual(ops.body.data, [{ name: 'GET /orders', spanKind: 'server' }]);

  const errors = await getJSON(`${base}/api/traces?service=${encodeURIComponent(serviceName)}&tags=${encodeURIComponent('{"error":"true"}')}`);
  assert.equal(errors.body.data.length, 1, 'tag search finds the trace with an error span');
}

test('OTLP gRPC exporter', async () => {
  await roundTrip(new GrpcExporter({ url: `http://127.0.0.1:${server.ports.otlp_grpc}` }), 'interop-grpc');
});

test('OTLP/HTTP protobuf exporter', async () => {
  await roundTrip(new HttpProtoExporter({ url: `http://127.0.0.1:${server.ports.otlp_http}/v1/traces` }), 'interop-http-proto');
});

test('OTLP/HTTP JSON exporter', async () => {
  await roundTrip(new HttpJsonExporter({ url: `http://127.0.0.1:${server.ports.otlp_http}/v1/traces` }), 'interop-http-json');
});

test('OTLP/HTTP gzip-compressed protobuf', async () => {
  await roundTrip(new HttpProtoExporter({ url: `http://127.0.0.1:${server.ports.otlp_http}/v1/traces`, compression: 'gzip' }), 'interop-http-gzip');
});
