// Trace comparison: merges the call trees of two traces (models from trace_model.js) into one tree whose
// nodes are call paths (service + operation of the span and all its ancestors), with the number of spans
// and their total duration in A and in B, and a status saying which side has more: 'removed' (only in A),
// 'added' (only in B), 'decreased' / 'increased' (in both, fewer / more spans in B) or 'same'. Pure.

export const DIFF_STATUSES = ['same', 'added', 'removed', 'increased', 'decreased'];

function nodeKey(span) {
  return `${span.serviceName}\u0000${span.operationName}`;
}

function newNode(span, depth, parent) {
  return {
    id: parent ? `${parent.id}\u0001${nodeKey(span)}` : nodeKey(span),
    service: span.serviceName,
    operation: span.operationName,
    depth,
    a: { count: 0, duration: 0, errors: 0 },
    b: { count: 0, duration: 0, errors: 0 },
    status: 'same',
    children: [],
    childByKey: new Map(),
  };
}

// Adds every span of `model` to the merged tree (roots: array + map of the top-level nodes) on `side`.
function addTrace(model, side, roots) {
  const nodeOfSpan = new Map();
  for (const span of model.spans) { // preorder: a parent is placed before its children
    const parentNode = span.parent ? nodeOfSpan.get(span.parent.index) : null;
    const siblings = parentNode ? parentNode.childByKey : roots.byKey;
    let node = siblings.get(nodeKey(span));
    if (!node) {
      node = newNode(span, parentNode ? parentNode.depth + 1 : 0, parentNode);
      siblings.set(nodeKey(span), node);
      (parentNode ? parentNode.children : roots.list).push(node);
    }
    node[side].count++;
    node[side].duration += span.duration;
    if (span.hasError) node[side].errors++;
    nodeOfSpan.set(span.index, node);
  }
}

function statusOf(node) {
  if (!node.b.count) return 'removed';
  if (!node.a.count) return 'added';
  if (node.b.count > node.a.count) return 'increased';
  if (node.b.count < node.a.count) return 'decreased';
  return 'same';
}

// The merged tree: { roots, nodes (preorder, each with depth), counts: {same, added, ...} }. Children keep
// the order in which they first appear (A's spans by start time, then nodes that only B has).
export function diffTraces(modelA, modelB) {
  const roots = { list: [], byKey: new Map() };
  addTrace(modelA, 'a', roots);
  addTrace(modelB, 'b', roots);
  const nodes = [];
  const counts = Object.fromEntries(DIFF_STATUSES.map((s) => [s, 0]));
  const stack = roots.list.slice().reverse();
  while (stack.length) {
    const node = stack.pop();
    delete node.childByKey;
    node.status = statusOf(node);
    counts[node.status]++;
    nodes.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return { roots: roots.list, nodes, counts };
}

// The nodes to list when subtrees of the nodes in `collapsed` (a Set of node ids) are hidden and, with
// `changesOnly`, nodes whose subtree has no difference are left out.
export function visibleDiffNodes(diff, { collapsed = new Set(), changesOnly = false } = {}) {
  const changed = new Map(); // node id → subtree has a difference
  const hasChange = (node) => {
    if (changed.has(node.id)) return changed.get(node.id);
    let result = node.status !== 'same';
    for (const child of node.children) result = hasChange(child) || result;
    changed.set(node.id, result);
    return result;
  };
  const out = [];
  const visit = (node) => {
    if (changesOnly && !hasChange(node)) return;
    out.push(node);
    if (collapsed.has(node.id)) return;
    node.children.forEach(visit);
  };
  diff.roots.forEach(visit);
  return out;
}
