// The built page in Chromium: tabs, canvas drawing at several sizes and pixel
// densities, the scale toggle, ?chart= links, and the text of every figure.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { errorsOf, eventually, launchBrowser, openPage } from './browser.mjs';

const CHARTS = ['funding', 'liberation', 'returns'];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
// Generous: the first load compiles the wasm, which is slow on a busy CI machine.
const SLOW = { timeout: 120_000 };

const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));
const { figures } = JSON.parse(
  readFileSync(new URL('../../data/coalition-2017.json', import.meta.url), 'utf8'),
);

let browser;
let context;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1 });
});

after(async () => {
  await context?.close();
  await browser?.close();
});

/**
 * Waits until the chart's canvas has drawn more than `since` times and
 * returns its counter; fails at once if the page shows its error panel.
 */
async function waitDrawn(page, chart, since = 0) {
  let result;
  try {
    const handle = await page.waitForFunction(
      ([name, count]) => {
        const panel = document.getElementById('error');
        if (panel && !panel.hidden) return { error: panel.textContent.trim() || '(empty)' };
        const drawn = document.querySelector(`canvas[data-chart="${name}"]`)?.dataset.drawn;
        return drawn !== undefined && Number(drawn) > count ? { drawn: Number(drawn) } : false;
      },
      [chart, since],
    );
    result = await handle.jsonValue();
  } catch (error) {
    error.message += `\nThe ${chart} chart did not draw. ${describeErrors(page)}`;
    throw error;
  }
  if (result.error !== undefined) {
    assert.fail(`#error is shown: "${result.error}" before the ${chart} chart drew. ${describeErrors(page)}`);
  }
  return result.drawn;
}

function describeErrors(page) {
  return `Errors on the page: ${JSON.stringify(errorsOf(page), null, 1)}`;
}

/** Clicks a tab and checks that it, and only it, is selected and shown. */
async function showTab(page, chart) {
  await page.click(`[role=tablist] button[role=tab][data-chart="${chart}"]`);
  await assertActive(page, chart);
  return waitDrawn(page, chart);
}

async function assertActive(page, chart) {
  const state = await page.evaluate(() => ({
    selected: [...document.querySelectorAll('[role=tablist] button[role=tab]')]
      .filter((tab) => tab.getAttribute('aria-selected') === 'true')
      .map((tab) => tab.dataset.chart),
    shown: [...document.querySelectorAll('[role=tabpanel]')]
      .filter((panel) => !panel.hidden)
      .map((panel) => panel.id),
  }));
  assert.deepEqual(state, { selected: [chart], shown: [`panel-${chart}`] });
}

/** The canvas's backing store, its CSS content size, and how much of it is drawn on. */
function canvasInfo(page, chart) {
  return page.$eval(`canvas[data-chart="${chart}"]`, (canvas) => {
    const style = getComputedStyle(canvas);
    const px = (...names) => names.reduce((sum, name) => sum + (parseFloat(style[name]) || 0), 0);
    const rect = canvas.getBoundingClientRect();
    const info = {
      width: canvas.width,
      height: canvas.height,
      cssWidth: rect.width - px('paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'),
      cssHeight: rect.height - px('paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'),
      dpr: window.devicePixelRatio,
      inked: 0,
    };
    if (canvas.width === 0 || canvas.height === 0) return info;
    // Share of pixels that differ from the top-left (background) pixel.
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let differing = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2] || data[i + 3] !== data[3]) {
        differing += 1;
      }
    }
    info.inked = differing / (data.length / 4);
    return info;
  });
}

function assertSharp(info, chart) {
  const message = `${chart}: ${JSON.stringify(info)}`;
  assert.ok(info.cssWidth > 0 && info.cssHeight > 0, `canvas has no size: ${message}`);
  // Backing store = CSS size x devicePixelRatio, give or take rounding.
  assert.ok(Math.abs(info.width - info.cssWidth * info.dpr) <= 1, `backing width: ${message}`);
  assert.ok(Math.abs(info.height - info.cssHeight * info.dpr) <= 1, `backing height: ${message}`);
  assert.ok(info.inked > 0.01, `canvas looks blank: ${message}`);
}

async function assertHealthy(page, errors) {
  assert.deepEqual(errors, []);
  const errorShown = await page.$eval(
    '#error',
    (panel) => !panel.hidden && getComputedStyle(panel).display !== 'none',
  );
  assert.equal(errorShown, false, 'the #error panel is visible');
}

test('the page loads and draws without errors', SLOW, async () => {
  const { page, errors } = await openPage(context);
  await assertActive(page, 'funding');
  await waitDrawn(page, 'funding');
  await assertHealthy(page, errors);
  await page.close();
});

for (const dpr of [1, 2]) {
  test(`each tab draws a sharp, non-blank chart at devicePixelRatio ${dpr}`, SLOW, async () => {
    const dense = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: dpr });
    try {
      const { page, errors } = await openPage(dense);
      await waitDrawn(page, 'funding');
      for (const chart of CHARTS) {
        await showTab(page, chart);
        const info = await canvasInfo(page, chart);
        assert.equal(info.dpr, dpr);
        assertSharp(info, chart);
        const name = dpr === 1 ? `${chart}-1280.png` : `${chart}-dpr2.png`;
        await page.screenshot({ path: `${OUTPUT}${name}`, fullPage: true });
      }
      await assertHealthy(page, errors);
    } finally {
      await dense.close();
    }
  });
}

test('the scale toggle redraws the funding chart', SLOW, async () => {
  const { page, errors } = await openPage(context);
  let drawn = await waitDrawn(page, 'funding');
  for (const scale of ['log', 'linear']) {
    await page.check(`#panel-funding input[name=scale][value=${scale}]`);
    drawn = await waitDrawn(page, 'funding', drawn);
    assertSharp(await canvasInfo(page, 'funding'), `funding (${scale})`);
  }
  await assertHealthy(page, errors);
  await page.close();
});

test('?chart= opens the named tab, and the default tab when unknown', SLOW, async () => {
  for (const [query, chart] of [
    ['?chart=liberation', 'liberation'],
    ['?chart=returns', 'returns'],
    ['?chart=bogus', 'funding'],
  ]) {
    const { page, errors } = await openPage(context, query);
    await waitDrawn(page, chart);
    await assertActive(page, chart);
    await assertHealthy(page, errors);
    await page.close();
  }
});

test("every figure's quote and label is in the page", SLOW, async () => {
  const { page, errors } = await openPage(context);
  await waitDrawn(page, 'funding');
  const normalise = (text) => text.replace(/\s+/g, ' ').trim();
  const body = normalise(await page.evaluate(() => document.body.textContent));
  // Derived figures (computed from others) have no quote of their own.
  const missing = figures.flatMap(({ id, label, quote }) => [
    ...(quote === undefined || body.includes(normalise(quote)) ? [] : [`${id}: quote "${quote}"`]),
    ...(body.includes(normalise(label)) ? [] : [`${id}: label "${label}"`]),
  ]);
  assert.deepEqual(missing, []);
  await assertHealthy(page, errors);
  await page.close();
});

test('nothing scrolls sideways on a 360 px wide phone', SLOW, async () => {
  const { page, errors } = await openPage(context);
  await page.setViewportSize(PHONE);
  await waitDrawn(page, 'funding');
  for (const chart of CHARTS) {
    await showTab(page, chart);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    assert.ok(scrollWidth <= innerWidth, `${chart}: scrollWidth ${scrollWidth} > ${innerWidth}`);
    // A chart drawn before the window narrowed is drawn again at its new width in a later
    // frame (its resize event or observer): until then its backing store is the old width's.
    await eventually(async () => assertSharp(await canvasInfo(page, chart), chart));
    await page.screenshot({ path: `${OUTPUT}${chart}-360.png`, fullPage: true });
  }
  await assertHealthy(page, errors);
  await page.close();
});

test('resizing the window redraws the chart at the new size', SLOW, async () => {
  const { page, errors } = await openPage(context);
  const drawn = await waitDrawn(page, 'funding');
  const before = await canvasInfo(page, 'funding');
  await page.setViewportSize({ width: 600, height: 800 });
  await page.waitForFunction(
    ([count, oldWidth]) => {
      const canvas = document.querySelector('canvas[data-chart="funding"]');
      return Number(canvas.dataset.drawn) > count && canvas.width !== oldWidth;
    },
    [drawn, before.width],
  );
  const afterResize = await canvasInfo(page, 'funding');
  assert.ok(afterResize.cssWidth < before.cssWidth, `${before.cssWidth} -> ${afterResize.cssWidth}`);
  assertSharp(afterResize, 'funding');
  await assertHealthy(page, errors);
  await page.close();
});

const SIZES = [
  { width: 1280, height: 800 },
  { width: 768, height: 1024 },
  { width: 360, height: 740 },
];
// Every way in: the front page, each chart's own page, and ?chart= links.
const ENTRIES = [
  ['', 'funding'],
  ['funding/', 'funding'],
  ['liberation/', 'liberation'],
  ['returns/', 'returns'],
  ['?chart=liberation', 'liberation'],
  ['?chart=returns', 'returns'],
];
/** A file name for the screenshot of the page at `path` (one of ENTRIES). */
const shotName = (path) => (path || 'front').replace(/^\?/, 'query-').replace(/[/=]/g, (c) => (c === '/' ? '' : '-'));
const SOURCE_URL = 'https://blogs.state.gov/stories/2017/03/22/en/global-coalition-remains-united-fight-defeat-isis';

for (const colorScheme of ['light', 'dark']) {
  test(`every page draws its chart in the first screenful, under a headline that says whose figures (${colorScheme})`, SLOW, async () => {
    for (const viewport of SIZES) {
      const sized = await browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce' });
      try {
        for (const [path, chart] of ENTRIES) {
          const { page, errors } = await openPage(sized, path);
          await waitDrawn(page, chart);
          const where = `${path || '/'} at ${viewport.width}×${viewport.height}`;
          const first = await page.evaluate((name) => {
            const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
            const box = canvas.getBoundingClientRect();
            const marks = canvas.chartHandle.layout().marks.map((m) => ({
              figure: m.figure,
              top: box.top + m.bar.y,
              bottom: box.top + m.bar.y + m.bar.h,
            }));
            const panel = canvas.closest('[role=tabpanel]');
            const credit = panel.querySelector('.chart-credit');
            const link = credit?.querySelector('a');
            const order = (a, b) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
            return {
              scrollY: window.scrollY,
              canvas: { top: box.top, bottom: box.bottom },
              marks,
              h1: document.querySelector('h1').textContent.trim(),
              credit: credit && getComputedStyle(credit).display !== 'none' ? credit.textContent.trim() : null,
              creditTop: credit?.getBoundingClientRect().top,
              link: link?.href,
              // Key figures, notes, tables and sources come after the chart.
              keyFiguresAfter: order(canvas, document.querySelector('.key-figures-section')),
              sourcesAfter: order(canvas, document.querySelector('.sources')),
              tableAfter: order(canvas, panel.querySelector('table')),
            };
          }, chart);
          assert.equal(first.scrollY, 0, `${where}: not scrolled`);
          assert.match(first.h1, /in figures, according to the U\.S\. Department of State, 22 March 2017$/, where);
          assert.ok(first.canvas.top >= 0 && first.canvas.top < viewport.height / 2, `${where}: the chart starts high (${first.canvas.top})`);
          for (const mark of first.marks) {
            assert.ok(mark.bottom <= viewport.height, `${where}: ${mark.figure} ends at ${mark.bottom}, below the first screen`);
          }
          if (viewport.width >= 768) {
            assert.ok(first.canvas.bottom <= viewport.height, `${where}: the whole chart is in view (${first.canvas.bottom})`);
          }
          assert.match(first.credit ?? '', /^Source: U\.S\. Department of State, “Global Coalition Remains United in Fight to Defeat ISIS”, a post on its DipNote blog, 22 March 2017\./, where);
          assert.equal(first.link, SOURCE_URL, `${where}: the credit links the post`);
          assert.ok(first.creditTop >= first.canvas.bottom && first.creditTop - first.canvas.bottom < 40, `${where}: the credit sits under the chart`);
          assert.deepEqual([first.keyFiguresAfter, first.sourcesAfter, first.tableAfter], [true, true, true], where);
          await page.screenshot({ path: `${OUTPUT}first-${shotName(path)}-${viewport.width}-${colorScheme}.png` });
          assert.deepEqual(errors, [], where);
          await page.close();
        }
      } finally {
        await sized.close();
      }
    }
  });
}

test('a phone held sideways shows each chart\'s first figure in the first screen, under a shorter header', SLOW, async () => {
  const viewport = { width: 740, height: 360 };
  const sideways = await browser.newContext({ viewport, hasTouch: true, isMobile: true, reducedMotion: 'reduce' });
  try {
    for (const [path, chart] of ENTRIES) {
      const { page, errors } = await openPage(sideways, path);
      await waitDrawn(page, chart);
      const where = `${path || '/'} at ${viewport.width}×${viewport.height}`;
      const first = await page.evaluate((name) => {
        const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
        const top = canvas.getBoundingClientRect().top;
        const [mark] = canvas.chartHandle.layout().marks;
        return {
          scrollY: window.scrollY,
          canvasTop: top,
          figure: mark.figure,
          bottom: top + mark.bar.y + mark.bar.h,
          dek: getComputedStyle(document.querySelector('.dek')).display,
        };
      }, chart);
      assert.equal(first.scrollY, 0, `${where}: not scrolled`);
      assert.ok(first.bottom <= viewport.height, `${where}: ${first.figure} ends at ${first.bottom}, below the first screen`);
      assert.equal(first.dek, 'none', `${where}: the headline alone, as on a phone held upright`);
      await page.screenshot({ path: `${OUTPUT}sideways-${shotName(path)}.png` });
      assert.deepEqual(errors, [], where);
      await page.close();
    }
  } finally {
    await sideways.close();
  }
});

test('tables read without sideways scrolling on phones and tablets, each column named', SLOW, async () => {
  for (const viewport of [SIZES[1], SIZES[2], { width: 320, height: 640 }]) {
    const sized = await browser.newContext({ viewport, reducedMotion: 'reduce' });
    try {
      const { page, errors } = await openPage(sized, '?display=table');
      await page.waitForFunction(() => document.documentElement.dataset.display === 'table');
      for (const chart of CHARTS) {
        await page.click(`#tab-${chart}`);
        await page.waitForFunction((name) => !document.getElementById(`panel-${name}`).hidden, chart);
        const table = await page.$eval(`#table-${chart}`, (t) => {
          const wrap = t.closest('.table-wrap');
          const cells = [...t.querySelectorAll('tbody td')];
          return {
            scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
            outside: cells
              .filter((td) => {
                const r = td.getBoundingClientRect();
                return r.left < 0 || r.right > window.innerWidth;
              })
              .map((td) => td.className),
            unnamed: cells.filter((td) => !getComputedStyle(td, '::before').content.includes(td.dataset.label)).length,
            quotes: [...t.querySelectorAll('td.source q')].every((q) => q.getClientRects().length > 0),
          };
        });
        const where = `${chart} at ${viewport.width} px`;
        assert.equal(table.scrolls, false, `${where}: the table scrolls sideways`);
        assert.deepEqual(table.outside, [], `${where}: cells outside the window`);
        assert.equal(table.unnamed, 0, `${where}: every cell says its column`);
        assert.ok(table.quotes, `${where}: the quotes are shown`);
      }
      await page.screenshot({ path: `${OUTPUT}table-${viewport.width}.png`, fullPage: true });
      assert.deepEqual(errors, []);
      await page.close();
    } finally {
      await sized.close();
    }
  }
});
