// The annotated source: the post's whole text, under the site's CSP, with every charted
// figure's words highlighted and linked to its chart and table row (and back from them), every
// uncharted mention underlined with its reason, reachable by keyboard and clean under axe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

import { BASE_URL, eventually, fileBrowser, openPage } from './browser.mjs';

const SLOW = { timeout: 120_000 };
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TEXT = readFileSync(new URL('../../data/source.txt', import.meta.url), 'utf8');
const dataset = JSON.parse(readFileSync(new URL('../../data/coalition-2017.json', import.meta.url), 'utf8'));

const browser = await fileBrowser(OUTPUT);

const normalise = (text) => text.replace(/\s+/g, ' ').trim();

test('the whole text, each figure and mention marked, no CSP violation', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const { page, errors } = await openPage(context, 'source/');
    await page.waitForSelector('.src-text');
    // Every line of the post is there, in order, once the links and note numbers are set aside.
    const shown = await page.$$eval('.src-text p', (ps) =>
      ps.map((p) => {
        const copy = p.cloneNode(true);
        copy.querySelectorAll('.src-links, .src-note').forEach((n) => n.remove());
        return copy.textContent;
      }),
    );
    const lines = TEXT.split('\n').filter((l) => l.trim() !== '');
    assert.deepEqual(shown.map(normalise), lines.map(normalise));

    const marked = await page.$$eval('.src-text mark.src-figure', (ms) => ms.map((m) => m.textContent));
    // A quote that another one overlaps is split into adjacent marks, which join with nothing between.
    const all = normalise(marked.join(''));
    for (const figure of dataset.figures.filter((f) => f.quote)) {
      assert.ok(all.includes(normalise(figure.quote)), `${figure.id}'s quote is highlighted`);
      assert.equal(await page.locator(`#source-${figure.id}`).count(), 1, `${figure.id} has an anchor`);
    }
    const notes = await page.$$eval('.src-mentions li', (lis) => lis.map((li) => li.textContent));
    assert.equal(notes.length, dataset.uncharted.length);
    dataset.uncharted.forEach((m, i) => {
      assert.ok(normalise(notes[i]).includes(normalise(m.quote)), `mention ${i + 1} quoted`);
      assert.ok(notes[i].includes(m.why), `mention ${i + 1} says why`);
    });
    assert.deepEqual(errors, []);
    await page.screenshot({ path: `${OUTPUT}source-1280.png`, fullPage: true });
  } finally {
    await context.close();
  }
});

test('a figure links from the text to its chart and back', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  try {
    const { page, errors } = await openPage(context, 'source/');
    // From the text to the chart, by keyboard: the link's focus and Enter.
    const link = page.locator('a[href="../returns/?focus=raqqa-returned"]');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/returns\/\?focus=raqqa-returned$/);
    await page.waitForFunction(() => document.querySelector('canvas[data-chart="returns"]')?.dataset.drawn);
    await eventually(async () =>
      assert.match(
        await page.$eval('#panel-returns .ci-tooltip:not([hidden])', (t) => t.textContent),
        /returned home/,
      ),
    );
    // The pinned details link back to the words they quote.
    const inText = page.locator('#panel-returns .ci-tooltip:not([hidden]) a.ci-tooltip-source');
    await inText.waitFor({ state: 'visible' });
    assert.match(await inText.getAttribute('href'), /(^|\/)source\/#source-raqqa-returned$/);
    // And the table row links back to the words it comes from.
    const back = page.locator('#row-raqqa-returned a[href$="source/#source-raqqa-returned"]');
    assert.equal(await back.count(), 1, 'the table row links to its place in the text');
    await back.click();
    await page.waitForURL(/\/source\/#source-raqqa-returned$/);
    const target = await page.$eval(':target', (el) => el.id);
    assert.equal(target, 'source-raqqa-returned');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

for (const colorScheme of ['light', 'dark']) {
  test(`axe finds no WCAG 2.2 AA violation on the annotated source (${colorScheme}, 360 px)`, SLOW, async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme, bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto(new URL('source/', BASE_URL).href);
      await page.addScriptTag({ content: AXE_SOURCE });
      const violations = await page.evaluate(() =>
        window.axe
          .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
          .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)),
      );
      assert.deepEqual(violations, []);
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      assert.ok(scrollWidth <= innerWidth, `no sideways scrolling: ${scrollWidth} > ${innerWidth}`);
      await page.screenshot({ path: `${OUTPUT}source-360-${colorScheme}.png` });
    } finally {
      await context.close();
    }
  });
}
