// Every state of the page besides the working one: loading, JavaScript off, no WebAssembly,
// a module that fails to load, and print. In each the figures stay readable in the tables,
// and nothing shows that cannot work. Screenshots land in output/ (print.png, print.pdf,
// no-js.png, error.png, loading.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { fileURLToPath } from 'node:url';

import { BASE_URL, eventually, fileBrowser } from './browser.mjs';

const CHARTS = ['funding', 'liberation', 'returns'];
const DESKTOP = { width: 1280, height: 900 };
// Generous: the first load compiles the wasm, which is slow on a busy CI machine.
const SLOW = { timeout: 120_000 };
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));
/** Pixel ratio the charts redraw at for print (PRINT_DPR in src/web/mod.rs). */
const PRINT_DPR = 3;

const browser = await fileBrowser(OUTPUT);

/** Collects console errors and page errors of `page`. */
function recordErrors(page) {
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return errors;
}

/** Which of the page's parts a reader sees. */
function shown(page) {
  return page.evaluate((charts) => {
    const seen = (el) =>
      Boolean(el) && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const all = (selector) => [...document.querySelectorAll(selector)].filter(seen).length;
    return {
      tables: charts.filter((c) => seen(document.getElementById(`table-${c}`))),
      tabs: all('[role="tab"]'),
      chartBoxes: all('.chart-box'),
      drawings: all('.chart-box > .drawn img'),
      loading: all('.chart-loading'),
      viewControls: all('.view-controls'),
      downloads: all('.downloads'),
      scale: all('.scale'),
      error: seen(document.getElementById('error')) ? document.getElementById('error').textContent : null,
      notice: [...document.querySelectorAll('.notice')].filter(seen).map((n) => n.textContent),
    };
  }, CHARTS);
}

test('without JavaScript: all three tables and a plain message; no tabs or empty boxes', SLOW, async () => {
  const context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(BASE_URL);
    const state = await shown(page);
    assert.deepEqual(state.tables, CHARTS);
    assert.deepEqual(state.notice, [
      'JavaScript is off, so the charts are pictures that do not respond to the pointer or keys. Every figure is in the tables below, with the post’s own words.',
    ]);
    assert.equal(state.tabs, 0, 'no tabs that cannot switch');
    assert.equal(state.chartBoxes, 3, 'each chart as the build drew it');
    assert.equal(state.drawings, 3, 'a drawing in each box');
    assert.equal(state.loading, 0, 'nothing claims to be loading');
    assert.equal(state.viewControls, 0, 'no controls that cannot act');
    assert.equal(state.downloads, 0);
    assert.equal(state.scale, 0);
    assert.equal(state.error, null);
    await page.screenshot({ path: `${OUTPUT}no-js.png`, fullPage: true });
  } finally {
    await context.close();
  }
});

/** Checks the page after the charts failed: the message, the tables, and working tabs. */
async function assertChartsFailed(page, message, screenshot) {
  await page.waitForSelector('#error:not([hidden])');
  if (screenshot) await page.screenshot({ path: screenshot });
  const state = await shown(page);
  assert.equal(state.error, message);
  assert.deepEqual(state.tables, ['funding'], 'the table of the chart in view');
  assert.equal(state.chartBoxes, 1, 'the chart in view, as the build drew it');
  assert.equal(state.drawings, 1, 'its drawing, not an empty box');
  assert.equal(state.downloads, 0, 'no downloads that cannot be made');
  assert.equal(state.scale, 0, 'no scale switch that does nothing');
  assert.equal(state.viewControls, 0, 'no chart or colour switches that do nothing');
  // The rest of the page still works: the tabs switch tables.
  await page.click('#tab-returns');
  await eventually(async () => assert.equal(await page.getAttribute('#tab-returns', 'aria-selected'), 'true'));
  await eventually(async () => assert.deepEqual((await shown(page)).tables, ['returns']));
  await page.keyboard.press('ArrowLeft');
  await eventually(async () =>
    assert.deepEqual((await shown(page)).tables, ['liberation'], 'and the arrow keys move between them'),
  );
}

test('a module that fails to load leaves a readable error, the tables and working tabs', SLOW, async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  try {
    const page = await context.newPage();
    const errors = recordErrors(page);
    await page.route('**/*.wasm', (route) => route.fulfill({ status: 500, body: 'broken' }));
    await page.goto(BASE_URL);
    await assertChartsFailed(
      page,
      'The charts are pictures that do not respond to the pointer or keys, because they could not be loaded. Every figure is in the tables below.',
      `${OUTPUT}error.png`,
    );
    // The failure itself is logged for whoever debugs it; nothing else went wrong.
    assert.ok(errors.length > 0 && errors.every((e) => /wasm|WebAssembly|500/i.test(e)), errors.join('\n'));
  } finally {
    await context.close();
  }
});

test('a corrupt module is a failure like any other', SLOW, async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  try {
    const page = await context.newPage();
    await page.route('**/*.wasm', (route) =>
      route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('\0asm not really') }),
    );
    await page.goto(BASE_URL);
    await assertChartsFailed(
      page,
      'The charts are pictures that do not respond to the pointer or keys, because they could not be loaded. Every figure is in the tables below.',
    );
  } finally {
    await context.close();
  }
});

test('a browser without WebAssembly is told so, and keeps the tables', SLOW, async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  try {
    await context.addInitScript(() => {
      delete window.WebAssembly;
    });
    const page = await context.newPage();
    await page.goto(BASE_URL);
    await assertChartsFailed(
      page,
      'The charts are pictures that do not respond to the pointer or keys, because this browser does not run WebAssembly. Every figure is in the tables below.',
    );
  } finally {
    await context.close();
  }
});

/**
 * Holds `page`'s WebAssembly back: `asked` resolves when the page asks for it, `release()`
 * lets it through.
 */
async function holdModule(page) {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  let requested;
  const asked = new Promise((resolve) => {
    requested = resolve;
  });
  await page.route('**/*.wasm', async (route) => {
    requested();
    await held;
    await route.continue();
  });
  return { asked, release };
}

test('while the module loads, the default view shows its chart as the build drew it, and claims no loading', SLOW, async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  let module;
  try {
    const page = await context.newPage();
    const errors = recordErrors(page);
    module = await holdModule(page);
    await page.goto(BASE_URL, { waitUntil: 'commit' });
    // The module is asked for once the drawing is on screen (main.js).
    await module.asked;
    const state = await shown(page);
    assert.equal(state.chartBoxes, 1, 'the chart in view');
    assert.equal(state.drawings, 1, 'as the build drew it');
    assert.equal(state.loading, 0, 'a chart on screen is not said to be loading');
    assert.equal(state.downloads, 0, 'nothing to download yet');
    assert.equal(
      await page.evaluate(() => {
        const img = [...document.querySelectorAll('.chart-box > .drawn img')].find((i) => i.getClientRects().length);
        return img.complete && img.naturalWidth > 0;
      }),
      true,
      'the drawing has loaded',
    );
    module.release();
    await page.waitForSelector('canvas[data-chart="funding"][data-drawn]');
    assert.deepEqual(errors, []);
  } finally {
    // A failed check must not leave the module's request held open.
    module?.release();
    await context.close();
  }
});

// A view the drawings do not show, such as the log scale, says it is loading.
test('each chart box of an undrawn view says it is loading until its chart draws', SLOW, async () => {
  const context = await browser.newContext({ viewport: DESKTOP });
  let module;
  try {
    const page = await context.newPage();
    const errors = recordErrors(page);
    // Hold the module back until the loading state has been seen.
    module = await holdModule(page);
    const { asked, release } = module;
    await page.goto(new URL('?scale=log', BASE_URL).href, { waitUntil: 'commit' });
    const loading = page.locator('#panel-funding .chart-loading');
    await loading.waitFor({ state: 'visible' });
    await asked;
    assert.equal(await loading.textContent(), 'Loading chart…');
    assert.equal((await shown(page)).downloads, 0, 'nothing to download yet');
    await loading.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUTPUT}loading.png` });

    release();
    await page.waitForSelector('canvas[data-chart="funding"][data-drawn]');
    await loading.waitFor({ state: 'hidden' });
    await eventually(async () => assert.equal((await shown(page)).downloads, 1));
    // A tab never shown has not drawn yet; it draws as soon as it is shown.
    await page.click('#tab-liberation');
    await page.waitForSelector('canvas[data-chart="liberation"][data-drawn]');
    await page.locator('#panel-liberation .chart-loading').waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
  } finally {
    module?.release();
    await context.close();
  }
});

/** Each canvas's backing store and CSS size, and what the reader sees of the page. */
function printState(page) {
  return page.evaluate(() => ({
    canvases: [...document.querySelectorAll('canvas[data-chart]')].map((c) => ({
      chart: c.dataset.chart,
      width: c.width,
      cssWidth: c.getBoundingClientRect().width,
      corner: [...c.getContext('2d').getImageData(2, 2, 1, 1).data.subarray(0, 3)],
    })),
    panels: [...document.querySelectorAll('[role="tabpanel"]')].filter((p) => p.getClientRects().length > 0).length,
    url: document.getElementById('print-url').parentElement.textContent,
    href: location.href,
  }));
}

test('print: every chart at print resolution with its table, no controls, the address', SLOW, async () => {
  const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    const errors = recordErrors(page);
    // Dark on screen: the paper still gets light charts.
    await page.goto(new URL('?chart=returns&theme=dark', BASE_URL).href);
    await page.waitForSelector('canvas[data-chart="returns"][data-drawn]');

    // emulateMedia does not fire beforeprint, which a real print does; fire it as the browser
    // would. The browser prints what is drawn when the event returns, so look at once.
    const atOnce = await page.evaluate(() => {
      window.dispatchEvent(new Event('beforeprint'));
      // Pixels in a series colour: the bars, fully grown, not the first frame of an animation.
      const coloured = (c) => {
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) n += 1;
        }
        return n / (c.width * c.height);
      };
      return [...document.querySelectorAll('canvas[data-chart]')].map((c) => [
        c.dataset.chart,
        c.width,
        c.clientWidth,
        coloured(c),
      ]);
    });
    for (const [chart, width, cssWidth, coloured] of atOnce) {
      assert.ok(cssWidth > 300, `${chart} is shown for print: ${cssWidth}`);
      assert.equal(width, PRINT_DPR * cssWidth, `${chart} redrawn at print resolution on beforeprint`);
      assert.ok(coloured > 0.01, `${chart}'s bars are drawn for print: ${(coloured * 100).toFixed(1)}% coloured`);
    }
    await page.emulateMedia({ media: 'print' });
    // The print layout may resize the canvases, and their observers redraw them a frame later.
    await eventually(async () => {
      const state = await printState(page);
      assert.equal(state.panels, 3, 'all three charts are printed');
      for (const canvas of state.canvases) {
        assert.ok(canvas.cssWidth > 300, `${canvas.chart} is laid out: ${canvas.cssWidth}`);
        assert.equal(
          canvas.width,
          Math.round(PRINT_DPR * canvas.cssWidth),
          `${canvas.chart} drawn at print resolution`,
        );
        assert.deepEqual(canvas.corner, [255, 255, 255], `${canvas.chart} printed in light colours`);
      }
      assert.equal(state.url, `Printed from ${state.href}`);
    });
    const visible = await page.evaluate(() =>
      ['.tabs', '.view-controls', '.share', '.downloads', '.skip-link', '.scale', '.chart-loading']
        .filter((s) => [...document.querySelectorAll(s)].some((el) => el.getClientRects().length > 0)),
    );
    assert.deepEqual(visible, [], 'no controls on paper');
    for (const chart of CHARTS) {
      assert.equal(await page.isVisible(`#table-${chart}`), true, `the ${chart} table is printed`);
    }
    await page.screenshot({ path: `${OUTPUT}print.png`, fullPage: true });
    const margin = { top: '1cm', bottom: '1cm', left: '1cm', right: '1cm' };
    await page.pdf({ path: `${OUTPUT}print.pdf`, format: 'A4', margin });

    // After printing, the page is as it was.
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    // Back on screen, the canvas is redrawn when its observer sees the new size.
    await eventually(async () => {
      const back = await printState(page);
      assert.equal(back.panels, 1, 'one chart on screen again');
      const returns = back.canvases.find((c) => c.chart === 'returns');
      assert.equal(returns.width, Math.round(returns.cssWidth), 'back to screen resolution');
      assert.deepEqual(returns.corner, [0x1b, 0x1e, 0x21], 'and to the dark colours');
    });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
