// Unit tests (node --test) of the UI's pure helper modules: logfmt, Go durations, formatting, search
// query ⇔ URL parameters.
import test from 'node:test';
import assert from 'node:assert/strict';
import { parseLogfmt, formatLogfmt } from '../../../backend/ui/web/static/js/lib/logfmt.js';
import { parseGoDuration, isGoDuration, lookbackToMillis } from '../../../backend/ui/web/static/js/lib/go_duration.js';
import { formatDuration, niceTicks, pluralize } from '../../../backend/ui/web/static/js/lib/format.js';
import {
  apiQueryFromParams, formValuesFromParams, paramsFromFormValues, tagsFromParam, lookbackOptions,
} from '../../../backend/ui/web/static/js/views/search/search_query.js';

test('logfmt parses keys, quoted values and bare keys', () => {
  assert.deepEqual(parseLogfmt('http.status_code=500 error=true'), { 'http.status_code': '500', error: 'true' });
  assert.deepEqual(parseLogfmt('  msg="hello world" q="a \\"b\\"" flag '), { msg: 'hello world', q: 'a "b"', flag: 'true' });
  assert.deepEqual(parseLogfmt(''), {});
  assert.throws(() => parseLogfmt('a="unterminated'), /unterminated/);
  assert.throws(() => parseLogfmt('=x'), /missing key/);
});

test('logfmt round-trips through formatLogfmt', () => {
  const tags = { a: '1', msg: 'two words', empty: '', quote: 'say "hi"' };
  assert.deepEqual(parseLogfmt(formatLogfmt(tags)), tags);
});

test('Go durations', () => {
  assert.equal(parseGoDuration('1.5ms'), 1500);
  assert.equal(parseGoDuration('1h30m'), 5400e6);
  assert.equal(parseGoDuration('250us'), 250);
  assert.equal(parseGoDuration('250µs'), 250);
  assert.equal(parseGoDuration('0'), 0);
  assert.equal(parseGoDuration('12'), null);
  assert.equal(parseGoDuration('1.2 s'), null);
  assert.ok(isGoDuration('100ms'));
  assert.ok(!isGoDuration('ms'));
  assert.equal(lookbackToMillis('2d'), 172800000);
  assert.equal(lookbackToMillis('custom'), null);
});

test('duration formatting', () => {
  assert.equal(formatDuration(0), '0μs');
  assert.equal(formatDuration(850), '850μs');
  assert.equal(formatDuration(1234), '1.23ms');
  assert.equal(formatDuration(28_800), '28.8ms');
  assert.equal(formatDuration(2_500_000), '2.5s');
  assert.equal(formatDuration(125_000_000), '2m 5s');
  assert.equal(formatDuration(3_600_000_000), '1h');
  assert.equal(pluralize(1, 'Span'), '1 Span');
  assert.equal(pluralize(10000, 'Span'), '10,000 Spans');
});

test('nice ticks cover the range with round steps', () => {
  assert.deepEqual(niceTicks(0, 100, 4), [0, 25, 50, 75, 100]);
  const ticks = niceTicks(3, 97, 5);
  assert.ok(ticks.every((t) => t >= 3 && t <= 97));
  assert.deepEqual(ticks, [20, 40, 60, 80]);
});

test('search form values ⇔ URL parameters ⇔ API query', () => {
  const config = { defaultLookback: '1h', defaultLimit: 20, maxLookback: { value: '2d' } };
  const values = {
    service: 'frontend', operation: 'GET /', tags: 'error=true http.status_code=500', lookback: '2h',
    start: '', end: '', minDuration: '1ms', maxDuration: '2s', limit: '50',
  };
  const params = paramsFromFormValues(values, 1_700_000_000_000);
  assert.equal(params.get('service'), 'frontend');
  assert.equal(params.get('tags'), '{"error":"true","http.status_code":"500"}');
  assert.equal(Number(params.get('end')) - Number(params.get('start')), 2 * 3600e6);
  const back = formValuesFromParams(params, config, null);
  assert.equal(back.tags, 'error=true http.status_code=500');
  assert.equal(back.limit, '50');
  const query = apiQueryFromParams(params, 1_800_000_000_000);
  assert.equal(query.end, String(1_800_000_000_000 * 1000));
  assert.equal(query.lookback, '2h');
  assert.deepEqual(query.tags, { error: 'true', 'http.status_code': '500' });
  assert.equal(query.operation, 'GET /');
  assert.equal(apiQueryFromParams(new URLSearchParams('service=a&operation=all')).operation, undefined);
  assert.deepEqual(tagsFromParam('a=b c=d'), { a: 'b', c: 'd' });
  assert.ok(lookbackOptions(config).every((o) => lookbackToMillis(o.value) <= 2 * 86400e3));
});
