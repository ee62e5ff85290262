// One side (A or B) of the trace comparison: a trace ID box offering the traces of the search cohort and
// of this tab's cache as suggestions, and a summary of the loaded trace (root service and operation, span
// count, duration, start) linking to its trace view.
import { h, replaceChildren } from '../../lib/dom.js';
import { formatDuration, formatTimestamp, pluralize } from '../../lib/format.js';
import { serviceColor } from '../../lib/colors.js';

// "frontend: GET /checkout · 30 spans" for a raw trace (cheap: no model is built).
export function traceChoiceLabel(rawTrace) {
  const spans = rawTrace.spans || [];
  const root = spans.find((s) => !(s.references || []).length) || spans[0];
  if (!root) return `${rawTrace.traceID} · empty`;
  const process = (rawTrace.processes || {})[root.processID] || {};
  return `${process.serviceName || 'unknown-service'}: ${root.operationName} · ${pluralize(spans.length, 'span')}`;
}

// side: 'A' | 'B'; onChoose(traceID) when an ID is entered or picked.
export function createTracePicker({ side, router, onChoose }) {
  const listId = `compare-choices-${side.toLowerCase()}`;
  const input = h('input', {
    class: 'input mono compare-input', type: 'text', id: `compare-trace-${side.toLowerCase()}`, list: listId,
    placeholder: 'Trace ID', spellcheck: 'false', autocomplete: 'off', 'aria-label': `Trace ${side}`,
  });
  const datalist = h('datalist', { id: listId });
  const summary = h('div', { class: 'compare-summary' });
  const el = h('section', { class: 'compare-side', 'data-side': side },
    h('div', { class: 'compare-side-head' },
      h('span', { class: `compare-side-badge side-${side.toLowerCase()}` }, side),
      input, datalist),
    summary);

  let current = '';
  const choose = () => {
    const id = input.value.trim().toLowerCase();
    if (id !== current) onChoose(id);
  };
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      choose();
    }
  });
  input.addEventListener('change', choose);

  return {
    el,
    setValue(traceID) {
      current = traceID;
      input.value = traceID;
    },
    // choices: [{ traceID, label }]
    setChoices(choices) {
      replaceChildren(datalist, choices.map((c) => h('option', { value: c.traceID }, c.label)));
    },
    showEmpty() {
      replaceChildren(summary, h('div', { class: 'muted' }, `Enter or pick the ID of trace ${side}.`));
    },
    showLoading() {
      replaceChildren(summary, h('div', { class: 'muted' }, h('span', { class: 'spinner spinner-sm' }), ' Loading…'));
    },
    showError(message) {
      replaceChildren(summary, h('div', { class: 'text-error compare-error' }, message));
    },
    showTrace(model) {
      replaceChildren(summary,
        h('a', { class: 'compare-trace-link', href: router.href(`trace/${encodeURIComponent(model.traceID)}`) },
          h('span', { class: 'svc-dot', style: { background: serviceColor(model.name.service) } }),
          h('strong', { class: 'compare-service' }, `${model.name.service}:`), model.name.operation),
        h('div', { class: 'compare-facts muted' },
          `${pluralize(model.spans.length, 'span')} · ${formatDuration(model.duration)} · ${formatTimestamp(model.startTime)}`));
    },
  };
}
