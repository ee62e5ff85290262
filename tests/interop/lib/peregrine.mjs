// Test harness for interop tests: starts a Peregrine binary with every port on :0, waits for its ports file
// (written once all servers listen), offers small HTTP helpers, and always kills the process afterwards.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const binDir = process.env.PEREGRINE_BIN_DIR || join(process.cwd(), 'build', 'bin');

// Ephemeral-port flags for every server the all-in-one runs.
export const allInOneEphemeralFlags = [
  '--query.http-server.host-port=127.0.0.1:0',
  '--query.grpc-server.host-port=127.0.0.1:0',
  '--collector.otlp.grpc.host-port=127.0.0.1:0',
  '--collector.otlp.http.host-port=127.0.0.1:0',
  '--admin.http.host-port=127.0.0.1:0',
  '--collector.http-server.host-port=127.0.0.1:0',
  '--collector.grpc-server.host-port=127.0.0.1:0',
  '--processor.jaeger-compact.server-host-port=127.0.0.1:0',
  '--processor.jaeger-binary.server-host-port=127.0.0.1:0',
  '--processor.zipkin-compact.server-host-port=127.0.0.1:0',
  '--http-server.host-port=127.0.0.1:0',
];

export async function startPeregrine(binary, args = [], { env = {}, timeoutMs = 30000 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'peregrine-test-'));
  const portsFile = join(dir, 'ports.json');
  const child = spawn(join(binDir, binary), [...args, `--peregrine.ports-file=${portsFile}`], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  let exitInfo = null;
  exited.then((info) => { exitInfo = info; });

  const deadline = Date.now() + timeoutMs;
  while (!existsSync(portsFile)) {
    if (exitInfo) throw new Error(`${binary} exited early (${JSON.stringify(exitInfo)}):\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${binary} did not write its ports file within ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const ports = JSON.parse(readFileSync(portsFile, 'utf8'));
  const stop = async (signal = 'SIGTERM') => {
    if (!exitInfo) {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
    return exitInfo;
  };
  process.on('exit', () => { if (!exitInfo) child.kill('SIGKILL'); });
  return { child, ports, stop, output: () => output, exited };
}

export async function getJSON(url) {
  const res = await fetch(url);
  const text = await res.text();
  let body;
  try { body = JSON.parse(text); } catch { body = text; }
  return { status: res.status, headers: res.headers, body };
}

// Polls fn() until it returns a truthy value or the deadline passes (ingest is asynchronous: the queue
// acknowledges before storage has the spans).
export async function eventually(fn, { timeoutMs = 15000, intervalMs = 25, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function tagMap(tags) {
  const m = {};
  for (const t of tags || []) m[t.key] = t.value;
  return m;
}
