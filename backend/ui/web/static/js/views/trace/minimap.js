// Trace overview above the waterfall: every span drawn on a canvas (one thin line per span, coloured by
// service), the current zoom window highlighted, and drag-to-zoom. Double-click resets the zoom.
import { h } from '../../lib/dom.js';
import { formatDuration } from '../../lib/format.js';
import { serviceColor } from '../../lib/colors.js';
import { attachRangeDrag } from '../../components/range_drag.js';

const HEIGHT = 56;

export function createMinimap({ model, onZoom }) {
  const canvas = h('canvas', { class: 'mm-canvas' });
  const shadeLeft = h('div', { class: 'mm-shade mm-shade-left' });
  const shadeRight = h('div', { class: 'mm-shade mm-shade-right' });
  const windowEl = h('div', { class: 'mm-window' });
  const selection = h('div', { class: 'mm-selection', hidden: true });
  const body = h('div', { class: 'mm-body', title: 'Drag to zoom · double-click to reset' },
    canvas, shadeLeft, shadeRight, windowEl, selection);
  const ticks = h('div', { class: 'mm-ticks' },
    [0, 0.25, 0.5, 0.75, 1].map((f) => h('span', { class: 'mm-tick', style: { left: `${f * 100}%` } },
      formatDuration(model.duration * f))));
  const el = h('div', { class: 'minimap' }, ticks, body);

  const draw = () => {
    const width = body.clientWidth;
    if (!width) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${HEIGHT}px`;
    const g = canvas.getContext('2d');
    g.scale(ratio, ratio);
    g.clearRect(0, 0, width, HEIGHT);
    const n = model.spans.length;
    const duration = model.duration || 1;
    const rowH = HEIGHT / Math.max(1, n);
    const lineH = Math.max(1, Math.min(6, rowH * 0.7));
    model.spans.forEach((span, i) => {
      g.fillStyle = serviceColor(span.serviceName);
      const x = (span.relativeStart / duration) * width;
      const w = Math.max(1, (span.duration / duration) * width);
      g.fillRect(x, i * rowH + (rowH - lineH) / 2, w, lineH);
    });
  };

  const setZoom = ([from, to]) => {
    shadeLeft.style.width = `${from * 100}%`;
    shadeRight.style.left = `${to * 100}%`;
    windowEl.style.left = `${from * 100}%`;
    windowEl.style.width = `${(to - from) * 100}%`;
    windowEl.hidden = from === 0 && to === 1;
  };

  attachRangeDrag(body, {
    onPreview(range) {
      selection.hidden = !range;
      if (range) {
        selection.style.left = `${range[0] * 100}%`;
        selection.style.width = `${(range[1] - range[0]) * 100}%`;
      }
    },
    onCommit: onZoom,
  });
  body.addEventListener('dblclick', () => onZoom([0, 1]));

  const observer = new ResizeObserver(draw);
  observer.observe(body);
  setZoom([0, 1]);

  return { el, setZoom, destroy: () => observer.disconnect() };
}
