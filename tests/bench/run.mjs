// The side-by-side benchmark: the built page against the same page with its three charts drawn
// by Chart.js 4 instead of the WebAssembly. One headless Chromium, a fresh browser context
// (empty cache) per page load, the two pages alternating, a warm-up round discarded.
//
// Usage: node tests/bench/run.mjs --site dist --base http://127.0.0.1:PORT/ [--rounds 10]
//        [--out target/bench.json]
// `./build.sh bench` builds the site, starts the server and runs this. It prints a table and
// writes the figures as JSON; it exits non-zero only when the benchmark could not run.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');

const VIEWPORT = { width: 1280, height: 800 };
/** Widths the resize test goes through, and back. */
const RESIZE_WIDTHS = [1100, 1280, 960, 1280];
/** How long to wait for a drawing before deciding an action caused none. */
const NO_DRAW_MS = 250;
/** One frame at 60 Hz, in ms: how long after the first contentful paint the chart may show. */
const FRAME_MS = 1000 / 60;
const BUDGETS = {
  pageKb: 90,
  firstDrawnRatio: 0.7,
  visibleAfterFcpMs: FRAME_MS,
  visibleRatio: 0.5,
  bytesBeforeVisibleRatio: 0.25,
  hoverRatio: 0.5,
  hoverP95Ms: 4,
  resizeRatio: 0.5,
};

const { values: args } = parseArgs({
  options: {
    site: { type: 'string', default: join(ROOT, 'dist') },
    base: { type: 'string', default: process.env.BASE_URL },
    rounds: { type: 'string', default: '10' },
    out: { type: 'string', default: join(ROOT, 'target', 'bench.json') },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

if (!args.base) fail('no --base URL (or BASE_URL) of a server for the site was given');
const ROUNDS = Number(args.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) fail(`--rounds must be a positive integer, not ${args.rounds}`);

/**
 * Writes the reference page beside the site: the site's index.html with its module script
 * swapped for Chart.js and reference.js and without the charts the build drew into it, the
 * dataset, and Chart.js's own UMD build from npm.
 */
function writeReferencePage(site) {
  const html = readFileSync(join(site, 'index.html'), 'utf8');
  const script = '<script type="module" src="main.js"></script>';
  if (!html.includes(script)) fail(`${site}/index.html no longer loads ${script}; update ${fileURLToPath(import.meta.url)}`);
  const page = html
    .replace(script, '<script src="bench-reference/chart.umd.js" defer></script>\n<script src="bench-reference/reference.js" defer></script>')
    // Nothing of the WebAssembly page may load on the reference page.
    .replace(/<link rel="(?:module)?preload"[^>]*>\n?/g, '')
    // Chart.js draws its charts in the page; the build's drawings are this site's.
    .replace(/<picture class="drawn[^"]*">.*?<\/picture>/gs, '');
  if (page.includes('drawn/')) fail(`the reference page still names the build's drawings; update ${fileURLToPath(import.meta.url)}`);
  const dir = join(site, 'bench-reference');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(site, 'bench-reference.html'), page);
  copyFileSync(join(HERE, 'node_modules', 'chart.js', 'dist', 'chart.umd.js'), join(dir, 'chart.umd.js'));
  copyFileSync(join(HERE, 'reference', 'reference.js'), join(dir, 'reference.js'));
  copyFileSync(join(ROOT, 'data', 'coalition-2017.json'), join(dir, 'coalition-2017.json'));
}

/**
 * Runs in every page before its own scripts: records, in the page's clock (ms since the
 * navigation started), each change of a canvas's `data-drawn` and the input events the
 * benchmark causes. A MutationObserver callback runs right after the task that drew.
 *
 * And when the funding chart is first on screen (`visible`): the paint of the build's
 * drawing of it, from Element Timing (its `<img>` is marked for it as the parser adds it,
 * before it can load), or the first animation frame after its canvas first drew (the frame
 * that shows the drawing), whichever comes first.
 */
function instrument() {
  const bench = { draws: [], inputs: [], visible: null };
  window.__bench = bench;
  const seen = (how, t) => {
    if (!bench.visible || t < bench.visible.t) bench.visible = { how, t };
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // Only a painted image is reported, so only the variant shown; by the time this runs
      // the canvas may have taken its place.
      if (entry.identifier === 'bench-chart' && entry.element?.dataset.chart === 'funding') {
        seen('drawing', entry.renderTime || entry.loadTime);
      }
    }
  }).observe({ type: 'element', buffered: true });
  new MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1) continue;
        const imgs = node.matches('.drawn img') ? [node] : node.querySelectorAll('.drawn img');
        for (const img of imgs) img.setAttribute('elementtiming', 'bench-chart');
      }
    }
  }).observe(document, { subtree: true, childList: true });
  let canvasSeen = false;
  const look = () => {
    if (canvasSeen) return;
    if (document.querySelector('canvas[data-chart="funding"][data-drawn]')) {
      canvasSeen = true;
      requestAnimationFrame((t) => seen('canvas', t));
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
  new MutationObserver((records) => {
    const t = performance.now();
    for (const r of records) {
      const chart = r.target.dataset?.chart;
      if (chart) bench.draws.push({ chart, t });
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-drawn'] });
  for (const type of ['pointermove', 'click', 'resize']) {
    window.addEventListener(type, (e) => bench.inputs.push({ type, t: performance.now() }), { capture: true });
  }
}

function median(xs) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function percentile(xs, p) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/**
 * Centres of the funding chart's bars in CSS pixels from the canvas's top left: from the
 * layout the WebAssembly chart reports, or from Chart.js's elements.
 */
function barCentres() {
  const canvas = document.querySelector('canvas[data-chart="funding"]');
  const marks = canvas.chartHandle?.layout()?.marks;
  if (marks) return marks.map((m) => ({ x: m.bar.x + m.bar.w / 2, y: m.bar.y + m.bar.h / 2 }));
  const chart = window.referenceCharts?.[0];
  if (chart) return chart.getDatasetMeta(0).data.map((e) => ({ x: (e.x + e.base) / 2, y: e.y }));
  return [];
}

/** Waits until the page has recorded a drawing of `chart` at or after page time `since`. */
async function drawnAfter(page, chart, since, timeout = 30_000) {
  const handle = await page.waitForFunction(
    ([c, s]) => {
      const error = document.getElementById('error');
      if (error && !error.hidden) return { error: error.textContent };
      return window.__bench.draws.find((d) => d.chart === c && d.t >= s) ?? false;
    },
    [chart, since],
    { timeout },
  );
  const result = await handle.jsonValue();
  if (result.error) throw new Error(`the page shows an error: ${result.error}`);
  return result.t;
}

/** Two animation frames and an idle moment: whatever the last action started has settled. */
function settle(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(resolve, { timeout: 500 }))),
      ),
  );
}

/** The latest input of `type` recorded by the page, in page time. */
async function lastInput(page, type) {
  return page.evaluate((ty) => window.__bench.inputs.filter((i) => i.type === ty).at(-1)?.t ?? null, type);
}

/**
 * After an action that happened at page time `t0`: the page time of the first drawing of
 * `chart` after it, or null if none came within NO_DRAW_MS (the action changed nothing).
 */
async function drawAfterOrNone(page, chart, t0) {
  return page.evaluate(
    ([c, s, wait]) =>
      new Promise((resolve) => {
        const deadline = performance.now() + wait;
        const look = () => {
          const d = window.__bench.draws.find((x) => x.chart === c && x.t >= s);
          if (d) resolve(d.t);
          else if (performance.now() > deadline) resolve(null);
          else requestAnimationFrame(look);
        };
        look();
      }),
    [chart, t0, NO_DRAW_MS],
  );
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Bytes of every WebAssembly.Memory in the page, found through the inspector (no page API). */
async function wasmMemoryBytes(cdp) {
  const proto = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId,
    functionDeclaration: 'function () { return this.reduce((sum, m) => sum + m.buffer.byteLength, 0); }',
    returnByValue: true,
  });
  return result.value;
}

/** One load of one page in a fresh context, with every measurement. */
async function measurePage(browser, url) {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    // Both pages draw once, without animation: Chart.js is set to, and this asks ours to.
    reducedMotion: 'reduce',
  });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const bodies = [];
  page.on('response', (response) => {
    bodies.push(
      response
        .body()
        .then((body) => ({ url: response.url(), status: response.status(), raw: body.length, gzip: gzipSync(body, { level: 9 }).length }))
        .catch(() => ({ url: response.url(), status: response.status(), raw: 0, gzip: 0 })),
    );
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  try {
    await page.goto(url, { waitUntil: 'load' });
    const firstDrawn = await drawnAfter(page, 'funding', 0);
    await page.waitForFunction(() => window.__bench.visible && performance.getEntriesByName('first-contentful-paint').length);
    await page.evaluate(() => document.fonts.ready);
    await settle(page);
    // What had arrived when the chart showed: the page's own record of each response's end.
    const paint = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
      visible: window.__bench.visible,
      arrived: [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => ({
        url: e.name,
        end: e.responseEnd,
      })),
    }));
    const beforeVisible = new Set(paint.arrived.filter((r) => r.end > 0 && r.end <= paint.visible.t).map((r) => r.url));

    // Memory once the first chart is up and the page is quiet.
    await cdp.send('HeapProfiler.collectGarbage');
    const jsHeap = await page.evaluate(() => performance.memory.usedJSHeapSize);
    const wasmMemory = await wasmMemoryBytes(cdp);

    // Hover: the pointer goes from bar to bar of the funding chart, top to bottom, four times;
    // each move changes the highlighted bar, and is timed from the pointer event to
    // the drawing. A move that brings no drawing within NO_DRAW_MS is counted as missed.
    const canvas = page.locator('canvas[data-chart="funding"]');
    await canvas.scrollIntoViewIfNeeded();
    await settle(page);
    const box = await canvas.boundingBox();
    const bars = await page.evaluate(barCentres);
    if (bars.length < 2) throw new Error(`found ${bars.length} bars to hover on the funding chart`);
    // Downwards only: the page's tooltip sits over the bars above the highlighted one, and a
    // pointer on the tooltip keeps the highlight where it is.
    const path = [];
    for (let cycle = 0; cycle < 4; cycle += 1) path.push(...bars.keys());
    const before = await metrics(cdp);
    const hover = [];
    let hoverMissed = 0;
    for (const i of path) {
      await page.mouse.move(box.x + bars[i].x, box.y + bars[i].y);
      const t0 = await lastInput(page, 'pointermove');
      const t1 = t0 === null ? null : await drawAfterOrNone(page, 'funding', t0);
      if (t1 === null) hoverMissed += 1;
      else hover.push(t1 - t0);
      await settle(page);
    }
    const after = await metrics(cdp);
    const perHoverDraw = (name, scale = 1) => (hover.length ? ((after[name] - before[name]) * scale) / hover.length : null);
    const layoutsPerHoverDraw = perHoverDraw('LayoutCount');
    // Main-thread time per hover redraw (the sweep's totals over its redraws), in ms.
    const hoverScriptMs = perHoverDraw('ScriptDuration', 1000);
    const hoverLayoutMs = hover.length
      ? (perHoverDraw('LayoutDuration', 1000) + perHoverDraw('RecalcStyleDuration', 1000))
      : null;

    // Resize: the window narrows and widens; timed from the resize event to the redraw.
    const resize = [];
    for (const width of RESIZE_WIDTHS) {
      const since = await page.evaluate(() => performance.now());
      await page.setViewportSize({ width, height: VIEWPORT.height });
      await page.waitForFunction((s) => window.__bench.inputs.some((i) => i.type === 'resize' && i.t >= s), since);
      const t0 = await lastInput(page, 'resize');
      const t1 = await drawnAfter(page, 'funding', t0, 5_000);
      resize.push(t1 - t0);
      await settle(page);
    }

    // Switch chart: the Territory tab, timed from the click to its chart drawn.
    await page.click('button[role=tab][data-chart="liberation"]');
    const tClick = await lastInput(page, 'click');
    const tSwitch = await drawnAfter(page, 'liberation', tClick, 10_000);
    await settle(page);

    const responses = await Promise.all(bodies);
    if (errors.length) throw new Error(`errors on the page: ${errors.join('; ')}`);
    // Each URL once: a second answer for one (the icon is asked for twice) came later.
    const early = new Map();
    for (const r of responses) if (r.status === 200 && beforeVisible.has(r.url) && !early.has(r.url)) early.set(r.url, r.gzip);
    return {
      fcpMs: paint.fcp,
      visibleMs: paint.visible.t,
      visibleBy: paint.visible.how,
      bytesBeforeVisible: [...early.values()].reduce((a, b) => a + b, 0),
      filesBeforeVisible: [...early.keys()].map((u) => new URL(u).pathname),
      firstDrawnMs: firstDrawn,
      switchMs: tSwitch - tClick,
      hoverMs: hover,
      hoverMissed,
      resizeMs: resize,
      layoutsPerHoverDraw,
      hoverScriptMs,
      hoverLayoutMs,
      jsHeapBytes: jsHeap,
      wasmMemoryBytes: wasmMemory,
      wire: responses.filter((r) => r.status === 200),
    };
  } finally {
    await context.close();
  }
}

function summarise(loads) {
  const wire = loads[0].wire;
  const hover = loads.flatMap((l) => l.hoverMs);
  return {
    loads: loads.length,
    wireGzipBytes: wire.reduce((s, r) => s + r.gzip, 0),
    wireRawBytes: wire.reduce((s, r) => s + r.raw, 0),
    files: wire.map((r) => ({ path: new URL(r.url).pathname, raw: r.raw, gzip: r.gzip })),
    firstDrawnMs: median(loads.map((l) => l.firstDrawnMs)),
    fcpMs: median(loads.map((l) => l.fcpMs)),
    visibleMs: median(loads.map((l) => l.visibleMs)),
    visibleAfterFcpMs: median(loads.map((l) => l.visibleMs - l.fcpMs)),
    visibleBy: [...new Set(loads.map((l) => l.visibleBy))].join(', '),
    bytesBeforeVisible: median(loads.map((l) => l.bytesBeforeVisible)),
    filesBeforeVisible: loads[0].filesBeforeVisible,
    switchMs: median(loads.map((l) => l.switchMs)),
    hoverSamples: hover.length,
    hoverMissed: loads.reduce((s, l) => s + l.hoverMissed, 0),
    hoverP50Ms: percentile(hover, 50),
    hoverP95Ms: percentile(hover, 95),
    resizeMs: median(loads.flatMap((l) => l.resizeMs)),
    layoutsPerHoverDraw: median(loads.map((l) => l.layoutsPerHoverDraw).filter((v) => v !== null)),
    hoverScriptMs: median(loads.map((l) => l.hoverScriptMs).filter((v) => v !== null)),
    hoverLayoutMs: median(loads.map((l) => l.hoverLayoutMs).filter((v) => v !== null)),
    wasmMemoryBytes: median(loads.map((l) => l.wasmMemoryBytes)),
    jsHeapBytes: median(loads.map((l) => l.jsHeapBytes)),
  };
}

const kb = (b) => (b === null ? 'n/a' : `${(b / 1024).toFixed(1)} KB`);
const mb = (b) => (b === null || b === 0 ? 'n/a' : `${(b / 1048576).toFixed(2)} MB`);
const ms = (v) => (v === null ? 'n/a' : `${v.toFixed(2)} ms`);
const num = (v) => (v === null ? 'n/a' : v.toFixed(1));

function table(ours, ref) {
  const ratio = (a, b) => (a === null || b === null || b === 0 ? null : a / b);
  // A budget on a ratio is met only when both sides were measured.
  const within = (r, limit) => r !== null && r <= limit;
  const rows = [
    ['Bytes on the wire (gzip)', kb(ours.wireGzipBytes), kb(ref.wireGzipBytes), ratio(ours.wireGzipBytes, ref.wireGzipBytes), `≤ ${BUDGETS.pageKb} KB`, ours.wireGzipBytes <= BUDGETS.pageKb * 1024],
    ['First contentful paint (from navigation)', ms(ours.fcpMs), ms(ref.fcpMs), ratio(ours.fcpMs, ref.fcpMs), '', null],
    [`Chart visible (from navigation; by ${ours.visibleBy} / ${ref.visibleBy})`, ms(ours.visibleMs), ms(ref.visibleMs), ratio(ours.visibleMs, ref.visibleMs), `≤ ${BUDGETS.visibleRatio}×`, within(ratio(ours.visibleMs, ref.visibleMs), BUDGETS.visibleRatio)],
    ['Chart visible after first contentful paint', ms(ours.visibleAfterFcpMs), ms(ref.visibleAfterFcpMs), null, `≤ ${BUDGETS.visibleAfterFcpMs.toFixed(1)} ms`, ours.visibleAfterFcpMs !== null && ours.visibleAfterFcpMs <= BUDGETS.visibleAfterFcpMs],
    ['Bytes before the chart is visible (gzip)', kb(ours.bytesBeforeVisible), kb(ref.bytesBeforeVisible), ratio(ours.bytesBeforeVisible, ref.bytesBeforeVisible), `≤ ${BUDGETS.bytesBeforeVisibleRatio}×`, within(ratio(ours.bytesBeforeVisible, ref.bytesBeforeVisible), BUDGETS.bytesBeforeVisibleRatio)],
    ['First canvas drawing (from navigation)', ms(ours.firstDrawnMs), ms(ref.firstDrawnMs), ratio(ours.firstDrawnMs, ref.firstDrawnMs), `≤ ${BUDGETS.firstDrawnRatio}×`, within(ratio(ours.firstDrawnMs, ref.firstDrawnMs), BUDGETS.firstDrawnRatio)],
    ['Switch chart (click to drawn)', ms(ours.switchMs), ms(ref.switchMs), ratio(ours.switchMs, ref.switchMs), '', null],
    ['Hover redraw p50 (pointer to drawn)', ms(ours.hoverP50Ms), ms(ref.hoverP50Ms), ratio(ours.hoverP50Ms, ref.hoverP50Ms), `≤ ${BUDGETS.hoverRatio}×`, within(ratio(ours.hoverP50Ms, ref.hoverP50Ms), BUDGETS.hoverRatio)],
    ['Hover redraw p95', ms(ours.hoverP95Ms), ms(ref.hoverP95Ms), ratio(ours.hoverP95Ms, ref.hoverP95Ms), `≤ ${BUDGETS.hoverP95Ms} ms`, ours.hoverP95Ms !== null && ours.hoverP95Ms <= BUDGETS.hoverP95Ms],
    ['Resize redraw (resize event to drawn)', ms(ours.resizeMs), ms(ref.resizeMs), ratio(ours.resizeMs, ref.resizeMs), `≤ ${BUDGETS.resizeRatio}×`, within(ratio(ours.resizeMs, ref.resizeMs), BUDGETS.resizeRatio)],
    ['Layouts per hover redraw', num(ours.layoutsPerHoverDraw), num(ref.layoutsPerHoverDraw), null, '', null],
    ['Script time per hover redraw (harness included)', ms(ours.hoverScriptMs), ms(ref.hoverScriptMs), ratio(ours.hoverScriptMs, ref.hoverScriptMs), '', null],
    ['Style and layout time per hover redraw', ms(ours.hoverLayoutMs), ms(ref.hoverLayoutMs), ratio(ours.hoverLayoutMs, ref.hoverLayoutMs), '', null],
    ['WebAssembly memory after load', mb(ours.wasmMemoryBytes), mb(ref.wasmMemoryBytes), null, '', null],
    ['JS heap after load (after GC)', mb(ours.jsHeapBytes), mb(ref.jsHeapBytes), ratio(ours.jsHeapBytes, ref.jsHeapBytes), '', null],
  ];
  return rows.map(([metric, a, b, r, budget, met]) => ({
    metric,
    ours: a,
    chartjs: b,
    ratio: r === null ? '' : `${r.toFixed(2)}×`,
    budget,
    met: met === null ? '' : met ? 'yes' : 'NO',
  }));
}

function markdown(rows) {
  const head = ['', 'This page', 'Chart.js page', 'Ratio', 'Budget', 'Met'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const r of rows) lines.push(`| ${[r.metric, r.ours, r.chartjs, r.ratio, r.budget, r.met].join(' | ')} |`);
  return lines.join('\n');
}

async function main() {
  writeReferencePage(args.site);
  const loadBefore = loadavg()[0];
  const pages = { ours: new URL('./', args.base).href, chartjs: new URL('bench-reference.html', args.base).href };
  const browser = await chromium.launch({
    executablePath: args.chromium,
    // The flags of the end-to-end tests (tests/e2e/browser.mjs), and exact heap figures.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--enable-precise-memory-info',
    ],
  });
  const browserVersion = browser.version();
  const loads = { ours: [], chartjs: [] };
  try {
    for (let round = 0; round <= ROUNDS; round += 1) {
      // Round 0 warms up the browser and the server and is not counted. The order alternates.
      const order = round % 2 ? ['chartjs', 'ours'] : ['ours', 'chartjs'];
      for (const name of order) {
        const result = await measurePage(browser, pages[name]).catch((e) => {
          throw new Error(`${name} page (${pages[name]}), round ${round}: ${e.message}`);
        });
        if (round > 0) loads[name].push(result);
      }
      process.stderr.write(round === 0 ? 'bench: warm-up round done\n' : `bench: round ${round}/${ROUNDS} done\n`);
    }
  } finally {
    await browser.close();
  }
  const ours = summarise(loads.ours);
  const chartjs = summarise(loads.chartjs);
  const rows = table(ours, chartjs);
  const environment = {
    date: new Date().toISOString(),
    browser: `Chromium ${browserVersion}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    // Other work on the machine skews timings; the 1-minute load average says how much.
    loadAverage: { before: loadBefore, after: loadavg()[0] },
    viewport: VIEWPORT,
    rounds: ROUNDS,
  };
  const report = { environment, budgets: BUDGETS, ours, chartjs, table: rows, loads };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `\nMedians of ${ROUNDS} rounds (hover: p50/p95 of ${ours.hoverSamples} and ${chartjs.hoverSamples} redraws), ` +
      `${environment.browser}, ${environment.cpus} CPUs, ${VIEWPORT.width}x${VIEWPORT.height}, reduced motion:\n`,
  );
  console.log(markdown(rows));
  for (const [name, s] of [['This page', ours], ['Chart.js page', chartjs]]) {
    if (s.hoverMissed) console.log(`\n${name}: ${s.hoverMissed} pointer moves onto a bar brought no redraw within ${NO_DRAW_MS} ms.`);
  }
  console.log('\nFiles before the chart was visible (first counted load):');
  for (const [name, s] of [['this page', ours], ['Chart.js page', chartjs]]) console.log(`  ${name}: ${s.filesBeforeVisible.join(', ')}`);
  console.log('\nFiles on the wire (gzip -9 bytes):');
  for (const [name, s] of [['this page', ours], ['Chart.js page', chartjs]]) {
    console.log(`  ${name}: ${s.files.map((f) => `${f.path} ${f.gzip}`).join(', ')}`);
  }
  console.log(`\nWritten: ${args.out}`);
}

main().catch((e) => fail(e.stack ?? String(e)));
