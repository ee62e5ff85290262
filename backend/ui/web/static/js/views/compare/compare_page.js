// The trace comparison page (/trace/<a>...<b>?cohort=...): picks traces A and B (by ID or from the search
// cohort and this tab's traces), loads them (cache or API) and shows the merged call tree with what B adds,
// removes or changes relative to A.
import { h, icon, replaceChildren } from '../../lib/dom.js';
import { pluralize } from '../../lib/format.js';
import { preassignColors } from '../../lib/colors.js';
import { buildTraceModel } from '../../model/trace_model.js';
import { diffTraces } from '../../model/trace_diff.js';
import { compareHref } from '../../router.js';
import { cachedTrace, cachedTraces, rememberTraces } from '../../trace_cache.js';
import { createTracePicker, traceChoiceLabel } from './trace_picker.js';
import { createDiffTree, STATUS_LABELS } from './diff_tree.js';

const LEGEND_ORDER = ['added', 'removed', 'increased', 'decreased', 'same'];

function legendChip(status, count) {
  return h('span', { class: ['diff-chip', `status-${status}`], 'data-status': status },
    h('span', { class: 'diff-chip-swatch' }), STATUS_LABELS[status], h('strong', null, String(count)));
}

export function createComparePage(ctx, initialRoute) {
  const { api, router } = ctx;
  let ids = ['', ''];
  let cohort = [];
  let abort = null;

  const navigateTo = (a, b) => router.navigate(compareHref(a, b, cohort));
  const pickers = [
    createTracePicker({ side: 'A', router, onChoose: (id) => navigateTo(id, ids[1]) }),
    createTracePicker({ side: 'B', router, onChoose: (id) => navigateTo(ids[0], id) }),
  ];
  const swapBtn = h('button', { class: 'btn btn-ghost btn-sm', type: 'button', id: 'compare-swap', title: 'Swap A and B' }, 'Swap A ⇄ B');
  swapBtn.addEventListener('click', () => navigateTo(ids[1], ids[0]));
  const changesOnly = h('input', { type: 'checkbox', id: 'compare-changes-only' });
  const legend = h('div', { class: 'compare-legend' });
  const result = h('div', { class: 'compare-result' });
  const backLink = h('a', { class: 'icon-btn', title: 'Back to search', 'aria-label': 'Back to search' }, icon('chevronRight', 'flip'));
  const el = h('div', { class: 'page compare-page' },
    h('header', { class: 'card compare-header' },
      h('div', { class: 'compare-title-row' }, backLink, h('h1', { class: 'page-title' }, 'Compare traces'),
        h('span', { class: 'toolbar-spacer' }), swapBtn),
      h('div', { class: 'compare-pickers' }, pickers[0].el, pickers[1].el)),
    h('div', { class: 'compare-toolbar' }, legend,
      h('label', { class: 'compare-changes-only', for: 'compare-changes-only' }, changesOnly, 'Changes only')),
    result);
  let tree = null;
  changesOnly.addEventListener('change', () => { if (tree) tree.setChangesOnly(changesOnly.checked); });

  const setChoices = () => {
    const seen = new Set();
    const choices = [];
    for (const id of cohort) {
      if (seen.has(id)) continue;
      seen.add(id);
      const raw = cachedTrace(id);
      choices.push({ traceID: id, label: raw ? traceChoiceLabel(raw) : 'search result' });
    }
    for (const raw of cachedTraces()) {
      if (seen.has(raw.traceID)) continue;
      seen.add(raw.traceID);
      choices.push({ traceID: raw.traceID, label: traceChoiceLabel(raw) });
    }
    pickers.forEach((p) => p.setChoices(choices));
  };

  const loadTrace = async (id, signal) => {
    const cached = cachedTrace(id);
    if (cached) return cached;
    const trace = await api.trace(id, { signal });
    rememberTraces([trace]);
    return trace;
  };

  const showDiff = (models) => {
    preassignColors(new Set(models.flatMap((m) => m.services.map((s) => s.name))));
    const diff = diffTraces(models[0], models[1]);
    replaceChildren(legend, LEGEND_ORDER.map((s) => legendChip(s, diff.counts[s])));
    tree = createDiffTree(diff);
    tree.setChangesOnly(changesOnly.checked);
    replaceChildren(result,
      h('div', { class: 'compare-note muted' },
        `${pluralize(diff.nodes.length, 'call path')}; colours show which side has more spans on each path.`),
      tree.el);
  };

  async function load() {
    if (abort) abort.abort();
    abort = new AbortController();
    const { signal } = abort;
    tree = null;
    replaceChildren(legend);
    document.title = 'Compare traces · Peregrine';
    const loads = ids.map((id, i) => {
      pickers[i].setValue(id);
      if (!id) {
        pickers[i].showEmpty();
        return Promise.resolve(null);
      }
      pickers[i].showLoading();
      return loadTrace(id, signal).then((raw) => {
        const model = buildTraceModel(raw);
        if (!signal.aborted) pickers[i].showTrace(model);
        return model;
      }, (err) => {
        if (!signal.aborted && err.name !== 'AbortError') pickers[i].showError(err.message);
        return null;
      });
    });
    replaceChildren(result, h('div', { class: 'loading-state', role: 'status' }, h('span', { class: 'spinner' }), 'Loading traces…'));
    const models = await Promise.all(loads);
    if (signal.aborted) return;
    setChoices();
    if (models[0] && models[1]) {
      showDiff(models);
    } else {
      const missing = ids.map((id, i) => (!id || !models[i] ? 'AB'[i] : null)).filter(Boolean).join(' and ');
      replaceChildren(result, h('div', { class: 'empty-state compare-waiting' },
        h('h2', null, `Choose trace ${missing}`),
        h('p', null, 'Enter a trace ID above or pick one of the suggested traces; the comparison appears here.')));
    }
  }

  const update = (route) => {
    ids = route.traceIDs.map((id) => id.trim().toLowerCase());
    cohort = route.query.getAll('cohort').map((id) => id.toLowerCase());
    backLink.setAttribute('href', ctx.lastSearchHref || router.href('search'));
    load();
  };

  update(initialRoute);

  return {
    el,
    update,
    destroy() {
      if (abort) abort.abort();
    },
  };
}
