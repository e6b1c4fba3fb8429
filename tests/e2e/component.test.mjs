// The web component: <coalition-infographic> draws inside a shadow root that the host page's
// styles cannot reach, follows its attributes, sizes itself to its chart, can be explored by
// keyboard, names a bad attribute in the console and shows the default, and frees everything
// when removed. The host page is served with the site's strict CSP.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { fileURLToPath } from 'node:url';

import { eventually, fileBrowser, openPage } from './browser.mjs';

const SLOW = { timeout: 120_000 };
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));

const browser = await fileBrowser(OUTPUT);

/** Opens the example page, recording console messages and CSP violations from the start. */
async function openExample(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
  });
  const consoleErrors = [];
  context.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  const { page, errors } = await openPage(context, 'component-example.html');
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('coalition-infographic')].every(
        (el) => el.shadowRoot?.querySelector('canvas[data-drawn]') && el.chart,
      ),
  );
  return { page, errors, consoleErrors };
}

/** What one element shows: its view, size and canvas, read through its shadow root. */
function stateOf(page, id) {
  return page.$eval(`#${id}`, (el) => {
    const canvas = el.shadowRoot.querySelector('canvas');
    const box = el.getBoundingClientRect();
    return {
      query: el.chart.query(),
      display: getComputedStyle(canvas).display,
      hostHeight: Math.round(box.height),
      canvasHeight: Math.round(canvas.getBoundingClientRect().height),
      label: canvas.getAttribute('aria-label'),
      corner: [...canvas.getContext('2d').getImageData(2, 2, 1, 1).data.subarray(0, 3)],
      draws: el.chart.draws(),
    };
  });
}

test('several elements on one page draw their own views, untouched by the host styles', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 }, colorScheme: 'light' });
  try {
    const { page, errors, consoleErrors } = await openExample(context);
    const dark = await stateOf(page, 'returns-dark');
    assert.equal(dark.query, 'chart=returns&theme=dark');
    assert.equal(dark.display, 'block', 'the host page hides every canvas, but not this one');
    assert.deepEqual(dark.corner, [0x1b, 0x1e, 0x21], 'dark from its attribute on a light system');
    assert.ok(dark.canvasHeight > 200 && Math.abs(dark.hostHeight - dark.canvasHeight) <= 2, JSON.stringify(dark));
    assert.match(dark.label, /Raqqa/);
    const log = await stateOf(page, 'funding-log');
    assert.equal(log.query, 'scale=log');
    // A bad attribute: the default view, and the console names it.
    const bad = await stateOf(page, 'bad');
    assert.equal(bad.query, '');
    assert.ok(
      consoleErrors.some((m) => m.includes('chart="pie"') && m.includes('not one of funding, liberation, returns')),
      JSON.stringify(consoleErrors),
    );
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation');
    assert.deepEqual(errors.filter((e) => !e.includes('chart="pie"')), []);
    await page.screenshot({ path: `${OUTPUT}component-900.png`, fullPage: true });
  } finally {
    await context.close();
  }
});

test('attributes update the chart; the keyboard explores it; removing it frees it', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 }, reducedMotion: 'reduce' });
  try {
    const { page } = await openExample(context);
    const before = await stateOf(page, 'funding-log');
    await page.$eval('#funding-log', (el) => el.setAttribute('chart', 'liberation'));
    await eventually(async () => {
      const now = await stateOf(page, 'funding-log');
      assert.equal(now.query, 'chart=liberation&scale=log');
      assert.ok(now.draws > before.draws);
      assert.match(now.label, /Iraq/);
    });
    await page.$eval('#funding-log', (el) => el.removeAttribute('scale'));
    await eventually(async () => assert.equal((await stateOf(page, 'funding-log')).query, 'chart=liberation'));

    // Keyboard: Tab reaches the canvas inside the shadow root; arrows announce figures.
    await page.$eval('#funding-log', (el) => el.shadowRoot.querySelector('canvas').focus());
    await page.keyboard.press('ArrowRight');
    await eventually(async () => {
      const said = await page.$eval('#funding-log', (el) => el.shadowRoot.querySelector('.ci-live').textContent);
      assert.match(said, /Figure \d of \d\.$/);
    });
    await eventually(async () => {
      const tip = await page.$eval('#funding-log', (el) => {
        const t = el.shadowRoot.querySelector('.ci-tooltip');
        return { hidden: t.hidden, background: getComputedStyle(t).backgroundColor, size: getComputedStyle(t).fontSize };
      });
      assert.equal(tip.hidden, false);
      assert.notEqual(tip.background, 'rgb(255, 0, 0)', 'host styles do not reach the tooltip');
      assert.notEqual(tip.size, '40px');
    });
    await page.keyboard.press('Escape');

    // Removed: its chart is destroyed; put back, it draws again.
    const removed = await page.evaluate(async () => {
      const el = document.getElementById('returns-dark');
      el.remove();
      await el.ready;
      const gone = el.chart === null && el.shadowRoot.querySelector('canvas') === null;
      document.querySelector('main').append(el);
      await el.ready;
      return { gone, back: Boolean(el.shadowRoot.querySelector('canvas')) && el.chart !== null };
    });
    assert.deepEqual(removed, { gone: true, back: true });
  } finally {
    await context.close();
  }
});

test('the lang attribute sets the chart’s language, and changing it redraws in the new one', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 900 } });
  try {
    const { page, errors } = await openExample(context);
    const label = () =>
      page.$eval('#funding-log', (el) => {
        const canvas = el.shadowRoot.querySelector('canvas');
        return { label: canvas.getAttribute('aria-label'), lang: canvas.getAttribute('lang'), query: el.chart.query() };
      });
    await page.$eval('#funding-log', (el) => el.setAttribute('lang', 'ar'));
    await eventually(async () => {
      const state = await label();
      assert.equal(state.lang, 'ar');
      assert.match(state.label, /^قدم أعضاء التحالف/);
      assert.match(state.query, /lang=ar/);
    });
    await page.$eval('#funding-log', (el) => el.setAttribute('lang', 'fr'));
    await eventually(async () => assert.match((await label()).label, /22,2 milliards de dollars/));
    // The example's element with chart="pie" is named in the console, on purpose; nothing else.
    assert.deepEqual(errors.filter((e) => !e.includes('chart="pie"')), []);
  } finally {
    await context.close();
  }
});
