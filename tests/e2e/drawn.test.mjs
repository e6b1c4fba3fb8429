// The charts as the build drew them, in the HTML: shown at first paint in the view's colours,
// taken over by the canvas without a layout shift, and shown without JavaScript. Screenshots
// land in output/ (drawn-nojs-WIDTH-THEME.png, drawn-held-WIDTH-THEME.png).
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { fileURLToPath } from 'node:url';

import { BASE_URL, errorsOf, fileBrowser, openPage } from './browser.mjs';

const CHARTS = ['funding', 'liberation', 'returns'];
const SLOW = { timeout: 120_000 };
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));
const SIZES = [
  { width: 1280, height: 800 },
  { width: 360, height: 740 },
];
/** The view's colours: named by the address, or the system's (`auto`). */
const THEMES = [
  { name: 'light', query: '', colorScheme: 'light', dark: false },
  { name: 'dark', query: '?theme=dark', colorScheme: 'light', dark: true },
  { name: 'auto-dark', query: '', colorScheme: 'dark', dark: true },
  { name: 'light-on-dark', query: '?theme=light', colorScheme: 'dark', dark: false },
];

const browser = await fileBrowser(OUTPUT);

/**
 * Records the page's layout shifts from its start, as Core Web Vitals counts them.
 * `__takeShifts()` returns them all, including those the observer has been given but not yet
 * delivered: its callback comes in a task of its own, which may run after the frames a test
 * waits for.
 */
function recordShifts() {
  window.__shifts = [];
  const keep = (entries) => {
    for (const entry of entries) {
      if (!entry.hadRecentInput) window.__shifts.push(entry.value);
    }
  };
  const observer = new PerformanceObserver((list) => keep(list.getEntries()));
  observer.observe({ type: 'layout-shift', buffered: true });
  window.__takeShifts = () => {
    keep(observer.takeRecords());
    return window.__shifts;
  };
}

/** What the reader sees of each panel's drawing: the file shown, its size and its text. */
function drawings(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.chart-box > .drawn img')]
      .filter((img) => img.getClientRects().length > 0)
      .map((img) => ({
        chart: img.dataset.chart,
        file: new URL(img.currentSrc).pathname.split('/').pop(),
        complete: img.complete && img.naturalWidth > 0,
        width: img.getBoundingClientRect().width,
        height: img.getBoundingClientRect().height,
        alt: img.alt,
      })),
  );
}

for (const size of SIZES) {
  const narrow = size.width < 640;
  for (const theme of THEMES) {
    test(`${size.width}×${size.height}, ${theme.name}: the drawing is the view's from the first frame, and the canvas takes over with CLS ≤ 0.01`, SLOW, async () => {
      const context = await browser.newContext({ viewport: size, colorScheme: theme.colorScheme });
      try {
        await context.addInitScript(recordShifts);
        // The module is held back until the drawing has been checked: what the reader sees
        // before the canvas can draw.
        let release;
        const held = new Promise((resolve) => (release = resolve));
        await context.route('**/*.wasm', async (route) => {
          await held;
          await route.continue();
        });
        const { page } = await openPage(context, theme.query);
        await page.waitForFunction(() => {
          const img = [...document.querySelectorAll('.chart-box > .drawn img')].find((i) => i.getClientRects().length);
          return img?.complete && img.naturalWidth > 0;
        });
        const before = await drawings(page);
        assert.equal(before.length, 1, 'one drawing shown: the chart in view, in one theme');
        const [shown] = before;
        assert.equal(shown.chart, 'funding');
        assert.equal(shown.file, `funding${narrow ? '-narrow' : ''}${theme.dark ? '-dark' : ''}.svg`);
        assert.ok(shown.complete);
        assert.match(shown.alt, /\$22\.2 billion/, 'the drawing is described with its figures');
        assert.equal(
          await page.evaluate(() => document.querySelector('canvas[data-drawn]')),
          null,
          'the canvas has not drawn yet',
        );
        await page.screenshot({ path: `${OUTPUT}drawn-held-${size.width}-${theme.name}.png` });
        const box = () => page.locator('#panel-funding .chart-box').boundingBox();
        const heldBox = await box();

        release();
        await page.waitForFunction(() => document.querySelector('#panel-funding canvas[data-drawn]'));
        // Two frames later every shift the hand-over could cause has been reported.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        assert.deepEqual(await drawings(page), [], 'the drawing is hidden once the canvas has drawn');
        const drawnBox = await box();
        assert.ok(Math.abs(drawnBox.height - heldBox.height) < 1, `the box keeps its height: ${heldBox.height} → ${drawnBox.height}`);
        assert.ok(Math.abs(drawnBox.y - heldBox.y) < 1, `and its place: ${heldBox.y} → ${drawnBox.y}`);
        const shifts = await page.evaluate(() => window.__takeShifts());
        const cls = shifts.reduce((a, b) => a + b, 0);
        assert.ok(cls <= 0.01, `CLS ${cls} (shifts ${JSON.stringify(shifts)})`);
        assert.deepEqual(errorsOf(page), []);
      } finally {
        await context.close();
      }
    });
  }
}

for (const size of SIZES) {
  for (const theme of [THEMES[0], THEMES[2]]) {
    for (const path of ['', 'returns/']) {
      test(`without JavaScript, ${path || 'index'} at ${size.width} px, ${theme.name}: every chart is shown as drawn, and described`, SLOW, async () => {
        const context = await browser.newContext({
          viewport: size,
          colorScheme: theme.colorScheme,
          javaScriptEnabled: false,
        });
        try {
          const page = await context.newPage();
          await page.goto(new URL(path, BASE_URL).href);
          // Lazy drawings load as they come near the viewport: the page is scrolled through.
          for (const chart of CHARTS) {
            const img = page.locator(`#panel-${chart} .drawn img:visible`);
            await img.scrollIntoViewIfNeeded();
            await page.waitForFunction(
              (c) => {
                const i = [...document.querySelectorAll(`#panel-${c} .drawn img`)].find((x) => x.getClientRects().length);
                return i?.complete && i.naturalWidth > 0;
              },
              chart,
            );
          }
          const seen = await drawings(page);
          assert.deepEqual(seen.map((d) => d.chart), CHARTS);
          // A chart's own page shows that chart first.
          const first = await page.evaluate(() =>
            [...document.querySelectorAll('.chart-box > .drawn img')]
              .filter((img) => img.getClientRects().length > 0)
              .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0]?.dataset.chart,
          );
          assert.equal(first, path ? path.replace('/', '') : 'funding', 'the chart shown first');
          const suffix = `${size.width < 640 ? '-narrow' : ''}${theme.dark ? '-dark' : ''}.svg`;
          assert.deepEqual(seen.map((d) => d.file), CHARTS.map((c) => `${c}${suffix}`));
          for (const d of seen) {
            assert.ok(d.alt.length > 40, `${d.chart} is described: ${d.alt}`);
            assert.ok(d.width > size.width / 2, `${d.chart} fills its column: ${d.width} px`);
          }
          // The tables stay.
          for (const chart of CHARTS) assert.ok(await page.locator(`#table-${chart}`).isVisible());
          if (!path) {
            await page.screenshot({ path: `${OUTPUT}drawn-nojs-${size.width}-${theme.name}.png`, fullPage: true });
          }
        } finally {
          await context.close();
        }
      });
    }
  }
}

test('an address naming a view the drawings do not show gets the canvas alone', SLOW, async () => {
  const context = await browser.newContext({ viewport: SIZES[0] });
  try {
    const { page } = await openPage(context, '?scale=log');
    await page.waitForFunction(() => document.querySelector('#panel-funding canvas[data-drawn]'));
    assert.deepEqual(await drawings(page), []);
    assert.deepEqual(errorsOf(page), []);
  } finally {
    await context.close();
  }
});

test('once the charts run, a panel opened later draws in the frame of the click, its build drawing never fetched', SLOW, async () => {
  for (const viewport of [SIZES[0], SIZES.at(-1)]) {
    const context = await browser.newContext({ viewport });
    try {
      const { page, errors } = await openPage(context);
      const fetched = [];
      page.on('request', (request) => {
        if (request.url().includes('/drawn/')) fetched.push(new URL(request.url()).pathname);
      });
      await page.waitForFunction(() => document.querySelector('canvas[data-chart="funding"][data-live][data-drawn]'));
      for (const chart of ['liberation', 'returns']) {
        // What the reader sees in the animation frame after the click: that frame's callbacks
        // run before it is painted.
        const seen = page.evaluate(
          (name) =>
            new Promise((resolve) => {
              const tab = document.querySelector(`[role=tab][data-chart="${name}"]`);
              tab.addEventListener(
                'click',
                () =>
                  requestAnimationFrame(() => {
                    const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
                    const box = canvas.closest('.chart-box');
                    resolve({
                      drawn: canvas.dataset.drawn,
                      canvasHeight: canvas.getBoundingClientRect().height,
                      boxHeight: box.getBoundingClientRect().height,
                      pictures: [...box.querySelectorAll('.drawn img')].filter((i) => i.getClientRects().length).length,
                    });
                  }),
                { once: true },
              );
            }),
          chart,
        );
        await page.click(`[role=tab][data-chart="${chart}"]`);
        const frame = await seen;
        assert.ok(Number(frame.drawn) >= 1, `${chart} drawn before the first frame after the click: ${JSON.stringify(frame)}`);
        assert.equal(frame.pictures, 0, `${chart}: no build drawing shown`);
        // The box holds the canvas (in flow), not a collapsed frame around an absolute one.
        assert.ok(frame.boxHeight >= frame.canvasHeight && frame.canvasHeight > 100, JSON.stringify(frame));
      }
      assert.deepEqual(fetched, [], 'no build drawing was fetched after the charts ran');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});
