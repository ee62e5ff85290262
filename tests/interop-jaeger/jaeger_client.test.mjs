// Interop: the real jaeger-client (Node) reports over UDP Thrift (binary protocol) to the agent ports — the all-in-one's
// own and a standalone peregrine-agent forwarding over gRPC — and pulls remote sampling strategies from both
// agents' 5778-style HTTP ports. Spans must come back through the all-in-one's query API with the right
// structure, and the samplers must apply the rates of the strategies file.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import jaegerClient from 'jaeger-client';
import {
  startAllInOne, startAgent, waitForTrace, processOf, tagMap,
} from './lib/jaeger-harness.mjs';

const { initTracer, RemoteSampler } = jaegerClient;
const silent = { info() {}, error() {} };


async function emitTrace(serviceName, agentPort) {
  const tracer = initTracer(
    {
      serviceName,
      sampler: { type: 'const', param: 1 },
      reporter: { agentHost: '127.0.0.1', agentPort, flushIntervalMs: 50 },
    },
    { logger: silent, tags: { 'deployment.env': 'interop' } },
  );
  const root = tracer.startSpan('GET /dispatch', { tags: { 'span.kind': 'server', 'http.status_code': 200 } });
  const child = tracer.startSpan('SELECT drivers', { childOf: root.context(), tags: { 'db.type': 'sql' } });
  child.log({ event: 'query', rows: 3 });
  child.setTag('error', true);
  child.finish();
  root.finish();
  await new Promise((resolve) => tracer.close(resolve));
  return root.context().traceIdStr;
}

function checkTrace(t, serviceName) {
  assert.equal(t.spans.length, 2);
  const byOp = Object.fromEntries(t.spans.map((s) => [s.operationName, s]));
  const root = byOp['GET /dispatch'];
  const child = byOp['SELECT drivers'];
  assert.ok(root && child);
  assert.deepEqual(root.references, []);
  assert.deepEqual(child.references, [{ refType: 'CHILD_OF', traceID: t.traceID, spanID: root.spanID }]);
  assert.equal(tagMap(root.tags)['http.status_code'], 200);
  assert.equal(tagMap(root.tags)['span.kind'], 'server');
  assert.equal(tagMap(child.tags)['error'], true);
  assert.equal(child.logs.length, 1);
  assert.equal(tagMap(child.logs[0].fields).event, 'query');
  assert.equal(tagMap(child.logs[0].fields).rows, 3);
  const proc = processOf(t, root);
  assert.equal(proc.serviceName, serviceName);
  assert.equal(tagMap(proc.tags)['deployment.env'], 'interop');
  assert.ok(tagMap(proc.tags)['jaeger.version'].startsWith('Node-'));
  return proc;
}

async function fetchStrategy(port, service) {
  let updated;
  const done = new Promise((resolve, reject) => {
    updated = resolve;
    setTimeout(() => reject(new Error('no sampling update')), 15000).unref();
  });
  const sampler = new RemoteSampler(service, {
    hostPort: `127.0.0.1:${port}`,
    refreshInterval: 0,
    logger: silent,
    onSamplerUpdate: (s) => updated(s),
  });
  sampler._refreshSamplingStrategy();
  const applied = await done;
  sampler.close();
  return applied;
}

async function checkSampling(port) {
  const frontend = await fetchStrategy(port, 'frontend');
  assert.equal(frontend.name(), 'RateLimitingSampler');
  assert.equal(frontend._maxTracesPerSecond, 100);
  const router = await fetchStrategy(port, 'model-router');
  assert.equal(router.name(), 'PerOperationSampler');
  assert.equal(router._defaultSampler._samplingRate, 1);
  const other = await fetchStrategy(port, 'not-in-the-file');
  assert.equal(other.name(), 'ProbabilisticSampler');
  assert.equal(other._samplingRate, 0.1);
}

describe('jaeger-client against peregrine', () => {
  let aio;
  before(async () => { aio = await startAllInOne(); });
  after(async () => {
    const info = await aio.stop();
    assert.equal(info.code, 0, aio.output());
  });

  // Node's jaeger-client speaks the binary protocol; the seeds point it at 6831 (compact), which Peregrine accepts.
  test('UDP to the all-in-one agent compact port (as the seeds configure it)', async () => {
    const traceId = await emitTrace('jaeger-client-aio', aio.ports.agent_compact);
    checkTrace(await waitForTrace(aio.ports.query_http, traceId, 2), 'jaeger-client-aio');
  });

  test('remote sampling from the all-in-one agent HTTP port', async () => {
    await checkSampling(aio.ports.agent_http);
  });

  describe('through a standalone peregrine-agent', () => {
    let agent;
    before(async () => {
      agent = await startAgent(aio.ports.jaeger_grpc, ['--agent.tags=cluster=interop,zone=${PEREGRINE_UNSET_ZONE:z1}']);
    });
    after(async () => {
      const info = await agent.stop();
      assert.equal(info.code, 0, agent.output());
    });

    test('UDP binary → agent → gRPC → all-in-one, with agent tags', async () => {
      const traceId = await emitTrace('jaeger-client-agent', agent.ports.agent_binary);
      const proc = checkTrace(await waitForTrace(aio.ports.query_http, traceId, 2), 'jaeger-client-agent');
      assert.equal(tagMap(proc.tags).cluster, 'interop');
      assert.equal(tagMap(proc.tags).zone, 'z1');
    });

    test('remote sampling proxied by the agent to the collector', async () => {
      await checkSampling(agent.ports.agent_http);
    });
  });
});
