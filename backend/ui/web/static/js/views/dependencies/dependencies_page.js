// The Dependencies page (/dependencies): loads service-to-service call counts from /api/dependencies
// for a chosen lookback and shows them as a graph (our own SVG layout) or as a sortable table.
import { h, icon, replaceChildren } from '../../lib/dom.js';
import { formatCount, pluralize } from '../../lib/format.js';
import { preassignColors, serviceColor } from '../../lib/colors.js';
import { lookbackToMillis } from '../../lib/go_duration.js';
import { createDependencyGraph } from './dependency_graph.js';

const LOOKBACKS = [
  ['1h', 'Last Hour'], ['2h', 'Last 2 Hours'], ['6h', 'Last 6 Hours'], ['12h', 'Last 12 Hours'],
  ['1d', 'Last 24 Hours'], ['2d', 'Last 2 Days'], ['7d', 'Last 7 Days'],
];
const DEFAULT_LOOKBACK = '1d';

function dependencyTable(links, router) {
  const sorted = links.slice().sort((a, b) => b.callCount - a.callCount || a.parent.localeCompare(b.parent));
  const svcCell = (name) => h('td', null,
    h('a', { href: router.href(`search?service=${encodeURIComponent(name)}`), class: 'svc-link' },
      h('span', { class: 'svc-dot', style: { background: serviceColor(name) } }), name));
  return h('div', { class: 'card table-card' },
    h('table', { class: 'data-table deps-table' },
      h('thead', null, h('tr', null, h('th', null, 'Caller'), h('th', null, 'Callee'), h('th', { class: 'num' }, 'Calls'))),
      h('tbody', null, sorted.map((l) => h('tr', null, svcCell(l.parent), svcCell(l.child),
        h('td', { class: 'num' }, formatCount(l.callCount)))))));
}

export function createDependenciesPage(ctx, initialRoute) {
  const { api, router, config } = ctx;
  const maxServices = Number(config.ui.dependencies.dagMaxNumServices) || 200;
  const lookbackSelect = h('select', { class: 'input input-sm', id: 'deps-lookback', 'aria-label': 'Lookback' },
    LOOKBACKS.map(([v, label]) => h('option', { value: v }, label)));
  const refreshBtn = h('button', { class: 'btn btn-ghost btn-sm', type: 'button' }, icon('refresh'), 'Refresh');
  const modeButtons = [['graph', 'Graph', 'graph'], ['table', 'Table', 'table']].map(([id, label, ic]) =>
    h('button', { class: 'segment', type: 'button', 'data-mode': id }, icon(ic), label));
  const summary = h('span', { class: 'deps-summary muted' });
  const selection = h('div', { class: 'deps-selection', hidden: true });
  const body = h('div', { class: 'deps-body' });
  const el = h('div', { class: 'page deps-page' },
    h('div', { class: 'deps-toolbar' },
      h('h1', { class: 'page-title' }, 'System Architecture'),
      summary,
      h('div', { class: 'toolbar-spacer' }),
      selection,
      h('div', { class: 'segmented' }, modeButtons),
      lookbackSelect,
      refreshBtn),
    body);

  let links = [];
  let mode = 'graph';
  let graph = null;
  let abort = null;

  const showSelection = (service) => {
    selection.hidden = !service;
    if (service) {
      replaceChildren(selection,
        h('span', { class: 'svc-dot', style: { background: serviceColor(service) } }),
        h('strong', null, service),
        h('a', { class: 'btn btn-primary btn-xs', href: router.href(`search?service=${encodeURIComponent(service)}`) }, 'Find traces'));
    }
  };

  const render = () => {
    if (graph) graph.destroy();
    graph = null;
    modeButtons.forEach((b) => b.classList.toggle('active', b.dataset.mode === mode));
    const services = new Set(links.flatMap((l) => [l.parent, l.child]));
    summary.textContent = links.length ? `${pluralize(services.size, 'service')} · ${pluralize(links.length, 'dependency', 'dependencies')}` : '';
    if (!links.length) {
      replaceChildren(body, h('div', { class: 'empty-state' },
        h('div', { class: 'empty-illustration' }, icon('graph')),
        h('h2', null, 'No service dependencies'),
        h('p', null, 'No calls between services were recorded in the selected period.')));
      return;
    }
    if (mode === 'table') {
      replaceChildren(body, dependencyTable(links, router));
      return;
    }
    if (services.size > maxServices) {
      replaceChildren(body, h('div', { class: 'message message-warn' }, icon('alert'),
        h('div', null, `${services.size} services exceed dependencies.dagMaxNumServices (${maxServices}); showing the table instead.`)),
      dependencyTable(links, router));
      return;
    }
    graph = createDependencyGraph(links, { onSelectService: showSelection });
    replaceChildren(body, h('div', { class: 'card graph-card' }, graph.el));
  };

  const load = async () => {
    if (abort) abort.abort();
    abort = new AbortController();
    const { signal } = abort;
    replaceChildren(body, h('div', { class: 'loading-state', role: 'status' }, h('span', { class: 'spinner' }), 'Loading dependencies…'));
    try {
      const data = await api.dependencies(Date.now(), lookbackToMillis(lookbackSelect.value), { signal });
      if (signal.aborted) return;
      links = data.map((d) => ({ parent: d.parent, child: d.child, callCount: Number(d.callCount) || 0 }));
      preassignColors(new Set(links.flatMap((l) => [l.parent, l.child])));
      showSelection(null);
      render();
    } catch (err) {
      if (err.name === 'AbortError') return;
      replaceChildren(body, h('div', { class: 'message message-error', role: 'alert' }, icon('alert'),
        h('div', null, h('strong', null, 'Could not load dependencies'), h('div', null, err.message))));
    }
  };

  const update = (route) => {
    document.title = 'System Architecture · Peregrine';
    const lookback = route.query.get('lookback');
    lookbackSelect.value = LOOKBACKS.some(([v]) => v === lookback) ? lookback : DEFAULT_LOOKBACK;
    const requestedMode = route.query.get('view');
    mode = requestedMode === 'table' ? 'table' : 'graph';
    load();
  };

  lookbackSelect.addEventListener('change', () => {
    router.navigate(`dependencies?lookback=${lookbackSelect.value}${mode === 'table' ? '&view=table' : ''}`, { replace: true });
  });
  refreshBtn.addEventListener('click', load);
  modeButtons.forEach((b) => b.addEventListener('click', () => {
    mode = b.dataset.mode;
    router.replaceQuery(new URLSearchParams({ lookback: lookbackSelect.value, ...(mode === 'table' ? { view: 'table' } : {}) }));
    render();
  }));

  update(initialRoute);

  return {
    el,
    update,
    destroy() {
      if (abort) abort.abort();
      if (graph) graph.destroy();
    },
  };
}
