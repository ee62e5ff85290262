// The Trace page (/trace/<id>): loads the trace (from the tab's cache or the API), shows the header and
// the timeline waterfall or statistics view, and drives "find in trace" (kept in ?uiFind= for sharing).
import { h, icon, replaceChildren } from '../../lib/dom.js';
import { buildTraceModel } from '../../model/trace_model.js';
import { findSpans } from '../../model/span_search.js';
import { preassignColors } from '../../lib/colors.js';
import { downloadJson } from '../../lib/download.js';
import { cachedTrace, rememberTraces } from '../../trace_cache.js';
import { createTraceHeader } from './trace_header.js';
import { createWaterfall } from './waterfall.js';
import { createStatisticsView } from './statistics_view.js';

export function createTracePage(ctx, initialRoute) {
  const { api, router } = ctx;
  const el = h('div', { class: 'page trace-page' });
  let traceID = null;
  let abort = null;
  let view = null; // { header, waterfall, stats, model, ... }

  const showMessage = (node) => {
    destroyView();
    replaceChildren(el, node);
  };

  function destroyView() {
    if (!view) return;
    view.waterfall.destroy();
    if (view.stats) view.stats.destroy();
    document.removeEventListener('keydown', view.onKey);
    view = null;
  }

  function show(rawTrace, uiFind) {
    destroyView();
    const model = buildTraceModel(rawTrace);
    preassignColors(model.services.map((s) => s.name));
    document.title = `${model.name.service}: ${model.name.operation} (${model.traceID.slice(0, 7)}) · Peregrine`;
    const state = { query: '', matches: [], current: -1, mode: 'timeline' };
    const content = h('div', { class: 'trace-content' });

    const applyFind = (query) => {
      state.query = query.trim();
      state.matches = state.query ? findSpans(model, state.query) : [];
      state.current = -1;
      waterfall.setMatches(state.query ? state.matches : null);
      header.setFindResult(state.matches.length, state.current, state.query);
      const params = new URLSearchParams(window.location.search);
      if (state.query) params.set('uiFind', state.query);
      else params.delete('uiFind');
      router.replaceQuery(params);
    };
    const stepFind = (delta) => {
      if (!state.matches.length) return;
      if (state.mode !== 'timeline') setMode('timeline');
      state.current = (state.current + delta + state.matches.length) % state.matches.length;
      waterfall.revealSpan(state.matches[state.current].spanID);
      header.setFindResult(state.matches.length, state.current, state.query);
    };
    const setMode = (mode) => {
      state.mode = mode;
      header.setView(mode);
      if (mode === 'statistics' && !view.stats) view.stats = createStatisticsView(model);
      replaceChildren(content, mode === 'timeline' ? waterfall.el : view.stats.el);
    };

    const header = createTraceHeader(model, {
      backHref: ctx.lastSearchHref || router.href('search'),
      jsonUrl: api.traceJsonUrl(model.traceID),
      initialFind: uiFind,
      onFind: applyFind,
      onFindStep: stepFind,
      onDownload: () => downloadJson(`trace-${model.traceID}.json`, { data: [model.raw] }),
      onView: setMode,
    });
    const waterfall = createWaterfall(model, ctx);
    const onKey = (e) => {
      // Ctrl/Cmd+F focuses the trace finder instead of the browser's page search (which cannot see
      // virtualised rows).
      if ((e.ctrlKey || e.metaKey) && e.key === 'f') {
        e.preventDefault();
        header.focusFind();
      }
    };
    document.addEventListener('keydown', onKey);
    view = { header, waterfall, stats: null, model, onKey, state, applyFind };

    replaceChildren(el, header.el, content);
    setMode('timeline');
    waterfall.mounted();
    if (uiFind) {
      applyFind(uiFind);
      // A deep link to one span (?uiFind=<spanID>) opens it.
      if (state.matches.length === 1) {
        state.current = 0;
        waterfall.revealSpan(state.matches[0].spanID, { openDetail: true });
        header.setFindResult(1, 0, state.query);
      }
    }
  }

  async function load(id, uiFind) {
    if (abort) abort.abort();
    abort = new AbortController();
    const { signal } = abort;
    traceID = id;
    const cached = cachedTrace(id);
    if (cached) {
      // Deferred so the page element is in the document (the waterfall measures its viewport).
      queueMicrotask(() => { if (!signal.aborted) show(cached, uiFind); });
      return;
    }
    showMessage(h('div', { class: 'loading-state', role: 'status' }, h('span', { class: 'spinner' }), `Loading trace ${id}…`));
    try {
      const trace = await api.trace(id, { signal });
      if (signal.aborted) return;
      rememberTraces([trace]);
      show(trace, uiFind);
    } catch (err) {
      if (err.name === 'AbortError') return;
      document.title = 'Trace not found · Peregrine';
      showMessage(h('div', { class: 'empty-state' },
        h('div', { class: 'empty-illustration error' }, icon('alert')),
        h('h2', null, err.status === 404 ? 'Trace not found' : 'Could not load the trace'),
        h('p', { class: 'mono' }, id),
        h('p', null, err.message),
        h('a', { class: 'btn btn-primary', href: router.href('search') }, 'Back to search')));
    }
  }

  const update = (route) => {
    const uiFind = route.query.get('uiFind') || '';
    if (route.traceID !== traceID || !view) {
      load(route.traceID, uiFind);
    } else if (uiFind !== view.state.query) {
      view.applyFind(uiFind);
      if (view.model.spanById.has(uiFind)) view.waterfall.revealSpan(uiFind, { openDetail: true });
    }
  };

  update(initialRoute);

  return {
    el,
    update,
    destroy() {
      if (abort) abort.abort();
      destroyView();
    },
  };
}
