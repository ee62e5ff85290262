// Trace page header: title (root service: operation, short trace ID), find-in-trace box with match
// navigation, view switch (timeline / statistics), JSON actions, "Archive Trace" (when the server's UI config has
// archiveEnabled, i.e. archive storage is available: POST /api/archive/{traceID}, then success or the server's
// error shown in place), and the summary line (start, duration, services, depth, span count, errors).
import { h, icon, copyText } from '../../lib/dom.js';
import { formatDuration, formatTimestamp, formatCount } from '../../lib/format.js';
import { serviceColor } from '../../lib/colors.js';
import { loadConfig } from '../../config.js';
import { ApiClient } from '../../api.js';

// The "Archive Trace" button and its status line; null when the UI config does not enable archiving.
function createArchiveAction(traceID) {
  const config = loadConfig();
  if (config.ui.archiveEnabled !== true) return null;
  const api = new ApiClient(config.basePath);
  const button = h('button', { class: 'btn btn-ghost btn-sm', type: 'button', id: 'trace-archive', title: 'Archive this trace' },
    icon('upload'), 'Archive Trace');
  const status = h('span', {
    class: 'th-archive-status', id: 'trace-archive-status', role: 'status', 'aria-live': 'polite',
    style: { padding: '2px 8px', borderRadius: '4px' },
  });
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.className = 'th-archive-status';
    status.textContent = 'Archiving…';
    try {
      await api.archiveTrace(traceID);
      status.textContent = '';
      button.lastChild.textContent = 'Archived';
      button.title = 'This trace is in the archive storage';
    } catch (err) {
      status.classList.add('message-error');
      status.textContent = `Archive failed: ${err.message}`;
      button.disabled = false;
    }
  });
  return { button, status };
}

function metaItem(label, value, extraClass = '') {
  return h('div', { class: `meta-item ${extraClass}`.trim() },
    h('span', { class: 'meta-label' }, label), h('span', { class: 'meta-value' }, value));
}

export function createTraceHeader(model, { backHref, jsonUrl, initialFind, onFind, onFindStep, onDownload, onView }) {
  const color = serviceColor(model.name.service);

  const findInput = h('input', {
    class: 'find-input', type: 'text', placeholder: 'Find…', value: initialFind || '', spellcheck: 'false',
    'aria-label': 'Find in trace', id: 'trace-find',
  });
  const findCount = h('span', { class: 'find-count', 'aria-live': 'polite' });
  const prevBtn = h('button', { class: 'icon-btn', type: 'button', title: 'Previous match (Shift+Enter)', 'aria-label': 'Previous match' }, icon('chevronUp'));
  const nextBtn = h('button', { class: 'icon-btn', type: 'button', title: 'Next match (Enter)', 'aria-label': 'Next match' }, icon('chevronDown'));
  const clearBtn = h('button', { class: 'icon-btn', type: 'button', title: 'Clear', 'aria-label': 'Clear find' }, icon('close'));
  const find = h('div', { class: 'find-box' }, icon('search', 'find-icon'), findInput, findCount, prevBtn, nextBtn, clearBtn);

  let debounce = null;
  findInput.addEventListener('input', () => {
    clearTimeout(debounce);
    debounce = setTimeout(() => onFind(findInput.value), 150);
  });
  findInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      clearTimeout(debounce);
      onFind(findInput.value, { keepFocus: true });
      onFindStep(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      findInput.value = '';
      onFind('');
    }
  });
  prevBtn.addEventListener('click', () => onFindStep(-1));
  nextBtn.addEventListener('click', () => onFindStep(1));
  clearBtn.addEventListener('click', () => {
    findInput.value = '';
    onFind('');
    findInput.focus();
  });

  const viewButtons = [['timeline', 'Timeline'], ['statistics', 'Statistics']].map(([id, label]) => {
    const b = h('button', { class: 'segment', type: 'button', 'data-view': id }, label);
    b.addEventListener('click', () => onView(id));
    return b;
  });

  const downloadBtn = h('button', { class: 'btn btn-ghost btn-sm', type: 'button', id: 'trace-download', title: 'Download trace JSON' },
    icon('download'), 'Download');
  downloadBtn.addEventListener('click', onDownload);
  const archive = createArchiveAction(model.traceID);
  const copyIdBtn = h('button', { class: 'icon-btn', type: 'button', title: 'Copy trace ID', 'aria-label': 'Copy trace ID' }, icon('copy'));
  copyIdBtn.addEventListener('click', () => copyText(model.traceID));

  const traceWarnings = model.warnings.length
    ? h('div', { class: 'message message-warn trace-warnings' }, icon('alert'),
      h('div', null, model.warnings.map((w) => h('div', null, w))))
    : null;

  const el = h('header', { class: 'trace-header' },
    h('div', { class: 'th-top' },
      h('a', { class: 'icon-btn th-back', href: backHref, title: 'Back to search', 'aria-label': 'Back to search' }, icon('chevronRight', 'flip')),
      h('h1', { class: 'th-title' },
        h('span', { class: 'svc-dot', style: { background: color } }),
        h('span', { class: 'th-service' }, `${model.name.service}: `),
        h('span', { class: 'th-operation' }, model.name.operation),
        h('span', { class: 'th-trace-id mono', title: model.traceID }, model.traceID.slice(0, 7))),
      find,
      h('div', { class: 'segmented', role: 'tablist' }, viewButtons),
      h('div', { class: 'th-actions' },
        h('a', { class: 'btn btn-ghost btn-sm', href: jsonUrl, target: '_blank', rel: 'noopener', title: 'Open the raw trace JSON' }, icon('external'), 'JSON'),
        downloadBtn,
        archive ? archive.button : null,
        archive ? archive.status : null)),
    h('div', { class: 'th-meta' },
      metaItem('Trace Start', formatTimestamp(model.startTime)),
      metaItem('Duration', formatDuration(model.duration)),
      metaItem('Services', formatCount(model.services.length)),
      metaItem('Depth', formatCount(model.depth)),
      metaItem('Total Spans', formatCount(model.spans.length), 'meta-span-count'),
      model.errorCount ? metaItem('Errors', formatCount(model.errorCount), 'meta-errors') : null,
      h('div', { class: 'meta-item meta-trace-id' },
        h('span', { class: 'meta-label' }, 'Trace ID'),
        h('span', { class: 'meta-value mono' }, model.traceID, copyIdBtn))),
    traceWarnings);

  return {
    el,
    setFindResult(total, current, query) {
      if (!query) findCount.textContent = '';
      else if (!total) findCount.textContent = 'no matches';
      else if (current < 0) findCount.textContent = `${formatCount(total)} match${total === 1 ? '' : 'es'}`;
      else findCount.textContent = `${formatCount(current + 1)} of ${formatCount(total)}`;
      find.classList.toggle('no-match', Boolean(query) && !total);
    },
    setView(view) {
      viewButtons.forEach((b) => b.classList.toggle('active', b.dataset.view === view));
    },
    focusFind() {
      findInput.focus();
      findInput.select();
    },
  };
}
