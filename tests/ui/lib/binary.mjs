// Starts a Peregrine binary for tests: every *host-port flag it declares is set to ":0" (ephemeral), the
// bound ports are read from --peregrine.ports-file once it appears, and the process is killed on stop(),
// on test-process exit and on SIGINT/SIGTERM.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const running = new Set();
function killAll() {
  for (const child of running) {
    try { child.kill('SIGKILL'); } catch (_) { /* already gone */ }
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

// Flag names ending in "host-port" that the binary declares (from its --help text).
function hostPortFlags(binary) {
  let usage = '';
  try {
    usage = execFileSync(binary, ['--help'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
  } catch (err) {
    usage = `${err.stdout || ''}${err.stderr || ''}`;
  }
  const names = new Set([...usage.matchAll(/--([A-Za-z0-9_.-]*host-port)\b/g)].map((m) => m[1]));
  for (const known of ['query.http-server.host-port', 'collector.otlp.http.host-port', 'collector.otlp.grpc.host-port', 'admin.http.host-port']) {
    names.add(known);
  }
  return [...names];
}

async function waitForPortsFile(file, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`binary exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    try {
      return JSON.parse(await readFile(file, 'utf8'));
    } catch (_) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`ports file ${file} did not appear within ${timeoutMs} ms`);
}

export async function startBinary(binary, extraArgs = [], { log = () => {} } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'peregrine-ui-test-'));
  const portsFile = path.join(dir, 'ports.json');
  const args = [...hostPortFlags(binary).map((f) => `--${f}=:0`), `--peregrine.ports-file=${portsFile}`, ...extraArgs];
  log(`starting ${binary} ${args.join(' ')}`);
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 400) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', () => running.delete(child));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    running.delete(child);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const ports = await waitForPortsFile(portsFile, child, 60_000);
    return { ports, stop, output: () => output.join('') };
  } catch (err) {
    await stop();
    err.message += `\n--- binary output ---\n${output.join('')}`;
    throw err;
  }
}
