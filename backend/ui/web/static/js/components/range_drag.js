// Horizontal drag-to-select on an element: reports the dragged range as fractions [from, to] of the
// element's width while dragging (onPreview) and when released (onCommit, only for a real drag).
const MIN_FRACTION = 0.004;

export function attachRangeDrag(element, { onPreview, onCommit }) {
  let origin = null;
  const fractionAt = (clientX) => {
    const rect = element.getBoundingClientRect();
    return Math.min(1, Math.max(0, (clientX - rect.left) / Math.max(1, rect.width)));
  };
  const range = (clientX) => {
    const f = fractionAt(clientX);
    return [Math.min(origin, f), Math.max(origin, f)];
  };
  element.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    origin = fractionAt(e.clientX);
    element.setPointerCapture(e.pointerId);
    e.preventDefault();
  });
  element.addEventListener('pointermove', (e) => {
    if (origin === null) return;
    onPreview(range(e.clientX));
  });
  const finish = (e, commit) => {
    if (origin === null) return;
    const r = range(e.clientX);
    origin = null;
    onPreview(null);
    if (commit && r[1] - r[0] >= MIN_FRACTION) onCommit(r);
  };
  element.addEventListener('pointerup', (e) => finish(e, true));
  element.addEventListener('pointercancel', (e) => finish(e, false));
}
