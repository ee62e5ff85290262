// "JSON File" tab: load traces from a Jaeger JSON file ({"data":[...]}, an array of traces or a single
// trace) by picking or dropping it. Parsing happens locally; nothing is sent to the server.
import { h, icon } from '../../lib/dom.js';

export function tracesFromJson(value) {
  if (Array.isArray(value)) return value;
  if (value && Array.isArray(value.data)) return value.data;
  if (value && Array.isArray(value.spans)) return [value];
  throw new Error('expected {"data": [traces]}, an array of traces or a trace object');
}

export function createUploadPanel({ onTraces, onError }) {
  const fileInput = h('input', { type: 'file', accept: '.json,application/json', multiple: true, hidden: true });
  const zone = h('label', { class: 'drop-zone', tabindex: '0' },
    icon('upload', 'drop-icon'),
    h('strong', null, 'Drop Jaeger JSON files here'),
    h('span', { class: 'muted' }, 'or click to choose files'),
    fileInput);

  const readFiles = async (files) => {
    const traces = [];
    const names = [];
    for (const file of files) {
      try {
        traces.push(...tracesFromJson(JSON.parse(await file.text())));
        names.push(file.name);
      } catch (err) {
        onError(`${file.name}: ${err.message}`);
        return;
      }
    }
    if (traces.length) onTraces(traces, names.join(', '));
  };

  fileInput.addEventListener('change', () => {
    readFiles([...fileInput.files]);
    fileInput.value = '';
  });
  zone.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') fileInput.click(); });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('drag-over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('drag-over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('drag-over');
    readFiles([...e.dataTransfer.files]);
  });

  return {
    el: h('div', { class: 'upload-panel' }, zone,
      h('p', { class: 'form-note' }, 'Files are read in your browser and never uploaded to the server.')),
  };
}
