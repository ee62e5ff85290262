// Harness for the Jaeger / Zipkin interop tests: starts peregrine-all-in-one (and peregrine-agent) with every
// Jaeger-native port on 127.0.0.1:0 through the shared interop harness.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPeregrine, allInOneEphemeralFlags, binDir, getJSON, eventually, tagMap } from '../../interop/lib/peregrine.mjs';

export { startPeregrine, getJSON, eventually, tagMap };

const here = dirname(fileURLToPath(import.meta.url));
export const strategiesFile = join(here, '..', '..', 'jaeger', 'testdata', 'mcp_sampling.json');

export const jaegerEphemeralFlags = [
  '--collector.http-server.host-port=127.0.0.1:0',
  '--collector.grpc-server.host-port=127.0.0.1:0',
  '--collector.zipkin.host-port=127.0.0.1:0',
  '--processor.jaeger-compact.server-host-port=127.0.0.1:0',
  '--processor.jaeger-binary.server-host-port=127.0.0.1:0',
  '--processor.zipkin-compact.server-host-port=127.0.0.1:0',
  '--http-server.host-port=127.0.0.1:0',
];

export async function startAllInOne(extra = []) {
  return startPeregrine('peregrine-all-in-one', [
    ...allInOneEphemeralFlags,
    ...jaegerEphemeralFlags,
    `--sampling.strategies-file=${strategiesFile}`,
    ...extra,
  ]);
}

export async function startAgent(collectorGrpcPort, extra = []) {
  return startPeregrine('peregrine-agent', [
    '--processor.jaeger-compact.server-host-port=127.0.0.1:0',
    '--processor.jaeger-binary.server-host-port=127.0.0.1:0',
    '--processor.zipkin-compact.server-host-port=127.0.0.1:0',
    '--http-server.host-port=127.0.0.1:0',
    '--admin.http.host-port=127.0.0.1:0',
    `--reporter.grpc.host-port=127.0.0.1:${collectorGrpcPort}`,
    ...extra,
  ]);
}

// Polls the all-in-one's query API until the trace with `traceId` has `spanCount` spans; returns it.
export async function waitForTrace(queryPort, traceId, spanCount) {
  const id = traceId.replace(/^0{16}/, '');
  return eventually(async () => {
    const r = await getJSON(`http://127.0.0.1:${queryPort}/api/traces/${id}`);
    if (r.status !== 200 || !r.body.data || !r.body.data[0]) return null;
    const t = r.body.data[0];
    return t.spans.length >= spanCount ? t : null;
  }, { what: `trace ${id} with ${spanCount} spans` });
}

export function processOf(trace, span) {
  return trace.processes[span.processID];
}
