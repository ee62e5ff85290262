// The Search page: sidebar (search form / JSON file tabs) and results (scatter plot + trace cards).
// The URL is the source of truth: submitting the form navigates to /search?..., which runs the query.
import { h, replaceChildren, icon } from '../../lib/dom.js';
import { buildTraceModel } from '../../model/trace_model.js';
import { preassignColors } from '../../lib/colors.js';
import { rememberTraces } from '../../trace_cache.js';
import { createSearchForm } from './search_form.js';
import { createScatterPlot } from './scatter_plot.js';
import { createResultsList } from './results_list.js';
import { createUploadPanel } from './upload_panel.js';
import { apiQueryFromParams, formValuesFromParams, paramsFromFormValues } from './search_query.js';

const LAST_SERVICE_KEY = 'peregrine.search.lastService';

function messageBox(kind, title, text) {
  return h('div', { class: `message message-${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    kind === 'error' ? icon('alert') : null,
    h('div', null, h('strong', null, title), text ? h('div', null, text) : null));
}

function introState() {
  return h('div', { class: 'empty-state intro' },
    h('div', { class: 'empty-illustration' }, icon('search')),
    h('h2', null, 'Find traces'),
    h('p', null, 'Pick a service, narrow it down with operation, tags, duration and time range, then press ',
      h('strong', null, 'Find Traces'), '.'));
}

function loadingState() {
  return h('div', { class: 'loading-state', role: 'status' }, h('span', { class: 'spinner' }), 'Searching…');
}

export function createSearchPage(ctx, initialRoute) {
  const { api, config, router } = ctx;
  const status = h('div', { class: 'search-status' });
  const scatter = createScatterPlot({ onSelect: (id) => router.navigate(`trace/${encodeURIComponent(id)}`) });
  const results = createResultsList({ router });
  const form = createSearchForm({
    api,
    config,
    onSubmit(values) {
      localStorage.setItem(LAST_SERVICE_KEY, values.service);
      router.navigate(`search?${paramsFromFormValues(values).toString()}`);
    },
  });
  const upload = createUploadPanel({
    onTraces: (traces, name) => {
      rememberTraces(traces);
      showResults(traces.map(buildTraceModel), `Loaded from ${name}`);
    },
    onError: (msg) => showMessage(messageBox('error', 'Could not read the file', msg)),
  });

  const tabs = [
    { id: 'search', label: 'Search', panel: form.el },
    { id: 'file', label: 'JSON File', panel: upload.el },
  ];
  const tabButtons = tabs.map((t) => h('button', { class: 'tab', type: 'button', role: 'tab', 'data-tab': t.id }, t.label));
  const selectTab = (id) => {
    tabs.forEach((t, i) => {
      const active = t.id === id;
      tabButtons[i].classList.toggle('active', active);
      tabButtons[i].setAttribute('aria-selected', String(active));
      t.panel.hidden = !active;
    });
  };
  tabButtons.forEach((b) => b.addEventListener('click', () => selectTab(b.dataset.tab)));
  selectTab('search');

  const resultsArea = h('div', { class: 'results-area' }, scatter.el, results.el);
  const el = h('div', { class: 'page search-page' },
    h('aside', { class: 'search-sidebar card' },
      h('div', { class: 'tabs', role: 'tablist' }, tabButtons),
      h('div', { class: 'sidebar-body' }, tabs.map((t) => t.panel))),
    h('section', { class: 'search-main' }, status, resultsArea));

  let abort = null;

  function showMessage(node) {
    replaceChildren(status, node);
    resultsArea.hidden = true;
  }

  function showResults(models, note) {
    preassignColors(new Set(models.flatMap((m) => m.services.map((s) => s.name))));
    replaceChildren(status, note ? h('div', { class: 'results-note' }, note) : null);
    if (!models.length) {
      showMessage(h('div', { class: 'empty-state' },
        h('div', { class: 'empty-illustration' }, icon('search')),
        h('h2', null, 'No trace results'),
        h('p', null, 'Try a longer lookback, fewer tags or a wider duration range.')));
      return;
    }
    resultsArea.hidden = false;
    scatter.setTraces(models);
    results.setTraces(models);
  }

  async function run(load) {
    if (abort) abort.abort();
    abort = new AbortController();
    const { signal } = abort;
    showMessage(loadingState());
    try {
      const traces = await load(signal);
      if (signal.aborted) return;
      rememberTraces(traces);
      showResults(traces.map(buildTraceModel));
    } catch (err) {
      if (err.name === 'AbortError') return;
      showMessage(messageBox('error', 'Search failed', err.message));
    }
  }

  const update = (route) => {
    const query = route.query;
    const values = formValuesFromParams(query, config.ui.search, localStorage.getItem(LAST_SERVICE_KEY));
    form.setValues(values);
    const traceIDs = query.getAll('traceID').filter(Boolean);
    document.title = 'Search · Peregrine';
    if (traceIDs.length) {
      run(async (signal) => {
        const settled = await Promise.allSettled(traceIDs.map((id) => api.trace(id, { signal })));
        const found = settled.filter((s) => s.status === 'fulfilled').map((s) => s.value);
        if (!found.length) throw new Error(`No trace found for ${traceIDs.join(', ')}`);
        return found;
      });
    } else if (query.get('service')) {
      run((signal) => api.findTraces(apiQueryFromParams(query), { signal }));
    } else {
      showMessage(introState());
    }
  };

  form.loadServices();
  update(initialRoute);

  return {
    el,
    update,
    destroy() {
      if (abort) abort.abort();
      scatter.destroy();
    },
  };
}
