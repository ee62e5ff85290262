// Key/value tables for span tags, process tags and log fields, with typed value rendering (booleans,
// numbers, JSON, links) and a copy button per row.
import { h, icon, copyText } from '../../lib/dom.js';

function formatJson(text) {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return null;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch (_) {
    return null;
  }
}

export function renderValue(value) {
  if (typeof value === 'boolean') return h('span', { class: 'v-bool' }, String(value));
  if (typeof value === 'number') return h('span', { class: 'v-num' }, String(value));
  const text = value === null || value === undefined ? '' : String(value);
  const json = formatJson(text);
  if (json) return h('pre', { class: 'v-json' }, json);
  if (/^https?:\/\/\S+$/.test(text)) {
    return h('a', { class: 'v-link', href: text, target: '_blank', rel: 'noopener noreferrer' }, text);
  }
  return h('span', { class: text.includes('\n') ? 'v-str v-multiline' : 'v-str' }, text);
}

function valueCell(field, link) {
  if (!link) return renderValue(field.value);
  return h('a', { class: 'v-link', href: link.url, target: '_blank', rel: 'noopener noreferrer', title: link.text },
    typeof field.value === 'string' ? field.value : JSON.stringify(field.value), icon('external'));
}

// One-line "k=v, k=v" preview for collapsed sections.
export function previewText(fields, max = 6) {
  const parts = fields.slice(0, max).map((f) => `${f.key}=${typeof f.value === 'object' ? JSON.stringify(f.value) : f.value}`);
  if (fields.length > max) parts.push(`+${fields.length - max} more`);
  return parts.join('  ·  ');
}

// linkFor(field) → {url, text} | null renders a value as a configured link (ui-config linkPatterns).
export function kvTable(fields, { errorKeys = [], linkFor = () => null } = {}) {
  if (!fields.length) return h('div', { class: 'kv-empty muted' }, 'None');
  return h('table', { class: 'kv-table' },
    h('tbody', null, fields.map((f) => {
      const copyBtn = h('button', { class: 'icon-btn kv-copy', type: 'button', title: 'Copy value', 'aria-label': `Copy ${f.key}` },
        icon('copy'));
      copyBtn.addEventListener('click', async (e) => {
        e.stopPropagation();
        const ok = await copyText(typeof f.value === 'string' ? f.value : JSON.stringify(f.value));
        copyBtn.classList.toggle('copied', ok);
        setTimeout(() => copyBtn.classList.remove('copied'), 1200);
      });
      return h('tr', { class: errorKeys.includes(f.key) ? 'kv-error' : null, 'data-key': f.key },
        h('td', { class: 'kv-key' }, f.key),
        h('td', { class: 'kv-value' }, valueCell(f, linkFor(f))),
        h('td', { class: 'kv-actions' }, copyBtn));
    })));
}
