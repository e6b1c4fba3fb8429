// Citing and reusing, as a researcher and an editor would: "Cite this chart" gives the chart in
// view's citations, each with the versioned link, and copies them; that link still shows the
// cited figures after a correction, with a note that a newer version exists; the Embed
// dialog's tabs follow the ARIA tabs pattern and each copies its code; the AMP code's page
// asks its host for its height the way AMP expects; the email code's picture is a PNG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { BASE_URL, eventually, fileBrowser } from './browser.mjs';

const SLOW = { timeout: 120_000 };
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));
const { versions } = JSON.parse(readFileSync(new URL('../../data/versions.json', import.meta.url), 'utf8'));
const CURRENT = versions[0].version;
const OLDER = versions[1].version;
const SOURCE_URL = 'https://blogs.state.gov/stories/2017/03/22/en/global-coalition-remains-united-fight-defeat-isis';

const browser = await fileBrowser(OUTPUT);

async function open(context, path) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  await page.goto(new URL(path, BASE_URL).href);
  return { page, errors };
}

function ready(page) {
  return page.waitForFunction(() => document.documentElement.classList.contains('charts-ready'));
}

test('Cite this chart gives the chart in view in three styles, with the versioned link, and copies each', SLOW, async () => {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  try {
    const { page, errors } = await open(context, '?chart=liberation');
    await ready(page);
    // Closed, and holding the link to the version's page, until asked for.
    assert.equal(await page.locator('#cite').getAttribute('open'), null);
    assert.equal(await page.locator('#cite .more-fallback a').getAttribute('href'), `v/${CURRENT}/`);
    await page.locator('#cite summary').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('cite-apa')?.textContent.length > 0);
    const texts = await page.evaluate(() =>
      ['apa', 'chicago', 'bibtex'].map((s) => document.getElementById(`cite-${s}`).textContent),
    );
    for (const text of texts) {
      assert.ok(text.includes(`v/${CURRENT}/#liberation`), text);
      assert.ok(text.includes(SOURCE_URL), text);
      assert.ok(text.includes('Coalition Infographic'), text);
      assert.ok(text.includes('Global Coalition Remains United in Fight to Defeat ISIS'), text);
      assert.ok(/taken from (the post|it) on (1 December 2026|December 1, 2026)/.test(text), text);
    }
    assert.match(texts[2], /^@misc\{coalition-infographic-liberation-/);

    // Each copy button puts its own style's text on the clipboard and says so beside itself.
    const buttons = page.locator('#cite .cite-styles button');
    assert.equal(await buttons.count(), 3);
    for (let i = 0; i < 3; i += 1) {
      await buttons.nth(i).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => document.querySelectorAll('#cite .cite-styles .status')[n].textContent === 'Copied', i);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), texts[i]);
    }
    await page.locator('#cite').screenshot({ path: `${OUTPUT}cite-360.png` });

    // Another chart: the panel follows it.
    await page.click('#tab-returns');
    await page.waitForFunction(() => document.getElementById('cite-apa').textContent.includes('/#returns'));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a researcher follows a cited link after a correction: the cited figures, and a newer version', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    // The link as a citation of the older version gave it.
    const { page, errors } = await open(context, `v/${OLDER}/#returns`);
    const note = page.locator('#newer-version');
    await note.waitFor();
    assert.match(await note.textContent(), new RegExp(`A newer version exists\\. Version ${CURRENT} corrects`));
    // The figures as cited: version 2026-11-29 still had the derived "not yet returned" figure
    // and called the post a press release; the correction dropped both.
    assert.equal(await page.locator('#figure-raqqa-not-returned').count(), 1);
    assert.match(await page.locator('.source-details').textContent(), /Press release/);
    assert.equal(await page.locator('#returns img').count(), 1);
    const img = await page.locator('#returns img').evaluate((el) => ({ done: el.complete, w: el.naturalWidth }));
    assert.ok(img.done && img.w > 0, 'the chart picture loads');
    await page.screenshot({ path: `${OUTPUT}version-older-1280.png` });

    // The changelog of corrections, the honesty fixes first.
    const changes = await page.locator(`#version-${CURRENT} li`).allTextContents();
    assert.match(changes[0], /“as stated”, no longer “exact”/);
    assert.ok(changes.some((c) => c.includes('not yet returned')));

    // The note leads to the current version, which has no such note and not that figure.
    await page.click(`#newer-version a[href$="v/${CURRENT}/"]`);
    await page.waitForURL(new RegExp(`/v/${CURRENT}/$`));
    assert.equal(await page.locator('#newer-version').count(), 0);
    assert.equal(await page.locator('#figure-raqqa-not-returned').count(), 0);
    assert.match(await page.locator('.source-details').textContent(), /DipNote/);

    // Each version's data downloads are its own files.
    for (const version of [OLDER, CURRENT]) {
      const json = await context.request.get(new URL(`v/${version}/coalition-2017.json`, BASE_URL).href);
      assert.equal(json.status(), 200);
      const file = readFileSync(
        new URL(version === CURRENT ? '../../data/coalition-2017.json' : `../../data/versions/${version}.json`, import.meta.url),
        'utf8',
      );
      assert.equal(await json.text(), file);
      const csv = await context.request.get(new URL(`v/${version}/coalition-2017-returns.csv`, BASE_URL).href);
      assert.equal(csv.status(), 200);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the Embed dialog: tabs by arrow keys, each copies its own code', SLOW, async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  try {
    const { page, errors } = await open(context, '?chart=returns&theme=dark');
    await ready(page);
    await page.click('#embed-open');
    await page.waitForSelector('#etab-image');
    await page.waitForFunction(() => document.getElementById('embed-code').dataset.measured);
    const names = ['iframe', 'component', 'oembed', 'amp', 'image'];
    await page.focus('#etab-iframe');
    for (let i = 0; i < names.length; i += 1) {
      const name = names[i];
      await eventually(async () =>
        assert.deepEqual(
          await page.evaluate(() => ({
            focused: document.activeElement.id,
            selected: [...document.querySelectorAll('[role=tab][data-embed][aria-selected=true]')].map((t) => t.id),
            shown: [...document.querySelectorAll('.embed-panel')].filter((p) => !p.hidden).map((p) => p.id),
          })),
          { focused: `etab-${name}`, selected: [`etab-${name}`], shown: [`epanel-${name}`] },
        ),
      );
      const code = await page.inputValue(`#epanel-${name} textarea`);
      assert.ok(code.length > 20, `${name}: ${code}`);
      await page.click('#embed-copy');
      await page.waitForFunction(() => document.getElementById('embed-status').textContent === 'Code copied');
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code, name);
      if (name === 'amp') await page.screenshot({ path: `${OUTPUT}embed-amp-1280.png` });
      await page.focus(`#etab-${name}`);
      await page.keyboard.press('ArrowRight');
    }
    // Past the last tab, the first; End and Home.
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'etab-iframe'));
    await page.keyboard.press('End');
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'etab-image'));

    const snippet = (name) => page.inputValue(`#embed-code-${name}`);
    assert.equal(
      await snippet('component'),
      `<script type="module" src="${new URL('coalition-infographic.js', BASE_URL).href}"></script>\n` +
        '<coalition-infographic chart="returns" theme="dark"></coalition-infographic>',
    );
    assert.equal(await snippet('oembed'), new URL('returns/', BASE_URL).href);
    const amp = await snippet('amp');
    assert.match(amp, /^<amp-iframe src="[^"]+&amp;host=amp" title="[^"]+" height="\d+" layout="fixed-height" resizable /);
    assert.match(amp, /<amp-img placeholder layout="fill" src="[^"]+\/img\/returns-dark\.png"/);
    assert.match(amp, /<div overflow tabindex="0" role="button"/);
    const image = await snippet('image');
    assert.match(image, /^<a href="[^"]+\/returns\/"><img src="[^"]+\/img\/returns-dark\.png" width="600" alt="[^"<]+"/);
    assert.match(image, /<p>Source: U\.S\. Department of State, /);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** The `src` attribute of the first element in `code` that has one, decoded. */
function srcOf(code) {
  const match = /src="([^"]+)"/.exec(code);
  assert.ok(match, code);
  return match[1].replaceAll('&amp;', '&');
}

test('the AMP code: its page posts AMP’s embed-size message to its host; the email picture is a PNG', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const { page } = await open(context, '?chart=liberation');
    await ready(page);
    await page.click('#embed-open');
    await page.waitForFunction(() => document.getElementById('embed-code')?.dataset.measured);
    await page.waitForFunction(() => document.getElementById('embed-code-amp')?.value.length > 0);
    const amp = await page.inputValue('#embed-code-amp');
    const image = await page.inputValue('#embed-code-image');

    // A host on another origin than the site, as AMP requires, framing the snippet's address
    // as amp-iframe does; it records the messages its frame posts.
    const frameSrc = srcOf(amp);
    const hostPage = await context.newPage();
    await hostPage.setContent(
      `<!doctype html><title>AMP host</title><script>window.seen = [];
        addEventListener('message', (e) => window.seen.push(e.data));</script>
        <iframe src="${frameSrc.replaceAll('&', '&amp;')}" width="640" height="300"
          sandbox="allow-scripts allow-same-origin allow-popups"></iframe>`,
    );
    const message = await hostPage.waitForFunction(() =>
      window.seen.find((m) => m && m.sentinel === 'amp' && m.type === 'embed-size'),
    );
    const { height, sentinel, type } = await message.jsonValue();
    assert.equal(sentinel, 'amp');
    assert.equal(type, 'embed-size');
    assert.ok(Number.isFinite(height) && height > 200, `height ${height}`);

    // A frame not made by the AMP code does not send it.
    const plain = await context.newPage();
    await plain.setContent(
      `<!doctype html><script>window.seen = []; addEventListener('message', (e) => window.seen.push(e.data));</script>
        <iframe src="${new URL('?chart=liberation&embed=1', BASE_URL).href.replaceAll('&', '&amp;')}"></iframe>`,
    );
    await plain.waitForFunction(() => window.seen.some((m) => m?.type === 'coalition-infographic:height'));
    assert.equal(await plain.evaluate(() => window.seen.filter((m) => m?.sentinel === 'amp').length), 0);

    // The email code's picture, and the AMP placeholder's, answer as PNG files.
    for (const url of [srcOf(image), /amp-img[^>]+src="([^"]+)"/.exec(amp)[1]]) {
      const response = await context.request.get(url);
      assert.equal(response.status(), 200, url);
      assert.equal(response.headers()['content-type'], 'image/png', url);
      const bytes = await response.body();
      assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'PNG signature');
      // Twice the 600 CSS pixels it is shown at.
      assert.equal(bytes.readUInt32BE(16), 1200);
    }
  } finally {
    await context.close();
  }
});

test('Reuse this work names the licences and the public domain, and its downloads answer', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const { page } = await open(context, '');
    assert.equal(await page.locator('#reuse .more-fallback a').getAttribute('href'), `v/${CURRENT}/#reuse`);
    await page.click('#reuse summary');
    await page.locator('#reuse li').first().waitFor();
    const text = await page.locator('#reuse').textContent();
    assert.match(text, /public domain/);
    assert.match(text, /MIT licence/);
    assert.match(text, /SIL Open Font License/);
    assert.match(text, /charts and tables on these pages and in the SVG and PNG downloads are under the Creative Commons Attribution 4\.0 licence/);
    const links = await page.locator('#reuse li a').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(links.includes('https://creativecommons.org/licenses/by/4.0/'), links.join(' '));
    // The site's own files must answer; the licence's deed is on another site, off this network.
    const own = links.filter((link) => link.startsWith(BASE_URL));
    assert.ok(own.length >= 5);
    for (const link of own) {
      const response = await context.request.get(link);
      assert.equal(response.status(), 200, link);
    }
  } finally {
    await context.close();
  }
});
