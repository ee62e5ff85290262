// End to end: Jaeger's trace archive on peregrine-all-in-one with memory storage, through HTTP only. A trace sent
// over OTLP/HTTP is archived with POST /api/archive/{traceID}; after --memory.max-traces evicts it from the primary
// store, GET /api/traces/{traceID} still returns it (from the archive). The UI config served in index.html says
// "archiveEnabled": true, which makes the web UI offer "Archive Trace".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPeregrine, allInOneEphemeralFlags, getJSON, eventually } from '../interop/lib/peregrine.mjs';

let server;
let api;

before(async () => {
  server = await startPeregrine('peregrine-all-in-one', [...allInOneEphemeralFlags, '--memory.max-traces=2']);
  api = `http://127.0.0.1:${server.ports.query_http}`;
});

after(async () => {
  if (server) {
    const info = await server.stop();
    assert.equal(info.code, 0, `all-in-one should exit cleanly: ${JSON.stringify(info)}\n${server.output()}`);
  }
});

function otlpTrace(traceId) {
  const now = BigInt(Date.now()) * 1000000n;
  return {
    resourceSpans: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'archive-e2e' } }] },
      scopeSpans: [{
        scope: { name: 'e2e' },
        spans: [1, 2].map((i) => ({
          traceId,
          spanId: i.toString(16).padStart(16, '0'),
          parentSpanId: i === 1 ? '' : '0000000000000001',
          name: i === 1 ? 'GET /order' : 'db',
          kind: i === 1 ? 2 : 3,
          startTimeUnixNano: (now + BigInt(i) * 1000n).toString(),
          endTimeUnixNano: (now + BigInt(i) * 1000n + 2000000n).toString(),
        })),
      }],
    }],
  };
}

async function postTrace(traceId) {
  const res = await fetch(`http://127.0.0.1:${server.ports.otlp_http}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(otlpTrace(traceId)),
  });
  assert.equal(res.status, 200, await res.text());
}

async function traceStatus(traceId) {
  return (await getJSON(`${api}/api/traces/${traceId}`)).status;
}

async function archive(traceId) {
  const res = await fetch(`${api}/api/archive/${traceId}`, { method: 'POST' });
  return { status: res.status, body: await res.json() };
}

test('an archived trace outlives its eviction from the primary store', async () => {
  const archived = '1a2b3c4d5e6f70818a2b3c4d5e6f7081';
  await postTrace(archived);
  await eventually(async () => (await traceStatus(archived)) === 200, { what: 'trace stored' });

  const r = await archive(archived);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { data: [], total: 0, limit: 0, offset: 0, errors: [] });

  // Two newer traces push the archived one out of the primary store (--memory.max-traces=2).
  const newer = ['f0000000000000000000000000000a01', 'f0000000000000000000000000000a02'];
  for (const id of newer) await postTrace(id);
  await eventually(async () => (await traceStatus(newer[0])) === 200 && (await traceStatus(newer[1])) === 200,
    { what: 'newer traces stored' });
  const search = await getJSON(`${api}/api/traces?service=archive-e2e&lookback=1h&limit=10`);
  assert.deepEqual(search.body.data.map((t) => t.traceID).sort(), newer, 'the primary store no longer has it');

  const byId = await getJSON(`${api}/api/traces/${archived}`);
  assert.equal(byId.status, 200);
  assert.equal(byId.body.data[0].traceID, archived);
  assert.equal(byId.body.data[0].spans.length, 2);
});

test('archiving an unknown trace is a 404', async () => {
  const r = await archive('00000000000000000000000000000bad');
  assert.equal(r.status, 404);
  assert.deepEqual(r.body.errors, [{ code: 404, msg: 'trace not found' }]);
});

test('the UI config tells the web UI that archiving is available', async () => {
  const res = await fetch(`${api}/search`);
  const html = await res.text();
  assert.equal(res.status, 200);
  assert.match(html, /"archiveEnabled":true/);
});
