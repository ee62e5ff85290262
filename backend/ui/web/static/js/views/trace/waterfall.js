// The trace timeline: a toolbar (critical path switch and legend), minimap, a header with time ticks
// (drag to zoom) and tree actions, and the
// virtualised span rows with collapsible subtrees and inline span details. The DOM holds only the rows in
// view, so 10,000-span traces scroll smoothly; the scroll container exposes data-total-rows (visible span
// rows) and data-span-count for tooling and tests.
import { h, icon } from '../../lib/dom.js';
import { formatDuration } from '../../lib/format.js';
import { visibleSpans, ancestorIds } from '../../model/trace_model.js';
import { computeCriticalPath, criticalSegmentsBySpan, criticalPathSummary } from '../../model/critical_path.js';
import { VirtualList } from '../../components/virtual_list.js';
import { attachRangeDrag } from '../../components/range_drag.js';
import { createMinimap } from './minimap.js';
import { renderSpanRow, ROW_HEIGHT } from './span_row.js';
import { createSpanDetail } from './span_detail.js';
import { createCriticalPathToggle, criticalPathEnabled } from './critical_path_toggle.js';

const NAME_WIDTH_KEY = 'peregrine.trace.nameColumn';
const DETAIL_ESTIMATE = 320;

function toolButton(iconName, label, onClick) {
  const b = h('button', { class: 'icon-btn', type: 'button', title: label, 'aria-label': label }, icon(iconName));
  b.addEventListener('click', onClick);
  return b;
}

export function createWaterfall(model, ctx) {
  const collapsed = new Set();
  const open = new Set();
  let matches = null;
  let focused = -1;
  let zoom = [0, 1];
  let nameWidth = Number(localStorage.getItem(NAME_WIDTH_KEY)) || 30;
  const detailEls = new Map();
  const criticalPath = computeCriticalPath(model);
  const criticalBySpan = criticalSegmentsBySpan(criticalPath);
  let showCriticalPath = criticalPathEnabled();

  const minimap = createMinimap({ model, onZoom: (z) => setZoom(z) });
  const tickLabels = h('div', { class: 'wf-ticks' });
  const headerSelection = h('div', { class: 'wf-selection', hidden: true });
  const headerTimeline = h('div', { class: 'wf-header-timeline', title: 'Drag to zoom into a time range' }, tickLabels, headerSelection);
  const resetZoomBtn = h('button', { class: 'btn btn-ghost btn-xs wf-reset-zoom', type: 'button', hidden: true },
    icon('zoomReset'), 'Reset zoom');
  const resizer = h('div', { class: 'wf-resizer', role: 'separator', 'aria-orientation': 'vertical', title: 'Drag to resize' });
  const header = h('div', { class: 'wf-header' }, h('div', { class: 'wf-header-inner' },
    h('div', { class: 'wf-header-name' },
      h('span', { class: 'wf-header-title' }, 'Service & Operation'),
      h('div', { class: 'wf-tree-actions' },
        toolButton('chevronDown', 'Expand one level', () => expandOneLevel()),
        toolButton('chevronUp', 'Collapse one level', () => collapseOneLevel()),
        toolButton('expandAll', 'Expand all', () => expandAll()),
        toolButton('collapseAll', 'Collapse all', () => collapseAll()))),
    headerTimeline,
    resizer),
  resetZoomBtn);
  const viewport = h('div', { class: 'wf-scroll', role: 'grid', 'aria-label': 'Span timeline', 'data-span-count': String(model.spans.length) });
  const criticalToggle = createCriticalPathToggle(criticalPathSummary(criticalPath), (enabled) => {
    showCriticalPath = enabled;
    list.invalidate();
  });
  const toolbar = h('div', { class: 'wf-toolbar' }, criticalToggle.el);
  const el = h('div', { class: 'waterfall', style: { '--name-col': `${nameWidth}%` } }, toolbar, minimap.el, header, viewport);

  const viewWindow = () => ({ start: zoom[0] * model.duration, duration: Math.max(1e-6, (zoom[1] - zoom[0]) * (model.duration || 1)) });

  const rowState = (span) => ({
    collapsed: collapsed.has(span.index),
    open: open.has(span.index),
    match: matches !== null && matches.has(span.index),
    dimmed: matches !== null && !matches.has(span.index),
    focused: focused === span.index,
    critical: showCriticalPath ? criticalBySpan.get(span.index) : null,
  });

  const detailFor = (span) => {
    let detail = detailEls.get(span.index);
    if (!detail) {
      detail = h('div', { class: 'span-detail-row', 'data-detail-for': span.spanID },
        createSpanDetail(span, model, { router: ctx.router, linkPatterns: ctx.config.ui.linkPatterns, onRevealSpan: (id) => revealSpan(id, { openDetail: true }) }));
      detailEls.set(span.index, detail);
    }
    return detail;
  };

  const list = new VirtualList(viewport, {
    itemKey: (item) => `${item.type}:${item.span.index}`,
    itemHeight: (item) => (item.type === 'span' ? ROW_HEIGHT : null),
    estimateHeight: () => DETAIL_ESTIMATE,
    renderItem: (item) => {
      if (item.type === 'detail') return detailFor(item.span);
      const row = renderSpanRow(item.span, item.ordinal, viewWindow(), rowState(item.span));
      row.dataset.index = String(item.span.index);
      return row;
    },
  });

  const rebuild = () => {
    const items = [];
    visibleSpans(model, collapsed).forEach((span, ordinal) => {
      items.push({ type: 'span', span, ordinal });
      if (open.has(span.index)) items.push({ type: 'detail', span });
    });
    viewport.dataset.totalRows = String(items.filter((i) => i.type === 'span').length);
    list.setItems(items);
  };

  const renderTicks = () => {
    const view = viewWindow();
    tickLabels.replaceChildren(...[0, 0.25, 0.5, 0.75, 1].map((f) => h('span', {
      class: ['wf-tick', f === 0 ? 'first' : '', f === 1 ? 'last' : ''], style: { left: `${f * 100}%` },
    }, formatDuration(view.start + f * view.duration))));
  };

  function setZoom(next) {
    zoom = [Math.max(0, next[0]), Math.min(1, next[1])];
    minimap.setZoom(zoom);
    resetZoomBtn.hidden = zoom[0] === 0 && zoom[1] === 1;
    renderTicks();
    list.invalidate();
  }

  const toggleCollapse = (span) => {
    if (collapsed.has(span.index)) collapsed.delete(span.index);
    else collapsed.add(span.index);
    rebuild();
  };

  const toggleDetail = (span) => {
    if (open.has(span.index)) open.delete(span.index);
    else open.add(span.index);
    rebuild();
  };

  function expandAll() {
    collapsed.clear();
    rebuild();
  }

  function collapseAll() {
    for (const span of model.spans) if (span.children.length) collapsed.add(span.index);
    rebuild();
  }

  function expandOneLevel() {
    const shown = visibleSpans(model, collapsed).filter((s) => collapsed.has(s.index));
    if (!shown.length) return;
    const depth = Math.min(...shown.map((s) => s.depth));
    shown.filter((s) => s.depth === depth).forEach((s) => collapsed.delete(s.index));
    rebuild();
  }

  function collapseOneLevel() {
    const expandable = visibleSpans(model, collapsed).filter((s) => s.children.length && !collapsed.has(s.index));
    if (!expandable.length) return;
    const depth = Math.max(...expandable.map((s) => s.depth));
    expandable.filter((s) => s.depth === depth).forEach((s) => collapsed.add(s.index));
    rebuild();
  }

  // Expands the ancestors of a span, scrolls it into the middle of the view and marks it focused.
  function revealSpan(spanID, { openDetail = false } = {}) {
    const span = model.spanById.get(spanID);
    if (!span) return false;
    for (const id of ancestorIds(span)) {
      const ancestor = model.spanById.get(id);
      if (ancestor) collapsed.delete(ancestor.index);
    }
    if (openDetail) open.add(span.index);
    focused = span.index;
    rebuild();
    list.invalidate();
    list.scrollToIndex(list.indexOfKey(`span:${span.index}`), 'center');
    return true;
  }

  viewport.addEventListener('click', (e) => {
    const row = e.target.closest('.span-row');
    if (!row) return;
    const span = model.spans[Number(row.dataset.index)];
    if (!span) return;
    if (e.target.closest('.span-toggle')) toggleCollapse(span);
    else toggleDetail(span);
  });

  attachRangeDrag(headerTimeline, {
    onPreview(range) {
      headerSelection.hidden = !range;
      if (range) {
        headerSelection.style.left = `${range[0] * 100}%`;
        headerSelection.style.width = `${(range[1] - range[0]) * 100}%`;
      }
    },
    onCommit([a, b]) {
      const width = zoom[1] - zoom[0];
      setZoom([zoom[0] + a * width, zoom[0] + b * width]);
    },
  });
  resetZoomBtn.addEventListener('click', () => setZoom([0, 1]));

  resizer.addEventListener('pointerdown', (e) => {
    resizer.setPointerCapture(e.pointerId);
    el.classList.add('resizing');
    const move = (ev) => {
      const rect = el.getBoundingClientRect();
      nameWidth = Math.min(75, Math.max(12, ((ev.clientX - rect.left) / rect.width) * 100));
      el.style.setProperty('--name-col', `${nameWidth}%`);
    };
    const up = () => {
      el.classList.remove('resizing');
      localStorage.setItem(NAME_WIDTH_KEY, String(Math.round(nameWidth)));
      resizer.removeEventListener('pointermove', move);
      resizer.removeEventListener('pointerup', up);
    };
    resizer.addEventListener('pointermove', move);
    resizer.addEventListener('pointerup', up);
  });

  // Keep the header's columns aligned with the rows, which lose the scrollbar's width.
  const scrollbarObserver = new ResizeObserver(() => {
    el.style.setProperty('--sbw', `${viewport.offsetWidth - viewport.clientWidth}px`);
  });
  scrollbarObserver.observe(viewport);

  renderTicks();

  return {
    el,
    // Called once the element is in the document (the list needs a sized viewport).
    mounted() {
      rebuild();
    },
    // spans: the matching spans (model order) or null when no search is active.
    setMatches(spans, focusSpanID) {
      matches = spans === null ? null : new Set(spans.map((s) => s.index));
      focused = -1;
      if (focusSpanID && revealSpan(focusSpanID)) return;
      list.invalidate();
    },
    revealSpan,
    expandAll,
    collapseAll,
    destroy() {
      list.destroy();
      minimap.destroy();
      scrollbarObserver.disconnect();
    },
  };
}
