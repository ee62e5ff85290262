// Duration-over-time scatter plot of the search results (SVG). Dot size grows with the span count, traces
// with errors are red; hovering shows a tooltip and clicking opens the trace.
import { h, svg, replaceChildren } from '../../lib/dom.js';
import { formatDuration, formatClock, niceTicks, pluralize } from '../../lib/format.js';

const HEIGHT = 190;
const MARGIN = { top: 14, right: 22, bottom: 28, left: 64 };

function timeTickLabel(us, spanUs) {
  return formatClock(us, spanUs < 120e6);
}

export function createScatterPlot({ onSelect }) {
  const tooltip = h('div', { class: 'chart-tooltip', hidden: true });
  const surface = h('div', { class: 'scatter-surface' });
  const el = h('section', { class: 'card scatter-card', 'aria-label': 'Trace durations over time' }, surface, tooltip);
  let models = [];

  const render = () => {
    const width = Math.max(320, surface.clientWidth || 800);
    const innerW = width - MARGIN.left - MARGIN.right;
    const innerH = HEIGHT - MARGIN.top - MARGIN.bottom;
    if (!models.length) {
      replaceChildren(surface);
      return;
    }
    let tMin = Math.min(...models.map((m) => m.startTime));
    let tMax = Math.max(...models.map((m) => m.startTime));
    if (tMax - tMin < 1000) {
      tMin -= 500e3;
      tMax += 500e3;
    }
    const pad = (tMax - tMin) * 0.03;
    tMin -= pad;
    tMax += pad;
    const dMax = Math.max(...models.map((m) => m.duration)) * 1.12 || 1;
    const yTicks = niceTicks(0, dMax, 4);
    const yMax = Math.max(dMax, yTicks[yTicks.length - 1]);
    const x = (t) => MARGIN.left + ((t - tMin) / (tMax - tMin)) * innerW;
    const y = (d) => MARGIN.top + innerH - (d / yMax) * innerH;
    const maxSpans = Math.max(...models.map((m) => m.spans.length));
    const radius = (n) => 4 + 6 * Math.sqrt(n / Math.max(1, maxSpans));

    const grid = yTicks.map((v) => svg('g', { class: 'tick' },
      svg('line', { x1: MARGIN.left, x2: width - MARGIN.right, y1: y(v), y2: y(v), class: 'grid-line' }),
      svg('text', { x: MARGIN.left - 8, y: y(v) + 4, 'text-anchor': 'end' }, v === 0 ? '0' : formatDuration(v))));
    const xTickValues = niceTicks(tMin, tMax, Math.max(2, Math.floor(innerW / 120)));
    const xTicks = xTickValues.map((t) => svg('g', { class: 'tick' },
      svg('line', { x1: x(t), x2: x(t), y1: MARGIN.top + innerH, y2: MARGIN.top + innerH + 4, class: 'axis-line' }),
      svg('text', { x: x(t), y: HEIGHT - 8, 'text-anchor': 'middle' }, timeTickLabel(t, tMax - tMin))));

    // Largest first so small dots stay on top and clickable.
    const dots = models.slice().sort((a, b) => b.spans.length - a.spans.length).map((m) => {
      const dot = svg('circle', {
        class: ['scatter-dot', m.errorCount ? 'is-error' : ''],
        cx: x(m.startTime).toFixed(1), cy: y(m.duration).toFixed(1), r: radius(m.spans.length).toFixed(1),
        'data-trace-id': m.traceID, tabindex: '0', role: 'link',
        'aria-label': `${m.name.service}: ${m.name.operation}, ${formatDuration(m.duration)}`,
      });
      dot.addEventListener('mouseenter', () => {
        replaceChildren(tooltip,
          h('div', { class: 'tooltip-title' }, `${m.name.service}: ${m.name.operation}`),
          h('div', null, `${formatDuration(m.duration)} · ${pluralize(m.spans.length, 'span')}`,
            m.errorCount ? h('span', { class: 'text-error' }, ` · ${pluralize(m.errorCount, 'error')}`) : null),
          h('div', { class: 'muted' }, formatClock(m.startTime)));
        tooltip.hidden = false;
        const left = Math.min(Math.max(8, x(m.startTime) + 12), width - 240);
        tooltip.style.left = `${left}px`;
        tooltip.style.top = `${Math.max(4, y(m.duration) - 10)}px`;
      });
      dot.addEventListener('mouseleave', () => { tooltip.hidden = true; });
      dot.addEventListener('click', () => onSelect(m.traceID));
      dot.addEventListener('keydown', (e) => { if (e.key === 'Enter') onSelect(m.traceID); });
      return dot;
    });

    replaceChildren(surface, svg('svg', { class: 'scatter-svg', width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}` },
      svg('g', { class: 'y-axis' }, grid),
      svg('line', { class: 'axis-line', x1: MARGIN.left, x2: width - MARGIN.right, y1: MARGIN.top + innerH, y2: MARGIN.top + innerH }),
      svg('g', { class: 'x-axis' }, xTicks),
      svg('text', { class: 'axis-title', x: 14, y: MARGIN.top + innerH / 2, transform: `rotate(-90 14 ${MARGIN.top + innerH / 2})`, 'text-anchor': 'middle' }, 'Duration'),
      svg('g', { class: 'dots' }, dots)));
  };

  const resizeObserver = new ResizeObserver(() => render());
  resizeObserver.observe(surface);

  return {
    el,
    setTraces(newModels) {
      models = newModels;
      el.hidden = !models.length;
      render();
    },
    destroy() {
      resizeObserver.disconnect();
    },
  };
}
