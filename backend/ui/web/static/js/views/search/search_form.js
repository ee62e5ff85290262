// The search sidebar: service/operation pickers loaded from the API, logfmt tags, lookback (or a custom
// range), min/max duration and limit, with inline validation. Emits form values on submit.
import { h, replaceChildren, icon } from '../../lib/dom.js';
import { parseLogfmt } from '../../lib/logfmt.js';
import { isGoDuration } from '../../lib/go_duration.js';
import { ALL_OPERATIONS, lookbackOptions } from './search_query.js';

function pad(n) {
  return String(n).padStart(2, '0');
}

// µs since epoch ⇔ the value of an <input type="datetime-local"> (local time).
function toLocalInput(micros) {
  const d = new Date(Number(micros) / 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
function fromLocalInput(value) {
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? String(ms * 1000) : '';
}

function field(label, control, { hint, id } = {}) {
  return h('div', { class: 'form-field' },
    h('label', { class: 'form-label', for: id }, label, hint ? h('span', { class: 'form-hint' }, hint) : null),
    control);
}

export function createSearchForm({ api, config, onSubmit }) {
  const searchConfig = config.ui.search;
  const maxLimit = Number(searchConfig.maxLimit) || 1500;

  const serviceSelect = h('select', { id: 'search-service', name: 'service', class: 'input', required: true });
  const operationSelect = h('select', { id: 'search-operation', name: 'operation', class: 'input' });
  const tagsInput = h('input', {
    id: 'search-tags', name: 'tags', class: 'input mono', type: 'text', spellcheck: 'false',
    placeholder: 'http.status_code=200 error=true',
  });
  const lookbackSelect = h('select', { id: 'search-lookback', name: 'lookback', class: 'input' },
    lookbackOptions(searchConfig).map((o) => h('option', { value: o.value }, o.label)),
    h('option', { value: 'custom' }, 'Custom Time Range'));
  const startInput = h('input', { id: 'search-start', class: 'input', type: 'datetime-local' });
  const endInput = h('input', { id: 'search-end', class: 'input', type: 'datetime-local' });
  const customRange = h('div', { class: 'custom-range', hidden: true },
    field('Start', startInput, { id: 'search-start' }), field('End', endInput, { id: 'search-end' }));
  const minInput = h('input', { id: 'search-min-duration', name: 'minDuration', class: 'input mono', placeholder: 'e.g. 1.2s, 100ms, 500us' });
  const maxInput = h('input', { id: 'search-max-duration', name: 'maxDuration', class: 'input mono', placeholder: 'e.g. 1.1s' });
  const limitInput = h('input', { id: 'search-limit', name: 'limit', class: 'input', type: 'number', min: '1', max: String(maxLimit) });
  const errorBox = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { class: 'btn btn-primary btn-block', type: 'submit', id: 'search-submit' }, 'Find Traces');

  const form = h('form', { class: 'search-form', novalidate: true },
    field('Service', serviceSelect, { id: 'search-service' }),
    field('Operation', operationSelect, { id: 'search-operation' }),
    field('Tags', tagsInput, { id: 'search-tags', hint: 'logfmt' }),
    field('Lookback', lookbackSelect, { id: 'search-lookback' }),
    customRange,
    h('div', { class: 'form-row' },
      field('Min Duration', minInput, { id: 'search-min-duration' }),
      field('Max Duration', maxInput, { id: 'search-max-duration' })),
    field('Limit Results', limitInput, { id: 'search-limit' }),
    errorBox,
    submit);

  let services = [];
  let pendingValues = null;
  let operationsToken = 0;

  const setOptions = (select, options, selected) => {
    replaceChildren(select, options.map((o) => h('option', { value: o.value }, o.label)));
    if (options.some((o) => o.value === selected)) select.value = selected;
  };

  const loadOperations = async (service, selected) => {
    const token = ++operationsToken;
    setOptions(operationSelect, [{ value: ALL_OPERATIONS, label: 'all' }], ALL_OPERATIONS);
    if (!service) return;
    try {
      const ops = await api.operations(service);
      if (token !== operationsToken) return;
      setOptions(operationSelect, [{ value: ALL_OPERATIONS, label: 'all' }, ...ops.map((o) => ({ value: o, label: o }))],
        selected || ALL_OPERATIONS);
    } catch (err) {
      if (token === operationsToken) showError(`Could not load operations: ${err.message}`);
    }
  };

  const showError = (message) => {
    errorBox.hidden = !message;
    replaceChildren(errorBox, message ? [icon('alert'), h('span', null, message)] : []);
  };

  const syncCustomRange = () => {
    const custom = lookbackSelect.value === 'custom';
    customRange.hidden = !custom;
    if (custom && !startInput.value) {
      const now = Date.now();
      startInput.value = toLocalInput((now - 3600e3) * 1000);
      endInput.value = toLocalInput(now * 1000);
    }
  };

  const applyValues = (values) => {
    const serviceOptions = [{ value: '', label: services.length ? 'Select a service…' : 'No services found' },
      ...services.map((s) => ({ value: s, label: s }))];
    setOptions(serviceSelect, serviceOptions, values.service);
    if (values.service && !services.includes(values.service) && services.length) serviceSelect.value = '';
    tagsInput.value = values.tags || '';
    lookbackSelect.value = values.lookback;
    if (lookbackSelect.value !== values.lookback) lookbackSelect.value = searchConfig.defaultLookback || '1h';
    if (values.lookback === 'custom' && values.start && values.end) {
      startInput.value = toLocalInput(values.start);
      endInput.value = toLocalInput(values.end);
    }
    syncCustomRange();
    minInput.value = values.minDuration || '';
    maxInput.value = values.maxDuration || '';
    limitInput.value = values.limit;
    loadOperations(serviceSelect.value, values.operation);
  };

  const readValues = () => ({
    service: serviceSelect.value,
    operation: operationSelect.value,
    tags: tagsInput.value.trim(),
    lookback: lookbackSelect.value,
    start: fromLocalInput(startInput.value),
    end: fromLocalInput(endInput.value),
    minDuration: minInput.value.trim(),
    maxDuration: maxInput.value.trim(),
    limit: limitInput.value.trim(),
  });

  const validate = (v) => {
    if (!v.service) return 'Select a service.';
    try {
      parseLogfmt(v.tags);
    } catch (err) {
      return `Tags: ${err.message}.`;
    }
    if (v.minDuration && !isGoDuration(v.minDuration)) return 'Min Duration must look like 1.2s, 100ms or 500us.';
    if (v.maxDuration && !isGoDuration(v.maxDuration)) return 'Max Duration must look like 1.2s, 100ms or 500us.';
    const limit = Number(v.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) return `Limit must be between 1 and ${maxLimit}.`;
    if (v.lookback === 'custom') {
      if (!v.start || !v.end) return 'Choose a start and an end time.';
      if (Number(v.start) >= Number(v.end)) return 'The start time must be before the end time.';
    }
    return null;
  };

  serviceSelect.addEventListener('change', () => {
    showError(null);
    loadOperations(serviceSelect.value, ALL_OPERATIONS);
  });
  lookbackSelect.addEventListener('change', syncCustomRange);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const values = readValues();
    const problem = validate(values);
    showError(problem);
    if (!problem) onSubmit(values);
  });

  return {
    el: form,
    async loadServices() {
      serviceSelect.disabled = true;
      try {
        services = await api.services();
        showError(null);
      } catch (err) {
        services = [];
        showError(`Could not load services: ${err.message}`);
      } finally {
        serviceSelect.disabled = false;
      }
      if (pendingValues) applyValues(pendingValues);
      return services;
    },
    setValues(values) {
      pendingValues = values;
      applyValues(values);
    },
    get services() {
      return services;
    },
  };
}
