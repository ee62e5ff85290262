// SVG rendering of the laid-out dependency graph: service nodes, curved edges with arrowheads and call
// count labels, hover/selection highlighting of a service's neighbourhood, wheel zoom, drag to pan and
// fit-to-view.
import { h, svg, icon } from '../../lib/dom.js';
import { formatCount } from '../../lib/format.js';
import { serviceColor } from '../../lib/colors.js';
import { layoutDependencyGraph } from './dag_layout.js';

const FONT = '600 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

function measureText(text) {
  const ctx = measureText.ctx || (measureText.ctx = document.createElement('canvas').getContext('2d'));
  ctx.font = FONT;
  return ctx.measureText(text).width;
}

// Smooth path through points with horizontal tangents at every point.
function edgePath(points, selfLoop) {
  if (selfLoop) {
    const [[x1, y1], [x2, y2]] = points;
    return `M${x1},${y1} C${x1 + 18},${y1 - 46} ${x2 - 18},${y2 - 46} ${x2},${y2}`;
  }
  let d = `M${points[0][0]},${points[0][1]}`;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    const dx = (x1 - x0) / 2;
    d += ` C${x0 + dx},${y0} ${x1 - dx},${y1} ${x1},${y1}`;
  }
  return d;
}

function labelPoint(points, selfLoop) {
  if (selfLoop) return [(points[0][0] + points[1][0]) / 2, points[0][1] - 36];
  if (points.length % 2 === 1) return points[(points.length - 1) / 2];
  const a = points[points.length / 2 - 1];
  const b = points[points.length / 2];
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

export function createDependencyGraph(links, { onSelectService }) {
  const layout = layoutDependencyGraph(links, measureText);
  const maxCalls = Math.max(1, ...links.map((l) => l.callCount || 0));
  const strokeWidth = (calls) => 1.2 + 2.8 * (Math.log1p(calls || 0) / Math.log1p(maxCalls));

  const edgeEls = layout.edges.map((e) => {
    const [lx, ly] = labelPoint(e.points, e.selfLoop);
    const text = formatCount(e.callCount || 0);
    const labelWidth = measureText(text) * 0.85 + 14;
    return {
      edge: e,
      el: svg('g', { class: 'dep-edge', 'data-parent': e.parent, 'data-child': e.child },
        svg('path', { class: 'dep-edge-path', d: edgePath(e.points, e.selfLoop), 'stroke-width': strokeWidth(e.callCount).toFixed(2), 'marker-end': 'url(#dep-arrow)' }),
        svg('g', { class: 'dep-edge-label', transform: `translate(${lx},${ly})` },
          svg('rect', { x: -labelWidth / 2, y: -10, width: labelWidth, height: 20, rx: 10 }),
          svg('text', { 'text-anchor': 'middle', y: 4 }, text)),
        svg('title', null, `${e.parent} → ${e.child}: ${text} calls`)),
    };
  });

  const nodeEls = layout.nodes.map((n) => {
    const color = serviceColor(n.name);
    const g = svg('g', { class: 'dep-node', transform: `translate(${n.x},${n.y})`, 'data-service': n.name, tabindex: '0', role: 'button' },
      svg('rect', { class: 'dep-node-box', width: n.width, height: n.height, rx: 8, style: { stroke: color } }),
      svg('rect', { class: 'dep-node-accent', width: 6, height: n.height, rx: 3, style: { fill: color } }),
      svg('text', { class: 'dep-node-label', x: n.width / 2 + 3, y: n.height / 2 + 4.5, 'text-anchor': 'middle' }, n.name));
    return { node: n, el: g };
  });

  const scene = svg('g', { class: 'dep-scene' },
    svg('g', { class: 'dep-edges' }, edgeEls.map((e) => e.el)),
    svg('g', { class: 'dep-nodes' }, nodeEls.map((n) => n.el)));
  const svgEl = svg('svg', { class: 'dep-svg', role: 'img', 'aria-label': 'Service dependency graph' },
    svg('defs', null,
      svg('marker', { id: 'dep-arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse', markerUnits: 'userSpaceOnUse' },
        svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'dep-arrow-head' }))),
    scene);

  const zoomIn = h('button', { class: 'icon-btn', type: 'button', title: 'Zoom in', 'aria-label': 'Zoom in' }, '+');
  const zoomOut = h('button', { class: 'icon-btn', type: 'button', title: 'Zoom out', 'aria-label': 'Zoom out' }, '−');
  const fitBtn = h('button', { class: 'icon-btn', type: 'button', title: 'Fit to view', 'aria-label': 'Fit to view' }, icon('zoomReset'));
  const el = h('div', { class: 'dep-graph' }, svgEl, h('div', { class: 'dep-controls' }, zoomIn, zoomOut, fitBtn));

  // Pan/zoom transform.
  let tx = 0;
  let ty = 0;
  let scale = 1;
  const apply = () => scene.setAttribute('transform', `translate(${tx},${ty}) scale(${scale})`);
  const fit = () => {
    const w = el.clientWidth || 800;
    const hgt = el.clientHeight || 500;
    scale = Math.min(1.4, Math.min((w - 60) / Math.max(1, layout.width), (hgt - 60) / Math.max(1, layout.height)));
    tx = (w - layout.width * scale) / 2;
    ty = (hgt - layout.height * scale) / 2;
    apply();
  };
  const zoomAt = (factor, cx, cy) => {
    const next = Math.min(4, Math.max(0.15, scale * factor));
    tx = cx - ((cx - tx) * next) / scale;
    ty = cy - ((cy - ty) * next) / scale;
    scale = next;
    apply();
  };
  svgEl.addEventListener('wheel', (e) => {
    e.preventDefault();
    const rect = svgEl.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - rect.left, e.clientY - rect.top);
  }, { passive: false });
  let drag = null;
  svgEl.addEventListener('pointerdown', (e) => {
    if (e.target.closest('.dep-node')) return;
    drag = { x: e.clientX, y: e.clientY, tx, ty };
    svgEl.setPointerCapture(e.pointerId);
    svgEl.classList.add('panning');
  });
  svgEl.addEventListener('pointermove', (e) => {
    if (!drag) return;
    tx = drag.tx + e.clientX - drag.x;
    ty = drag.ty + e.clientY - drag.y;
    apply();
  });
  const endDrag = () => {
    drag = null;
    svgEl.classList.remove('panning');
  };
  svgEl.addEventListener('pointerup', endDrag);
  svgEl.addEventListener('pointercancel', endDrag);
  zoomIn.addEventListener('click', () => zoomAt(1.25, el.clientWidth / 2, el.clientHeight / 2));
  zoomOut.addEventListener('click', () => zoomAt(0.8, el.clientWidth / 2, el.clientHeight / 2));
  fitBtn.addEventListener('click', fit);

  // Highlight a service with its direct callers and callees.
  let selected = null;
  const highlight = (name) => {
    el.classList.toggle('has-focus', Boolean(name));
    const neighbours = new Set(name ? [name] : []);
    for (const { edge, el: edgeEl } of edgeEls) {
      const on = Boolean(name) && (edge.parent === name || edge.child === name);
      edgeEl.classList.toggle('is-focus', on);
      if (on) {
        neighbours.add(edge.parent);
        neighbours.add(edge.child);
      }
    }
    for (const { node, el: nodeEl } of nodeEls) {
      nodeEl.classList.toggle('is-focus', neighbours.has(node.name));
      nodeEl.classList.toggle('is-selected', node.name === selected);
    }
  };
  for (const { node, el: nodeEl } of nodeEls) {
    nodeEl.addEventListener('mouseenter', () => highlight(node.name));
    nodeEl.addEventListener('mouseleave', () => highlight(selected));
    const select = () => {
      selected = selected === node.name ? null : node.name;
      highlight(selected);
      onSelectService(selected);
    };
    nodeEl.addEventListener('click', select);
    nodeEl.addEventListener('keydown', (e) => { if (e.key === 'Enter') select(); });
  }

  const observer = new ResizeObserver(() => fit());
  observer.observe(el);

  return { el, nodeCount: layout.nodes.length, edgeCount: layout.edges.length, destroy: () => observer.disconnect() };
}
