// Sends fixture spans to an OTLP/HTTP JSON endpoint (retrying on back-pressure) and waits until the query
// API returns them.
import { toOtlpRequests } from './fixtures.mjs';

// Like an OTLP exporter, retries while the collector answers 503 (its queue is full: back-pressure).
export async function postSpans(otlpPort, spans, { retryForMs = 60_000 } = {}) {
  for (const body of toOtlpRequests(spans)) {
    const deadline = Date.now() + retryForMs;
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`http://127.0.0.1:${otlpPort}/v1/traces`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.ok) break;
      const text = await res.text();
      if (res.status !== 503 || Date.now() > deadline) throw new Error(`OTLP export failed: HTTP ${res.status} ${text}`);
      await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
    }
  }
}

// Polls {apiBase}/api/traces/{id} until it has `spanCount` spans (ingestion is asynchronous).
export async function waitForTrace(apiBase, traceId, spanCount, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const res = await fetch(`${apiBase}/api/traces/${traceId}`);
    if (res.ok) {
      const body = await res.json();
      const n = body.data && body.data[0] ? body.data[0].spans.length : 0;
      if (n === spanCount) return body.data[0];
      last = `${n} spans`;
    } else {
      last = `HTTP ${res.status}`;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`trace ${traceId} did not reach ${spanCount} spans in time (last: ${last})`);
}
