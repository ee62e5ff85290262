// SPAN_STORAGE_TYPE=badger with the flags the operator renders for with-badger-and-volume.yaml
// (--badger.ephemeral=false --badger.directory-key/-value): spans sent over OTLP survive an all-in-one restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPeregrine, allInOneEphemeralFlags, getJSON, eventually } from './lib/peregrine.mjs';

test('badger storage persists traces across a restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'peregrine-badger-'));
  const args = [...allInOneEphemeralFlags, '--badger.ephemeral=false',
    `--badger.directory-key=${join(dir, 'key')}`, `--badger.directory-value=${join(dir, 'data')}`];
  const env = { SPAN_STORAGE_TYPE: 'badger' };
  try {
    let server = await startPeregrine('peregrine-all-in-one', args, { env });
    const now = BigInt(Date.now()) * 1000000n;
    const body = { resourceSpans: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'persisted-svc' } }] },
      scopeSpans: [{ spans: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', name: 'durable-op',
        kind: 2, startTimeUnixNano: String(now - 1000000n), endTimeUnixNano: String(now) }] }],
    }] };
    const post = await fetch(`http://127.0.0.1:${server.ports.otlp_http}/v1/traces`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(post.status, 200);
    await eventually(async () => {
      const r = await getJSON(`http://127.0.0.1:${server.ports.query_http}/api/traces/0af7651916cd43dd8448eb211c80319c`);
      return r.status === 200;
    }, { what: 'the trace to be stored' });
    const exit = await server.stop();
    assert.equal(exit.code, 0);

    server = await startPeregrine('peregrine-all-in-one', args, { env });
    try {
      const r = await getJSON(`http://127.0.0.1:${server.ports.query_http}/api/traces/0af7651916cd43dd8448eb211c80319c`);
      assert.equal(r.status, 200);
      assert.equal(r.body.data[0].spans[0].operationName, 'durable-op');
      const services = await getJSON(`http://127.0.0.1:${server.ports.query_http}/api/services`);
      assert.deepEqual(services.body.data, ['persisted-svc']);
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
