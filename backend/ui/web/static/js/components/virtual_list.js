// A virtualised vertical list: only the items inside the viewport (plus an overscan margin) exist in the
// DOM, absolutely positioned over a spacer as tall as the whole list. Items may have different heights:
// fixed-height items use `itemHeight(item)`, variable ones are measured with a ResizeObserver once shown.
import { h, rafThrottle } from '../lib/dom.js';

// First index i with offsets[i] > value (offsets ascending).
function upperBound(offsets, value) {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class VirtualList {
  // options: { itemKey(item) → string, renderItem(item) → Element, itemHeight(item) → px, or null when the
  //            item must be measured, estimateHeight(item) → px, overscanPx }
  constructor(viewport, options) {
    this.viewport = viewport;
    this.options = { overscanPx: 600, ...options };
    this.canvas = h('div', { class: 'vlist-canvas' });
    viewport.append(this.canvas);
    this.items = [];
    this.offsets = new Float64Array(1);
    this.measured = new Map();
    this.mounted = new Map();
    this.version = 0;
    this.schedule = rafThrottle(() => this.render());
    this.onScroll = () => this.schedule();
    viewport.addEventListener('scroll', this.onScroll, { passive: true });
    this.viewportObserver = new ResizeObserver(() => this.schedule());
    this.viewportObserver.observe(viewport);
    this.itemObserver = new ResizeObserver((entries) => this.onItemResize(entries));
  }

  setItems(items) {
    this.items = items;
    this.layout();
    this.render();
  }

  // Forces every visible item to be rebuilt (e.g. after a zoom or highlight change).
  invalidate() {
    this.version++;
    this.render();
  }

  heightOf(item) {
    const fixed = this.options.itemHeight(item);
    if (fixed !== null && fixed !== undefined) return fixed;
    const key = this.options.itemKey(item);
    return this.measured.has(key) ? this.measured.get(key) : this.options.estimateHeight(item);
  }

  layout() {
    const n = this.items.length;
    const offsets = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + this.heightOf(this.items[i]);
    this.offsets = offsets;
    this.canvas.style.height = `${offsets[n]}px`;
  }

  visibleRange() {
    const top = this.viewport.scrollTop - this.options.overscanPx;
    const bottom = this.viewport.scrollTop + this.viewport.clientHeight + this.options.overscanPx;
    const start = Math.max(0, upperBound(this.offsets, top) - 1);
    const end = Math.min(this.items.length, upperBound(this.offsets, bottom));
    return [start, end];
  }

  render() {
    const [start, end] = this.visibleRange();
    const wanted = new Set();
    for (let i = start; i < end; i++) {
      const item = this.items[i];
      const key = this.options.itemKey(item);
      wanted.add(key);
      let entry = this.mounted.get(key);
      if (!entry || entry.version !== this.version || entry.item !== item) {
        const el = this.options.renderItem(item);
        el.dataset.vkey = key;
        if (entry && entry.el !== el) {
          this.itemObserver.unobserve(entry.el);
          entry.el.replaceWith(el);
        } else if (!entry) {
          this.canvas.append(el);
        }
        if (this.options.itemHeight(item) == null) this.itemObserver.observe(el);
        entry = { el, version: this.version, item };
        this.mounted.set(key, entry);
      }
      entry.el.style.transform = `translateY(${this.offsets[i]}px)`;
    }
    for (const [key, entry] of this.mounted) {
      if (wanted.has(key)) continue;
      this.itemObserver.unobserve(entry.el);
      entry.el.remove();
      this.mounted.delete(key);
    }
  }

  onItemResize(entries) {
    let changed = false;
    for (const entry of entries) {
      const key = entry.target.dataset.vkey;
      if (!entry.target.isConnected || !key) continue;
      const height = entry.borderBoxSize && entry.borderBoxSize[0]
        ? entry.borderBoxSize[0].blockSize : entry.target.offsetHeight;
      if (height > 0 && this.measured.get(key) !== height) {
        this.measured.set(key, height);
        changed = true;
      }
    }
    if (changed) {
      this.layout();
      this.render();
    }
  }

  indexOfKey(key) {
    return this.items.findIndex((item) => this.options.itemKey(item) === key);
  }

  // Scrolls so the item is visible; `align` "center" puts it in the middle, "nearest" moves the least.
  scrollToIndex(index, align = 'nearest') {
    if (index < 0 || index >= this.items.length) return;
    const top = this.offsets[index];
    const bottom = this.offsets[index + 1];
    const view = this.viewport;
    if (align === 'center') {
      view.scrollTop = Math.max(0, top - (view.clientHeight - (bottom - top)) / 2);
    } else if (top < view.scrollTop) {
      view.scrollTop = top;
    } else if (bottom > view.scrollTop + view.clientHeight) {
      view.scrollTop = bottom - view.clientHeight;
    }
    this.render();
  }

  destroy() {
    this.viewport.removeEventListener('scroll', this.onScroll);
    this.viewportObserver.disconnect();
    this.itemObserver.disconnect();
  }
}
