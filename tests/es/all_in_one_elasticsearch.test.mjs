// End to end: peregrine-all-in-one with SPAN_STORAGE_TYPE=elasticsearch against the Elasticsearch test double.
// Spans sent over OTLP/HTTP JSON must land in Jaeger's indices and come back through the Jaeger query API, and
// an outage of the cluster must delay spans, not lose them. With ES_ARCHIVE_* set, POST /api/archive/{traceID}
// copies a trace into the "e2e-jaeger-span-archive" index.
// REQUIRES the storage factory to build the "elasticsearch" type from peregrine_storage_es (see the lines in
// backend/storage/elasticsearch/es_storage.hpp); until then the all-in-one rejects the storage type and this
// test fails at start-up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPeregrine, allInOneEphemeralFlags, getJSON, eventually } from '../interop/lib/peregrine.mjs';

const doubleBin = process.env.PEREGRINE_ES_DOUBLE_BIN;

async function startDouble() {
  const dir = mkdtempSync(join(tmpdir(), 'peregrine-es-e2e-'));
  const portsFile = join(dir, 'ports.json');
  const child = spawn(doubleBin, ['--listen=127.0.0.1:0', `--ports-file=${portsFile}`], { stdio: 'ignore' });
  const deadline = Date.now() + 20000;
  while (!existsSync(portsFile)) {
    if (child.exitCode !== null) throw new Error('es double exited early');
    if (Date.now() > deadline) throw new Error('es double did not start');
    await new Promise((r) => setTimeout(r, 10));
  }
  const { http } = JSON.parse(readFileSync(portsFile, 'utf8'));
  process.on('exit', () => child.kill('SIGKILL'));
  return {
    url: `http://127.0.0.1:${http}`,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let es;
let server;

before(async () => {
  es = await startDouble();
  server = await startPeregrine('peregrine-all-in-one', allInOneEphemeralFlags, {
    env: {
      SPAN_STORAGE_TYPE: 'elasticsearch', ES_SERVER_URLS: es.url, ES_INDEX_PREFIX: 'e2e', ES_TAGS_AS_FIELDS_ALL: 'true',
      ES_ARCHIVE_ENABLED: 'true', ES_ARCHIVE_SERVER_URLS: es.url, ES_ARCHIVE_INDEX_PREFIX: 'e2e',
    },
  });
});

after(async () => {
  if (server) {
    const info = await server.stop();
    assert.equal(info.code, 0, `all-in-one should exit cleanly: ${JSON.stringify(info)}\n${server.output()}`);
  }
  if (es) es.stop();
});

function otlpTrace(service, traceId, spanCount) {
  const now = BigInt(Date.now()) * 1000000n;
  const spans = [];
  for (let i = 1; i <= spanCount; i++) {
    spans.push({
      traceId,
      spanId: i.toString(16).padStart(16, '0'),
      parentSpanId: i === 1 ? '' : '0000000000000001',
      name: i === 1 ? 'GET /checkout' : `step-${i}`,
      kind: i === 1 ? 2 : 3,
      startTimeUnixNano: (now + BigInt(i) * 1000n).toString(),
      endTimeUnixNano: (now + BigInt(i) * 1000n + 5000000n).toString(),
      attributes: [
        { key: 'http.method', value: { stringValue: 'POST' } },
        { key: 'attempt', value: { intValue: String(i) } },
      ],
    });
  }
  return {
    resourceSpans: [{
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [{ scope: { name: 'e2e' }, spans }],
    }],
  };
}

async function postTrace(body) {
  const res = await fetch(`http://127.0.0.1:${server.ports.otlp_http}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, await res.text());
}

async function esStats() {
  return (await getJSON(`${es.url}/_double/stats`)).body;
}

test('spans go through Elasticsearch and back through the query API', async () => {
  const traceId = '0af7651916cd43dd8448eb211c80319c';
  await postTrace(otlpTrace('shop', traceId, 4));
  const api = `http://127.0.0.1:${server.ports.query_http}`;
  const services = await eventually(async () => {
    const r = await getJSON(`${api}/api/services`);
    return r.body.data && r.body.data.includes('shop') ? r.body.data : null;
  }, { what: 'service listed' });
  assert.ok(services.includes('shop'));
  const found = await eventually(async () => {
    const r = await getJSON(`${api}/api/traces?service=shop&tags=${encodeURIComponent('{"http.method":"POST"}')}`);
    return r.body.data && r.body.data.length === 1 && r.body.data[0].spans.length === 4 ? r.body.data[0] : null;
  }, { what: 'trace found by tag' });
  assert.equal(found.traceID, traceId);
  const byId = await getJSON(`${api}/api/traces/${traceId}`);
  assert.equal(byId.status, 200);
  assert.equal(byId.body.data[0].spans.length, 4);

  const stats = await esStats();
  const spanIndices = Object.keys(stats.indices).filter((n) => n.startsWith('e2e-jaeger-span-'));
  assert.equal(spanIndices.length >= 1, true);
  assert.ok(stats.templates['e2e-jaeger-span'], 'span template installed');
  const docs = (await getJSON(`${es.url}/_double/indices/${spanIndices[0]}/docs`)).body.docs;
  assert.ok(docs.every((d) => d._source.tag && d._source.tag['http@method'] === 'POST'), 'tags stored as fields');
});

test('an Elasticsearch outage delays spans without losing them', async () => {
  const api = `http://127.0.0.1:${server.ports.query_http}`;
  const faults = await fetch(`${es.url}/_double/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ requests: [{ match: '_bulk', status: 503, count: 6 }] }),
  });
  assert.equal(faults.status, 200);
  const traceId = '1af7651916cd43dd8448eb211c80319d';
  await postTrace(otlpTrace('outage', traceId, 3));
  const trace = await eventually(async () => {
    const r = await getJSON(`${api}/api/traces/${traceId}`);
    return r.status === 200 && r.body.data && r.body.data[0].spans.length === 3 ? r.body.data[0] : null;
  }, { what: 'trace stored after the outage', timeoutMs: 60000 });
  assert.equal(trace.spans.length, 3);
  const stats = await esStats();
  assert.ok(stats.requests.faulted >= 6, `faults were injected: ${JSON.stringify(stats.requests)}`);
  const metrics = await (await fetch(`http://127.0.0.1:${server.ports.admin_http}/metrics`)).text();
  assert.match(metrics, /jaeger_bulk_index_errors_total [1-9]/);
});

test('POST /api/archive copies a trace into the archive index', async () => {
  const traceId = '5b8efff798038103d269b633813fc60c';
  await postTrace(otlpTrace('archive-shop', traceId, 3));
  const api = `http://127.0.0.1:${server.ports.query_http}`;
  await eventually(async () => (await getJSON(`${api}/api/traces/${traceId}`)).status === 200, { what: 'trace stored' });
  const res = await fetch(`${api}/api/archive/${traceId}`, { method: 'POST' });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { data: [], total: 0, limit: 0, offset: 0, errors: [] });
  const docs = (await getJSON(`${es.url}/_double/indices/e2e-jaeger-span-archive/docs`)).body.docs;
  assert.equal(docs.filter((d) => d._source.traceID === traceId).length, 3);
  const notFound = await fetch(`${api}/api/archive/00000000000000000000000000000bad`, { method: 'POST' });
  assert.equal(notFound.status, 404);
});
