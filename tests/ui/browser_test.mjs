// Browser test of the web UI against the real peregrine-all-in-one: posts traces over OTLP/HTTP, then drives
// headless Chromium through search → results → trace waterfall → span details → find → JSON download → Archive Trace →
// critical path overlay → trace compare (from search results and by URL) → 10,000-span virtualised trace →
// dependency graph; then repeats under --query.base-path=/jaeger with a
// --query.ui-config file, and checks dependencies.menuEnabled=false. Screenshots are written to --artifacts.
// Exit code 0 = pass.
// Usage: node browser_test.mjs --binary <peregrine-all-in-one> --artifacts <dir>
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile, rm, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBinary } from './lib/binary.mjs';
import { launchBrowser, CHROMIUM_PATH } from './lib/browser.mjs';
import { postSpans, waitForTrace } from './lib/otlp.mjs';
import { checkoutTrace, bigTrace, fanoutTrace, SERVICES, BIG_SERVICES, BIG_TRACE_SPANS, FANOUT_SERVICES } from './lib/fixtures.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const binary = option('--binary');
const artifacts = path.resolve(option('--artifacts') || 'artifacts');
const log = (...m) => console.log(`[ui-test ${new Date().toISOString().slice(11, 23)}]`, ...m);

if (!binary || !existsSync(binary)) {
  console.error(`peregrine-all-in-one not found at ${binary}; build it first`);
  process.exit(1);
}
if (!existsSync(CHROMIUM_PATH)) {
  console.error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  process.exit(1);
}

const CHECKOUT_SPANS = 30;
const FANOUT_SPANS = { a: 9, b: 10 };

// One posted data set: the error trace under test, three healthy checkouts and the 10,000-span trace.
async function loadData(ports) {
  const main = checkoutTrace({ startMs: Date.now() - 90_000, withError: true });
  const others = [1, 2, 3].map((i) => checkoutTrace({ startMs: Date.now() - 90_000 - i * 60_000, scale: 0.5 + i / 2, withError: false }));
  const big = bigTrace({ startMs: Date.now() - 120_000 });
  const fanoutA = fanoutTrace({ startMs: Date.now() - 100_000, variant: 'a' });
  const fanoutB = fanoutTrace({ startMs: Date.now() - 95_000, variant: 'b' });
  await postSpans(ports.otlp_http, [...main, ...others.flat(), ...fanoutA, ...fanoutB]);
  await postSpans(ports.otlp_http, big);
  const api = `http://127.0.0.1:${ports.query_http}`;
  return {
    mainId: main[0].traceId,
    bigId: big[0].traceId,
    fanoutIds: { a: fanoutA[0].traceId, b: fanoutB[0].traceId },
    main,
    traceCount: 1 + others.length,
    waitReady: async (apiBase) => {
      await waitForTrace(apiBase || api, main[0].traceId, CHECKOUT_SPANS);
      for (const t of others) await waitForTrace(apiBase || api, t[0].traceId, CHECKOUT_SPANS);
      await waitForTrace(apiBase || api, fanoutA[0].traceId, FANOUT_SPANS.a);
      await waitForTrace(apiBase || api, fanoutB[0].traceId, FANOUT_SPANS.b);
      await waitForTrace(apiBase || api, big[0].traceId, BIG_TRACE_SPANS, 120_000);
    },
  };
}

async function text(page, selector) {
  return (await page.locator(selector).first().textContent()).trim();
}

// Scrolls the waterfall from top to bottom and returns the distinct span IDs that were rendered.
async function collectRenderedSpanIds(page) {
  return page.evaluate(async () => {
    const scroller = document.querySelector('.wf-scroll');
    const ids = new Set();
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    let maxDomRows = 0;
    for (let top = 0; ; top += Math.max(100, scroller.clientHeight - 50)) {
      scroller.scrollTop = top;
      await frame();
      const rows = scroller.querySelectorAll('.span-row');
      maxDomRows = Math.max(maxDomRows, rows.length);
      rows.forEach((r) => ids.add(r.dataset.spanId));
      if (top >= scroller.scrollHeight - scroller.clientHeight) break;
    }
    scroller.scrollTop = 0;
    return { count: ids.size, maxDomRows };
  });
}

// Operation → diff status of every row of the trace comparison table.
async function diffStatuses(page) {
  const rows = await page.locator('.diff-row').evaluateAll((trs) => trs.map((tr) => [tr.dataset.operation, tr.dataset.status]));
  return Object.fromEntries(rows);
}

const EXPECTED_FANOUT_DIFF = {
  'GET /dashboard': 'same',
  'fetch-profile': 'same',
  'GET /profile': 'same',
  'fetch-orders': 'same',
  'GET /orders': 'same',
  'SQL SELECT orders': 'increased',
  'fetch-recs': 'removed',
  'GET /recommendations': 'removed',
  'fetch-ads': 'added',
  'GET /ads': 'added',
  render: 'same',
};

async function runFlow(page, { baseUrl, prefix, data, uiConfigMenuLabel }) {
  const shot = (name) => page.screenshot({ path: path.join(artifacts, `${prefix}${name}.png`) });
  const step = async (name, fn) => {
    log(`${prefix}${name}`);
    try {
      await fn();
    } catch (err) {
      await shot(`FAILED-${name}`).catch(() => {});
      throw new Error(`step "${prefix}${name}" failed: ${err.message}`, { cause: err });
    }
  };

  await step('search-page', async () => {
    await page.goto(`${baseUrl}/search`);
    await page.waitForSelector(`#search-service option[value="${SERVICES.frontend}"]`, { state: 'attached' });
    assert.equal(await text(page, '.topnav-link.active'), 'Search');
    if (uiConfigMenuLabel) assert.equal(await text(page, '.topnav-menu-link'), uiConfigMenuLabel);
    await shot('01-search');
  });

  await step('search-results', async () => {
    await page.selectOption('#search-service', SERVICES.frontend);
    await page.waitForSelector('#search-operation option[value="GET /checkout"]', { state: 'attached' });
    await page.click('#search-submit');
    await page.waitForSelector('.result-card');
    assert.ok(page.url().includes(`service=${SERVICES.frontend}`), page.url());
    const cards = page.locator('.result-card');
    assert.equal(await cards.count(), data.traceCount);
    assert.equal(await page.locator('.scatter-dot').count(), data.traceCount);
    assert.equal(await text(page, '.results-count'), `${data.traceCount} Traces`);
    const main = page.locator(`.result-card[data-trace-id="${data.mainId}"]`);
    assert.ok(await main.evaluate((el) => el.classList.contains('has-error')));
    const badges = await main.locator('.badge').allTextContents();
    assert.deepEqual(badges.map((b) => b.trim()), ['30 Spans', '1 Error']);
    const chips = await main.locator('.service-chip').allTextContents();
    assert.deepEqual(chips.sort(), [`${SERVICES.cart}11`, `${SERVICES.frontend}9`, `${SERVICES.payment}10`]);
    await page.selectOption('#results-sort', 'longest');
    await shot('02-search-results');
  });

  await step('search-by-tags', async () => {
    await page.fill('#search-tags', 'http.status_code=500');
    await page.click('#search-submit');
    await page.waitForFunction(() => document.querySelectorAll('.result-card').length === 1);
    assert.equal(await page.locator(`.result-card[data-trace-id="${data.mainId}"]`).count(), 1);
    await page.fill('#search-tags', '');
  });

  await step('open-trace', async () => {
    await page.click(`.result-card[data-trace-id="${data.mainId}"] .result-header`);
    await page.waitForSelector('.wf-scroll[data-total-rows]');
    assert.ok(page.url().endsWith(`/trace/${data.mainId}`), page.url());
    const meta = Object.fromEntries(await page.locator('.th-meta .meta-item').evaluateAll((items) =>
      items.map((i) => [i.querySelector('.meta-label').textContent, i.querySelector('.meta-value').textContent])));
    assert.equal(meta['Total Spans'], '30');
    assert.equal(meta.Services, '3');
    assert.equal(meta.Depth, '5');
    assert.equal(meta.Errors, '1');
    assert.equal(await text(page, '.th-service'), `${SERVICES.frontend}:`);
    assert.equal(await page.getAttribute('.wf-scroll', 'data-total-rows'), '30');
    const rendered = await collectRenderedSpanIds(page);
    assert.equal(rendered.count, CHECKOUT_SPANS);
    assert.equal(await page.locator('.span-row.is-error').count(), 1);
    await shot('03-trace');
  });

  await step('collapse-expand', async () => {
    await page.click('.span-row[data-row-index="0"] .span-toggle');
    await page.waitForFunction(() => document.querySelector('.wf-scroll').dataset.totalRows === '1');
    assert.equal(await page.locator('.span-row').count(), 1);
    await page.click('button[aria-label="Expand all"]');
    await page.waitForFunction(() => document.querySelector('.wf-scroll').dataset.totalRows === '30');
    await page.click('button[aria-label="Collapse one level"]');
    await page.waitForFunction(() => Number(document.querySelector('.wf-scroll').dataset.totalRows) < 30);
    await page.click('button[aria-label="Expand all"]');
    await page.waitForFunction(() => document.querySelector('.wf-scroll').dataset.totalRows === '30');
  });

  const charge = data.main.find((s) => s.service === SERVICES.payment && s.name === 'POST /charge');
  await step('span-details', async () => {
    await page.click(`.span-row[data-span-id="${charge.spanId}"] .span-op`);
    const detail = page.locator(`.span-detail[data-span-id="${charge.spanId}"]`);
    await detail.waitFor();
    assert.equal(await detail.locator('.sd-title').textContent(), 'POST /charge');
    const tagKeys = await detail.locator('.sd-section').first().locator('.kv-key').allTextContents();
    for (const key of ['http.status_code', 'payment.amount', 'error']) assert.ok(tagKeys.includes(key), `tag ${key} in ${tagKeys}`);
    assert.equal(await detail.locator('tr[data-key="http.status_code"] .kv-value').textContent(), '500');
    assert.equal(await detail.locator('.sd-log-event').first().textContent(), 'exception');
    assert.ok((await detail.locator('.sd-logs-section').textContent()).includes('card declined by issuer'));
    await detail.locator('summary:has-text("Process")').click();
    assert.ok((await detail.locator('.sd-section').nth(1).textContent()).includes(SERVICES.payment));
    await detail.locator('summary:has-text("References")').click();
    await detail.scrollIntoViewIfNeeded();
    await shot('04-span-details');
  });

  await step('find-in-trace', async () => {
    await page.fill('#trace-find', 'redis');
    await page.waitForFunction(() => document.querySelectorAll('.span-row.is-match').length === 6);
    assert.equal(await text(page, '.find-count'), '6 matches');
    await page.press('#trace-find', 'Enter');
    await page.waitForFunction(() => document.querySelector('.find-count').textContent === '1 of 6');
    assert.equal(await page.locator('.span-row.is-focused').count(), 1);
    assert.ok(page.url().includes('uiFind=redis'), page.url());
    await shot('05-find');
    await page.click('button[aria-label="Clear find"]');
    await page.waitForFunction(() => document.querySelectorAll('.span-row.is-match').length === 0);
  });

  await step('statistics-view', async () => {
    await page.click('.segment[data-view="statistics"]');
    await page.waitForSelector('.stats-table tbody tr');
    const counts = await page.locator('.stats-table tbody tr td:nth-child(3)').allTextContents();
    assert.equal(counts.reduce((n, c) => n + Number(c), 0), CHECKOUT_SPANS);
    await page.click('.segment[data-view="timeline"]');
    await page.waitForSelector('.span-row');
  });

  await step('json-download', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#trace-download')]);
    const file = path.join(artifacts, `${prefix}trace-${data.mainId}.json`);
    await download.saveAs(file);
    const json = JSON.parse(await readFile(file, 'utf8'));
    assert.equal(json.data[0].traceID, data.mainId);
    assert.equal(json.data[0].spans.length, CHECKOUT_SPANS);
  });

  // Memory storage has an archive, so the UI config says archiveEnabled and the header offers Archive Trace.
  await step('archive-trace', async () => {
    await page.click('#trace-archive');
    await page.waitForFunction(() => document.querySelector('#trace-archive')?.textContent.includes('Archived'));
    const archived = await fetch(`${baseUrl}/api/traces/${data.mainId}`);
    assert.equal(archived.status, 200);
  });

  await step('deep-link-to-span', async () => {
    const leaf = data.main.find((s) => s.name === 'validate-card');
    await page.goto(`${baseUrl}/trace/${data.mainId}?uiFind=${leaf.spanId}`);
    await page.locator(`.span-detail[data-span-id="${leaf.spanId}"]`).waitFor();
    assert.equal(await page.locator(`.span-row.is-focused[data-span-id="${leaf.spanId}"]`).count(), 1);
  });

  await step('critical-path', async () => {
    await page.goto(`${baseUrl}/trace/${data.fanoutIds.a}`);
    await page.waitForSelector(`.wf-scroll[data-total-rows="${FANOUT_SPANS.a}"]`);
    if (!(await page.isChecked('#critical-path-toggle'))) await page.click('#critical-path-toggle');
    await page.waitForSelector('.span-critical');
    const critical = await page.locator('.span-row').evaluateAll((rows) => rows
      .filter((r) => r.querySelector('.span-critical')).map((r) => r.querySelector('.span-op').textContent));
    assert.deepEqual(critical.sort(), ['GET /dashboard', 'GET /orders', 'SQL SELECT orders', 'fetch-orders', 'render']);
    const root = page.locator('.span-row[data-row-index="0"]');
    assert.equal(await root.locator('.span-op').textContent(), 'GET /dashboard');
    // The root is on the path before the fan-out, between orders and render, and after render.
    assert.equal(await root.locator('.span-critical').count(), 3);
    assert.equal(await page.locator('.span-critical').count(), 9);
    assert.equal(await text(page, '.cp-summary'), '30ms across 5 spans');
    await shot('06-critical-path');
    await page.click('#critical-path-toggle');
    await page.waitForFunction(() => document.querySelectorAll('.span-critical').length === 0);
    await page.click('#critical-path-toggle');
    await page.waitForSelector('.span-critical');
  });

  await step('compare-from-search', async () => {
    await page.goto(`${baseUrl}/search?service=${FANOUT_SERVICES.gateway}&lookback=1h`);
    await page.waitForFunction(() => document.querySelectorAll('.result-card').length === 2);
    assert.ok(await page.isDisabled('#compare-traces'));
    await page.check(`.result-card[data-trace-id="${data.fanoutIds.a}"] .result-select-box`);
    await page.check(`.result-card[data-trace-id="${data.fanoutIds.b}"] .result-select-box`);
    await page.click('#compare-traces');
    await page.waitForSelector('.diff-row');
    assert.ok(page.url().includes(`/trace/${data.fanoutIds.a}...${data.fanoutIds.b}?cohort=`), page.url());
    assert.deepEqual(await diffStatuses(page), EXPECTED_FANOUT_DIFF);
    const sql = page.locator('.diff-row[data-operation="SQL SELECT orders"] td.num');
    assert.deepEqual((await sql.allTextContents()).slice(0, 3), ['1', '2', '+1']);
    const legend = Object.fromEntries(await page.locator('.diff-chip').evaluateAll((chips) =>
      chips.map((c) => [c.dataset.status, c.querySelector('strong').textContent])));
    assert.deepEqual(legend, { added: '2', removed: '2', increased: '1', decreased: '0', same: '6' });
    await shot('07-compare');
    await page.check('#compare-changes-only');
    await page.waitForFunction(() => !document.querySelector('.diff-row[data-operation="fetch-profile"]'));
    assert.equal(await page.locator('.diff-row').count(), 8);
    await page.uncheck('#compare-changes-only');
  });

  await step('compare-by-url', async () => {
    // Swap: B's extra calls now show as removed.
    await page.click('#compare-swap');
    await page.waitForFunction((b) => document.querySelector('#compare-trace-a').value === b, data.fanoutIds.b);
    await page.waitForSelector('.diff-row[data-operation="fetch-ads"][data-status="removed"]');
    // Only trace A given in the URL (client-side navigation: the all-in-one serves /trace/<a>... directly
    // only once its UI fallback accepts dots in route segments); B is entered in the page.
    await page.evaluate((href) => {
      window.history.pushState(null, '', href);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, `${new URL(baseUrl).pathname.replace(/\/$/, '')}/trace/${data.fanoutIds.a}...`);
    await page.waitForSelector('.compare-waiting');
    assert.equal(await text(page, '.compare-waiting h2'), 'Choose trace B');
    const suggestions = await page.locator('#compare-choices-b option').evaluateAll((os) => os.map((o) => o.value));
    assert.ok(suggestions.includes(data.fanoutIds.b), `suggested ${suggestions}`);
    await page.fill('#compare-trace-b', data.fanoutIds.b);
    await page.press('#compare-trace-b', 'Enter');
    await page.waitForSelector('.diff-row');
    assert.ok(page.url().includes(`/trace/${data.fanoutIds.a}...${data.fanoutIds.b}`), page.url());
    assert.deepEqual(await diffStatuses(page), EXPECTED_FANOUT_DIFF);
    await shot('08-compare-by-id');
  });

  await step('big-trace-virtualised', async () => {
    await page.goto(`${baseUrl}/trace/${data.bigId}`);
    await page.waitForSelector('.wf-scroll[data-total-rows]');
    assert.equal(await page.getAttribute('.wf-scroll', 'data-total-rows'), String(BIG_TRACE_SPANS));
    assert.equal(await page.getAttribute('.wf-scroll', 'data-span-count'), String(BIG_TRACE_SPANS));
    assert.equal(await text(page, '.meta-span-count .meta-value'), '10,000');
    const domRows = await page.locator('.span-row').count();
    assert.ok(domRows > 10 && domRows < 200, `virtualised DOM holds ${domRows} rows`);
    await shot('09-big-trace');
    const rendered = await collectRenderedSpanIds(page);
    assert.equal(rendered.count, BIG_TRACE_SPANS);
    assert.ok(rendered.maxDomRows < 200, `at most ${rendered.maxDomRows} rows in the DOM while scrolling`);
    await page.evaluate(() => { const s = document.querySelector('.wf-scroll'); s.scrollTop = s.scrollHeight; });
    await page.waitForSelector(`.span-row[data-row-index="${BIG_TRACE_SPANS - 1}"]`);
    await page.fill('#trace-find', 'process-chunk-98');
    await page.press('#trace-find', 'Enter');
    await page.waitForFunction(() => document.querySelector('.find-count').textContent === '1 of 1');
    await page.waitForSelector('.span-row.is-focused');
    await shot('10-big-trace-find');
  });

  await step('dependencies', async () => {
    await page.click('.topnav-link[data-page="dependencies"]');
    await page.waitForSelector('.dep-node');
    assert.ok(page.url().endsWith('/dependencies'), page.url());
    const services = await page.locator('.dep-node').evaluateAll((nodes) => nodes.map((n) => n.dataset.service));
    for (const svc of [SERVICES.frontend, SERVICES.cart, SERVICES.payment, BIG_SERVICES.api, BIG_SERVICES.worker]) {
      assert.ok(services.includes(svc), `${svc} in ${services}`);
    }
    const edge = page.locator(`.dep-edge[data-parent="${SERVICES.frontend}"][data-child="${SERVICES.payment}"]`);
    assert.equal(await edge.count(), 1);
    const bigEdge = page.locator(`.dep-edge[data-parent="${BIG_SERVICES.api}"][data-child="${BIG_SERVICES.worker}"] .dep-edge-label text`);
    assert.equal(await bigEdge.textContent(), '9,900');
    await page.hover(`.dep-node[data-service="${SERVICES.frontend}"]`);
    await shot('11-dependencies');
    await page.click('.segment[data-mode="table"]');
    await page.waitForSelector('.deps-table tbody tr');
  });

  await step('trace-id-lookup', async () => {
    await page.fill('.trace-lookup-input', data.mainId);
    await page.press('.trace-lookup-input', 'Enter');
    await page.waitForSelector('.wf-scroll[data-total-rows="30"]');
    await page.goBack();
    await page.waitForSelector('.deps-page');
  });
}

// With dependencies.menuEnabled=false the System Architecture page is gone from the menu and the router.
async function runDependenciesDisabledFlow(page, { baseUrl, prefix }) {
  log(`${prefix}dependencies-disabled`);
  await page.goto(`${baseUrl}/search`);
  await page.waitForSelector('.topnav-link[data-page="search"]');
  assert.equal(await page.locator('.topnav-link[data-page="dependencies"]').count(), 0);
  await page.goto(`${baseUrl}/dependencies`);
  await page.waitForSelector('.page-message');
  assert.equal(await page.locator('.dep-graph').count(), 0);
  await page.screenshot({ path: path.join(artifacts, `${prefix}dependencies-page.png`) });
}

async function scenario(browser, { name, prefix, extraArgs = [], basePath = '', uiConfigMenuLabel, flow = 'full' }) {
  log(`=== scenario: ${name}`);
  const server = await startBinary(binary, extraArgs, { log });
  const errors = [];
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console error: ${m.text()}`); });
  try {
    log('ports', JSON.stringify(server.ports));
    const baseUrl = `http://127.0.0.1:${server.ports.query_http}${basePath}`;
    if (flow === 'full') {
      const data = await loadData(server.ports);
      await data.waitReady(baseUrl);
      await runFlow(page, { baseUrl, prefix, data, uiConfigMenuLabel });
    } else {
      await runDependenciesDisabledFlow(page, { baseUrl, prefix });
    }
    assert.deepEqual(errors, [], 'no JavaScript errors');
  } catch (err) {
    err.message += `\n--- last binary output ---\n${server.output().slice(-4000)}`;
    throw err;
  } finally {
    await page.close().catch(() => {});
    await server.stop();
  }
}

async function main() {
  await rm(artifacts, { recursive: true, force: true });
  await mkdir(artifacts, { recursive: true });
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'peregrine-ui-config-'));
  const uiConfig = path.join(tmp, 'ui-config.json');
  await writeFile(uiConfig, JSON.stringify({
    menu: [{ label: 'Runbooks', url: 'https://runbooks.example.com' }],
    dependencies: { menuEnabled: true },
    search: { defaultLookback: '2h' },
  }));
  const browser = await launchBrowser();
  try {
    await scenario(browser, { name: 'root path', prefix: '' });
    await scenario(browser, {
      name: 'base path /jaeger with ui-config',
      prefix: 'base-path-',
      basePath: '/jaeger',
      extraArgs: ['--query.base-path=/jaeger', `--query.ui-config=${uiConfig}`],
      uiConfigMenuLabel: 'Runbooks',
    });
    const noDeps = path.join(tmp, 'ui-config-no-deps.json');
    await writeFile(noDeps, JSON.stringify({ dependencies: { menuEnabled: false } }));
    await scenario(browser, {
      name: 'ui-config with dependencies.menuEnabled=false',
      prefix: 'no-deps-',
      extraArgs: [`--query.ui-config=${noDeps}`],
      flow: 'dependencies-disabled',
    });
  } finally {
    await browser.close();
    await rm(tmp, { recursive: true, force: true });
  }
  log(`PASS — screenshots in ${artifacts}`);
}

main().catch((err) => {
  console.error(err.stack || err);
  process.exitCode = 1;
});
