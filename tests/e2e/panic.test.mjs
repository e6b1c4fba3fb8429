// A panic in the WebAssembly reaches the page as a `coalition-panic` event (the Rust panic
// hook's report is tested in tests/web_panic.rs): the page shows the message as text in the
// error panel, hides the broken charts, and the tables and tabs keep working.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { eventually, launchBrowser, openPage } from './browser.mjs';

const SLOW = { timeout: 120_000 };
let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('a panic shows a readable error, as text, and the rest of the page works', SLOW, async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page } = await openPage(context, '?chart=liberation&scale=log');
  await page.waitForSelector('#panel-liberation canvas[data-drawn]');
  const before = page.url();
  await page.evaluate(() =>
    window.dispatchEvent(
      new CustomEvent('coalition-panic', { detail: 'The chart stopped working: <img src=x onerror=alert(1)>' }),
    ),
  );
  const panel = page.locator('#error');
  await panel.waitFor({ state: 'visible' });
  assert.match(await panel.textContent(), /The chart stopped working: <img src=x onerror=alert\(1\)>/);
  assert.equal(await page.locator('#error img').count(), 0, 'the message is text, not markup');
  assert.equal(await page.locator('#panel-liberation .chart-box').isVisible(), false, 'the broken chart is hidden');
  assert.ok(await page.locator('#panel-liberation table').isVisible(), 'its table stays');
  await page.click('#tab-returns');
  await page.locator('#panel-returns table').waitFor({ state: 'visible' });
  await eventually(async () => assert.equal(new URL(page.url()).searchParams.get('chart'), 'returns', 'the link follows the tab'));
  assert.equal(new URL(page.url()).searchParams.get('scale'), new URL(before).searchParams.get('scale'), 'the view in the link is kept');
  await context.close();
});
