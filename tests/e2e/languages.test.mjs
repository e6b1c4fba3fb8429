// The pages in French and Arabic (fr/, ar/; ?lang=fr, ?lang=ar and ?lang=auto lead there):
// the page's words, the charts' words, numbers, tooltips and announcements in the language,
// the Arabic page right to left with its charts mirrored and the arrow keys following the
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
    // The address names Arabic: the Arabic page, right to left, written in Arabic.
    assert.equal(new URL(page.url()).pathname, new URL('ar/', process.env.BASE_URL).pathname);
    assert.deepEqual(
      await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
      ['ar', 'rtl'],
    );
    assert.match(await page.textContent('h1'), /^التحالف ضد داعش بالأرقام/);
    assert.equal(await page.textContent('#panel-liberation th[scope="col"]'), 'الرقم');
    assert.match(await page.textContent('#row-iraq-liberated .value'), /^٦٢٪$/);
    assert.equal(await page.getAttribute('#row-iraq-liberated q', 'lang'), 'en');
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
      // The folder names the language, so the query need not.
      assert.ok(address.pathname.endsWith('/ar/'), address.pathname);
      assert.equal(address.searchParams.get('lang'), null);
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
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
    assert.equal(
      await page.textContent('#row-funding-provided .value'),
      'plus de 22,2 milliards de dollars',
    );
    const m = await marks(page, 'funding');
    const fr = await page.$eval('canvas[data-chart="funding"]', (c) => c.chartHandle.layout().marks);
    assert.ok(fr[0].bar.x < fr[0].label.x, 'left to right, as English');
    const tip = await hoverDetails(page, 'funding', m[0]);
    assert.equal(tip.value, 'plus de 22,2 milliards de dollars');
    assert.equal(tip.lang, 'fr');
    assert.match(tip.quote, /more than \$22\.2 billion/);

    await page.click('#embed-open');
    await page.waitForSelector('#embed-dialog[open]');
    await eventually(async () =>
      assert.match(await page.inputValue('#embed-code'), /\/fr\/\?chart=funding&amp;embed=1/),
    );
    await page.click('#embed-close');

    // The language links keep the view: the log scale, in Arabic.
    await page.check('#panel-funding input[name="scale"][value="log"]');
    await eventually(async () => assert.equal(new URL(page.url()).searchParams.get('scale'), 'log'));
    await page.click('.languages a[hreflang="ar"]');
    await page.waitForURL((url) => url.pathname.endsWith('/ar/') && url.searchParams.get('scale') === 'log');
    await drawn(page, 'funding');
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    assert.equal(await page.isChecked('#panel-funding input[name="scale"][value="log"]'), true);
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

test('lang=auto opens the page in the first of the reader’s languages the site has', async () => {
  for (const [locale, folder] of [
    ['fr-CA', 'fr/'],
    ['ar-EG', 'ar/'],
    ['de-DE', ''],
  ]) {
    const context = await browser.newContext({ locale, viewport: { width: 800, height: 700 } });
    try {
      const { page, errors } = await openPage(context, 'returns/?lang=auto&theme=dark');
      await drawn(page, 'returns');
      const address = new URL(page.url());
      assert.equal(address.pathname, new URL(`${folder}returns/`, process.env.BASE_URL).pathname, locale);
      assert.equal(address.searchParams.get('lang'), null, 'auto is not kept');
      assert.equal(address.searchParams.get('theme'), 'dark', 'the rest of the view is');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('without JavaScript the Arabic page shows its charts drawn in Arabic, right to left', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
  try {
    const page = await context.newPage();
    await page.goto(new URL('ar/', process.env.BASE_URL).href);
    const img = page.locator('#panel-funding picture.drawn-auto img');
    await eventually(async () => assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 0)));
    assert.match(await img.evaluate((i) => i.currentSrc), /\/drawn\/ar\/funding-narrow\.svg$/);
    assert.match(await img.getAttribute('alt'), /^قدم أعضاء التحالف/);
    const [dir, overflow] = await page.evaluate(() => [
      document.documentElement.dir,
      document.documentElement.scrollWidth - innerWidth,
    ]);
    assert.equal(dir, 'rtl');
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  } finally {
    await context.close();
  }
});

test('an Arabic chart embedded in a right-to-left host page is sized to its chart and reads right to left', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const { page, errors } = await openPage(context, 'ar/?chart=liberation');
    await drawn(page, 'liberation');
    await page.click('#embed-open');
    await page.waitForFunction(() => document.getElementById('embed-code').dataset.measured);
    const snippet = await page.inputValue('#embed-code');
    assert.match(snippet, /\/ar\/\?chart=liberation&amp;embed=1/);
    await context.route('**/host-rtl.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>مضيف</title>
<style>body{margin:0 auto;max-width:40rem;padding:0 1rem;font:18px/1.6 serif}</style></head>
<body><p>نص الصفحة المضيفة قبل الإطار.</p>${snippet}<p>وبعده.</p></body></html>`,
      }),
    );
    for (const width of [360, 1280]) {
      const host = await context.newPage();
      await host.setViewportSize({ width, height: 900 });
      await host.goto(new URL('host-rtl.html', process.env.BASE_URL).href);
      const frame = await (await host.$('iframe')).contentFrame();
      await frame.waitForFunction(() => document.documentElement.classList.contains('charts-ready'));
      assert.deepEqual(
        await frame.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
        ['ar', 'rtl'],
      );
      // embed.js makes the frame as tall as what it shows.
      await eventually(async () => {
        const [content, height] = await Promise.all([
          frame.evaluate(() => document.documentElement.scrollHeight),
          host.$eval('iframe', (f) => f.getBoundingClientRect().height),
        ]);
        assert.ok(Math.abs(content - height) <= 2, `${content} px of chart in a ${height} px frame`);
      });
      // Mirrored, and flush with the frame's right edge, where the host's text starts.
      const [bars, right, inner] = await frame.evaluate(() => {
        const canvas = document.querySelector('canvas[data-chart="liberation"]');
        const marks = canvas.chartHandle.layout().marks;
        return [marks.map((m) => m.bar.x), canvas.getBoundingClientRect().right, innerWidth];
      });
      assert.ok(bars[0] > bars[1], `the liberated share lies right of the rest: ${bars}`);
      assert.ok(inner - right <= 2, `the chart ends ${inner - right} px from the frame's right edge`);
      await host.screenshot({ path: new URL(`./output/host-rtl-${width}.png`, import.meta.url).pathname, fullPage: true });
      await host.close();
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the Arabic page says its messages, its ways to embed and how to reuse the work in Arabic', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const { page, errors } = await openPage(context, 'ar/');
    await drawn(page, 'funding');
    const words = await (await fetch(new URL('words/ar.json', process.env.BASE_URL))).json();
    await page.click('#reuse summary');
    await page.waitForSelector('#reuse ul li strong');
    const points = await page.$$eval('#reuse ul li strong', (s) => s.map((e) => e.textContent));
    assert.deepEqual(points, words.reuse.map((p) => p.title));
    assert.match(points[0], /^[\u0600-\u06ff ]+$/, 'in Arabic');
    await page.click('#embed-open');
    await page.waitForSelector('#etab-component');
    assert.equal(await page.textContent('#etab-component'), words.way_component);
    assert.equal(await page.getAttribute('.embed-tabs', 'aria-label'), words.ways_to_embed);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
