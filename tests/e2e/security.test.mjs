// Hostile and odd conditions in Chromium: the strict Content-Security-Policy with zero
// violations, markup in the share link, extreme sizes and pixel densities, and storms of
// resizes and tab switches. Nothing here sleeps: every wait is on a condition in the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { fileURLToPath } from 'node:url';

import { BASE_URL, errorsOf, eventually, fileBrowser, openPage } from './browser.mjs';

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";
const CHARTS = ['funding', 'liberation', 'returns'];
// Must match MAX_BACKING_PIXELS and MAX_DPR in src/web/mod.rs.
const MAX_BACKING_PIXELS = 16_000_000;
const MAX_DPR = 4;
// Generous: the first load compiles the wasm, which is slow on a busy CI machine.
const SLOW = { timeout: 120_000 };
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));

const browser = await fileBrowser(OUTPUT);

/**
 * A context whose pages record every CSP violation in `window.__violations`. Motion is
 * reduced unless asked for, so charts settle without waiting out their animations.
 */
async function watchedContext(options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    reducedMotion: 'reduce',
    ...options,
  });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} ${event.sample}`.trim(),
      );
    });
  });
  return context;
}

function describeErrors(page) {
  return `Errors on the page: ${JSON.stringify(errorsOf(page), null, 1)}`;
}

/**
 * Waits until `chart`'s canvas has settled: drawn, its backing store the CSS size times the
 * device pixel ratio (or the largest the pixel cap allows), and both unchanged across two
 * animation frames. Fails at once if the page shows its error panel.
 */
/**
 * Waits for `chart` to draw again after its `count`th drawing, then to settle, and returns
 * what waitSettled does. A redraw comes once the chart is laid out again, which a busy machine
 * may put off for more frames than "settled" waits; so this waits for the drawing itself, and
 * the caller's assertion on `drawn` still fails if it never comes.
 */
async function settledAfter(page, chart, count) {
  await page
    .waitForFunction(
      ([name, n]) => Number(document.querySelector(`canvas[data-chart="${name}"]`)?.dataset.drawn) > n,
      [chart, count],
      { timeout: 10_000 },
    )
    .catch(() => {});
  return waitSettled(page, chart);
}

async function waitSettled(page, chart) {
  const token = Math.random().toString(36).slice(2);
  let result;
  try {
    const handle = await page.waitForFunction(
      ([name, key, cap, maxDpr]) => {
        const panel = document.getElementById('error');
        if (panel && !panel.hidden) return { error: panel.textContent.trim() || '(empty)' };
        const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
        const drawn = canvas?.dataset.drawn;
        const [cssWidth, cssHeight] = [canvas?.clientWidth ?? 0, canvas?.clientHeight ?? 0];
        let dpr = Math.min(Math.max(window.devicePixelRatio, 1), maxDpr);
        if (cssWidth * cssHeight * dpr * dpr > cap) dpr = Math.sqrt(cap / (cssWidth * cssHeight));
        const sized =
          cssWidth > 0 &&
          Math.abs(canvas.width - cssWidth * dpr) <= 1 &&
          Math.abs(canvas.height - cssHeight * dpr) <= 1;
        const seen = drawn !== undefined && sized ? `${drawn} ${canvas.width}x${canvas.height}` : null;
        const states = (window.__settled ??= {});
        const last = states[key];
        states[key] = seen !== null && last?.seen === seen ? { seen, frames: last.frames + 1 } : { seen, frames: 0 };
        // Polled once per animation frame: two repeats means two whole frames unchanged.
        return states[key].frames >= 2
          ? { drawn: Number(drawn), width: canvas.width, height: canvas.height, cssWidth, cssHeight }
          : false;
      },
      [chart, token, MAX_BACKING_PIXELS, MAX_DPR],
    );
    result = await handle.jsonValue();
  } catch (error) {
    error.message += `\nThe ${chart} chart did not settle. ${describeErrors(page)}`;
    throw error;
  }
  if (result.error !== undefined) {
    assert.fail(`#error is shown: "${result.error}" before the ${chart} chart settled. ${describeErrors(page)}`);
  }
  return result;
}

/** Share of the canvas's pixels that differ from its top-left (background) pixel. */
function inked(page, chart) {
  return page.$eval(`canvas[data-chart="${chart}"]`, (canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let differing = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2] || data[i + 3] !== data[3]) {
        differing += 1;
      }
    }
    return differing / (data.length / 4);
  });
}

/** Which tab is selected and which panel shown, and the scale radio that is checked. */
function shownView(page) {
  return page.evaluate(() => ({
    chart: [...document.querySelectorAll('[role=tablist] button[role=tab]')]
      .filter((tab) => tab.getAttribute('aria-selected') === 'true')
      .map((tab) => tab.dataset.chart),
    panels: [...document.querySelectorAll('[role=tabpanel]')]
      .filter((panel) => !panel.hidden)
      .map((panel) => panel.id),
    scale: document.querySelector('input[name=scale]:checked')?.value,
  }));
}

/** Waits until the page shows `chart` at `scale`: a tab or view change lands in a later frame. */
async function assertShows(page, chart, scale = 'linear') {
  await eventually(async () =>
    assert.deepEqual(await shownView(page), { chart: [chart], panels: [`panel-${chart}`], scale }),
  );
}

/** Sets a radio of the page's view controls as a reader's click would, even in a hidden panel. */
function choose(page, name, value) {
  return page.evaluate(
    ([n, v]) => {
      const input = document.querySelector(`input[name=${n}][value=${v}]`);
      input.checked = true;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    },
    [name, value],
  );
}

async function assertHealthy(page, errors) {
  assert.deepEqual(errors, []);
  const errorShown = await page.$eval('#error', (panel) => !panel.hidden);
  assert.equal(errorShown, false, 'the #error panel is visible');
}

// --- Content-Security-Policy -------------------------------------------------------------

test('every response carries the strict CSP and nosniff', async () => {
  for (const path of ['', 'index.html', 'main.js', 'style.css', 'pkg/coalition_infographic_bg.wasm', 'no-such-file']) {
    const response = await fetch(new URL(path, BASE_URL));
    await response.arrayBuffer();
    assert.equal(response.headers.get('content-security-policy'), CSP, `/${path}`);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', `/${path}`);
  }
});

test('the page works under the CSP with zero violations', SLOW, async () => {
  const context = await watchedContext();
  try {
    const { page, errors } = await openPage(context);
    await waitSettled(page, 'funding');
    for (const chart of [...CHARTS, 'funding']) {
      await page.click(`[role=tablist] button[role=tab][data-chart="${chart}"]`);
      await assertShows(page, chart);
      await waitSettled(page, chart);
    }
    for (const scale of ['log', 'linear']) {
      const before = await waitSettled(page, 'funding');
      await page.check(`#panel-funding input[name=scale][value=${scale}]`);
      const afterChange = await settledAfter(page, 'funding', before.drawn);
      assert.ok(afterChange.drawn > before.drawn, `the ${scale} scale redrew`);
    }
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    await assertHealthy(page, errors);

    // The listener is live: an inline style, which the policy forbids, is reported.
    await page.evaluate(() => document.body.setAttribute('style', 'outline: 1px solid red'));
    await page.waitForFunction(() => window.__violations.length > 0);
    assert.match((await page.evaluate(() => window.__violations))[0], /^style-src/);
    await page.close();
  } finally {
    await context.close();
  }
});

// --- Markup in the share link ----------------------------------------------------------

// The CSP would stop an injected handler from running, which would hide an injection from
// the dialog check; these pages run without it, so only escaping keeps them safe.
const INJECTIONS = [
  // [query, chart shown, scale shown, parameters the URL must keep]
  ['?chart=<img src=x onerror=alert(1)>', 'funding', 'linear', {}],
  ['?scale=</script><script>alert(1)</script>', 'funding', 'linear', {}],
  ['?chart=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&scale=log', 'funding', 'log', { scale: 'log' }],
  [
    '?chart=liberation&x="><svg onload=alert(1)>&focus=<img src=x onerror=alert(1)>',
    'liberation',
    'linear',
    { chart: 'liberation' },
  ],
  ['?chart=returns&chart=<img src=x onerror=alert(1)>#<img src=x onerror=alert(1)>', 'returns', 'linear', { chart: 'returns' }],
  ['?%00=%00&chart=%E2%80%AEreturns&scale=javascript:alert(1)', 'funding', 'linear', {}],
  [`?chart=${'<img src=x onerror=alert(1)>'.repeat(200)}`, 'funding', 'linear', {}],
];

test('markup in the URL stays inert and the valid view survives', SLOW, async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    reducedMotion: 'reduce',
    bypassCSP: true,
  });
  try {
    const clean = await openPage(context);
    await waitSettled(clean.page, 'funding');
    const scripts = await clean.page.$$eval('script', (found) => found.length);
    await clean.page.close();

    for (const [query, chart, scale, kept] of INJECTIONS) {
      const { page, errors } = await openPage(context, query);
      await waitSettled(page, chart);
      await assertShows(page, chart, scale);
      const found = await page.evaluate(() => ({
        images: document.querySelectorAll('img[src=x], img[src="x"]').length,
        svgs: document.querySelectorAll('svg[onload]').length,
        scripts: document.querySelectorAll('script').length,
        handlers: [...document.querySelectorAll('*')].flatMap((el) =>
          [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`),
        ),
      }));
      assert.deepEqual(found, { images: 0, svgs: 0, scripts, handlers: [] }, query);
      // The address keeps what was valid and names no view other than the one shown.
      const params = new URL(page.url()).searchParams;
      for (const [key, value] of Object.entries(kept)) {
        assert.equal(params.get(key), value, `${query} -> ${page.url()}`);
      }
      assert.ok([null, ...(chart === 'funding' ? [] : [chart])].includes(params.get('chart')), page.url());
      assert.ok([null, ...(scale === 'linear' ? [] : [scale])].includes(params.get('scale')), page.url());
      if (query.includes('#')) assert.equal(new URL(page.url()).hash, new URL(query, BASE_URL).hash);
      await assertHealthy(page, errors);
      await page.close();
    }
  } finally {
    await context.close();
  }
});

// --- Odd sizes ---------------------------------------------------------------------------

const SIZES = [
  { name: 'a 320 x 200 window', viewport: { width: 320, height: 200 }, dpr: 1 },
  { name: 'devicePixelRatio 3', viewport: { width: 1280, height: 800 }, dpr: 3 },
  // 10,000 px wide at DPR 3 is more than the pixel cap allows: the backing store is capped.
  { name: 'a 10,000 px wide window at devicePixelRatio 3', viewport: { width: 10_000, height: 800 }, dpr: 3, wide: true },
];

for (const { name, viewport, dpr, wide } of SIZES) {
  test(`every chart draws in ${name}`, SLOW, async () => {
    const context = await watchedContext({ viewport, deviceScaleFactor: dpr });
    try {
      const { page, errors } = await openPage(context);
      // The page caps its own width; lifting the cap makes the chart itself 10,000 px wide.
      if (wide) await page.evaluate(() => document.getElementById('main').style.setProperty('max-width', 'none'));
      await waitSettled(page, 'funding');
      for (const chart of CHARTS) {
        await page.click(`[role=tablist] button[role=tab][data-chart="${chart}"]`);
        const drawn = await waitSettled(page, chart);
        const message = `${chart}: ${JSON.stringify(drawn)}`;
        assert.ok(drawn.width * drawn.height <= MAX_BACKING_PIXELS + drawn.width + drawn.height, message);
        if (wide) {
          assert.ok(drawn.cssWidth > 9_000, message);
          assert.ok(drawn.cssWidth * drawn.cssHeight * dpr * dpr > MAX_BACKING_PIXELS, `cap not reached: ${message}`);
        }
        if (drawn.cssWidth * drawn.cssHeight * dpr * dpr <= MAX_BACKING_PIXELS) {
          assert.ok(Math.abs(drawn.width - drawn.cssWidth * dpr) <= 1, `full resolution: ${message}`);
        } else {
          assert.ok(drawn.width < drawn.cssWidth * dpr, `capped: ${message}`);
        }
        assert.ok((await inked(page, chart)) > 0.005, `blank: ${message}`);
      }
      const shot = `${OUTPUT}security-${viewport.width}x${viewport.height}-dpr${dpr}.png`;
      if (wide) {
        // The two ends of the last chart, where the labels and the value labels sit.
        const box = await page.$eval('canvas[data-chart="returns"]', (canvas) => {
          canvas.scrollIntoView();
          const { x, y, width, height } = canvas.getBoundingClientRect();
          return { x, y, width, height };
        });
        await page.screenshot({ path: shot, scale: 'css', clip: { ...box, width: 1200 } });
        const right = { ...box, x: box.x + box.width - 1200, width: 1200 };
        await page.screenshot({ path: shot.replace('.png', '-right.png'), scale: 'css', clip: right });
      } else {
        await page.locator('canvas[data-chart="returns"]').screenshot({ path: shot });
      }
      assert.deepEqual(await page.evaluate(() => window.__violations), []);
      await assertHealthy(page, errors);
      await page.close();
    } finally {
      await context.close();
    }
  });
}

test('a window resize that changes a chart\'s height is drawn in that frame, with no observer error', SLOW, async () => {
  const context = await watchedContext();
  try {
    const { page, errors } = await openPage(context);
    const wide = await waitSettled(page, 'funding');
    // What the canvas shows in the animation frame of the window's resize event: that
    // frame's callbacks run before it is painted.
    await page.evaluate(() => {
      window.__loops = [];
      window.addEventListener('error', (event) => window.__loops.push(String(event.message)));
      const canvas = document.querySelector('canvas[data-chart="funding"]');
      const before = Number(canvas.dataset.drawn);
      window.addEventListener(
        'resize',
        () => {
          requestAnimationFrame(() => {
            window.__resizeFrame = { before, drawn: Number(canvas.dataset.drawn), width: canvas.clientWidth, height: canvas.clientHeight };
          });
        },
        { once: true },
      );
    });
    // Narrow enough that the labels wrap and the chart grows taller.
    await page.setViewportSize({ width: 360, height: 740 });
    const frame = await (await page.waitForFunction(() => window.__resizeFrame)).jsonValue();
    const narrow = await waitSettled(page, 'funding');
    assert.notEqual(narrow.cssHeight, wide.cssHeight, 'the chart is taller at 360 px');
    assert.ok(frame.drawn > frame.before, `drawn before the frame was painted: ${JSON.stringify(frame)}`);
    assert.deepEqual([frame.width, frame.height], [narrow.cssWidth, narrow.cssHeight], 'at its final size');
    // A loop error is reported at the end of the frame that caused it.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    assert.deepEqual(await page.evaluate(() => window.__loops), []);
    await assertHealthy(page, errors);
    await page.close();
  } finally {
    await context.close();
  }
});

test('100 window resizes leave one correct drawing at the final size', SLOW, async () => {
  const context = await watchedContext({ deviceScaleFactor: 2, reducedMotion: 'no-preference' });
  try {
    const { page, errors } = await openPage(context);
    await waitSettled(page, 'funding');
    // Sent without waiting for each to take effect, so they land faster than frames are drawn.
    const sizes = Array.from({ length: 100 }, (_, i) => ({
      width: 320 + ((i * 397) % 1300),
      height: 300 + ((i * 211) % 700),
    }));
    await Promise.all(sizes.map((size) => page.setViewportSize(size)));
    await page.setViewportSize({ width: 777, height: 640 });
    assert.equal(await page.evaluate(() => window.innerWidth), 777);
    const drawn = await waitSettled(page, 'funding');
    assert.equal(drawn.cssWidth, await page.$eval('.chart-box', (box) => box.clientWidth));
    assert.ok((await inked(page, 'funding')) > 0.01, JSON.stringify(drawn));
    await page.locator('canvas[data-chart="funding"]').screenshot({ path: `${OUTPUT}security-after-resizes.png` });
    await assertHealthy(page, errors);
    await page.close();
  } finally {
    await context.close();
  }
});

test('100 tab and scale switches leave the last one drawn and in the URL', SLOW, async () => {
  // With motion, so switches also land in the middle of the charts' animations.
  const context = await watchedContext({ reducedMotion: 'no-preference' });
  try {
    const { page, errors } = await openPage(context);
    await waitSettled(page, 'funding');
    // One switch per animation frame, so drawing and switching interleave as under a
    // fast-clicking reader; the last switch selects the returns tab with the log scale.
    await page.evaluate(
      (charts) =>
        new Promise((resolve) => {
          const tab = (chart) => document.querySelector(`[role=tab][data-chart="${chart}"]`);
          const setScale = (value) => {
            const input = document.querySelector(`input[name=scale][value=${value}]`);
            input.checked = true;
            input.dispatchEvent(new Event('change', { bubbles: true }));
          };
          let i = 0;
          const step = () => {
            if (i % 7 === 3) setScale(i % 2 ? 'log' : 'linear');
            tab(charts[(i * 5 + 1) % 3]).click();
            i += 1;
            if (i < 99) {
              requestAnimationFrame(step);
            } else {
              setScale('log');
              tab('returns').click();
              resolve();
            }
          };
          step();
        }),
      CHARTS,
    );
    await assertShows(page, 'returns', 'log');
    const drawn = await waitSettled(page, 'returns');
    assert.ok((await inked(page, 'returns')) > 0.01, JSON.stringify(drawn));
    await eventually(async () => {
      const params = new URL(page.url()).searchParams;
      assert.equal(params.get('chart'), 'returns');
      assert.equal(params.get('scale'), 'log');
    });
    await page.click('[role=tablist] button[role=tab][data-chart="funding"]');
    await assertShows(page, 'funding', 'log');
    await waitSettled(page, 'funding');
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    await assertHealthy(page, errors);
    await page.close();
  } finally {
    await context.close();
  }
});

test('a view change made while a chart is hidden is drawn when it is shown', SLOW, async () => {
  const context = await watchedContext();
  try {
    const { page, errors } = await openPage(context);
    await waitSettled(page, 'funding');
    for (const [name, value] of [
      ['scale', 'log'],
      ['theme', 'dark'],
    ]) {
      await page.click('[role=tablist] button[role=tab][data-chart="funding"]');
      const before = await waitSettled(page, 'funding');
      await page.click('[role=tablist] button[role=tab][data-chart="returns"]');
      await waitSettled(page, 'returns');
      await choose(page, name, value);
      await page.click('[role=tablist] button[role=tab][data-chart="funding"]');
      const shown = await settledAfter(page, 'funding', before.drawn);
      assert.ok(
        shown.drawn > before.drawn,
        `${name}=${value}, set while the funding chart was hidden, was not drawn (drawn ${before.drawn} -> ${shown.drawn})`,
      );
    }
    // Drawn with the dark theme, not only drawn again.
    const corner = await page.$eval('canvas[data-chart="funding"]', (canvas) => [
      ...canvas.getContext('2d').getImageData(1, 1, 1, 1).data,
    ]);
    assert.ok(corner[0] + corner[1] + corner[2] < 3 * 96, `a light background: ${corner}`);
    await assertHealthy(page, errors);
    await page.close();
  } finally {
    await context.close();
  }
});

test(
  'a tab chosen while the charts are still loading is kept, without errors',
  {
    ...SLOW,
  },
  async () => {
    const context = await watchedContext();
    try {
      // Hold the WebAssembly download: the page is up, its glue imported, the charts not yet.
      let requested;
      let release;
      const wasmRequested = new Promise((resolve) => {
        requested = resolve;
      });
      const held = new Promise((resolve) => {
        release = resolve;
      });
      await context.route('**/*_bg*.wasm', async (route) => {
        requested();
        await held;
        await route.continue();
      });
      const { page, errors } = await openPage(context);
      await wasmRequested;
      await page.click('[role=tablist] button[role=tab][data-chart="returns"]');
      await assertShows(page, 'returns');
      release();
      await page.waitForFunction(() => document.documentElement.classList.contains('charts-ready'));
      await assertShows(page, 'returns');
      await waitSettled(page, 'returns');
      await eventually(async () => assert.equal(new URL(page.url()).searchParams.get('chart'), 'returns'));
      await assertHealthy(page, errors);
      await page.close();
    } finally {
      await context.close();
    }
  },
);
