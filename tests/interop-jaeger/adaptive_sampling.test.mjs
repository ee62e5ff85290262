// Interop: adaptive sampling (SAMPLING_CONFIG_TYPE=adaptive) on peregrine-all-in-one with the real
// @opentelemetry/sampler-jaeger-remote reading per-operation strategies from the collector (14268 /api/sampling) and
// agent (5778 /sampling) endpoints, and the real @opentelemetry/exporter-jaeger sending root spans tagged the way
// Jaeger SDKs tag them (sampler.type=probabilistic, sampler.param=<the probability in use>). The target rate is set
// far above the traffic, so each calculation (every 200 ms) doubles the probability of an operation whose client
// reports the probability it was given; the test waits (no timing assertions) for two such steps.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { SpanKind } from '@opentelemetry/api';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { JaegerExporter } from '@opentelemetry/exporter-jaeger';
import { startAllInOne, eventually } from './lib/jaeger-harness.mjs';
import { makeRemoteSampler } from './lib/remote_sampler.mjs';

const OPERATION = 'GET /adaptive';

// The probability the remote sampler applies to `operation` (null while it has no per-operation strategy for it).
function operationProbability(sampler, operation) {
  const escaped = operation.replace(/[/]/g, '\\/');
  const m = new RegExp(`${escaped}=TraceIdRatioBased\\{([0-9.e+-]+)\\}`).exec(sampler.toString());
  return m ? Number(m[1]) : null;
}

describe('adaptive sampling with the OpenTelemetry Jaeger remote sampler', () => {
  let aio;
  before(async () => {
    aio = await startAllInOne([
      '--sampling.config-type=adaptive',
      '--sampling.calculation-interval=200ms',
      '--sampling.delay=0s',
      '--sampling.target-samples-per-second=1000',
    ]);
  });
  after(async () => {
    const info = await aio.stop();
    assert.equal(info.code, 0, aio.output());
  });

  test('per-operation probabilities follow the traffic and reach the remote sampler', async () => {
    const collectorEndpoint = `http://127.0.0.1:${aio.ports.jaeger_thrift_http}/api`;
    const remote = makeRemoteSampler(collectorEndpoint, 'adaptive-shop');
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'adaptive-shop' }),
      spanProcessors: [new SimpleSpanProcessor(new JaegerExporter({ endpoint: `http://127.0.0.1:${aio.ports.jaeger_thrift_http}/api/traces` }))],
    });
    const tracer = provider.getTracer('interop');
    let probability = 0.001;  // --sampling.initial-sampling-probability
    try {
      const reached = await eventually(async () => {
        for (let i = 0; i < 3; i++) {
          tracer.startSpan(OPERATION, {
            kind: SpanKind.SERVER,
            attributes: { 'sampler.type': 'probabilistic', 'sampler.param': probability },
          }).end();
        }
        await provider.forceFlush();
        await remote.sampler.getAndUpdateSampler();
        const served = operationProbability(remote.sampler, OPERATION);
        if (served !== null) probability = served;
        return served !== null && served >= 0.004 ? served : null;
      }, { timeoutMs: 60000, intervalMs: 50, what: 'the adaptive probability to double twice' });
      assert.ok(reached >= 0.004 && reached <= 1, `probability ${reached}`);
      assert.equal(remote.sampler._sampler._root.constructor.name, 'PerOperationSampler');
      assert.match(remote.sampler.toString(), /default=TraceIdRatioBased\{0\.001\}/);
    } finally {
      remote.stop();
      await provider.shutdown();
    }

    // The agent's sampling port serves the same per-operation strategy.
    const viaAgent = makeRemoteSampler(`http://127.0.0.1:${aio.ports.agent_http}`, 'adaptive-shop');
    await viaAgent.sampler.getAndUpdateSampler();
    viaAgent.stop();
    assert.ok(operationProbability(viaAgent.sampler, OPERATION) >= 0.004, viaAgent.sampler.toString());

    // A service with no traffic gets the initial probability.
    const idle = makeRemoteSampler(collectorEndpoint, 'idle-service');
    await idle.sampler.getAndUpdateSampler();
    idle.stop();
    assert.match(idle.sampler.toString(), /TraceIdRatioBased\{0\.001\}/);
  });
});
