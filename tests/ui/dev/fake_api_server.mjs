// DEV AID ONLY (not used by ctest): serves backend/ui/web/ the way the query service does (index.html with
// <base href> and config injected, /static/<version>/... assets) plus a small in-memory Jaeger query API
// filled with the test fixtures, so the UI can be developed without the C++ binaries.
// Usage: node tests/ui/dev/fake_api_server.mjs [--port 16686] [--base-path /jaeger] [--ui-config file.json]
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkoutTrace, bigTrace, toJaegerTrace } from '../lib/fixtures.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.resolve(here, '../../../backend/ui/web');
const args = process.argv.slice(2);
const arg = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const port = Number(arg('--port', '16686'));
const basePath = (arg('--base-path', '') || '').replace(/\/+$/, '');
const uiConfigFile = arg('--ui-config', '');
const uiConfig = uiConfigFile ? JSON.parse(readFileSync(uiConfigFile, 'utf8')) : {};
const VERSION = 'dev';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json' };

// ---- data ----
const now = Date.now();
const traces = [];
for (let i = 0; i < 14; i++) {
  traces.push(toJaegerTrace(checkoutTrace({ startMs: now - (i + 1) * 170_000, scale: 0.6 + ((i * 37) % 10) / 6, withError: i % 4 === 0 })));
}
traces.push(toJaegerTrace(bigTrace({ startMs: now - 400_000 })));

function spanService(trace, span) {
  return trace.processes[span.processID].serviceName;
}
function traceDuration(trace) {
  const start = Math.min(...trace.spans.map((s) => s.startTime));
  const end = Math.max(...trace.spans.map((s) => s.startTime + s.duration));
  return [start, end - start];
}
function parseDurationUs(text) {
  const m = /^([\d.]+)(ns|us|µs|ms|s|m|h)$/.exec(text || '');
  if (!m) return null;
  return parseFloat(m[1]) * { ns: 0.001, us: 1, 'µs': 1, ms: 1e3, s: 1e6, m: 60e6, h: 3600e6 }[m[2]];
}

function findTraces(q) {
  const tags = q.get('tags') ? JSON.parse(q.get('tags')) : {};
  const minD = parseDurationUs(q.get('minDuration'));
  const maxD = parseDurationUs(q.get('maxDuration'));
  const start = Number(q.get('start') || 0);
  const end = Number(q.get('end') || Infinity);
  const out = traces.filter((t) => t.spans.some((s) => {
    if (q.get('service') && spanService(t, s) !== q.get('service')) return false;
    if (q.get('operation') && s.operationName !== q.get('operation')) return false;
    if (s.startTime < start || s.startTime > end) return false;
    if (minD !== null && s.duration < minD) return false;
    if (maxD !== null && s.duration > maxD) return false;
    return Object.entries(tags).every(([k, v]) => s.tags.some((tag) => tag.key === k && String(tag.value) === String(v)));
  }));
  return out.sort((a, b) => traceDuration(b)[0] - traceDuration(a)[0]).slice(0, Number(q.get('limit') || 20));
}

function dependencies() {
  const counts = new Map();
  for (const t of traces) {
    const byId = new Map(t.spans.map((s) => [s.spanID, s]));
    for (const s of t.spans) {
      const parent = s.references[0] && byId.get(s.references[0].spanID);
      if (!parent) continue;
      const a = spanService(t, parent);
      const b = spanService(t, s);
      if (a === b) continue;
      counts.set(`${a}\u0000${b}`, (counts.get(`${a}\u0000${b}`) || 0) + 1);
    }
  }
  return [...counts.entries()].map(([k, callCount]) => {
    const [parent, child] = k.split('\u0000');
    return { parent, child, callCount };
  });
}

function api(rel, q) {
  const services = [...new Set(traces.flatMap((t) => Object.values(t.processes).map((p) => p.serviceName)))].sort();
  if (rel === 'services') return { data: services };
  let m = /^services\/([^/]+)\/operations$/.exec(rel);
  if (m) {
    const svc = decodeURIComponent(m[1]);
    return { data: [...new Set(traces.flatMap((t) => t.spans.filter((s) => spanService(t, s) === svc).map((s) => s.operationName)))].sort() };
  }
  if (rel === 'traces') return { data: findTraces(q) };
  m = /^traces\/([^/]+)$/.exec(rel);
  if (m) {
    const t = traces.find((x) => x.traceID === m[1]);
    return t ? { data: [t] } : { status: 404, body: { data: null, errors: [{ code: 404, msg: 'trace not found' }] } };
  }
  if (rel === 'dependencies') return { data: dependencies() };
  return { status: 404, body: { errors: [{ code: 404, msg: 'not found' }] } };
}

// ---- server ----
async function indexHtml() {
  const tmpl = await readFile(path.join(webDir, 'index.html'), 'utf8');
  const config = JSON.stringify({ basePath, version: VERSION, uiConfig }).replace(/</g, '\\u003c');
  return tmpl
    .replace('<!--peregrine:head-->', `<base href="${basePath}/">\n    <script>window.__PEREGRINE_CONFIG__ = ${config};</script>`)
    .replaceAll('%PEREGRINE_STATIC%', `static/${VERSION}`);
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let rel = url.pathname;
  if (basePath) {
    if (!(rel === basePath || rel.startsWith(`${basePath}/`))) {
      res.writeHead(404).end('404 page not found');
      return;
    }
    rel = rel.slice(basePath.length) || '/';
  }
  rel = rel.replace(/^\/+/, '');
  try {
    if (rel.startsWith('api/')) {
      const result = api(rel.slice(4), url.searchParams);
      const body = result.body || { data: result.data, total: Array.isArray(result.data) ? result.data.length : 0, limit: 0, offset: 0, errors: null };
      res.writeHead(result.status || 200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
      return;
    }
    if (rel.startsWith(`static/${VERSION}/`)) {
      const file = path.join(webDir, 'static', rel.slice(`static/${VERSION}/`.length));
      if (!file.startsWith(webDir)) throw Object.assign(new Error('bad path'), { code: 'ENOENT' });
      const data = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' }).end(data);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' }).end(await indexHtml());
  } catch (err) {
    res.writeHead(err.code === 'ENOENT' ? 404 : 500).end(String(err.message));
  }
});
server.listen(port, '127.0.0.1', () => {
  console.log(`fake Peregrine UI on http://127.0.0.1:${server.address().port}${basePath}/ (${traces.length} traces)`);
});
