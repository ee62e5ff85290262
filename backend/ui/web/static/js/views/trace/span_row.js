// One waterfall row: the span-tree cell (indent, collapse toggle, service and operation, error mark) and
// the timeline cell (bar positioned within the zoom window, critical path overlay, log markers, duration
// label).
import { h, icon } from '../../lib/dom.js';
import { formatDuration, formatCount } from '../../lib/format.js';
import { serviceColor } from '../../lib/colors.js';

export const ROW_HEIGHT = 28;
export const INDENT_PX = 14;
const MAX_LOG_MARKERS = 40;

// The critical path segments of a span ({start, end} in absolute µs) as dark strips over its bar.
function criticalOverlays(span, segments, view) {
  return segments.map((segment) => {
    const start = span.relativeStart + (segment.start - span.startTime);
    const left = ((start - view.start) / view.duration) * 100;
    const width = ((segment.end - segment.start) / view.duration) * 100;
    return h('span', {
      class: 'span-critical',
      style: { left: `${left}%`, width: `${width}%` },
      'data-start': String(segment.start),
      'data-end': String(segment.end),
    });
  });
}

// view: { start, duration } of the zoom window in µs relative to the trace start; state.critical: the
// span's critical path segments to draw (empty when the overlay is off or the span is not on the path).
export function renderSpanRow(span, ordinal, view, state) {
  const color = serviceColor(span.serviceName);
  const hasChildren = span.children.length > 0;
  const collapsed = state.collapsed;

  const toggle = hasChildren
    ? h('button', {
      class: 'span-toggle', type: 'button', tabindex: '-1',
      'aria-label': collapsed ? 'Expand' : 'Collapse', 'aria-expanded': String(!collapsed),
    }, icon(collapsed ? 'chevronRight' : 'chevronDown'))
    : h('span', { class: 'span-toggle-spacer' });

  const nameCell = h('div', { class: 'span-name', title: `${span.serviceName}: ${span.operationName}` },
    h('span', { class: 'span-indent', style: { width: `${span.depth * INDENT_PX}px` } }),
    toggle,
    h('span', { class: 'span-svc-mark', style: { background: color } }),
    h('span', { class: 'span-svc' }, span.serviceName),
    h('span', { class: 'span-op' }, span.operationName),
    span.hasError ? h('span', { class: 'error-icon', title: 'This span has an error' }, icon('alert')) : null,
    collapsed && hasChildren ? h('span', { class: 'span-hidden-count', title: 'Hidden descendants' }, `+${formatCount(span.descendantCount)}`) : null);

  const left = ((span.relativeStart - view.start) / view.duration) * 100;
  const width = (span.duration / view.duration) * 100;
  const markers = span.logs.slice(0, MAX_LOG_MARKERS).map((log) => {
    const at = span.duration > 0 ? ((log.timestamp - span.startTime) / span.duration) * 100 : 0;
    return h('span', { class: 'span-log-marker', style: { left: `${Math.min(100, Math.max(0, at))}%` } });
  });
  const bar = h('div', {
    class: 'span-bar',
    style: { left: `${left}%`, width: `${Math.max(0, width)}%`, background: color },
  }, markers);
  // The duration label goes where there is room: after the bar, before it, or inside it.
  const roomRight = 100 - (left + width);
  let placement = 'after';
  if (roomRight < 12) placement = left >= 12 ? 'before' : 'inside';
  const labelStyle = {
    after: { left: `${left + width}%` },
    before: { right: `${100 - left}%` },
    inside: { left: `${Math.max(0, left)}%` },
  }[placement];
  const label = h('span', { class: ['span-duration', `label-${placement}`], style: labelStyle }, formatDuration(span.duration));

  return h('div', {
    class: ['span-row', span.hasError ? 'is-error' : '', state.open ? 'is-open' : '',
      state.match ? 'is-match' : '', state.dimmed ? 'is-dimmed' : '', state.focused ? 'is-focused' : ''],
    style: { height: `${ROW_HEIGHT}px` },
    role: 'row',
    'data-span-id': span.spanID,
    'data-row-index': String(ordinal),
    'data-depth': String(span.depth),
  }, nameCell, h('div', { class: 'span-timeline' }, bar, criticalOverlays(span, state.critical || [], view), label));
}
