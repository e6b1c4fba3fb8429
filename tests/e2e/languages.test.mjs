// The charts in French and Arabic (?lang=fr, ?lang=ar): their words, numbers, tooltips and
// announcements in the language, Arabic charts mirrored with the arrow keys following the
// drawing, the post's quotes kept in English, the language kept in every link, and the full
// module fetched for them while an English page keeps the small viewer.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { eventually, launchBrowser, openPage } from './browser.mjs';

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

function drawn(page, chart) {
  return page.waitForFunction((name) => {
    const panel = document.getElementById('error');
    if (panel && !panel.hidden) throw new Error(`#error shows: ${panel.textContent}`);
    return Number(document.querySelector(`canvas[data-chart="${name}"]`)?.dataset.drawn ?? 0) > 0;
  }, chart);
}

/** The chart's marks, from its handle's layout. */
function marks(page, chart) {
  return page.$eval(`canvas[data-chart="${chart}"]`, (c) => c.chartHandle.layout().marks);
}

/** The shown details of `chart`: language, direction, value and quote. */
function details(page, chart) {
  return page.$eval(`#panel-${chart} .ci-tooltip`, (t) => ({
    hidden: t.hidden,
    lang: t.getAttribute('lang'),
    dir: t.getAttribute('dir'),
    value: t.querySelector('.ci-tooltip-value')?.textContent,
    quoteLang: t.querySelector('.ci-tooltip-quote')?.getAttribute('lang'),
    quote: t.querySelector('.ci-tooltip-quote')?.textContent,
    text: t.textContent,
  }));
}

/** Points at `mark` of `chart` and waits for its details to show; what they say. */
async function hoverDetails(page, chart, mark) {
  const box = await page.locator(`canvas[data-chart="${chart}"]`).boundingBox();
  await page.mouse.move(box.x + mark.bar.x + mark.bar.w / 2, box.y + mark.bar.y + mark.bar.h / 2);
  return eventually(async () => {
    const d = await details(page, chart);
    assert.equal(d.hidden, false);
    return d;
  });
}

test('an Arabic chart is mirrored, speaks Arabic and keeps the post’s words in English', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const wasm = [];
    context.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
    const { page, errors } = await openPage(context, '?lang=ar&chart=liberation');
    await drawn(page, 'liberation');
    const canvas = page.locator('canvas[data-chart="liberation"]');
    assert.equal(await canvas.getAttribute('lang'), 'ar');
    assert.match(await canvas.getAttribute('aria-label'), /^حررت عمليات التحالف ٦٢٪/);
    assert.ok(wasm.some((p) => p.includes('coalition_infographic_bg')), `the full module: ${wasm}`);
    assert.ok(!wasm.some((p) => p.includes('viewer_bg')), `not the viewer: ${wasm}`);

    // Bars grow from the right: each country's liberated share lies right of the rest.
    const m = await marks(page, 'liberation');
    assert.deepEqual(
      m.map((x) => x.figure),
      ['iraq-liberated', 'iraq-not-liberated', 'syria-liberated', 'syria-not-liberated'],
    );
    assert.ok(m[0].bar.x > m[1].bar.x && m[2].bar.x > m[3].bar.x, 'mirrored');

    const tip = await hoverDetails(page, 'liberation', m[0]);
    assert.equal(tip.lang, 'ar');
    assert.equal(tip.dir, 'rtl');
    assert.equal(tip.value, '٦٢٪');
    assert.equal(tip.quoteLang, 'en');
    assert.match(tip.quote, /62 percent/, 'the post’s own words');
    assert.match(tip.text, /كلمات المنشور بالإنجليزية/, 'said to be the post’s words');

    // Arrow left goes on to the next figure, which lies to the left.
    await page.mouse.move(1, 1);
    await canvas.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowLeft');
    await eventually(async () => {
      const live = await page.$eval('#panel-liberation [aria-live]', (e) => e.textContent);
      assert.match(live, /الرقم ٢ من ٤\.$/);
      assert.match(live, /٣٨٪/);
    });
    await eventually(async () => {
      const address = new URL(page.url());
      assert.equal(address.searchParams.get('focus'), 'iraq-not-liberated');
      assert.equal(address.searchParams.get('lang'), 'ar');
    });
    await page.keyboard.press('ArrowRight');
    await eventually(async () =>
      assert.equal(new URL(page.url()).searchParams.get('focus'), 'iraq-liberated'),
    );
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a French chart writes French numbers, and its links and embed code keep the language', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const { page, errors } = await openPage(context, '?lang=fr');
    await drawn(page, 'funding');
    const m = await marks(page, 'funding');
    const fr = await page.$eval('canvas[data-chart="funding"]', (c) => c.chartHandle.layout().marks);
    assert.ok(fr[0].bar.x < fr[0].label.x, 'left to right, as English');
    const tip = await hoverDetails(page, 'funding', m[0]);
    assert.equal(tip.value, 'plus de 22,2 milliards de dollars');
    assert.equal(tip.lang, 'fr');
    assert.match(tip.quote, /more than \$22\.2 billion/);

    await page.click('#embed-open');
    await page.waitForSelector('#embed-dialog[open]');
    await eventually(async () => assert.match(await page.inputValue('#embed-code'), /lang=fr/));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('an English page keeps the viewer, and a language the charts do not speak is English', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const wasm = [];
    const warnings = [];
    context.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(new URL('?lang=de', process.env.BASE_URL).href);
    await drawn(page, 'funding');
    assert.ok(wasm.some((p) => p.includes('viewer_bg')), `${wasm}`);
    assert.match(await page.locator('canvas[data-chart="funding"]').getAttribute('aria-label'), /^Coalition members/);
    await eventually(async () => assert.ok(warnings.some((w) => /lang="?de"?.*en, fr, ar/.test(w)), warnings.join('\n')));
  } finally {
    await context.close();
  }
});
