// Test traces for the UI, described once as plain spans and converted to OTLP/JSON (to post to the real
// collector) or to Jaeger UI JSON (for the dev-only fake API). Times are in nanoseconds.
import { randomBytes } from 'node:crypto';

export const SERVICES = { frontend: 'ui-frontend', cart: 'ui-cart', payment: 'ui-payment' };
export const BIG_SERVICES = { api: 'ui-batch-api', worker: 'ui-batch-worker' };
export const BIG_TRACE_SPANS = 10000;

export function newTraceId() {
  return randomBytes(16).toString('hex');
}
function newSpanId() {
  return randomBytes(8).toString('hex');
}

const MS = 1_000_000n;
const US = 1_000n;

// Builds spans with a small DSL: add(parent, service, name, startOffsetUs, durationUs, extra).
function builder(traceId, startNs) {
  const spans = [];
  const add = (parent, service, name, offsetUs, durationUs, extra = {}) => {
    const span = {
      traceId,
      spanId: newSpanId(),
      parentSpanId: parent ? parent.spanId : '',
      service,
      name,
      kind: extra.kind || 'internal',
      startNs: startNs + BigInt(Math.round(offsetUs)) * US,
      endNs: startNs + BigInt(Math.round(offsetUs + durationUs)) * US,
      attributes: extra.attributes || {},
      events: (extra.events || []).map((e) => ({ ...e, timeNs: startNs + BigInt(Math.round(e.offsetUs)) * US })),
      error: extra.error || null,
    };
    spans.push(span);
    return span;
  };
  return { spans, add };
}

// A checkout request across three services: exactly 30 spans; with `withError` the payment call fails
// (status ERROR, http 500, an exception event).
export function checkoutTrace({ traceId = newTraceId(), startMs = Date.now() - 60_000, scale = 1, withError = true } = {}) {
  const { spans, add } = builder(traceId, BigInt(Math.round(startMs)) * MS);
  const s = (us) => us * scale;
  const root = add(null, SERVICES.frontend, 'GET /checkout', 0, s(48_000), {
    kind: 'server',
    attributes: { 'http.method': 'GET', 'http.route': '/checkout', 'http.status_code': withError ? 500 : 200, 'user.tier': 'gold' },
    events: [{ name: 'request.received', offsetUs: s(50), attributes: { 'net.peer.ip': '10.1.2.3' } }],
  });
  add(root, SERVICES.frontend, 'auth-check', s(200), s(1_800), { attributes: { 'auth.method': 'session-cookie' } });
  const cartCall = add(root, SERVICES.frontend, 'HTTP GET /cart', s(2_200), s(14_000), { kind: 'client', attributes: { 'http.method': 'GET', 'http.url': 'http://cart:8080/cart' } });
  const cart = add(cartCall, SERVICES.cart, 'GET /cart', s(2_600), s(13_000), { kind: 'server', attributes: { 'http.method': 'GET', 'http.status_code': 200 } });
  for (let i = 0; i < 6; i++) {
    add(cart, SERVICES.cart, 'redis GET', s(2_900 + i * 900), s(700), { kind: 'client', attributes: { 'db.system': 'redis', 'db.statement': `GET cart:item:${i}` } });
  }
  const totals = add(cart, SERVICES.cart, 'compute-totals', s(8_500), s(6_500), {
    events: [{ name: 'cache.miss', offsetUs: s(8_600), attributes: { 'cache.key': 'prices:eu' } }],
  });
  for (let i = 0; i < 3; i++) add(totals, SERVICES.cart, 'apply-discount', s(9_000 + i * 1_800), s(1_500), { attributes: { 'discount.code': `SPRING${i}` } });
  const payCall = add(root, SERVICES.frontend, 'HTTP POST /charge', s(16_800), s(24_000), { kind: 'client', attributes: { 'http.method': 'POST', 'http.url': 'http://payment:8080/charge' } });
  const charge = add(payCall, SERVICES.payment, 'POST /charge', s(17_200), s(23_000), {
    kind: 'server',
    attributes: { 'http.method': 'POST', 'http.status_code': withError ? 500 : 200, 'payment.amount': 42.5, 'payment.currency': 'EUR' },
    events: withError ? [{ name: 'exception', offsetUs: s(39_000), attributes: { 'exception.type': 'CardDeclined', 'exception.message': 'card declined by issuer' } }] : [],
    error: withError ? 'card declined by issuer' : null,
  });
  add(charge, SERVICES.payment, 'validate-card', s(17_500), s(2_500), { attributes: { 'card.network': 'visa' } });
  const fraud = add(charge, SERVICES.payment, 'fraud-check', s(20_200), s(9_000));
  for (let i = 0; i < 3; i++) add(fraud, SERVICES.payment, 'score-model', s(20_500 + i * 2_800), s(2_500), { attributes: { 'model.version': `v${i + 3}` } });
  for (let i = 0; i < 4; i++) {
    add(charge, SERVICES.payment, 'SQL INSERT', s(29_600 + i * 2_300), s(2_000), { kind: 'client', attributes: { 'db.system': 'postgresql', 'db.statement': `INSERT INTO ledger VALUES ($1, $2) -- ${i}` } });
  }
  const render = add(root, SERVICES.frontend, 'render-confirmation', s(41_200), s(6_400));
  for (let i = 0; i < 4; i++) add(render, SERVICES.frontend, 'template', s(41_500 + i * 1_500), s(1_300), { attributes: { 'template.name': `part-${i}.html` } });
  return spans;
}

// A 10,000-span batch trace: root → 99 chunk spans → 100 item spans each.
export function bigTrace({ traceId = newTraceId(), startMs = Date.now() - 30_000 } = {}) {
  const { spans, add } = builder(traceId, BigInt(Math.round(startMs)) * MS);
  const root = add(null, BIG_SERVICES.api, 'POST /batch/import', 0, 2_000_000, { kind: 'server', attributes: { 'batch.size': 9900 } });
  for (let c = 0; c < 99; c++) {
    const chunk = add(root, BIG_SERVICES.api, `process-chunk-${c}`, 1_000 + c * 20_000, 19_500, { kind: 'client' });
    for (let i = 0; i < 100; i++) {
      add(chunk, BIG_SERVICES.worker, 'import-item', 1_100 + c * 20_000 + i * 190, 180, { kind: 'server', attributes: { 'item.index': c * 100 + i } });
    }
  }
  return spans;
}

// A dashboard request fanning out to parallel backends (9 spans in variant 'a', 10 in 'b'). Only the
// orders branch is on the critical path. Variant 'b' (for trace compare) drops the recommendations call,
// adds an ads call and runs the orders query twice.
export const FANOUT_SERVICES = { gateway: 'ui-gateway', profile: 'ui-profile', orders: 'ui-orders', recs: 'ui-recs', ads: 'ui-ads' };
export function fanoutTrace({ traceId = newTraceId(), startMs = Date.now() - 60_000, variant = 'a' } = {}) {
  const { spans, add } = builder(traceId, BigInt(Math.round(startMs)) * MS);
  const S = FANOUT_SERVICES;
  const root = add(null, S.gateway, 'GET /dashboard', 0, 30_000, { kind: 'server', attributes: { 'http.method': 'GET' } });
  const profileCall = add(root, S.gateway, 'fetch-profile', 1_000, 8_000, { kind: 'client' });
  add(profileCall, S.profile, 'GET /profile', 1_500, 7_000, { kind: 'server' });
  const ordersCall = add(root, S.gateway, 'fetch-orders', 1_000, 24_000, { kind: 'client' });
  const orders = add(ordersCall, S.orders, 'GET /orders', 1_500, 23_000, { kind: 'server' });
  if (variant === 'a') {
    add(orders, S.orders, 'SQL SELECT orders', 2_000, 21_000, { kind: 'client', attributes: { 'db.system': 'postgresql' } });
    const recsCall = add(root, S.gateway, 'fetch-recs', 1_500, 10_500, { kind: 'client' });
    add(recsCall, S.recs, 'GET /recommendations', 2_000, 9_000, { kind: 'server' });
  } else {
    add(orders, S.orders, 'SQL SELECT orders', 2_000, 10_000, { kind: 'client', attributes: { 'db.system': 'postgresql' } });
    add(orders, S.orders, 'SQL SELECT orders', 12_500, 10_000, { kind: 'client', attributes: { 'db.system': 'postgresql' } });
    const adsCall = add(root, S.gateway, 'fetch-ads', 1_500, 9_000, { kind: 'client' });
    add(adsCall, S.ads, 'GET /ads', 2_000, 8_000, { kind: 'server' });
  }
  add(root, S.gateway, 'render', 25_500, 3_500);
  return spans;
}

// ---- OTLP/JSON ----
const OTLP_KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

function otlpValue(v) {
  if (typeof v === 'boolean') return { boolValue: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { intValue: String(v) } : { doubleValue: v };
  return { stringValue: String(v) };
}
function otlpAttributes(obj) {
  return Object.entries(obj).map(([key, value]) => ({ key, value: otlpValue(value) }));
}

// Splits spans into OTLP export requests of at most `chunk` spans, grouped by service.
export function toOtlpRequests(spans, chunk = 2000) {
  const requests = [];
  for (let i = 0; i < spans.length; i += chunk) {
    const byService = new Map();
    for (const s of spans.slice(i, i + chunk)) {
      if (!byService.has(s.service)) byService.set(s.service, []);
      byService.get(s.service).push({
        traceId: s.traceId,
        spanId: s.spanId,
        parentSpanId: s.parentSpanId,
        name: s.name,
        kind: OTLP_KIND[s.kind],
        startTimeUnixNano: String(s.startNs),
        endTimeUnixNano: String(s.endNs),
        attributes: otlpAttributes(s.attributes),
        events: s.events.map((e) => ({ timeUnixNano: String(e.timeNs), name: e.name, attributes: otlpAttributes(e.attributes || {}) })),
        status: s.error ? { code: 2, message: s.error } : { code: 0 },
      });
    }
    requests.push({
      resourceSpans: [...byService.entries()].map(([service, otlpSpans]) => ({
        resource: { attributes: otlpAttributes({ 'service.name': service, 'host.name': 'ui-test-host' }) },
        scopeSpans: [{ scope: { name: 'peregrine-ui-test', version: '1.0.0' }, spans: otlpSpans }],
      })),
    });
  }
  return requests;
}

// ---- Jaeger UI JSON (for the dev fake API) ----
function jaegerTag(key, value) {
  const type = typeof value === 'boolean' ? 'bool' : typeof value === 'number' ? (Number.isInteger(value) ? 'int64' : 'float64') : 'string';
  return { key, type, value };
}

export function toJaegerTrace(spans) {
  const processes = {};
  const processIds = new Map();
  for (const s of spans) {
    if (!processIds.has(s.service)) {
      const id = `p${processIds.size + 1}`;
      processIds.set(s.service, id);
      processes[id] = { serviceName: s.service, tags: [jaegerTag('host.name', 'ui-test-host')] };
    }
  }
  return {
    traceID: spans[0].traceId,
    spans: spans.map((s) => {
      const tags = Object.entries(s.attributes).map(([k, v]) => jaegerTag(k, v));
      if (s.kind !== 'internal') tags.push(jaegerTag('span.kind', s.kind));
      if (s.error) tags.push(jaegerTag('error', true), jaegerTag('otel.status_code', 'ERROR'), jaegerTag('otel.status_description', s.error));
      return {
        traceID: s.traceId,
        spanID: s.spanId,
        operationName: s.name,
        references: s.parentSpanId ? [{ refType: 'CHILD_OF', traceID: s.traceId, spanID: s.parentSpanId }] : [],
        flags: 1,
        startTime: Number(s.startNs / US),
        duration: Number((s.endNs - s.startNs) / US),
        tags,
        logs: s.events.map((e) => ({
          timestamp: Number(e.timeNs / US),
          fields: [jaegerTag('event', e.name), ...Object.entries(e.attributes || {}).map(([k, v]) => jaegerTag(k, v))],
        })),
        processID: processIds.get(s.service),
        warnings: null,
      };
    }),
    processes,
    warnings: null,
  };
}
