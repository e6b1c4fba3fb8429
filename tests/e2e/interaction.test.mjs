// Exploring the charts in Chromium: every bar's tooltip by pointer, a keyboard-only walk with
// announcements, touch, dismissal, reduced motion, the view controls and the dark theme.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { errorsOf, eventually, fileBrowser, openPage, placedTooltip } from './browser.mjs';

const CHARTS = ['funding', 'liberation', 'returns'];
const SLOW = { timeout: 120_000 };
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));
const { figures } = JSON.parse(
  readFileSync(new URL('../../data/coalition-2017.json', import.meta.url), 'utf8'),
);
const byId = new Map(figures.map((f) => [f.id, f]));

const browser = await fileBrowser(OUTPUT);

/** A 360 px phone, touch only, at devicePixelRatio 2. */
const PHONE = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  hasTouch: true,
  isMobile: true,
  reducedMotion: 'reduce',
};

/** Taps the middle of `mark`'s bar (at least 2 px in) on the canvas whose box is `box`. */
const tapBar = (page, box, mark) =>
  page.touchscreen.tap(box.x + mark.bar.x + Math.max(2, mark.bar.w / 2), box.y + mark.bar.y + mark.bar.h / 2);

/** Resolves once the chart has drawn and stayed the same for two animation frames. */
async function settled(page, chart) {
  await page.waitForFunction((name) => {
    const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
    if (!canvas?.dataset.drawn) return false;
    const before = canvas.dataset.drawn;
    return new Promise((resolve) =>
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(canvas.dataset.drawn === before))),
    );
  }, chart);
}

async function openChart(context, chart, query = '') {
  const { page, errors } = await openPage(context, `?chart=${chart}${query}`);
  await settled(page, chart);
  const canvas = page.locator(`canvas[data-chart="${chart}"]`);
  await canvas.scrollIntoViewIfNeeded();
  return { page, errors, canvas };
}

const marksOf = (page, chart) =>
  page.evaluate((name) => document.querySelector(`canvas[data-chart="${name}"]`).chartHandle.layout().marks, chart);

const openTooltip = (page) =>
  page.evaluate(() => {
    const tip = [...document.querySelectorAll('.ci-tooltip')].find((t) => !t.hidden);
    return tip ? tip.textContent : null;
  });

function expectDetails(text, figureId) {
  const figure = byId.get(figureId);
  assert.ok(text, `a tooltip is open for ${figureId}`);
  assert.ok(text.includes(figure.label), `tooltip of ${figureId} names it: ${text}`);
  if (figure.quote) assert.ok(text.includes(figure.quote), `tooltip of ${figureId} quotes the release`);
  if (figure.derived) assert.ok(text.includes('Derived'), `tooltip of ${figureId} says it is derived`);
}

test('hovering each bar of each chart, and each dot of the log scale, shows its details', SLOW, async () => {
  // At devicePixelRatio 2: pointer positions are CSS pixels whatever the backing store.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
  // On the log scale the amounts are dots: a mark's `bar` is then its dot's box.
  for (const [chart, query] of [...CHARTS.map((c) => [c, '']), ['funding', '&scale=log']]) {
    const { page, errors, canvas } = await openChart(context, chart, query);
    const box = await canvas.boundingBox();
    const marks = await marksOf(page, chart);
    assert.ok(marks.length >= 3, `${chart} has marks`);
    for (const mark of marks) {
      const drawn = Number(await canvas.getAttribute('data-drawn'));
      await page.mouse.move(box.x + mark.bar.x + mark.bar.w / 2, box.y + mark.bar.y + mark.bar.h / 2);
      await page.waitForFunction(
        ([name, n]) => Number(document.querySelector(`canvas[data-chart="${name}"]`).dataset.drawn) > n,
        [chart, drawn],
      );
      await eventually(async () => expectDetails(await openTooltip(page), mark.figure));
    }
    // Off the bars, into the chart's margin: the details close.
    await page.mouse.move(box.x + 2, box.y + 2);
    await page.waitForFunction(() => [...document.querySelectorAll('.ci-tooltip')].every((t) => t.hidden));
    assert.deepEqual(errorsOf(page), []);
    await page.close();
  }
  await context.close();
});

test('hover details let the pointer through; pinned ones can be hovered, and Escape dismisses them', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, canvas } = await openChart(context, 'funding');
  const box = await canvas.boundingBox();
  const [mark] = await marksOf(page, 'funding');
  await page.mouse.move(box.x + mark.bar.x + 20, box.y + mark.bar.y + mark.bar.h / 2);
  await page.waitForSelector('.ci-tooltip:not([hidden])');
  // Following the pointer, the details never stand between it and the chart.
  assert.equal(await page.$eval('.ci-tooltip:not([hidden])', (t) => getComputedStyle(t).pointerEvents), 'none');
  // A click pins them: now they take the pointer, which can move onto them (WCAG 1.4.13).
  await page.mouse.down();
  await page.mouse.up();
  await page.waitForFunction(() => {
    const tip = document.querySelector('.ci-tooltip:not([hidden])');
    return tip && getComputedStyle(tip).pointerEvents === 'auto';
  });
  const tip = await placedTooltip(page);
  await page.mouse.move(tip.x + tip.width / 2, tip.y + tip.height / 2, { steps: 5 });
  const under = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('.ci-tooltip') !== null, [
    tip.x + tip.width / 2,
    tip.y + tip.height / 2,
  ]);
  assert.ok(under, 'the pointer is on the pinned details');
  expectDetails(await openTooltip(page), mark.figure);
  // The tooltip stays inside the window.
  const width = await page.evaluate(() => innerWidth);
  assert.ok(tip.x >= 0 && tip.x + tip.width <= width, 'tooltip inside the viewport');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => [...document.querySelectorAll('.ci-tooltip')].every((t) => t.hidden));
  await context.close();
});

test('a keyboard-only walk visits every figure and announces it', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  for (const chart of CHARTS) {
    const { page, errors } = await openChart(context, chart);
    const marks = await marksOf(page, chart);
    // Tab from the start of the page until the chart has focus, as a keyboard user would.
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate((name) => document.activeElement?.dataset?.chart === name && document.activeElement.tagName === 'CANVAS', chart);
      if (focused) break;
    }
    assert.equal(await page.evaluate(() => document.activeElement.tagName), 'CANVAS', `${chart} canvas reachable by Tab`);
    const live = page.locator(`canvas[data-chart="${chart}"] ~ .ci-live`);
    const announces = (pattern, message) =>
      eventually(async () => assert.match(await live.textContent(), pattern, message));
    for (let i = 0; i < marks.length; i += 1) {
      if (i > 0) await page.keyboard.press('ArrowRight');
      // Announcement, details and link follow the key in later frames: wait for each.
      await announces(new RegExp(`Figure ${i + 1} of ${marks.length}\\.$`), `${chart} announces figure ${i + 1}`);
      await eventually(async () => expectDetails(await openTooltip(page), marks[i].figure));
      await eventually(async () =>
        assert.ok(page.url().includes(`focus=${marks[i].figure}`), 'the focused figure is in the link'),
      );
    }
    await page.keyboard.press('ArrowRight');
    await announces(new RegExp(`Figure ${marks.length} of`), 'stays on the last');
    await page.keyboard.press('Home');
    await announces(/Figure 1 of/);
    await page.keyboard.press('End');
    await announces(new RegExp(`Figure ${marks.length} of`));
    await page.keyboard.press('Escape');
    await eventually(async () => assert.equal(await openTooltip(page), null, 'Escape closes the details'));
    await eventually(async () => assert.ok(!page.url().includes('focus='), 'and the link forgets the focus'));
    assert.deepEqual(errors, []);
    await page.close();
  }
  await context.close();
});

test('touch: a tap shows the details, a tap elsewhere hides them', SLOW, async () => {
  const context = await browser.newContext(PHONE);
  const { page, canvas, errors } = await openChart(context, 'returns');
  const box = await canvas.boundingBox();
  const marks = await marksOf(page, 'returns');
  const mark = marks.find((m) => m.figure === 'raqqa-returned');
  await tapBar(page, box, mark);
  await page.waitForSelector('.ci-tooltip:not([hidden])');
  await eventually(async () => expectDetails(await openTooltip(page), 'raqqa-returned'));
  const tip = await placedTooltip(page);
  assert.ok(tip.x >= 0 && tip.x + tip.width <= 360, 'tooltip fits the phone screen');
  await page.screenshot({ path: `${OUTPUT}returns-touch-360.png` });
  // Tap the chart's notes, below it and below the details (which may reach over the notes'
  // top): outside the chart and its details.
  const notes = page.locator('#panel-returns figcaption');
  await notes.scrollIntoViewIfNeeded();
  const outside = await notes.boundingBox();
  const shown = await page.locator('.ci-tooltip:not([hidden])').boundingBox();
  const y = Math.max(outside.y + 5, shown.y + shown.height + 5);
  assert.ok(y < outside.y + outside.height, 'part of the notes is clear of the details');
  await page.touchscreen.tap(outside.x + 10, y);
  await page.waitForFunction(() => [...document.querySelectorAll('.ci-tooltip')].every((t) => t.hidden));
  assert.deepEqual(errors, []);
  await context.close();
});

/** Draws of `chart` after its tab is opened, once it has settled. */
async function drawsOnOpening(context, chart) {
  const { page } = await openPage(context, '');
  await settled(page, 'funding');
  await page.click(`#tab-${chart}`);
  await settled(page, chart);
  const n = Number(await page.locator(`canvas[data-chart="${chart}"]`).getAttribute('data-drawn'));
  await page.close();
  return n;
}

test('opening a chart animates its bars, unless reduced motion is asked for', SLOW, async () => {
  const moving = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'no-preference' });
  assert.ok((await drawsOnOpening(moving, 'liberation')) > 2, 'several animation frames');
  await moving.close();
  const still = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  assert.equal(await drawsOnOpening(still, 'liberation'), 1, 'one drawing, no animation frames');
  await still.close();
});

test('the view controls: table only, and the colour scheme', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, errors } = await openChart(context, 'funding');
  await page.check('input[name="display"][value="table"]');
  await eventually(async () => assert.ok(page.url().includes('display=table')));
  await page.locator('#panel-funding .chart-box').waitFor({ state: 'hidden' });
  await page.locator('#panel-funding table').waitFor({ state: 'visible' });
  await page.check('input[name="display"][value="chart"]');
  await page.locator('#panel-funding .chart-box').waitFor({ state: 'visible' });

  const drawn = Number(await page.locator('#panel-funding canvas').getAttribute('data-drawn'));
  await page.check('input[name="theme"][value="dark"]');
  await eventually(async () => assert.ok(page.url().includes('theme=dark')));
  await page.waitForFunction((n) => Number(document.querySelector('#panel-funding canvas').dataset.drawn) > n, drawn);
  const background = await page.evaluate(() => {
    const c = document.querySelector('#panel-funding canvas');
    const [r, g, b] = c.getContext('2d').getImageData(2, 2, 1, 1).data;
    return (r + g + b) / 3;
  });
  assert.ok(background < 60, `dark canvas background (${background})`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('dark theme screenshots of every chart', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
  for (const chart of CHARTS) {
    const { page, errors } = await openChart(context, chart);
    await page.locator(`#panel-${chart} figure`).screenshot({ path: `${OUTPUT}${chart}-dark.png` });
    const bg = await page.evaluate((name) => {
      const c = document.querySelector(`canvas[data-chart="${name}"]`);
      const [r, g, b] = c.getContext('2d').getImageData(2, 2, 1, 1).data;
      return (r + g + b) / 3;
    }, chart);
    assert.ok(bg < 60, `${chart} follows the system's dark scheme`);
    assert.deepEqual(errors, []);
    await page.close();
  }
  await context.close();
});

/** The open tooltip's box in the window, its pointer-events and its text, or null. */
const tooltipBox = (page) =>
  page.evaluate(() => {
    const tip = [...document.querySelectorAll('.ci-tooltip')].find((t) => !t.hidden);
    if (!tip) return null;
    const r = tip.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height, pointerEvents: getComputedStyle(tip).pointerEvents, text: tip.textContent };
  });

/** Waits until the open tooltip describes `figureId`, then returns its box. */
async function tooltipOf(page, figureId) {
  const label = byId.get(figureId).label;
  await page.waitForFunction(
    (text) => [...document.querySelectorAll('.ci-tooltip')].some((t) => !t.hidden && t.querySelector('.ci-tooltip-label').textContent === text),
    label,
  );
  await placedTooltip(page);
  return tooltipBox(page);
}

const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A mark's bar (with the cue at its end) and value label, in the window. */
const inkOf = (box, mark) =>
  [mark.extent, mark.bar, mark.label].map((r) => ({ x: box.x + r.x, y: box.y + r.y, w: r.w, h: r.h }));

/** The lowest mark, and the mark straight above it (the first whose bar spans its centre). */
function lowestAndAbove(marks) {
  const lowest = marks.reduce((a, b) => (b.bar.y > a.bar.y ? b : a));
  const cx = lowest.bar.x + Math.max(2, lowest.bar.w / 2);
  const above = marks
    .filter((m) => m.bar.y < lowest.bar.y && m.hit.x <= cx && cx <= m.hit.x + m.hit.w)
    .reduce((a, b) => (a === null || b.bar.y > a.bar.y ? b : a), null);
  return { lowest, above };
}

test('moving from the lowest bar up to the one above shows the upper bar, which no tooltip covers', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
  try {
    for (const chart of CHARTS) {
      const { page, errors, canvas } = await openChart(context, chart);
      const box = await canvas.boundingBox();
      const marks = await marksOf(page, chart);
      const { lowest, above } = lowestAndAbove(marks);
      assert.ok(above, `${chart}: a bar above the lowest`);
      const at = (m) => [box.x + m.bar.x + Math.max(2, m.bar.w / 2), box.y + m.bar.y + m.bar.h / 2];
      const [x0, y0] = at(lowest);
      await page.mouse.move(x0, y0);
      const first = await tooltipOf(page, lowest.figure);
      assert.equal(first.pointerEvents, 'none', `${chart}: hover details let the pointer through`);
      for (const ink of [...inkOf(box, lowest), ...inkOf(box, above)]) {
        assert.ok(!overlaps(first, ink), `${chart}: ${lowest.figure}'s details cover ${JSON.stringify(ink)}`);
      }
      await page.screenshot({ path: `${OUTPUT}walk-${chart}-1280-lowest.png` });
      // Straight up, in steps, as a hand would move.
      const [x1, y1] = at(above);
      await page.mouse.move(x1, y1, { steps: 12 });
      const second = await tooltipOf(page, above.figure);
      expectDetails(second.text, above.figure);
      for (const ink of inkOf(box, above)) {
        assert.ok(!overlaps(second, ink), `${chart}: ${above.figure}'s details cover its own bar or label`);
      }
      assert.ok(!overlaps(second, { x: x1 - 4, y: y1 - 4, w: 8, h: 8 }), `${chart}: the details are under the pointer`);
      await page.screenshot({ path: `${OUTPUT}walk-${chart}-1280-above.png` });
      // Compact, inside the chart and below its title: at most about a quarter of its area.
      assert.ok(second.w * second.h <= 0.3 * box.width * box.height, `${chart}: details take ${second.w}×${second.h}`);
      const top = box.y + Math.min(...marks.map((m) => m.hit.y));
      assert.ok(second.y >= top - 1, `${chart}: details over the chart's title (${second.y} < ${top})`);
      assert.ok(second.x >= box.x && second.x + second.w <= box.x + box.width, `${chart}: details outside the chart`);
      assert.ok(second.y + second.h <= box.y + box.height + 1, `${chart}: details below the chart, over its controls`);
      assert.deepEqual(errors, []);
      await page.close();
    }
  } finally {
    await context.close();
  }
});

test('on a phone, tapping one bar and then another shows the second, even where the first one\'s details lay', SLOW, async () => {
  const context = await browser.newContext(PHONE);
  try {
    // Placement keeps details off other rows where it can; where it cannot, the tap beneath
    // must still reach the chart, and is tried wherever details lie over another bar's row.
    let exercised = 0;
    for (const chart of CHARTS) {
      const { page, errors, canvas } = await openChart(context, chart);
      const box = await canvas.boundingBox();
      const marks = await marksOf(page, chart);
      for (const mark of marks) {
        await tapBar(page, box, mark);
        const tip = await tooltipOf(page, mark.figure);
        assert.ok(tip.w < 360 * 0.9, `${chart}: details ${tip.w} px wide on a 360 px phone`);
        assert.equal(tip.pointerEvents, 'none', `${chart}: tapped details let the next tap through`);
        // A tap on the details lands on the chart beneath them.
        const beneath = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.tagName, [
          tip.x + tip.w / 2,
          tip.y + tip.h / 2,
        ]);
        assert.equal(beneath, 'CANVAS', `${chart}: what a tap on ${mark.figure}'s details reaches`);
        // Another bar's row under these details: tap it there.
        const spot = marks
          .filter((m) => m !== mark)
          .map((m) => {
            const hit = { x: box.x + m.hit.x, y: box.y + m.hit.y, w: m.hit.w, h: m.hit.h };
            const x0 = Math.max(hit.x, tip.x) + 2;
            const x1 = Math.min(hit.x + hit.w, tip.x + tip.w) - 2;
            const y0 = Math.max(hit.y, tip.y) + 2;
            const y1 = Math.min(hit.y + hit.h, tip.y + tip.h) - 2;
            return x1 > x0 && y1 > y0 ? { figure: m.figure, x: (x0 + x1) / 2, y: (y0 + y1) / 2 } : null;
          })
          .find(Boolean);
        if (!spot) continue;
        exercised += 1;
        await page.screenshot({ path: `${OUTPUT}tap-${chart}-360-first.png` });
        await page.touchscreen.tap(spot.x, spot.y);
        const next = await tooltipOf(page, spot.figure);
        expectDetails(next.text, spot.figure);
        await page.screenshot({ path: `${OUTPUT}tap-${chart}-360-second.png` });
        break;
      }
      assert.deepEqual(errors, []);
      await page.close();
    }
    // Then, wherever placement found room for every figure's details, the next bar by itself.
    if (exercised === 0) {
      const { page, canvas } = await openChart(context, 'funding');
      const box = await canvas.boundingBox();
      const [first, second] = await marksOf(page, 'funding');
      for (const mark of [first, second]) {
        await tapBar(page, box, mark);
        expectDetails((await tooltipOf(page, mark.figure)).text, mark.figure);
      }
      await page.close();
    }
  } finally {
    await context.close();
  }
});

test('on a phone, a tapped bar\'s details open inside the window, not below it', SLOW, async () => {
  const context = await browser.newContext(PHONE);
  try {
    let checked = 0;
    for (const chart of CHARTS) {
      const { page, errors, canvas } = await openChart(context, chart);
      for (const mark of await marksOf(page, chart)) {
        // The bar in the middle of the window (or as near as the page scrolls), as a reader
        // who scrolled to it sees it: there is room for its details above it or below it.
        await page.evaluate(
          ([name, y]) => {
            const top = document.querySelector(`canvas[data-chart="${name}"]`).getBoundingClientRect().top;
            window.scrollBy(0, top + y - window.innerHeight / 2);
          },
          [chart, mark.bar.y + mark.bar.h / 2],
        );
        const box = await canvas.boundingBox();
        await tapBar(page, box, mark);
        const tip = await tooltipOf(page, mark.figure);
        const height = await page.evaluate(() => document.documentElement.clientHeight);
        assert.ok(
          tip.y >= 0 && tip.y + tip.h <= height + 0.5,
          `${chart}: ${mark.figure}'s details span ${Math.round(tip.y)} to ${Math.round(tip.y + tip.h)} px of a window ${height} px high`,
        );
        checked += 1;
      }
      assert.deepEqual(errors, []);
      await page.close();
    }
    assert.ok(checked >= 8, `${checked} bars tapped`);
  } finally {
    await context.close();
  }
});

test('"Table only" keeps notes that speak of the figures, not of drawn marks', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  try {
    for (const chart of CHARTS) {
      const { page, errors } = await openPage(context, `?chart=${chart}&display=table`);
      await page.waitForFunction(() => document.documentElement.classList.contains('charts-ready'));
      const notes = await page.$eval(`#panel-${chart}`, (panel) =>
        [...panel.querySelectorAll('li')].filter((li) => li.getClientRects().length > 0).map((li) => li.textContent),
      );
      assert.ok(notes.length >= 2, `${chart}: notes shown with the table: ${JSON.stringify(notes)}`);
      for (const note of notes) {
        assert.doesNotMatch(note, /\b(bars?|drawn|axis|axes|panels?|open end|ragged|hatch(ed)?)\b/i, `${chart}: "${note}"`);
      }
      // With the chart drawn, the chart's own notes are back.
      await page.check('input[name="display"][value="chart"]');
      await page.waitForFunction(
        (name) => [...document.querySelectorAll(`#panel-${name} figcaption .chart-notes li`)].every((li) => li.getClientRects().length > 0),
        chart,
      );
      assert.deepEqual(errors, []);
      await page.close();
    }
  } finally {
    await context.close();
  }
});
