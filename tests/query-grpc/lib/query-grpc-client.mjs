// Real gRPC Node client for Peregrine's query endpoint: @grpc/proto-loader loads Peregrine's own .proto files
// (backend/idl/jaeger/query.proto and backend/idl/jaeger/api_v3/query_service.proto) and @grpc/grpc-js calls
// them. Also starts the fixture server (a QueryGrpcServer over known traces) for the fixture test.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join, dirname } from 'node:path';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = dirname(fileURLToPath(import.meta.url));
export const idlDir = process.env.PEREGRINE_IDL_DIR || join(here, '..', '..', '..', 'backend', 'idl');
export const binDir = process.env.PEREGRINE_BIN_DIR || join(here, '..', '..', '..', 'build', 'bin');

const definition = protoLoader.loadSync(['jaeger/query.proto', 'jaeger/api_v3/query_service.proto'], {
  includeDirs: [idlDir],
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
});
const loaded = grpc.loadPackageDefinition(definition);

// { v2, v3, close } — stubs of jaeger.api_v2.QueryService and jaeger.api_v3.QueryService on one address.
export function queryClients(address) {
  const credentials = grpc.credentials.createInsecure();
  const v2 = new loaded.jaeger.api_v2.QueryService(address, credentials);
  const v3 = new loaded.jaeger.api_v3.QueryService(address, credentials);
  return { v2, v3, close: () => { v2.close(); v3.close(); } };
}

// Promise of a unary call's response; rejects with the grpc-js error (which carries .code and .details).
export function unary(client, method, request) {
  return new Promise((resolve, reject) => {
    client[method](request, (err, response) => (err ? reject(err) : resolve(response)));
  });
}

// Promise of every message of a server-streaming call; rejects with the call's error status.
export function collect(client, method, request) {
  return new Promise((resolve, reject) => {
    const messages = [];
    const call = client[method](request);
    call.on('data', (m) => messages.push(m));
    call.on('error', reject);
    call.on('end', () => resolve(messages));
  });
}

export const status = grpc.status;

// google.protobuf.Timestamp from milliseconds since the epoch.
export function timestamp(ms) {
  return { seconds: String(Math.floor(ms / 1000)), nanos: (ms % 1000) * 1e6 };
}

// 16-byte big-endian trace id from a 32-digit hex string.
export function traceIdBytes(hex32) {
  return Buffer.from(hex32.padStart(32, '0'), 'hex');
}

// Starts peregrine-query-grpc-fixture and resolves with { port, stop } once it prints its port.
export function startFixtureServer() {
  const child = spawn(join(binDir, 'peregrine-query-grpc-fixture'), [], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  process.on('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`fixture server exited early (${code}): ${stderr}`)));
    child.stdout.on('data', (d) => {
      stdout += d;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      const { port } = JSON.parse(stdout.slice(0, newline));
      const stop = async () => {
        child.stdin.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
        await exited;
        clearTimeout(timer);
      };
      resolve({ port, stop });
    });
  });
}
