// Entry point: reads the injected configuration, builds the app shell (top bar + page area) and mounts
// the page for the current route (search, trace view, trace comparison, dependencies).
import { loadConfig } from './config.js';
import { ApiClient } from './api.js';
import { Router } from './router.js';
import { h, replaceChildren } from './lib/dom.js';
import { createNavBar } from './components/nav_bar.js';
import { createSearchPage } from './views/search/search_page.js';
import { createTracePage } from './views/trace/trace_page.js';
import { createDependenciesPage } from './views/dependencies/dependencies_page.js';
import { createComparePage } from './views/compare/compare_page.js';

const PAGE_FACTORIES = {
  search: createSearchPage,
  trace: createTracePage,
  compare: createComparePage,
  dependencies: createDependenciesPage,
};

function notFoundPage(route, ctx) {
  const el = h('div', { class: 'page page-message' },
    h('div', { class: 'empty-state' },
      h('h2', null, 'Page not found'),
      h('p', null, `Nothing lives at “${route.path}”.`),
      h('a', { class: 'btn btn-primary', href: ctx.router.href('search') }, 'Go to search')));
  return { el, update() {}, destroy() {} };
}

function start() {
  const config = loadConfig();
  const api = new ApiClient(config.basePath);
  const pageHost = h('main', { class: 'page-host', id: 'page' });
  // lastSearchHref: the most recent search URL, so "back to search" restores the results.
  const ctx = { config, api, router: null, lastSearchHref: null };
  let current = null;
  let nav = null;

  const show = (route) => {
    const enabled = route.page !== 'dependencies' || config.ui.dependencies.menuEnabled !== false;
    const page = enabled ? route.page : 'notfound';
    nav.setActive(page === 'trace' || page === 'compare' ? 'search' : page);
    if (page === 'search') ctx.lastSearchHref = window.location.pathname + window.location.search;
    if (current && current.page === page && page !== 'notfound') {
      current.view.update(route);
      return;
    }
    if (current) current.view.destroy();
    const factory = PAGE_FACTORIES[page];
    const view = factory ? factory(ctx, route) : notFoundPage(route, ctx);
    current = { page, view };
    replaceChildren(pageHost, view.el);
    pageHost.scrollTop = 0;
  };

  ctx.router = new Router(config.basePath, show);
  nav = createNavBar(ctx);
  replaceChildren(document.getElementById('app'), nav.el, pageHost);
  ctx.router.start();
}

start();
