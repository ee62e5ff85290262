// "Statistics" view of a trace: per service/operation counts, errors, total/avg/min/max and self time,
// in a table sortable by any column.
import { h, replaceChildren } from '../../lib/dom.js';
import { formatDuration, formatCount } from '../../lib/format.js';
import { serviceColor } from '../../lib/colors.js';
import { computeStatistics } from '../../model/trace_statistics.js';

const COLUMNS = [
  { key: 'service', label: 'Service', text: true },
  { key: 'operation', label: 'Operation', text: true },
  { key: 'count', label: 'Count', format: formatCount },
  { key: 'errors', label: 'Errors', format: formatCount },
  { key: 'total', label: 'Total', format: formatDuration },
  { key: 'avg', label: 'Avg', format: formatDuration },
  { key: 'min', label: 'Min', format: formatDuration },
  { key: 'max', label: 'Max', format: formatDuration },
  { key: 'selfTotal', label: 'Self Total', format: formatDuration },
  { key: 'selfAvg', label: 'Self Avg', format: formatDuration },
  { key: 'selfPercent', label: 'Self % of Trace', format: (v) => `${v.toFixed(1)}%` },
];

export function createStatisticsView(model) {
  const rows = computeStatistics(model);
  let sortKey = 'selfTotal';
  let descending = true;
  const table = h('table', { class: 'data-table stats-table' });
  const el = h('div', { class: 'stats-view' }, h('div', { class: 'card table-card' }, table));

  const render = () => {
    const col = COLUMNS.find((c) => c.key === sortKey);
    const sorted = rows.slice().sort((a, b) => {
      const cmp = col.text ? String(a[sortKey]).localeCompare(String(b[sortKey])) : a[sortKey] - b[sortKey];
      return descending ? -cmp : cmp;
    });
    const head = h('tr', null, COLUMNS.map((c) => {
      const th = h('th', { class: [c.text ? '' : 'num', c.key === sortKey ? 'sorted' : ''], 'aria-sort': c.key === sortKey ? (descending ? 'descending' : 'ascending') : 'none' },
        h('button', { type: 'button', class: 'th-sort' }, c.label, c.key === sortKey ? (descending ? ' ↓' : ' ↑') : ''));
      th.addEventListener('click', () => {
        if (sortKey === c.key) descending = !descending;
        else {
          sortKey = c.key;
          descending = !c.text;
        }
        render();
      });
      return th;
    }));
    const body = sorted.map((r) => h('tr', { class: r.errors ? 'has-error' : null }, COLUMNS.map((c) => {
      if (c.key === 'service') {
        return h('td', null, h('span', { class: 'svc-cell' }, h('span', { class: 'svc-dot', style: { background: serviceColor(r.service) } }), r.service));
      }
      return h('td', { class: c.text ? '' : 'num' }, c.format ? c.format(r[c.key]) : r[c.key]);
    })));
    replaceChildren(table, h('thead', null, head), h('tbody', null, body));
  };
  render();
  return { el, destroy() {} };
}
