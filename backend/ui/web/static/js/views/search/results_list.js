// Search results: a header with the trace count, sort order, "Compare traces" and download buttons, then
// one card per trace (selection checkbox, root service/operation, duration bar, span and error counts,
// services with span counts, start). Selecting two or more traces enables the comparison of the first two.
import { h, replaceChildren, icon } from '../../lib/dom.js';
import { formatDuration, formatClock, formatDay, formatRelative, pluralize } from '../../lib/format.js';
import { serviceColor } from '../../lib/colors.js';
import { downloadJson } from '../../lib/download.js';
import { compareHref } from '../../router.js';

export const SORTS = {
  recent: { label: 'Most Recent', compare: (a, b) => b.startTime - a.startTime },
  longest: { label: 'Longest First', compare: (a, b) => b.duration - a.duration },
  shortest: { label: 'Shortest First', compare: (a, b) => a.duration - b.duration },
  mostSpans: { label: 'Most Spans', compare: (a, b) => b.spans.length - a.spans.length },
  leastSpans: { label: 'Least Spans', compare: (a, b) => a.spans.length - b.spans.length },
  errors: { label: 'Most Errors', compare: (a, b) => b.errorCount - a.errorCount || b.startTime - a.startTime },
};

const SORT_STORAGE_KEY = 'peregrine.search.sort';

function resultCard(model, maxDuration, router, selection) {
  const href = router.href(`trace/${encodeURIComponent(model.traceID)}`);
  const color = serviceColor(model.name.service);
  const widthPct = maxDuration > 0 ? Math.max(0.5, (100 * model.duration) / maxDuration) : 100;
  const checkbox = h('input', {
    type: 'checkbox', class: 'result-select-box', checked: selection.has(model.traceID),
    'aria-label': `Select trace ${model.traceID.slice(0, 7)} for comparison`,
  });
  checkbox.addEventListener('change', () => selection.toggle(model.traceID, checkbox.checked));
  return h('article', { class: ['result-card', model.errorCount ? 'has-error' : ''], 'data-trace-id': model.traceID },
    h('div', { class: 'result-top' },
      h('label', { class: 'result-select', title: 'Select for comparison' }, checkbox),
      h('a', { class: 'result-header', href },
      h('span', { class: 'result-title' },
        h('span', { class: 'svc-dot', style: { background: color } }),
        h('span', { class: 'result-service' }, `${model.name.service}: `),
        h('span', { class: 'result-operation' }, model.name.operation),
        h('span', { class: 'trace-id-short mono' }, model.traceID.slice(0, 7))),
      h('span', { class: 'result-duration' }, formatDuration(model.duration)))),
    h('div', { class: 'result-duration-bar', title: formatDuration(model.duration) },
      h('div', { class: 'result-duration-fill', style: { width: `${widthPct}%` } })),
    h('div', { class: 'result-body' },
      h('div', { class: 'result-stats' },
        h('span', { class: 'badge' }, pluralize(model.spans.length, 'Span')),
        model.errorCount ? h('span', { class: 'badge badge-error' }, icon('alert'), pluralize(model.errorCount, 'Error')) : null,
        model.warningCount ? h('span', { class: 'badge badge-warn' }, pluralize(model.warningCount, 'Warning')) : null),
      h('ul', { class: 'service-chips', 'aria-label': 'Services' },
        model.services.map((s) => h('li', {
          class: ['service-chip', s.errorCount ? 'has-error' : ''],
          style: { '--svc-color': serviceColor(s.name) },
          title: s.errorCount ? `${s.name}: ${s.spanCount} spans, ${s.errorCount} with errors` : `${s.name}: ${s.spanCount} spans`,
        }, h('span', { class: 'chip-name' }, s.name), h('span', { class: 'chip-count' }, s.spanCount)))),
      h('div', { class: 'result-time' },
        h('div', null, `${formatDay(model.startTime)} `, h('strong', null, formatClock(model.startTime, false))),
        h('div', { class: 'muted' }, formatRelative(model.startTime)))));
}

export function createResultsList({ router }) {
  let sortKey = localStorage.getItem(SORT_STORAGE_KEY) || 'recent';
  if (!SORTS[sortKey]) sortKey = 'recent';
  let models = [];

  const countEl = h('h2', { class: 'results-count' });
  const errorSummary = h('span', { class: 'results-error-summary' });
  const sortSelect = h('select', { class: 'input input-sm', id: 'results-sort', 'aria-label': 'Sort results' },
    Object.entries(SORTS).map(([key, s]) => h('option', { value: key }, s.label)));
  sortSelect.value = sortKey;
  const downloadBtn = h('button', { class: 'btn btn-ghost btn-sm', type: 'button', title: 'Download results as JSON' },
    icon('download'), 'Download');
  const compareBtn = h('button', { class: 'btn btn-ghost btn-sm', type: 'button', id: 'compare-traces', disabled: true,
    title: 'Select two traces to compare their call trees' }, 'Compare traces');
  // Selected trace IDs in the order they were ticked (the first two are compared, the rest stay choices).
  const selected = [];
  const selection = {
    has: (id) => selected.includes(id),
    toggle(id, on) {
      const at = selected.indexOf(id);
      if (on && at < 0) selected.push(id);
      if (!on && at >= 0) selected.splice(at, 1);
      updateCompareButton();
    },
  };
  const updateCompareButton = () => {
    compareBtn.disabled = selected.length < 2;
    compareBtn.textContent = selected.length ? `Compare traces (${selected.length})` : 'Compare traces';
  };
  compareBtn.addEventListener('click', () => {
    if (selected.length >= 2) router.navigate(compareHref(selected[0], selected[1], selected));
  });
  const list = h('div', { class: 'results-list' });
  const el = h('section', { class: 'results' },
    h('div', { class: 'results-header' },
      h('div', { class: 'results-heading' }, countEl, errorSummary),
      h('div', { class: 'results-actions' },
        h('label', { class: 'results-sort-label', for: 'results-sort' }, 'Sort'), sortSelect, compareBtn, downloadBtn)),
    list);

  const render = () => {
    countEl.textContent = pluralize(models.length, 'Trace');
    const withErrors = models.filter((m) => m.errorCount).length;
    errorSummary.textContent = withErrors ? `${withErrors} with errors` : '';
    const sorted = models.slice().sort(SORTS[sortKey].compare);
    const maxDuration = Math.max(0, ...models.map((m) => m.duration));
    replaceChildren(list, sorted.map((m) => resultCard(m, maxDuration, router, selection)));
  };

  sortSelect.addEventListener('change', () => {
    sortKey = sortSelect.value;
    localStorage.setItem(SORT_STORAGE_KEY, sortKey);
    render();
  });
  downloadBtn.addEventListener('click', () => {
    downloadJson(`traces-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, { data: models.map((m) => m.raw) });
  });

  return {
    el,
    setTraces(newModels) {
      models = newModels;
      const present = new Set(models.map((m) => m.traceID));
      for (let i = selected.length - 1; i >= 0; i--) if (!present.has(selected[i])) selected.splice(i, 1);
      updateCompareButton();
      render();
    },
  };
}
