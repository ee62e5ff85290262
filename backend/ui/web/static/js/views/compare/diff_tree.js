// The merged call tree of a trace comparison as an indented table: one row per call path with its span
// count in A and B, the difference and the total durations, coloured by status (only in A / only in B /
// more in A / more in B / same). Rows with children can be collapsed; "changes only" hides unchanged
// subtrees.
import { h, icon, replaceChildren } from '../../lib/dom.js';
import { formatDuration, formatCount } from '../../lib/format.js';
import { serviceColor } from '../../lib/colors.js';
import { visibleDiffNodes } from '../../model/trace_diff.js';

const INDENT_PX = 16;

export const STATUS_LABELS = {
  removed: 'Only in A',
  added: 'Only in B',
  decreased: 'More in A',
  increased: 'More in B',
  same: 'Same',
};

function countCell(side) {
  return h('td', { class: 'num' }, side.count ? formatCount(side.count) : '–',
    side.errors ? h('span', { class: 'diff-errors', title: `${side.errors} with errors` }, icon('alert')) : null);
}

function deltaText(node) {
  const delta = node.b.count - node.a.count;
  return delta > 0 ? `+${formatCount(delta)}` : delta < 0 ? `−${formatCount(-delta)}` : '0';
}

export function createDiffTree(diff) {
  const collapsed = new Set();
  let changesOnly = false;
  const body = h('tbody');
  const table = h('table', { class: 'data-table diff-table' },
    h('thead', null, h('tr', null,
      h('th', null, 'Service & Operation'),
      h('th', { class: 'num' }, 'Spans in A'),
      h('th', { class: 'num' }, 'Spans in B'),
      h('th', { class: 'num' }, 'Δ'),
      h('th', { class: 'num' }, 'Total time in A'),
      h('th', { class: 'num' }, 'Total time in B'),
      h('th', null, 'Change'))),
    body);
  const el = h('div', { class: 'card table-card diff-card' }, table);

  const row = (node) => {
    const hasChildren = node.children.length > 0;
    const isCollapsed = collapsed.has(node.id);
    const toggle = hasChildren
      ? h('button', { class: 'span-toggle', type: 'button', 'aria-label': isCollapsed ? 'Expand' : 'Collapse', 'aria-expanded': String(!isCollapsed) },
        icon(isCollapsed ? 'chevronRight' : 'chevronDown'))
      : h('span', { class: 'span-toggle-spacer' });
    if (hasChildren) {
      toggle.addEventListener('click', () => {
        if (collapsed.has(node.id)) collapsed.delete(node.id);
        else collapsed.add(node.id);
        render();
      });
    }
    return h('tr', {
      class: ['diff-row', `status-${node.status}`],
      'data-status': node.status, 'data-service': node.service, 'data-operation': node.operation, 'data-depth': String(node.depth),
    },
    h('td', null, h('div', { class: 'diff-name' },
      h('span', { class: 'diff-indent', style: { width: `${node.depth * INDENT_PX}px` } }),
      toggle,
      h('span', { class: 'span-svc-mark', style: { background: serviceColor(node.service) } }),
      h('span', { class: 'span-svc' }, node.service),
      h('span', { class: 'span-op' }, node.operation))),
    countCell(node.a),
    countCell(node.b),
    h('td', { class: 'num diff-delta' }, deltaText(node)),
    h('td', { class: 'num' }, node.a.count ? formatDuration(node.a.duration) : '–'),
    h('td', { class: 'num' }, node.b.count ? formatDuration(node.b.duration) : '–'),
    h('td', null, h('span', { class: 'diff-status' }, STATUS_LABELS[node.status])));
  };

  function render() {
    const nodes = visibleDiffNodes(diff, { collapsed, changesOnly });
    replaceChildren(body, nodes.length ? nodes.map(row)
      : h('tr', null, h('td', { colspan: '7', class: 'muted diff-empty' }, 'The two traces have the same call tree.')));
  }
  render();

  return {
    el,
    setChangesOnly(value) {
      changesOnly = value;
      render();
    },
  };
}
