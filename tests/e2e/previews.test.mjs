// Each chart's own page (funding/ and the like): it opens that chart with no
// errors, carries absolute link-preview tags whose picture the server really
// has, keeps the address on the page of the chart in view, and old ?chart=
// links keep working.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { BASE_URL, errorsOf, eventually, launchBrowser, openPage } from './browser.mjs';

const CHARTS = ['funding', 'liberation', 'returns'];
// Generous: the first load compiles the wasm, which is slow on a busy CI machine.
const SLOW = { timeout: 120_000 };
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));

let browser;
let context;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});

after(async () => {
  await context?.close();
  await browser?.close();
});

/** Waits until `chart`'s canvas has drawn; fails at once if the error panel shows. */
async function waitDrawn(page, chart) {
  const handle = await page.waitForFunction((name) => {
    const panel = document.getElementById('error');
    if (panel && !panel.hidden) return { error: panel.textContent.trim() || '(empty)' };
    const drawn = document.querySelector(`canvas[data-chart="${name}"]`)?.dataset.drawn;
    return drawn !== undefined && Number(drawn) > 0 ? { drawn: Number(drawn) } : false;
  }, chart);
  const result = await handle.jsonValue();
  assert.equal(result.error, undefined, `#error shows before the ${chart} chart drew`);
}

/** Which tabs are selected and which panels shown. */
function tabState(page) {
  return page.evaluate(() => ({
    selected: [...document.querySelectorAll('[role=tab][data-chart]')]
      .filter((tab) => tab.getAttribute('aria-selected') === 'true')
      .map((tab) => tab.dataset.chart),
    shown: [...document.querySelectorAll('[role=tabpanel]')]
      .filter((panel) => !panel.hidden)
      .map((panel) => panel.id),
  }));
}

function assertNoErrors(page) {
  assert.deepEqual(errorsOf(page), [], 'no console errors, page errors or dialogs');
}

/** The PNG's size from its header, after checking the signature. */
function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  assert.deepEqual([...bytes.subarray(0, 8)], signature, 'a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

for (const chart of CHARTS) {
  test(`${chart}/ opens the ${chart} chart with no errors`, SLOW, async () => {
    const { page } = await openPage(context, `${chart}/`);
    try {
      // Right from the HTML, before any script: no flash of another chart.
      const html = await (await fetch(new URL(`${chart}/`, BASE_URL))).text();
      assert.match(html, new RegExp(`<body[^>]* data-default-chart="${chart}"`));
      await waitDrawn(page, chart);
      assert.deepEqual(await tabState(page), { selected: [chart], shown: [`panel-${chart}`] });
      assert.equal(new URL(page.url()).pathname, `/${chart}/`, 'the address stays on the page');
      // The stylesheet loads from the site root; the icon is in the page.
      const loaded = await page.evaluate(() => ({
        styled: getComputedStyle(document.querySelector('.skip-link')).position !== 'static',
        icon: document.querySelector('link[rel=icon]').href,
      }));
      assert.ok(loaded.styled, 'style.css applies');
      assert.match(loaded.icon, /^data:image\/svg\+xml,%3Csvg /);
      await page.locator('section.charts').screenshot({ path: `${OUTPUT}entry-${chart}.png` });
      assertNoErrors(page);
    } finally {
      await page.close();
    }
  });

  test(`${chart}/ carries link-preview tags with a real 1200×630 picture`, SLOW, async () => {
    const response = await fetch(new URL(`${chart}/`, BASE_URL));
    assert.equal(response.status, 200);
    const html = await response.text();
    const head = html.slice(0, html.indexOf('</head>'));
    const meta = (attr, name) => {
      const match = head.match(new RegExp(`<meta ${attr}="${name}" content="([^"]*)">`));
      assert.ok(match, `${attr}="${name}" is in the head`);
      return match[1];
    };
    for (const name of ['og:title', 'og:description', 'og:image:alt', 'og:site_name']) {
      assert.ok(meta('property', name).length > 10, `${name} has text`);
    }
    assert.equal(meta('property', 'og:type'), 'website');
    assert.equal(meta('name', 'twitter:card'), 'summary_large_image');
    assert.equal(meta('property', 'og:image:width'), '1200');
    assert.equal(meta('property', 'og:image:height'), '630');
    const canonical = head.match(/<link rel="canonical" href="([^"]*)">/)?.[1];
    assert.ok(canonical, 'a canonical link');
    for (const url of [canonical, meta('property', 'og:url'), meta('property', 'og:image')]) {
      assert.match(url, /^https?:\/\/[^/]+\//, `${url} is absolute`);
    }
    assert.ok(canonical.endsWith(`/${chart}/`), canonical);
    assert.equal(meta('property', 'og:url'), canonical);
    const image = new URL(meta('property', 'og:image'));
    assert.ok(image.pathname.endsWith(`/${chart}/preview.png`), image.href);
    // X reads og:image, og:title and og:description where its own tags are missing.
    assert.doesNotMatch(head, /name="twitter:(image|title|description)"/);
    assert.equal(meta('name', 'twitter:image:alt'), meta('property', 'og:image:alt'));
    // The build's base URL need not be this server's; the path must still be served here.
    const picture = await fetch(new URL(`${chart}/preview.png`, BASE_URL));
    assert.equal(picture.status, 200);
    assert.equal(picture.headers.get('content-type'), 'image/png');
    const size = pngSize(new Uint8Array(await picture.arrayBuffer()));
    assert.deepEqual(size, { width: 1200, height: 630 });
    // The description leads with the figure and its qualifier, as the page words it.
    assert.match(meta('property', 'og:description'), /^(More than|Approximately|Nearly|Some|\d)/);
    // Read alone in a chat app, it still says whose figures they are.
    assert.match(meta('property', 'og:description'), / According to the U\.S\. Department of State\.$/);
  });
}

test('choosing another tab on a chart page moves the address to that chart page', SLOW, async () => {
  const { page } = await openPage(context, 'funding/');
  try {
    await waitDrawn(page, 'funding');
    await page.click('[role=tab][data-chart="liberation"]');
    await waitDrawn(page, 'liberation');
    const pathIs = (path) => eventually(async () => assert.equal(new URL(page.url()).pathname, path));
    await pathIs('/liberation/');
    await page.click('[role=tab][data-chart="funding"]');
    await pathIs('/funding/');
    // A reload opens the chart that was in view.
    await page.click('[role=tab][data-chart="returns"]');
    await pathIs('/returns/');
    await page.reload();
    await waitDrawn(page, 'returns');
    assert.deepEqual(await tabState(page), { selected: ['returns'], shown: ['panel-returns'] });
    assertNoErrors(page);
  } finally {
    await page.close();
  }
});

test('a ?chart= link still opens its chart, on the front page and on a chart page', SLOW, async () => {
  for (const [path, chart, landing] of [
    ['?chart=returns', 'returns', '/'],
    ['funding/?chart=liberation', 'liberation', '/liberation/'],
  ]) {
    const { page } = await openPage(context, path);
    try {
      await waitDrawn(page, chart);
      assert.deepEqual(await tabState(page), { selected: [chart], shown: [`panel-${chart}`] });
      assert.equal(new URL(page.url()).pathname, landing, path);
      assertNoErrors(page);
    } finally {
      await page.close();
    }
  }
});

test('the front page carries the site card and a favicon', SLOW, async () => {
  const html = await (await fetch(BASE_URL)).text();
  const head = html.slice(0, html.indexOf('</head>'));
  assert.match(head, /<meta name="description" content="[^"]{40,}">/);
  assert.match(head, /<meta property="og:image" content="https?:\/\/[^"]+\/funding\/preview\.png">/);
  assert.match(head, /<link rel="canonical" href="https?:\/\/[^"]+\/">/);
  // The icon is in the page, so no reader asks for it (twice: again when the address changes).
  assert.match(head, /<link rel="icon" href="data:image\/svg\+xml,%3Csvg [^"]+%3C\/svg%3E" type="image\/svg\+xml">/);
  assert.match(html, /<html lang="en" dir="ltr"/);
});
