// The dark top navigation bar: brand, page links, --query.ui-config menu links (plain or grouped in a
// dropdown) and the "Lookup by Trace ID" box.
import { h, svg, icon } from '../lib/dom.js';

function logo() {
  return svg('svg', { class: 'brand-logo', viewBox: '0 0 32 32', 'aria-hidden': 'true' },
    svg('path', { d: 'M4 20c6-1 10-5 13-10 1 3 3 5 6 5l4-2-2 4c-2 3-6 5-10 5-4 0-7 0-11-2z', fill: '#35c2c1' }),
    svg('path', { d: 'M17 10c1-3 3-5 6-5l-1 3c2 0 3 1 4 2l-3 1', fill: '#f4b400' }));
}

function menuLink(item) {
  return h('a', {
    class: 'topnav-menu-link',
    href: item.url,
    target: item.anchorTarget || '_blank',
    rel: 'noopener noreferrer',
  }, item.label);
}

function menuGroup(item) {
  const panel = h('div', { class: 'dropdown-panel', role: 'menu' }, (item.items || []).map(menuLink));
  const button = h('button', { class: 'topnav-menu-link dropdown-toggle', type: 'button', 'aria-haspopup': 'true' },
    item.label, icon('chevronDown'));
  const group = h('div', { class: 'dropdown' }, button, panel);
  button.addEventListener('click', (e) => {
    e.stopPropagation();
    group.classList.toggle('open');
  });
  document.addEventListener('click', () => group.classList.remove('open'));
  return group;
}

export function createNavBar({ config, router }) {
  const links = [{ page: 'search', href: router.href('search'), label: 'Search' }];
  if (config.ui.dependencies && config.ui.dependencies.menuEnabled !== false) {
    links.push({ page: 'dependencies', href: router.href('dependencies'), label: 'System Architecture' });
  }
  const linkEls = links.map((l) => h('a', { class: 'topnav-link', href: l.href, 'data-page': l.page }, l.label));

  const lookupInput = h('input', {
    class: 'trace-lookup-input',
    type: 'search',
    placeholder: 'Lookup by Trace ID…',
    'aria-label': 'Lookup by Trace ID',
    spellcheck: 'false',
  });
  const lookup = h('form', { class: 'trace-lookup', role: 'search' }, icon('search'), lookupInput);
  lookup.addEventListener('submit', (e) => {
    e.preventDefault();
    const ids = lookupInput.value.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
    if (!ids.length) return;
    lookupInput.value = '';
    lookupInput.blur();
    if (ids.length === 1) router.navigate(`trace/${encodeURIComponent(ids[0])}`);
    else router.navigate(`search?${ids.map((id) => `traceID=${encodeURIComponent(id)}`).join('&')}`);
  });

  const menu = (config.ui.menu || []).map((item) => (Array.isArray(item.items) ? menuGroup(item) : menuLink(item)));

  const el = h('header', { class: 'topnav' },
    h('a', { class: 'brand', href: router.href('search') }, logo(), h('span', { class: 'brand-name' }, 'Peregrine')),
    h('nav', { class: 'topnav-links', 'aria-label': 'Pages' }, linkEls),
    h('div', { class: 'topnav-spacer' }),
    lookup,
    menu.length ? h('nav', { class: 'topnav-menu', 'aria-label': 'Links' }, menu) : null);

  return {
    el,
    setActive(page) {
      for (const a of linkEls) a.classList.toggle('active', a.dataset.page === page);
    },
  };
}
