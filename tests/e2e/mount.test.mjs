// The JS module API on www/example.html: two independent mounts, set(), svg(), destroy()
// and re-mount, bad options and datasets that say what is wrong, and custom data whose
// labels are shown as text, never as markup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { fileContext, openPage } from './browser.mjs';

const SLOW = { timeout: 120_000 };
const shipped = JSON.parse(readFileSync(new URL('../../data/coalition-2017.json', import.meta.url), 'utf8'));

const context = await fileContext({ viewport: { width: 1000, height: 900 }, reducedMotion: 'reduce' });

async function openExample() {
  const opened = await openPage(context, 'example.html');
  await opened.page.waitForFunction(
    () => window.example && document.querySelectorAll('.ci-mount canvas[data-drawn]').length === 2,
  );
  return opened;
}

test('two mounts draw independently; set() changes one only', SLOW, async () => {
  const { page, errors } = await openExample();
  const before = await page.evaluate(() => [window.example.first.draws(), window.example.second.draws()]);
  await page.selectOption('#first-chart', 'returns');
  await page.waitForFunction((n) => window.example.first.draws() > n, before[0]);
  const [first, second, query] = await page.evaluate(() => [
    window.example.first.draws(),
    window.example.second.draws(),
    window.example.first.query(),
  ]);
  assert.ok(first > before[0]);
  assert.equal(second, before[1], 'the other chart did not redraw');
  assert.equal(query, 'chart=returns');
  assert.equal(await page.evaluate(() => window.example.second.query()), 'scale=log&theme=dark');
  assert.deepEqual(errors, []);
  await page.close();
});

test('svg() gives the drawing as a valid SVG document with its figures', SLOW, async () => {
  const { page } = await openExample();
  const result = await page.evaluate(() => {
    const text = window.example.second.svg();
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      ok: !doc.querySelector('parsererror') && doc.documentElement.nodeName === 'svg',
      text: doc.documentElement.textContent,
    };
  });
  assert.ok(result.ok, 'parses as SVG');
  for (const label of ['more than $22.2 billion', 'approximately $2 billion', 'Source: U.S. Department of State']) {
    assert.ok(result.text.includes(label), `SVG contains ${label}`);
  }
  await page.close();
});

test('destroy() removes the chart and its listeners; mounting again works', SLOW, async () => {
  const { page, errors } = await openExample();
  const state = await page.evaluate(async () => {
    const box = document.getElementById('first');
    const old = window.example.first;
    const canvas = box.querySelector('canvas');
    old.destroy();
    const afterDestroy = { children: box.children.length, tooltips: box.querySelectorAll('.ci-tooltip').length };
    const drawsBefore = old.draws();
    // Events that reached the old chart before must do nothing now.
    canvas.dispatchEvent(new PointerEvent('pointermove', { clientX: 300, clientY: 100 }));
    document.dispatchEvent(new PointerEvent('pointerdown'));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    const again = await window.example.mount(box, { chart: 'liberation' });
    return { afterDestroy, drawsBefore, drawsAfter: old.draws(), children: box.children.length, query: again.query() };
  });
  assert.deepEqual(state.afterDestroy, { children: 0, tooltips: 0 });
  assert.equal(state.drawsAfter, state.drawsBefore, 'a destroyed chart does not draw');
  assert.equal(state.children, 1);
  assert.equal(state.query, 'chart=liberation');
  await page.waitForFunction(() => document.querySelector('#first canvas[data-drawn]'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('bad options and datasets throw errors that name the field, and nothing goes blank', SLOW, async () => {
  const { page } = await openExample();
  const broken = structuredClone(shipped);
  broken.figures[0].value = 69;
  const wrongShape = structuredClone(shipped);
  wrongShape.figures[2].unit = 'furlongs';
  const messages = await page.evaluate(async ([broken, wrongShape]) => {
    const out = [];
    for (const options of [
      { chart: 'pie' },
      { colour: 'red' },
      { scale: 2 },
      { theme: 'sepia' },
      { focus: '<b>' },
      'funding',
      { data: broken },
      { data: wrongShape },
      { data: { source: {}, figures: [] } },
    ]) {
      try {
        (await window.example.mount(document.createElement('div'), options)).destroy();
        out.push('accepted');
      } catch (err) {
        out.push(err.message);
      }
    }
    return out;
  }, [broken, wrongShape]);
  assert.match(messages[0], /^chart: "pie" is not one of funding, liberation, returns/);
  assert.match(messages[1], /^"colour" is not an option; allowed: chart, scale, theme, focus, data/);
  assert.match(messages[2], /^scale: expected a string, got number/);
  assert.match(messages[3], /^theme: "sepia" is not one of auto, light, dark/);
  assert.match(messages[4], /^focus: /);
  assert.match(messages[5], /^options: expected an object/);
  assert.match(messages[6], /^data: figures\[0\]\.value: is 69 but the written form '68-member' says 68/);
  assert.match(messages[7], /^data: figures\[2\]\.unit: unknown variant `furlongs`/);
  assert.match(messages[8], /^data: source: missing field `title`/);
  // The page's own charts are still there and drawn.
  assert.equal(await page.locator('.ci-mount canvas[data-drawn]').count(), 2);
  await page.close();
});

test('custom data: markup in labels and quotes is shown as text', SLOW, async () => {
  const { page, errors } = await openExample();
  const hostile = structuredClone(shipped);
  const f = hostile.figures.find((x) => x.id === 'funding-provided');
  f.short_label = '<img src=x onerror="window.__pwned=1">';
  f.label = '</script><script>window.__pwned=2</script>';
  f.quote = `<img src=x onerror="window.__pwned=3"> ${f.written} <b>bold</b>`;
  // The period's relative words ("Since 2014") were in the replaced quote.
  delete f.when;
  const result = await page.evaluate(async (data) => {
    const box = document.getElementById('second');
    const chart = await window.example.mount(box, { chart: 'funding', data });
    const canvas = box.querySelectorAll('canvas')[1];
    await new Promise((resolve) => {
      const check = () => (canvas.dataset.drawn ? resolve() : requestAnimationFrame(check));
      check();
    });
    const [mark] = chart.layout().marks;
    return { svg: chart.svg(), label: canvas.getAttribute('aria-label'), mark };
  }, hostile);
  assert.ok(result.svg.includes('&lt;img src=x'), 'SVG escapes the label');
  assert.ok(!result.svg.includes('<img'), 'no raw markup in the SVG');
  // The aria-label names each figure by its full label.
  assert.ok(result.label.includes('</script><script>window.__pwned=2'), 'the aria-label keeps the text as text');
  // Hover the bar: the tooltip shows the markup as characters.
  const canvas = page.locator('#second canvas').nth(1);
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  const { bar } = result.mark;
  await page.mouse.move(box.x + bar.x + bar.w / 2, box.y + bar.y + bar.h / 2);
  const tip = await page.waitForFunction(() => {
    const t = [...document.querySelectorAll('#second .ci-tooltip')].find((x) => !x.hidden);
    return t ? t.textContent : false;
  });
  const text = await tip.jsonValue();
  assert.ok(text.includes('</script><script>window.__pwned=2</script>'), text);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no markup ran');
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no element was created');
  assert.deepEqual(errors, []);
  await page.close();
});

test('set({ chart }) describes the new chart; the key hint and live region stay unseen in any host', SLOW, async () => {
  const { page, errors } = await openExample();
  // A host page without the site's stylesheet: what the chart adds must not show as text.
  await page.evaluate(() => document.querySelector('link[rel="stylesheet"]').remove());
  const state = await page.evaluate(async () => {
    const box = document.createElement('div');
    box.id = 'plain-host';
    document.querySelector('main').append(box);
    const chart = await window.example.mount(box, { chart: 'funding' });
    window.plain = chart;
    const canvas = box.querySelector('canvas');
    const before = canvas.getAttribute('aria-label');
    chart.set({ chart: 'returns' });
    const hint = document.getElementById(canvas.getAttribute('aria-describedby'));
    const live = box.querySelector('.ci-live');
    const shown = (el) => {
      const r = el.getBoundingClientRect();
      return el.getClientRects().length > 0 && r.width > 1 && r.height > 1;
    };
    return {
      before,
      after: canvas.getAttribute('aria-label'),
      hint: hint?.textContent ?? '',
      hintShown: shown(hint),
      liveShown: shown(live),
      visibleText: box.innerText.trim(),
    };
  });
  assert.ok(state.before.includes('$22.2 billion'), state.before);
  assert.ok(state.after.includes('35,000') && !state.after.includes('$22.2 billion'), `the label follows the chart: ${state.after}`);
  assert.match(state.hint, /arrow keys/, 'the hint is still the canvas description');
  assert.equal(state.hintShown, false, 'the hint is not shown');
  assert.equal(state.liveShown, false, 'the live region is not shown');
  assert.equal(state.visibleText, '', `no text of the chart's shows in the host: "${state.visibleText}"`);
  // Keyboard focus speaks through the live region, still unseen.
  await page.focus('#plain-host canvas');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#plain-host .ci-live').textContent.length > 0);
  assert.equal(
    await page.evaluate(() => document.querySelector('#plain-host .ci-live').getBoundingClientRect().width <= 1),
    true,
  );
  assert.deepEqual(errors, []);
  await page.close();
});
