// ?data=ADDRESS: a dataset from this site instead of the release's. A good one replaces the
// charts' figures and says so; a missing, foreign or invalid one says which address and why,
// keeps the release's figures on screen and leaves the address in the link as it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { BASE_URL, eventually, fileContext, openPage } from './browser.mjs';

const SLOW = { timeout: 120_000 };
const shipped = JSON.parse(readFileSync(new URL('../../data/coalition-2017.json', import.meta.url), 'utf8'));

const context = await fileContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });

/** Opens the page with `data=name`, answering requests for `name` with `body` (or 404). */
async function openWith(name, body) {
  const requested = [];
  await context.route(`**/${name}`, (route) => {
    requested.push(route.request().url());
    return body === undefined
      ? route.fulfill({ status: 404, body: 'not here' })
      : route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  });
  const opened = await openPage(context, `?data=${encodeURIComponent(name)}`);
  await opened.page.waitForSelector('#data-notice');
  await opened.page.waitForSelector('#panel-funding canvas[data-drawn]');
  await context.unroute(`**/${name}`);
  return { ...opened, requested };
}

const noticeOf = (page) => page.locator('#data-notice').textContent();

test('a dataset from this site replaces the figures and says so', SLOW, async () => {
  const data = structuredClone(shipped);
  data.figures.find((f) => f.id === 'funding-provided').short_label = 'Provided (custom label)';
  const { page, errors } = await openWith('custom-figures.json', data);
  // The notice, the hidden figures and the redrawn chart follow the dataset's arrival.
  await eventually(async () => assert.match(await noticeOf(page), /from “\/custom-figures\.json”, not from the release/));
  await page.locator('.key-figures-section').waitFor({ state: 'hidden' });
  await eventually(async () => {
    const layout = await page.evaluate(() => document.querySelector('#panel-funding canvas').chartHandle.svg());
    assert.ok(layout.includes('Provided (custom label)'), 'the chart shows the custom dataset');
  });
  assert.ok(page.url().includes('data=custom-figures.json'), 'the link keeps the data address');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a missing dataset names the address and the reason, and keeps the release on screen', SLOW, async () => {
  const { page } = await openWith('missing.json', undefined);
  const notice = await eventually(async () => {
    const text = await noticeOf(page);
    assert.match(text, /Could not load the data at “\/missing\.json”: the server answered 404/);
    return text;
  });
  assert.match(notice, /Showing the release’s figures/);
  const svg = await page.evaluate(() => document.querySelector('#panel-funding canvas').chartHandle.svg());
  assert.ok(svg.includes('more than $22.2 billion'));
  assert.ok(await page.locator('.key-figures-section').isVisible());
  assert.ok(page.url().includes('data=missing.json'), 'the link is not rewritten by the error');
  await page.close();
});

test('an invalid dataset names the bad field', SLOW, async () => {
  const data = structuredClone(shipped);
  data.figures[0].value = 69;
  const { page } = await openWith('invalid.json', data);
  await eventually(async () =>
    assert.match(
      await noticeOf(page),
      /Could not use the data at “\/invalid\.json”: the dataset was refused, “data: figures\[0\]\.value: is 69/,
    ),
  );
  await page.close();
});

test('data on another site is refused without fetching it', SLOW, async () => {
  // Heard from before the page opens: it may ask for a dataset while it is still loading, and
  // a listener added once it has loaded would not hear that request.
  const requests = [];
  const record = (r) => requests.push(r.url());
  context.on('request', record);
  try {
    const { page } = await openPage(context, `?data=${encodeURIComponent('https://example.org/x.json')}`);
    await page.waitForSelector('#data-notice');
    await eventually(async () =>
      assert.match(
        await noticeOf(page),
        /Not using the dataset this link names, “https:\/\/example\.org\/x\.json”: it is not on this site, and only data on this site/,
      ),
    );
    assert.ok(requests.length > 0, 'the page\'s requests were heard');
    assert.ok(!requests.some((u) => u.startsWith('https://example.org')), requests.join('\n'));
    assert.ok(new URL(page.url()).origin === new URL(BASE_URL).origin);
    await page.close();
  } finally {
    context.off('request', record);
  }
});
