// Layered left-to-right layout of the service dependency graph (a small Sugiyama-style pipeline):
// reverse back edges to break cycles, assign layers by longest path, insert virtual nodes on long edges,
// order each layer by barycenter sweeps, then place nodes and relax vertical positions toward their
// neighbours. Pure: label widths come from the `measure` callback.

const LAYER_GAP = 110;
const NODE_GAP = 26;
const NODE_HEIGHT = 40;
const NODE_PAD = 36;
const MIN_NODE_WIDTH = 90;

function breakCycles(names, out) {
  // Iterative DFS; an edge to a node on the current stack is a back edge and gets reversed.
  const state = new Map(names.map((n) => [n, 0])); // 0 new, 1 on stack, 2 done
  const reversed = new Set();
  for (const start of names) {
    if (state.get(start) !== 0) continue;
    const stack = [[start, 0]];
    state.set(start, 1);
    while (stack.length) {
      const frame = stack[stack.length - 1];
      const [node, i] = frame;
      const next = out.get(node) || [];
      if (i >= next.length) {
        state.set(node, 2);
        stack.pop();
        continue;
      }
      frame[1]++;
      const edge = next[i];
      const s = state.get(edge.child);
      if (s === 1) reversed.add(edge);
      else if (s === 0) {
        state.set(edge.child, 1);
        stack.push([edge.child, 0]);
      }
    }
  }
  return reversed;
}

function assignLayers(names, dagEdges) {
  const indegree = new Map(names.map((n) => [n, 0]));
  const succ = new Map(names.map((n) => [n, []]));
  for (const e of dagEdges) {
    indegree.set(e.to, indegree.get(e.to) + 1);
    succ.get(e.from).push(e.to);
  }
  const layer = new Map(names.map((n) => [n, 0]));
  const queue = names.filter((n) => indegree.get(n) === 0);
  while (queue.length) {
    const n = queue.shift();
    for (const m of succ.get(n)) {
      layer.set(m, Math.max(layer.get(m), layer.get(n) + 1));
      indegree.set(m, indegree.get(m) - 1);
      if (indegree.get(m) === 0) queue.push(m);
    }
  }
  return layer;
}

function layoutComponent(links, measure) {
  const names = [...new Set(links.flatMap((l) => [l.parent, l.child]))].sort();
  const selfLoops = links.filter((l) => l.parent === l.child);
  const edges = links.filter((l) => l.parent !== l.child);
  const out = new Map(names.map((n) => [n, []]));
  for (const e of edges) out.get(e.parent).push(e);
  // Start the cycle-breaking DFS at the most "source-like" services so fewer edges get reversed.
  const balance = new Map(names.map((n) => [n, 0]));
  for (const e of edges) {
    balance.set(e.child, balance.get(e.child) + 1);
    balance.set(e.parent, balance.get(e.parent) - 1);
  }
  const dfsOrder = names.slice().sort((a, b) => balance.get(a) - balance.get(b) || a.localeCompare(b));
  const reversed = breakCycles(dfsOrder, out);
  const dagEdges = edges.map((e) => (reversed.has(e)
    ? { from: e.child, to: e.parent, link: e, reversed: true }
    : { from: e.parent, to: e.child, link: e, reversed: false }));
  const layerOf = assignLayers(names, dagEdges);

  // Graph nodes (real + virtual) and unit-length segments between consecutive layers.
  const nodes = new Map();
  for (const n of names) {
    nodes.set(n, { id: n, name: n, layer: layerOf.get(n), virtual: false, width: Math.max(MIN_NODE_WIDTH, measure(n) + NODE_PAD), height: NODE_HEIGHT });
  }
  const segments = [];
  const chains = dagEdges.map((e, idx) => {
    const chain = [e.from];
    for (let l = layerOf.get(e.from) + 1; l < layerOf.get(e.to); l++) {
      const id = `\u0000v${idx}:${l}`;
      nodes.set(id, { id, layer: l, virtual: true, width: 0, height: 0 });
      chain.push(id);
    }
    chain.push(e.to);
    for (let i = 0; i + 1 < chain.length; i++) segments.push([chain[i], chain[i + 1]]);
    return { edge: e, chain };
  });

  const layerCount = Math.max(0, ...[...nodes.values()].map((n) => n.layer)) + 1;
  const layers = Array.from({ length: layerCount }, () => []);
  for (const n of nodes.values()) layers[n.layer].push(n.id);
  const preds = new Map([...nodes.keys()].map((k) => [k, []]));
  const succs = new Map([...nodes.keys()].map((k) => [k, []]));
  for (const [a, b] of segments) {
    succs.get(a).push(b);
    preds.get(b).push(a);
  }

  // Barycenter ordering sweeps.
  const position = new Map();
  const renumber = (layer) => layer.forEach((id, i) => position.set(id, i));
  layers.forEach(renumber);
  const sortByNeighbours = (layer, neighbours) => {
    const key = new Map(layer.map((id) => {
      const ns = neighbours.get(id);
      return [id, ns.length ? ns.reduce((s, n) => s + position.get(n), 0) / ns.length : position.get(id)];
    }));
    layer.sort((a, b) => key.get(a) - key.get(b));
    renumber(layer);
  };
  for (let iter = 0; iter < 12; iter++) {
    for (let l = 1; l < layerCount; l++) sortByNeighbours(layers[l], preds);
    for (let l = layerCount - 2; l >= 0; l--) sortByNeighbours(layers[l], succs);
  }

  // x by layer (widest node per layer), y stacked then relaxed toward neighbours.
  let x = 0;
  for (const layer of layers) {
    const width = Math.max(0, ...layer.map((id) => nodes.get(id).width));
    for (const id of layer) {
      const n = nodes.get(id);
      n.x = x + (width - n.width) / 2;
      n.layerX = x;
      n.layerWidth = width;
    }
    x += width + LAYER_GAP;
  }
  const slot = (n) => (n.virtual ? 12 : n.height);
  for (const layer of layers) {
    let y = 0;
    for (const id of layer) {
      const n = nodes.get(id);
      n.y = y + slot(n) / 2;
      y += slot(n) + NODE_GAP;
    }
    const offset = -y / 2;
    for (const id of layer) nodes.get(id).y += offset;
  }
  const relax = (layer, neighbours) => {
    for (const id of layer) {
      const ns = neighbours.get(id);
      if (ns.length) nodes.get(id).y = ns.reduce((s, m) => s + nodes.get(m).y, 0) / ns.length;
    }
    // Restore order and minimum spacing, pushing down then centring the overshoot.
    for (let i = 1; i < layer.length; i++) {
      const a = nodes.get(layer[i - 1]);
      const b = nodes.get(layer[i]);
      const min = a.y + slot(a) / 2 + NODE_GAP + slot(b) / 2;
      if (b.y < min) b.y = min;
    }
  };
  for (let iter = 0; iter < 6; iter++) {
    for (let l = 1; l < layerCount; l++) relax(layers[l], preds);
    for (let l = layerCount - 2; l >= 0; l--) relax(layers[l], succs);
  }

  const real = [...nodes.values()].filter((n) => !n.virtual);
  const all = [...nodes.values()];
  const minY = Math.min(...all.map((n) => n.y - slot(n) / 2)) - 40;
  const maxY = Math.max(...all.map((n) => n.y + slot(n) / 2)) + 20;
  for (const n of all) n.y -= minY;

  const edgeLayouts = chains.map(({ edge, chain }) => {
    const pts = chain.map((id, i) => {
      const n = nodes.get(id);
      if (n.virtual) return [n.layerX + n.layerWidth / 2, n.y];
      return i === 0 ? [n.x + n.width, n.y] : [n.x, n.y];
    });
    return {
      parent: edge.link.parent,
      child: edge.link.child,
      callCount: edge.link.callCount,
      reversed: edge.reversed,
      points: edge.reversed ? pts.reverse() : pts,
    };
  });
  for (const loop of selfLoops) {
    const n = nodes.get(loop.parent);
    edgeLayouts.push({ parent: loop.parent, child: loop.child, callCount: loop.callCount, selfLoop: true,
      points: [[n.x + n.width * 0.65, n.y - n.height / 2], [n.x + n.width * 0.35, n.y - n.height / 2]] });
  }

  return {
    nodes: real.map((n) => ({ name: n.name, x: n.x, y: n.y - n.height / 2, width: n.width, height: n.height, layer: n.layer })),
    edges: edgeLayouts,
    width: Math.max(0, x - LAYER_GAP),
    height: maxY - minY,
  };
}

const COMPONENT_GAP = 50;

// Groups links into weakly connected components (largest first).
function components(links) {
  const parent = new Map();
  const find = (x) => {
    while (parent.get(x) !== x) {
      parent.set(x, parent.get(parent.get(x)));
      x = parent.get(x);
    }
    return x;
  };
  for (const l of links) {
    for (const n of [l.parent, l.child]) if (!parent.has(n)) parent.set(n, n);
    parent.set(find(l.parent), find(l.child));
  }
  const groups = new Map();
  for (const l of links) {
    const root = find(l.parent);
    if (!groups.has(root)) groups.set(root, []);
    groups.get(root).push(l);
  }
  const size = (ls) => new Set(ls.flatMap((l) => [l.parent, l.child])).size;
  return [...groups.values()].sort((a, b) => size(b) - size(a) || a[0].parent.localeCompare(b[0].parent));
}

// Lays out each connected component on its own and stacks them vertically.
export function layoutDependencyGraph(links, measure) {
  const result = { nodes: [], edges: [], width: 0, height: 0 };
  let offsetY = 0;
  for (const group of components(links)) {
    const part = layoutComponent(group, measure);
    for (const n of part.nodes) result.nodes.push({ ...n, y: n.y + offsetY });
    for (const e of part.edges) result.edges.push({ ...e, points: e.points.map(([x, y]) => [x, y + offsetY]) });
    result.width = Math.max(result.width, part.width);
    offsetY += part.height + COMPONENT_GAP;
  }
  result.height = Math.max(0, offsetY - COMPONENT_GAP);
  return result;
}
