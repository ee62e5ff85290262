// Span details shown under a waterfall row: overview (service, duration, start offset, kind), then
// collapsible sections for tags, process, logs (times relative to the trace start), references and
// warnings, and the span ID with copy/deep-link actions.
import { h, icon, copyText } from '../../lib/dom.js';
import { formatDuration, pluralize } from '../../lib/format.js';
import { serviceColor } from '../../lib/colors.js';
import { kvTable, previewText } from './kv_table.js';
import { linkResolver } from '../../model/link_patterns.js';

function section(title, count, body, { open = false, preview = '', className = '' } = {}) {
  return h('details', { class: `sd-section ${className}`.trim(), open },
    h('summary', null,
      icon('chevronRight', 'sd-chevron'),
      h('span', { class: 'sd-section-title' }, title),
      count !== null ? h('span', { class: 'sd-count' }, count) : null,
      preview ? h('span', { class: 'sd-preview' }, preview) : null),
    h('div', { class: 'sd-section-body' }, body));
}

function overviewItem(label, value) {
  return h('div', { class: 'sd-overview-item' }, h('span', { class: 'sd-label' }, label), h('span', { class: 'sd-value' }, value));
}

function logsSection(span, model, linkPatterns) {
  const logs = span.logs.slice().sort((a, b) => a.timestamp - b.timestamp);
  const items = logs.map((log) => {
    const fields = log.fields || [];
    const event = fields.find((f) => f.key === 'event');
    const isError = fields.some((f) => f.key === 'event' && /error|exception/i.test(String(f.value)));
    return h('details', { class: ['sd-log', isError ? 'is-error' : ''], open: logs.length <= 3 },
      h('summary', null,
        icon('chevronRight', 'sd-chevron'),
        h('span', { class: 'sd-log-time mono' }, formatDuration(log.timestamp - model.startTime)),
        h('span', { class: 'sd-log-event' }, event ? String(event.value) : 'log'),
        h('span', { class: 'sd-preview' }, previewText(fields.filter((f) => f !== event), 4))),
      kvTable(fields, { linkFor: linkResolver(linkPatterns, 'logs', span) }));
  });
  return section('Logs', logs.length, h('div', { class: 'sd-logs' }, items), {
    open: true,
    className: 'sd-logs-section',
  });
}

function referencesSection(span, model, { onRevealSpan, router }) {
  const rows = span.references.map((ref) => {
    const inTrace = model.spanById.has(ref.spanID) && (!ref.traceID || ref.traceID === span.traceID);
    const target = inTrace ? model.spanById.get(ref.spanID) : null;
    let link;
    if (target) {
      link = h('button', { type: 'button', class: 'ref-link link-button' }, `${target.serviceName}: ${target.operationName}`);
      link.addEventListener('click', (e) => {
        e.preventDefault();
        onRevealSpan(target.spanID);
      });
    } else {
      link = h('a', { class: 'ref-link', href: router.href(`trace/${encodeURIComponent(ref.traceID)}?uiFind=${encodeURIComponent(ref.spanID)}`) },
        'span in another trace', icon('external'));
    }
    return h('li', { class: 'sd-ref' },
      h('span', { class: 'ref-type' }, ref.refType === 'FOLLOWS_FROM' ? 'follows from' : 'child of'),
      link,
      h('span', { class: 'mono muted' }, ref.spanID));
  });
  return section('References', span.references.length, h('ul', { class: 'sd-refs' }, rows));
}

export function createSpanDetail(span, model, ctx) {
  const color = serviceColor(span.serviceName);
  const processFields = [{ key: 'service.name', value: span.serviceName }, ...(span.process.tags || [])];
  const deepLink = new URL(ctx.router.href(`trace/${encodeURIComponent(model.traceID)}?uiFind=${encodeURIComponent(span.spanID)}`),
    window.location.origin).toString();

  const copyIdBtn = h('button', { class: 'btn btn-ghost btn-xs', type: 'button' }, icon('copy'), 'Copy ID');
  copyIdBtn.addEventListener('click', () => copyText(span.spanID));
  const copyLinkBtn = h('button', { class: 'btn btn-ghost btn-xs', type: 'button' }, icon('link'), 'Copy deep link');
  copyLinkBtn.addEventListener('click', () => copyText(deepLink));

  const sections = [
    section('Tags', span.tags.length, kvTable(span.tags, {
      errorKeys: span.hasError ? ['error', 'otel.status_code'] : [],
      linkFor: linkResolver(ctx.linkPatterns, 'tags', span),
    }),
      { open: true, preview: previewText(span.tags) }),
    section('Process', processFields.length, kvTable(processFields, { linkFor: linkResolver(ctx.linkPatterns, 'process', span) }), { preview: previewText(processFields) }),
  ];
  if (span.logs.length) sections.push(logsSection(span, model, ctx.linkPatterns));
  if (span.references.length) sections.push(referencesSection(span, model, ctx));
  if (span.warnings.length) {
    sections.push(section('Warnings', span.warnings.length,
      h('ul', { class: 'sd-warnings' }, span.warnings.map((w) => h('li', null, icon('alert'), w))),
      { open: true, className: 'sd-warnings-section' }));
  }

  const el = h('div', { class: 'span-detail', style: { '--svc-color': color }, 'data-span-id': span.spanID },
    h('div', { class: 'sd-header' },
      h('h3', { class: 'sd-title' },
        span.hasError ? h('span', { class: 'error-icon', title: 'Error' }, icon('alert')) : null,
        span.operationName),
      h('div', { class: 'sd-overview' },
        overviewItem('Service', h('span', { class: 'sd-service' }, h('span', { class: 'svc-dot', style: { background: color } }), span.serviceName)),
        overviewItem('Duration', formatDuration(span.duration)),
        overviewItem('Start Time', formatDuration(span.relativeStart)),
        span.kind ? overviewItem('Kind', String(span.kind)) : null,
        span.children.length ? overviewItem('Children', pluralize(span.children.length, 'span')) : null,
        span.hasError ? overviewItem('Status', h('span', { class: 'text-error' }, 'Error')) : null)),
    h('div', { class: 'sd-sections' }, sections),
    h('div', { class: 'sd-footer' },
      h('span', { class: 'sd-label' }, 'SpanID'), h('code', { class: 'sd-span-id' }, span.spanID),
      copyIdBtn, copyLinkBtn));
  // Clicks inside the details must not toggle the row they belong to.
  el.addEventListener('click', (e) => e.stopPropagation());
  return el;
}
