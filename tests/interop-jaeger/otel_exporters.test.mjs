// Interop: OpenTelemetry JS's Jaeger exporter (UDP compact Thrift to the agent port, HTTP Thrift to
// :14268/api/traces), Zipkin exporter (v2 JSON to :9411/api/v2/spans) and Jaeger remote sampler (agent
// /sampling and collector /api/sampling) against peregrine-all-in-one.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { context, trace, SpanKind } from '@opentelemetry/api';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { JaegerExporter } from '@opentelemetry/exporter-jaeger';
import { ZipkinExporter } from '@opentelemetry/exporter-zipkin';
import { startAllInOne, waitForTrace, processOf, tagMap } from './lib/jaeger-harness.mjs';
import { makeRemoteSampler } from './lib/remote_sampler.mjs';


async function emitTrace(exporter, serviceName) {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('interop');
  const root = tracer.startSpan('GET /orders', { kind: SpanKind.SERVER, attributes: { 'http.method': 'GET' } });
  const child = tracer.startSpan('call payments', { kind: SpanKind.CLIENT, attributes: { 'peer.service': 'payments' } },
    trace.setSpan(context.active(), root));
  child.addEvent('retry', { attempt: 2 });
  child.end();
  root.end();
  await provider.forceFlush();
  await provider.shutdown();
  return root.spanContext().traceId;
}

function checkTrace(t, serviceName) {
  const byOp = Object.fromEntries(t.spans.map((s) => [s.operationName, s]));
  const root = byOp['GET /orders'];
  const child = byOp['call payments'];
  assert.ok(root && child, 'both operations present');
  assert.equal(child.references[0].refType, 'CHILD_OF');
  assert.equal(child.references[0].spanID, root.spanID);
  assert.equal(tagMap(root.tags)['span.kind'], 'server');
  assert.equal(tagMap(child.tags)['span.kind'], 'client');
  assert.equal(tagMap(root.tags)['http.method'], 'GET');
  assert.equal(processOf(t, root).serviceName, serviceName);
  assert.equal(child.logs.length, 1);
  assert.ok(child.duration >= 0 && root.startTime > 0);
}

describe('OpenTelemetry Jaeger/Zipkin exporters and remote sampler', () => {
  let aio;
  before(async () => { aio = await startAllInOne(); });
  after(async () => {
    const info = await aio.stop();
    assert.equal(info.code, 0, aio.output());
  });

  test('exporter-jaeger over UDP compact Thrift to the agent port', async () => {
    const exporter = new JaegerExporter({ host: '127.0.0.1', port: aio.ports.agent_compact });
    const traceId = await emitTrace(exporter, 'otel-jaeger-udp');
    checkTrace(await waitForTrace(aio.ports.query_http, traceId, 2), 'otel-jaeger-udp');
  });

  test('exporter-jaeger over HTTP Thrift to /api/traces', async () => {
    const exporter = new JaegerExporter({ endpoint: `http://127.0.0.1:${aio.ports.jaeger_thrift_http}/api/traces` });
    const traceId = await emitTrace(exporter, 'otel-jaeger-http');
    checkTrace(await waitForTrace(aio.ports.query_http, traceId, 2), 'otel-jaeger-http');
  });

  test('exporter-zipkin over v2 JSON to /api/v2/spans', async () => {
    const exporter = new ZipkinExporter({ url: `http://127.0.0.1:${aio.ports.zipkin_http}/api/v2/spans` });
    const traceId = await emitTrace(exporter, 'otel-zipkin');
    checkTrace(await waitForTrace(aio.ports.query_http, traceId, 2), 'otel-zipkin');
  });

  test('sampler-jaeger-remote applies the strategies file (agent and collector endpoints)', async () => {
    const endpoints = [`http://127.0.0.1:${aio.ports.agent_http}`, `http://127.0.0.1:${aio.ports.jaeger_thrift_http}/api`];
    for (const endpoint of endpoints) {
      const collab = makeRemoteSampler(endpoint, 'agent-collaboration');
      await collab.sampler.getAndUpdateSampler();
      collab.stop();
      assert.match(collab.sampler.toString(), /TraceIdRatioBased\{1\}/);

      const orchestrator = makeRemoteSampler(endpoint, 'workflow-orchestrator');
      await orchestrator.sampler.getAndUpdateSampler();
      orchestrator.stop();
      const root = orchestrator.sampler._sampler._root;
      assert.equal(root.constructor.name, 'PerOperationSampler');
      const result = orchestrator.sampler.shouldSample(context.active(), '0af7651916cd43dd8448eb211c80319c', 'workflow_execution',
        SpanKind.INTERNAL, {}, []);
      assert.equal(result.decision, 2 /* RECORD_AND_SAMPLED: rate 1.0 for this operation */);

      const other = makeRemoteSampler(endpoint, 'unlisted-service');
      await other.sampler.getAndUpdateSampler();
      other.stop();
      assert.match(other.sampler.toString(), /TraceIdRatioBased\{0\.1\}/);
    }
  });
});
