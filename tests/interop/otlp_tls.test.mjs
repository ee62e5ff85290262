// Interop over TLS: the real OpenTelemetry JS exporters send to a peregrine-all-in-one started with Jaeger's
// --collector.otlp.{http,grpc}.tls.* flags — OTLP/HTTP protobuf and JSON over https (CA through the exporter's
// httpAgentOptions), OTLP gRPC with the OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE environment — and the spans are read
// back over https from the query API started with --query.http.tls.*. Exporters that do not trust the CA, or
// lack the client certificate a --collector.otlp.http.tls.client-ca requires, fail. The PKI is made at test time
// by peregrine-test-certificates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanKind } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { BasicTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as HttpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as HttpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { binDir, startPeregrine, allInOneEphemeralFlags, eventually } from './lib/peregrine.mjs';

const certDir = mkdtempSync(join(tmpdir(), 'peregrine-tls-interop-'));
execFileSync(join(binDir, 'peregrine-test-certificates'), [certDir]);
const pem = (name) => readFileSync(join(certDir, name));
const ca = pem('ca.pem');

const serverTls = (prefix) => [
  `--${prefix}.tls.enabled=true`,
  `--${prefix}.tls.cert=${join(certDir, 'server.pem')}`,
  `--${prefix}.tls.key=${join(certDir, 'server-key.pem')}`,
];

let server;
let mtlsServer;
before(async () => {
  server = await startPeregrine('peregrine-all-in-one', [
    ...allInOneEphemeralFlags,
    ...serverTls('collector.otlp.http'),
    ...serverTls('collector.otlp.grpc'),
    ...serverTls('query.http'),
  ]);
  mtlsServer = await startPeregrine('peregrine-all-in-one', [
    ...allInOneEphemeralFlags,
    ...serverTls('collector.otlp.http'),
    `--collector.otlp.http.tls.client-ca=${join(certDir, 'ca.pem')}`,
  ]);
});
after(async () => {
  for (const s of [server, mtlsServer]) {
    if (!s) continue;
    const info = await s.stop();
    assert.equal(info.code, 0, `all-in-one should exit cleanly on SIGTERM: ${JSON.stringify(info)}\n${s.output()}`);
  }
  rmSync(certDir, { recursive: true, force: true });
});

// GET over https trusting only the test CA; resolves { status, body }.
function httpsGetJSON(url) {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca, agent: false }, (res) => {
        let text = '';
        res.on('data', (d) => { text += d; });
        res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
      })
      .on('error', reject);
  });
}

// Exports one two-span trace through `exporter`; returns the trace id and the export result codes.
async function emitTrace(exporter, serviceName) {
  const results = [];
  const recording = {
    export: (spans, done) => exporter.export(spans, (result) => { results.push(result); done(result); }),
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush(),
  };
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new SimpleSpanProcessor(recording)],
  });
  const tracer = provider.getTracer('tls-interop');
  const root = tracer.startSpan('GET /secure', { kind: SpanKind.SERVER });
  root.end();
  await provider.forceFlush();
  await provider.shutdown();
  return { traceId: root.spanContext().traceId, codes: results.map((r) => r.code), errors: results.map((r) => r.error) };
}

async function readBack(serviceName, traceId) {
  const base = `https://localhost:${server.ports.query_http}`;
  const found = await eventually(async () => {
    const r = await httpsGetJSON(`${base}/api/traces?service=${serviceName}&lookback=1h`);
    return r.status === 200 && r.body.data.length === 1 ? r.body.data[0] : null;
  }, { what: `${serviceName} over https` });
  assert.equal(found.traceID, traceId.replace(/^0{16}/, ''));
  assert.equal(found.spans[0].operationName, 'GET /secure');
  const services = await httpsGetJSON(`${base}/api/services`);
  assert.ok(services.body.data.includes(serviceName));
}

test('OTLP/HTTP protobuf over https, read back over https', async () => {
  const exporter = new HttpProtoExporter({
    url: `https://localhost:${server.ports.otlp_http}/v1/traces`,
    httpAgentOptions: { ca },
  });
  const { traceId, codes } = await emitTrace(exporter, 'tls-http-proto');
  assert.deepEqual(codes, [ExportResultCode.SUCCESS]);
  await readBack('tls-http-proto', traceId);
});

test('OTLP/HTTP JSON over https', async () => {
  const exporter = new HttpJsonExporter({
    url: `https://localhost:${server.ports.otlp_http}/v1/traces`,
    httpAgentOptions: { ca, keepAlive: true },
  });
  const { traceId, codes } = await emitTrace(exporter, 'tls-http-json');
  assert.deepEqual(codes, [ExportResultCode.SUCCESS]);
  await readBack('tls-http-json', traceId);
});

test('OTLP gRPC with TLS credentials from the OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE environment', async () => {
  process.env.OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE = join(certDir, 'ca.pem');
  try {
    const exporter = new GrpcExporter({ url: `https://localhost:${server.ports.otlp_grpc}` });
    const { traceId, codes, errors } = await emitTrace(exporter, 'tls-grpc');
    assert.deepEqual(codes, [ExportResultCode.SUCCESS], String(errors[0]));
    await readBack('tls-grpc', traceId);
  } finally {
    delete process.env.OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE;
  }
});

test('an exporter that does not trust the CA fails, and plain http to the TLS port is refused', async () => {
  const untrusting = new HttpProtoExporter({
    url: `https://localhost:${server.ports.otlp_http}/v1/traces`,
    httpAgentOptions: { ca: pem('other-ca.pem') },
  });
  const { codes, errors } = await emitTrace(untrusting, 'tls-untrusted');
  assert.deepEqual(codes, [ExportResultCode.FAILED]);
  assert.match(String(errors[0]?.message ?? errors[0]), /certificate/i);

  const plain = new HttpProtoExporter({ url: `http://localhost:${server.ports.otlp_http}/v1/traces` });
  assert.deepEqual((await emitTrace(plain, 'tls-plain')).codes, [ExportResultCode.FAILED]);

  const services = await httpsGetJSON(`https://localhost:${server.ports.query_http}/api/services`);
  assert.ok(!services.body.data.includes('tls-untrusted'));
  assert.ok(!services.body.data.includes('tls-plain'));
});

test('client certificates are required when --collector.otlp.http.tls.client-ca is set', async () => {
  const url = `https://localhost:${mtlsServer.ports.otlp_http}/v1/traces`;
  const anonymous = new HttpProtoExporter({ url, httpAgentOptions: { ca } });
  assert.deepEqual((await emitTrace(anonymous, 'mtls-anonymous')).codes, [ExportResultCode.FAILED]);

  const foreign = new HttpProtoExporter({
    url,
    httpAgentOptions: { ca, cert: pem('other-client.pem'), key: pem('other-client-key.pem') },
  });
  assert.deepEqual((await emitTrace(foreign, 'mtls-foreign')).codes, [ExportResultCode.FAILED]);

  const client = new HttpProtoExporter({
    url,
    httpAgentOptions: { ca, cert: pem('client.pem'), key: pem('client-key.pem') },
  });
  const { codes, errors } = await emitTrace(client, 'mtls-client');
  assert.deepEqual(codes, [ExportResultCode.SUCCESS], String(errors[0]));
  const services = await eventually(async () => {
    const r = await fetch(`http://127.0.0.1:${mtlsServer.ports.query_http}/api/services`);
    const body = await r.json();
    return body.data.length > 0 ? body.data : null;
  }, { what: 'mtls-client in the services' });
  assert.deepEqual(services, ['mtls-client']);
});
