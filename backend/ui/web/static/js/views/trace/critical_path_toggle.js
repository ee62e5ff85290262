// Waterfall toolbar control for the critical path: a switch that shows or hides the overlay, with a legend
// swatch and the path's length (time on the path and number of spans it passes through). The choice is
// remembered in localStorage.
import { h } from '../../lib/dom.js';
import { formatDuration, pluralize } from '../../lib/format.js';

const STORAGE_KEY = 'peregrine.trace.criticalPath';

export function criticalPathEnabled() {
  return localStorage.getItem(STORAGE_KEY) !== 'off';
}

// summary: { duration, spanCount } from criticalPathSummary; onChange(enabled) when the switch flips.
export function createCriticalPathToggle(summary, onChange) {
  const checkbox = h('input', { type: 'checkbox', id: 'critical-path-toggle', checked: criticalPathEnabled() });
  checkbox.addEventListener('change', () => {
    localStorage.setItem(STORAGE_KEY, checkbox.checked ? 'on' : 'off');
    el.classList.toggle('is-off', !checkbox.checked);
    onChange(checkbox.checked);
  });
  const el = h('label', {
    class: ['cp-toggle', checkbox.checked ? '' : 'is-off'], for: 'critical-path-toggle',
    title: 'The chain of span segments that determines the trace’s end-to-end latency',
  },
  checkbox,
  h('span', { class: 'cp-swatch', 'aria-hidden': 'true' }),
  h('span', { class: 'cp-label' }, 'Critical path'),
  h('span', { class: 'cp-summary muted' },
    summary.spanCount ? `${formatDuration(summary.duration)} across ${pluralize(summary.spanCount, 'span')}` : 'none'));
  return { el };
}
