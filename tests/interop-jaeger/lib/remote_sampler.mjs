// The real @opentelemetry/sampler-jaeger-remote for interop tests: JaegerRemoteSampler polls on a setInterval it
// never clears, so the timer is captured and `stop()` clears it (the test process can then exit).
import { AlwaysOffSampler } from '@opentelemetry/sdk-trace-base';
import { JaegerRemoteSampler } from '@opentelemetry/sampler-jaeger-remote';

export function makeRemoteSampler(endpoint, serviceName) {
  const realSetInterval = globalThis.setInterval;
  let timer;
  globalThis.setInterval = (...args) => (timer = realSetInterval(...args));
  try {
    const sampler = new JaegerRemoteSampler({ endpoint, serviceName, poolingInterval: 3600000, initialSampler: new AlwaysOffSampler() });
    return { sampler, stop: () => clearInterval(timer) };
  } finally {
    globalThis.setInterval = realSetInterval;
  }
}
