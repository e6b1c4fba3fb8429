// Sharing and embedding: the address holds the whole view and a reload shows it again, pixel
// for pixel; back and forward step through the charts; Copy link and the Embed dialog put the
// right text on the clipboard; ?embed=1 shows one chart without the page around it; a host
// page's frames fit their content and ignore forged messages; bad parameters only warn.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { BASE_URL, embedDialogReady, eventually, fileBrowser } from './browser.mjs';

const DESKTOP = { width: 1280, height: 900 };
// Generous: the first load compiles the wasm, which is slow on a busy CI machine.
const SLOW = { timeout: 120_000 };
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));
const HEIGHT_MESSAGE = 'coalition-infographic:height';
const { figures } = JSON.parse(readFileSync(new URL('../../data/coalition-2017.json', import.meta.url), 'utf8'));

const browser = await fileBrowser(OUTPUT);

/** A context without animation, so a settled canvas is the final drawing. */
function calmContext(options = {}) {
  return browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce', ...options });
}

/**
 * Opens `path` with console errors, warnings, page errors and dialogs recorded from the
 * first byte, since a bad address warns while the page starts.
 */
async function open(context, path) {
  const page = await context.newPage();
  const errors = [];
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
    if (message.type() === 'warning') warnings.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('dialog', async (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.goto(new URL(path, BASE_URL).href);
  return { page, errors, warnings };
}

/** Resolves once the chart has drawn and stayed the same for two animation frames. */
async function settled(page, chart) {
  await page.waitForFunction((name) => {
    const panel = document.getElementById('error');
    if (panel && !panel.hidden) throw new Error(`#error shows: ${panel.textContent}`);
    const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
    if (!canvas?.dataset.drawn) return false;
    const before = canvas.dataset.drawn;
    return new Promise((resolve) =>
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(canvas.dataset.drawn === before))),
    );
  }, chart);
}

/** Everything a reader sees of the view, apart from the pixels. */
function viewState(page) {
  return page.evaluate(() => {
    const checked = (name) => document.querySelector(`input[name="${name}"]:checked`)?.value;
    const tip = [...document.querySelectorAll('.ci-tooltip')].find((t) => !t.hidden);
    return {
      selected: [...document.querySelectorAll('[role=tab][data-chart]')]
        .filter((tab) => tab.getAttribute('aria-selected') === 'true')
        .map((tab) => tab.dataset.chart),
      shown: [...document.querySelectorAll('[role=tabpanel]')].filter((p) => !p.hidden).map((p) => p.id),
      scale: checked('scale'),
      display: checked('display'),
      theme: checked('theme'),
      dataTheme: document.documentElement.dataset.theme ?? null,
      dataDisplay: document.documentElement.dataset.display ?? null,
      embed: document.documentElement.dataset.embed !== undefined,
      tooltip: tip ? tip.textContent : null,
    };
  });
}

const pixels = (page, chart) =>
  page.$eval(`canvas[data-chart="${chart}"]`, (canvas) => canvas.toDataURL());

/**
 * The embed code's tags and attributes, read here rather than by the page: a DOMParser in
 * the page would report the style attribute as a CSP violation.
 */
function parseSnippet(html) {
  const match = html.match(/^<iframe ([^<>]*)><\/iframe>\n<script ([^<>]*)><\/script>$/);
  assert.ok(match, `one frame and one script: ${html}`);
  const attributes = (text) => {
    const out = {};
    for (const [, name, value] of text.matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) {
      out[name] = (value ?? '').replace(/&quot;|&lt;|&gt;|&#39;|&amp;/g, (e) => ({ '&quot;': '"', '&lt;': '<', '&gt;': '>', '&#39;': "'", '&amp;': '&' })[e]);
    }
    return out;
  };
  const frame = attributes(match[1]);
  const script = attributes(match[2]);
  return {
    src: frame.src,
    title: frame.title,
    loading: frame.loading,
    marked: 'data-coalition-infographic' in frame,
    height: frame.height,
    script: script.src,
    async: 'async' in script,
  };
}

const address = (page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

test('every control is kept in the address, and a reload shows the same view', SLOW, async () => {
  const context = await calmContext();
  try {
    // Scale, colours and a figure chosen with the keyboard, on the funding chart.
    const { page, errors } = await open(context, '');
    await settled(page, 'funding');
    await page.check('#panel-funding input[name=scale][value=log]');
    await page.check('input[name=theme][value=dark]');
    const marks = await page.$eval('#panel-funding canvas', (c) => c.chartHandle.layout().marks);
    // The canvas comes just before its credit line's link in the keyboard's order.
    await page.focus('#panel-funding .chart-credit a');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.chart), 'funding');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const figure = marks[1].figure;
    await eventually(async () => assert.equal(address(page), `/?scale=log&theme=dark&focus=${figure}`));
    // Details pinned, keyboard focus elsewhere: what a reload of the link shows.
    await page.evaluate(() => document.activeElement.blur());
    await settled(page, 'funding');
    const shown = await viewState(page);
    assert.ok(shown.tooltip?.length > 0, 'the chosen figure keeps its details open');
    const drawn = await pixels(page, 'funding');

    await page.reload();
    await settled(page, 'funding');
    assert.equal(address(page), `/?scale=log&theme=dark&focus=${figure}`);
    // The pinned details open in a frame after the first drawing.
    await eventually(async () => assert.deepEqual(await viewState(page), shown));
    await eventually(async () => assert.equal(await pixels(page, 'funding'), drawn, 'the same pixels after a reload'));
    assert.deepEqual(errors, []);

    // Another chart, shown as its table.
    await page.goto(BASE_URL);
    await settled(page, 'funding');
    await page.click('#tab-returns');
    await settled(page, 'returns');
    await page.check('input[name=display][value=table]');
    await page.check('input[name=theme][value=light]');
    await eventually(async () => assert.equal(address(page), '/?chart=returns&display=table&theme=light'));
    const table = await viewState(page);
    await page.reload();
    await page.waitForFunction(() => document.documentElement.classList.contains('charts-ready'));
    await eventually(async () => assert.deepEqual(await viewState(page), table));
    assert.deepEqual(table.selected, ['returns']);
    assert.equal(await page.locator('#panel-returns table').isVisible(), true);
    assert.equal(await page.locator('#panel-returns .chart-box').isVisible(), false);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('back and forward step through the charts that were opened', SLOW, async () => {
  const context = await calmContext();
  try {
    const { page, errors } = await open(context, '');
    await settled(page, 'funding');
    await page.click('#tab-liberation');
    await settled(page, 'liberation');
    // Other controls replace the current entry rather than adding one.
    await page.check('input[name=theme][value=dark]');
    await page.click('#tab-returns');
    await settled(page, 'returns');
    const steps = [
      ['goBack', '/?chart=liberation&theme=dark', 'liberation', 'dark'],
      ['goBack', '/', 'funding', null],
      ['goForward', '/?chart=liberation&theme=dark', 'liberation', 'dark'],
      ['goForward', '/?chart=returns&theme=dark', 'returns', 'dark'],
    ];
    for (const [move, where, chart, theme] of steps) {
      await page[move]();
      await page.waitForFunction(
        (name) => document.querySelector(`[role=tab][data-chart="${name}"]`).getAttribute('aria-selected') === 'true',
        chart,
      );
      await settled(page, chart);
      assert.equal(address(page), where, `${move} to ${where}`);
      const state = await viewState(page);
      assert.deepEqual([state.selected, state.shown, state.dataTheme], [[chart], [`panel-${chart}`], theme]);
    }

    // On a chart's own page the chart is in the path, and back returns to the first page.
    await page.goto(new URL('funding/', BASE_URL).href);
    await settled(page, 'funding');
    await page.click('#tab-liberation');
    await settled(page, 'liberation');
    await eventually(async () => assert.equal(address(page), '/liberation/'));
    await page.goBack();
    await page.waitForFunction(() => document.getElementById('tab-funding').getAttribute('aria-selected') === 'true');
    await eventually(async () => assert.equal(address(page), '/funding/'));
    await eventually(async () => assert.deepEqual((await viewState(page)).shown, ['panel-funding']));
    await page.goForward();
    await page.waitForFunction(() => document.getElementById('tab-liberation').getAttribute('aria-selected') === 'true');
    await eventually(async () => assert.equal(address(page), '/liberation/'));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Copy link puts the chart page of the view on the clipboard', SLOW, async () => {
  const context = await calmContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    for (const [path, chart, expected] of [
      ['?chart=liberation&theme=dark&scale=log', 'liberation', 'liberation/?scale=log&theme=dark'],
      ['', 'funding', 'funding/'],
      ['returns/?display=table', 'returns', 'returns/?display=table'],
    ]) {
      const { page, errors } = await open(context, path);
      await page.waitForFunction(() => document.documentElement.classList.contains('charts-ready'));
      if (!path.includes('display=table')) await settled(page, chart);
      await page.click('#copy-link');
      await page.waitForFunction(() => document.getElementById('share-status').textContent === 'Link copied');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, new URL(expected, BASE_URL).href, path);
      assert.equal(await page.locator('#share-fallback').isVisible(), false);
      assert.deepEqual(errors, []);
      if (path === '') await page.locator('section.charts').screenshot({ path: `${OUTPUT}share-bar.png` });
      await page.close();
    }
  } finally {
    await context.close();
  }
});

test('without clipboard access the link is shown selected, with the keys to copy it', SLOW, async () => {
  const context = await calmContext();
  try {
    const { page, errors } = await open(context, '?chart=returns&theme=dark');
    await settled(page, 'returns');
    await page.evaluate(() => {
      Object.defineProperty(navigator.clipboard, 'writeText', {
        value: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
      });
    });
    await page.click('#copy-link');
    await page.waitForFunction(() => document.getElementById('share-status').textContent === 'Press Ctrl+C / ⌘C to copy');
    const field = await page.evaluate(() => {
      const input = document.getElementById('share-url');
      return {
        value: input.value,
        focused: document.activeElement === input,
        selected: input.value.slice(input.selectionStart, input.selectionEnd),
      };
    });
    const url = new URL('returns/?theme=dark', BASE_URL).href;
    assert.deepEqual(field, { value: url, focused: true, selected: url });
    assert.equal(await page.locator('#share-url').isVisible(), true);
    await page.locator('section.charts').screenshot({ path: `${OUTPUT}share-fallback.png` });
    // A changed view makes the shown link stale, so it goes.
    await page.check('input[name=theme][value=light]');
    await page.locator('#share-fallback').waitFor({ state: 'hidden' });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the Embed dialog gives a frame for the current view, and Escape closes it', SLOW, async () => {
  const context = await calmContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    const { page, errors } = await open(context, '?chart=liberation&theme=dark');
    await settled(page, 'liberation');
    await page.click('#embed-open');
    const dialog = page.locator('#embed-dialog');
    await page.waitForFunction(() => document.getElementById('embed-dialog').open);
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'embed-code'));
    // The frame's height is measured at a phone's width in a hidden frame first.
    await page.waitForFunction(() => document.getElementById('embed-code').dataset.measured);
    const snippet = await page.inputValue('#embed-code');
    const parsed = parseSnippet(snippet);
    const heading = (await page.textContent('#panel-liberation h3')).trim();
    assert.deepEqual(parsed, {
      src: new URL('?chart=liberation&theme=dark&embed=1', BASE_URL).href,
      title: `${heading} — Coalition Infographic`,
      loading: 'lazy',
      marked: true,
      height: parsed.height,
      script: new URL('embed.js', BASE_URL).href,
      async: true,
    });
    assert.match(parsed.height, /^[1-9]\d{2,3}$/);
    assert.equal(await dialog.getAttribute('aria-labelledby'), 'embed-dialog-title');
    await page.screenshot({ path: `${OUTPUT}embed-dialog-1280.png` });

    await page.click('#embed-copy');
    await page.waitForFunction(() => document.getElementById('embed-status').textContent === 'Code copied');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippet);

    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.getElementById('embed-dialog').open);
    await eventually(async () =>
      assert.equal(await page.evaluate(() => document.activeElement.id), 'embed-open', 'focus returns to the button'),
    );

    // The pieces the dialog is made of, with hostile input.
    const built = await page.evaluate(async () => {
      const m = await import(new URL('main.js', document.baseURI).href);
      return {
        escaped: m.escapeAttribute(`"><script>&'`),
        share: m.shareUrl('funding', '', 'https://example.org/c/'),
        shareRest: m.shareUrl('returns', 'chart=returns&scale=log&embed=1', 'https://example.org/c/'),
        sharePlain: m.shareUrl('returns', 'chart=returns&embed=1', 'https://example.org/c/', false),
        embed: m.embedUrl('funding', 'focus=funding-provided', 'https://example.org/c/'),
        snippet: m.embedSnippet({ src: 'https://e.org/?a=1&b="2"', title: 'A "B" <C>', height: 480.4, script: 'https://e.org/embed.js' }),
      };
    });
    assert.deepEqual(built, {
      escaped: '&quot;&gt;&lt;script&gt;&amp;&#39;',
      share: 'https://example.org/c/funding/',
      shareRest: 'https://example.org/c/returns/?scale=log',
      sharePlain: 'https://example.org/c/?chart=returns',
      embed: 'https://example.org/c/?chart=funding&focus=funding-provided&embed=1',
      snippet:
        '<iframe src="https://e.org/?a=1&amp;b=&quot;2&quot;" title="A &quot;B&quot; &lt;C&gt;" loading="lazy"' +
        ' data-coalition-infographic width="100%" height="480" style="border:0"></iframe>\n' +
        '<script src="https://e.org/embed.js" async></script>',
    });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the share bar and the Embed dialog on a phone, in both colour schemes', SLOW, async () => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await calmContext({ viewport: { width: 360, height: 740 }, colorScheme });
    try {
      const { page, errors } = await open(context, '?chart=returns');
      await settled(page, 'returns');
      await page.locator('#copy-link').scrollIntoViewIfNeeded();
      const { scrollWidth, innerWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      assert.ok(scrollWidth <= innerWidth, `no sideways scrolling: ${scrollWidth} > ${innerWidth}`);
      await page.screenshot({ path: `${OUTPUT}share-bar-360-${colorScheme}.png` });
      await page.click('#embed-open');
      await page.waitForFunction(() => document.getElementById('embed-dialog').open);
      // Its tabs, their stylesheet and the measured code arrive after it opens, and change its size.
      await embedDialogReady(page);
      const box = await page.locator('#embed-dialog').boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= 360, `the dialog fits: ${JSON.stringify(box)}`);
      await page.screenshot({ path: `${OUTPUT}embed-dialog-360-${colorScheme}.png` });
      await page.click('#embed-close');
      await page.waitForFunction(() => !document.getElementById('embed-dialog').open);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('?embed=1 shows one chart and a link to the full view, and nothing else', SLOW, async () => {
  const context = await calmContext({ viewport: { width: 600, height: 900 } });
  try {
    const { page, errors } = await open(context, '?chart=returns&embed=1');
    await settled(page, 'returns');
    const visible = async (selector) => {
      const all = await page.locator(selector).all();
      const shown = await Promise.all(all.map((l) => l.isVisible()));
      return shown.some(Boolean);
    };
    for (const selector of [
      '.site-header',
      '.key-figures-section',
      '[role=tablist]',
      '.view-controls',
      '.share',
      '.sources',
      '.site-footer',
      'table',
      '#panel-funding',
      '#panel-liberation',
    ]) {
      assert.equal(await visible(selector), false, `${selector} is hidden`);
    }
    // The notes stay in sight: they say the two panels are not drawn to one scale.
    const notes = page.locator('#panel-returns figcaption .chart-notes');
    assert.ok(await notes.isVisible(), 'the chart notes are visible when embedded');
    assert.match(await notes.textContent(), /separate axes/);
    assert.equal(await visible('#panel-returns canvas'), true);
    const link = page.locator('#full-view-link');
    assert.equal(await link.isVisible(), true);
    assert.equal(await link.textContent(), 'Open the full infographic');
    assert.equal(await link.evaluate((a) => a.href), new URL('returns/', BASE_URL).href);
    // Still a described image that the keyboard reaches and explores.
    const canvas = page.locator('#panel-returns canvas');
    assert.ok((await canvas.getAttribute('aria-label')).length > 40);
    for (let i = 0; i < 5 && !(await canvas.evaluate((c) => c === document.activeElement)); i += 1) {
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement.dataset.chart), 'returns');
    await page.waitForSelector('#panel-returns .ci-tooltip:not([hidden])');
    await page.keyboard.press('Escape');
    await page.screenshot({ path: `${OUTPUT}embed-600-focused.png` });
    await page.evaluate(() => document.activeElement.blur());
    // The page is the chart, its notes and its link: not much taller than the canvas.
    const sizes = await page.evaluate(() => ({
      page: document.documentElement.getBoundingClientRect().height,
      canvas: document.querySelector('#panel-returns canvas').getBoundingClientRect().height,
    }));
    assert.ok(sizes.page - sizes.canvas < 200, JSON.stringify(sizes));
    await page.screenshot({ path: `${OUTPUT}embed-600.png`, fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a host page fits each frame to its chart and ignores forged messages', SLOW, async () => {
  const context = await calmContext({ viewport: { width: 1000, height: 900 } });
  try {
    const { page, errors } = await open(context, 'embed-example.html');
    // The frames load lazily, when they come near the window.
    for (const frame of await page.locator('iframe[data-coalition-infographic]').all()) {
      await frame.scrollIntoViewIfNeeded();
    }
    const fitted = () =>
      page.waitForFunction(() => {
        const frames = [...document.querySelectorAll('iframe[data-coalition-infographic]')];
        return (
          frames.length === 2 &&
          frames.every((frame) => {
            const doc = frame.contentDocument;
            if (!doc?.querySelector('canvas[data-drawn]')) return false;
            const content = doc.documentElement.getBoundingClientRect().height;
            return frame.style.height !== '' && Math.abs(frame.getBoundingClientRect().height - content) <= 2;
          })
        );
      });
    await fitted();
    const themes = await page.$$eval('iframe', (frames) =>
      frames.map((f) => f.contentDocument.documentElement.dataset.theme ?? 'auto'),
    );
    assert.deepEqual(themes, ['auto', 'dark']);
    await page.screenshot({ path: `${OUTPUT}embed-host.png`, fullPage: true });

    const verdicts = await page.evaluate((type) => {
      const frame = document.querySelector('iframe[data-coalition-infographic]');
      const before = frame.style.height;
      const origin = new URL(frame.src).origin;
      const source = frame.contentWindow;
      const good = { type, height: 321 };
      const forged = {
        'from this page (same origin, wrong window)': { data: good, origin, source: window },
        'from the frame, another origin': { data: good, origin: 'https://attacker.example', source },
        'height as a string': { data: { type, height: '321' }, origin, source },
        'height not finite': { data: { type, height: Infinity }, origin, source },
        'height NaN': { data: { type, height: NaN }, origin, source },
        'height too small': { data: { type, height: 10 }, origin, source },
        'height too large': { data: { type, height: 100000 }, origin, source },
        'another type': { data: { type: 'resize', height: 321 }, origin, source },
        'an extra key': { data: { type, height: 321, style: 'display:none' }, origin, source },
        'an id that is not text': { data: { type, height: 321, id: {} }, origin, source },
        'a string': { data: type, origin, source },
        'an array': { data: [type, 321], origin, source },
        'no data': { data: null, origin, source },
      };
      const accepted = Object.entries(forged)
        .filter(([, init]) => {
          window.dispatchEvent(new MessageEvent('message', init));
          const changed = frame.style.height !== before;
          frame.style.height = before;
          return changed;
        })
        .map(([name]) => name);
      window.dispatchEvent(new MessageEvent('message', { data: { ...good, id: 'x' }, origin, source }));
      return { accepted, control: frame.style.height };
    }, HEIGHT_MESSAGE);
    assert.deepEqual(verdicts, { accepted: [], control: '321px' }, 'only the well-formed message counts');

    // A real message posted by the host page itself reaches the listener and is refused.
    const resized = await page.evaluate(async (type) => {
      const frame = document.querySelector('iframe[data-coalition-infographic]');
      frame.style.height = '400px';
      // Messages from one window to another arrive in order: once the second is here, the
      // forged first one has been handled.
      const done = new Promise((resolve) => {
        window.addEventListener('message', (e) => e.data === 'done' && resolve());
      });
      window.postMessage({ type, height: 222 }, '*');
      window.postMessage('done', '*');
      await done;
      return frame.style.height;
    }, HEIGHT_MESSAGE);
    assert.equal(resized, '400px');

    // Asked again, the frame reports its real height, and fits once more.
    await page.evaluate(() => {
      const frame = document.querySelector('iframe[data-coalition-infographic]');
      frame.contentWindow.postMessage({ type: 'coalition-infographic:request-height' }, '*');
    });
    await fitted();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('bad parameters warn in the console and open the default view', SLOW, async () => {
  const context = await calmContext();
  try {
    const query =
      '?chart=bogus&scale=huge&display=sideways&theme=neon&focus=%3Cimg%20src%3Dx%3E&embed=maybe';
    const { page, errors, warnings } = await open(context, query);
    await settled(page, 'funding');
    for (const key of ['chart', 'scale', 'display', 'theme', 'focus', 'embed']) {
      assert.ok(
        warnings.some((w) => w.startsWith(`ignored ${key}=`)),
        `a warning names ${key}: ${JSON.stringify(warnings)}`,
      );
    }
    assert.deepEqual(await viewState(page), {
      selected: ['funding'],
      shown: ['panel-funding'],
      scale: 'linear',
      display: 'chart',
      theme: 'auto',
      dataTheme: null,
      dataDisplay: 'chart',
      embed: false,
      tooltip: null,
    });
    assert.equal(address(page), '/', 'the address is rewritten to the view shown');
    assert.equal(await page.locator('#error').isVisible(), false);
    assert.equal(await page.locator('#embed-dialog').isVisible(), false);
    assert.equal(await page.locator('.site-header').isVisible(), true);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** Positions of what a reader sees around the share buttons and the chart, for a layout diff. */
function layoutOf(page) {
  return page.evaluate(() =>
    ['canvas[data-chart="funding"]', '#copy-link', '#embed-open', '.downloads', '#table-funding', '.key-figures-section', '.sources'].map(
      (selector) => {
        const r = document.querySelector(selector).getBoundingClientRect();
        return [selector, Math.round(r.x), Math.round(r.y + scrollY), Math.round(r.width), Math.round(r.height)];
      },
    ),
  );
}

test('"Link copied" shows beside its button and moves nothing', SLOW, async () => {
  for (const viewport of [DESKTOP, { width: 360, height: 740 }]) {
    const context = await calmContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
    try {
      const { page, errors } = await open(context, '');
      await settled(page, 'funding');
      await page.locator('#copy-link').scrollIntoViewIfNeeded();
      const before = await layoutOf(page);
      await page.click('#copy-link');
      await page.waitForFunction(() => document.getElementById('share-status').textContent === 'Link copied');
      assert.deepEqual(await layoutOf(page), before, `nothing moved at ${viewport.width} px`);
      const [button, status] = await page.evaluate(() =>
        ['#embed-open', '#share-status'].map((s) => document.querySelector(s).getBoundingClientRect().toJSON()),
      );
      const text = await page.evaluate(() => {
        const range = document.createRange();
        range.selectNodeContents(document.getElementById('share-status'));
        return range.getBoundingClientRect().toJSON();
      });
      // On the buttons' line, just after the last of them.
      assert.ok(text.top >= button.top - 2 && text.bottom <= button.bottom + 2, `same line: ${JSON.stringify({ button, text })}`);
      assert.ok(text.left >= button.right && text.left - button.right < 24, `beside the button: ${JSON.stringify({ button, status })}`);
      await page.locator('.share').screenshot({ path: `${OUTPUT}link-copied-${viewport.width}.png` });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('?focus= alone opens the chart that shows the figure, with its details open', SLOW, async () => {
  const context = await calmContext();
  try {
    for (const [path, chart, where] of [
      // The focus names the chart, so the address need not.
      ['?focus=iraq-liberated', 'liberation', '/?focus=iraq-liberated'],
      ['?focus=raqqa-returned&theme=dark', 'returns', '/?theme=dark&focus=raqqa-returned'],
      ['funding/?focus=syria-liberated', 'liberation', '/liberation/?focus=syria-liberated'],
      // A chart named in the link wins; a figure it does not show has no details there.
      ['?chart=returns&focus=iraq-liberated', 'returns', '/?chart=returns&focus=iraq-liberated'],
    ]) {
      const { page, errors } = await open(context, path);
      await settled(page, chart);
      const state = await viewState(page);
      assert.deepEqual(state.selected, [chart], path);
      const figure = new URLSearchParams(path.split('?')[1]).get('focus');
      const label = figures.find((f) => f.id === figure).label;
      if (chart === 'returns' && figure === 'iraq-liberated') {
        assert.equal(state.tooltip, null, path);
      } else {
        await page.waitForFunction(
          (text) => [...document.querySelectorAll('.ci-tooltip')].some((t) => !t.hidden && t.textContent.includes(text)),
          label,
        );
      }
      await page.waitForFunction((expected) => location.pathname + location.search === expected, where);
      assert.deepEqual(errors, []);
      await page.close();
    }
  } finally {
    await context.close();
  }
});

/** A page standing for a host that strips scripts: the embed code's frame alone, at `width`. */
function hostWithout(context, frame) {
  return context.route('**/host-without-script.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><title>Host</title>
<style>body{margin:0;font:16px/1.5 Georgia,serif}p{margin:0;padding:0.5rem 0}</style></head>
<body><p class="before">The host's text column, and its frame:</p>${frame}<p class="after">After the frame.</p></body></html>`,
    }),
  );
}

test('without embed.js the embed code\'s frame still shows the whole chart, in line with the host\'s text', SLOW, async () => {
  const context = await calmContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    for (const chart of ['funding', 'liberation', 'returns']) {
      for (const notitle of [false, true]) {
        const { page, errors } = await open(context, `?chart=${chart}`);
        await settled(page, chart);
        await page.click('#embed-open');
        if (notitle) await page.check('#embed-notitle');
        await page.waitForFunction(() => document.getElementById('embed-code').dataset.measured);
        const snippet = await page.inputValue('#embed-code');
        assert.notEqual(await page.$eval('#embed-code', (t) => t.dataset.measured), 'failed');
        if (notitle) assert.match(snippet, /&amp;notitle=1"/);
        // The host keeps the frame and drops the script, as many editors do.
        const frame = snippet.split('\n')[0];
        await hostWithout(context, frame);
        for (const width of [360, 1280]) {
          const host = await context.newPage();
          await host.setViewportSize({ width, height: 900 });
          await host.goto(new URL('host-without-script.html', BASE_URL).href);
          await host.locator('iframe').scrollIntoViewIfNeeded();
          const inner = host.frameLocator('iframe');
          await inner.locator('[role=tabpanel]:not([hidden]) canvas[data-drawn]').waitFor();
          const handle = await host.$('iframe');
          const doc = await handle.contentFrame();
          await doc.waitForFunction(() => document.documentElement.classList.contains('charts-ready'));
          // The overflow mark follows a size change one frame later (main.js, markOverflowSoon);
          // if it never clears, the assertion below says so.
          await doc
            .waitForFunction(() => !document.documentElement.classList.contains('overflows'), null, { timeout: 10_000 })
            .catch(() => {});
          const fit = await doc.evaluate(() => {
            const canvas = document.querySelector('[role=tabpanel]:not([hidden]) canvas');
            const box = canvas.getBoundingClientRect();
            const credit = document.querySelector('[role=tabpanel]:not([hidden]) .chart-credit').getBoundingClientRect();
            const link = document.getElementById('full-view-link').getBoundingClientRect();
            return {
              content: document.documentElement.scrollHeight,
              frame: window.innerHeight,
              overflows: document.documentElement.classList.contains('overflows'),
              linkBottom: link.bottom,
              creditLeft: credit.left,
              textLeft: box.left + Math.min(...canvas.chartHandle.layout().marks.map((m) => m.hit.x)),
            };
          });
          const where = `${chart}${notitle ? ' without its title' : ''} in a ${width} px frame`;
          assert.ok(fit.content <= fit.frame, `${where}: ${fit.content} px of page in a ${fit.frame} px frame`);
          assert.equal(fit.overflows, false, where);
          assert.ok(fit.linkBottom <= fit.frame, `${where}: the link to the full view is in the frame`);
          // The chart's text and its credit start at the frame's edge, where the host's text does.
          assert.ok(Math.abs(fit.textLeft) <= 1, `${where}: the chart's text starts at ${fit.textLeft}`);
          assert.ok(Math.abs(fit.creditLeft) <= 1, `${where}: the credit starts at ${fit.creditLeft}`);
          await host.screenshot({ path: `${OUTPUT}host-without-script-${chart}${notitle ? '-notitle' : ''}-${width}.png`, fullPage: true });
          await host.close();
        }
        await context.unroute('**/host-without-script.html');
        assert.deepEqual(errors, []);
        await page.close();
      }
    }
  } finally {
    await context.close();
  }
});

test('notitle=1 leaves out the chart\'s title and subtitle and keeps its credit', SLOW, async () => {
  const context = await calmContext({ viewport: { width: 600, height: 900 } });
  try {
    const sizes = {};
    for (const query of ['?chart=funding&embed=1', '?chart=funding&embed=1&notitle=1']) {
      const { page, errors } = await open(context, query);
      await settled(page, 'funding');
      sizes[query] = await page.evaluate(() => {
        const canvas = document.querySelector('canvas[data-chart="funding"]');
        const credit = document.querySelector('#panel-funding .chart-credit');
        return {
          height: canvas.getBoundingClientRect().height,
          firstRow: Math.min(...canvas.chartHandle.layout().marks.map((m) => m.hit.y)),
          credit: credit.getClientRects().length > 0 ? credit.textContent : null,
          label: canvas.getAttribute('aria-label'),
        };
      });
      assert.deepEqual(errors, []);
      await page.close();
    }
    const [full, bare] = Object.values(sizes);
    // The title and subtitle took at least two lines of text above the first row.
    assert.ok(full.firstRow - bare.firstRow >= 30, JSON.stringify(sizes));
    assert.ok(full.height - bare.height >= 30, JSON.stringify(sizes));
    assert.match(bare.credit ?? '', /^Source: U\.S\. Department of State/);
    assert.equal(bare.label, full.label, 'the canvas is described the same');
  } finally {
    await context.close();
  }
});

test('the embed view paints no page chrome and the colours asked for, before any module runs', SLOW, async () => {
  const context = await calmContext({ viewport: { width: 600, height: 900 }, colorScheme: 'light' });
  try {
    const page = await context.newPage();
    // The page's module never arrives: what shows is what the HTML, the stylesheet and the
    // blocking first-paint.js give the first frame.
    await page.route('**/main.js', () => {});
    await page.goto(new URL('?chart=returns&theme=dark&embed=1', BASE_URL).href, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.readyState !== 'loading' && document.querySelector('.site-footer'));
    // Parsing can end before the stylesheet has arrived, but no frame is painted before it has:
    // an animation frame callback runs only once the page can render, so it sees the first frame.
    const first = await page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const seen = (selector) => [...document.querySelectorAll(selector)].some((el) => el.getClientRects().length > 0);
      return {
        chrome: ['.site-header', '[role=tablist]', '.key-figures-section', '.sources', '.site-footer', '.view-controls', 'table'].filter(seen),
        panels: [...document.querySelectorAll('[role=tabpanel]')].filter((p) => p.getClientRects().length > 0).map((p) => p.id),
        theme: document.documentElement.dataset.theme,
        background: getComputedStyle(document.body).backgroundColor,
        box: getComputedStyle(document.querySelector('#panel-returns .chart-box')).backgroundColor,
      };
    });
    assert.deepEqual(first.chrome, [], 'no page chrome in the first frame');
    assert.deepEqual(first.panels, ['panel-returns'], 'the chart asked for, and no other');
    assert.equal(first.theme, 'dark');
    assert.equal(first.background, 'rgb(27, 30, 33)', 'dark from the first frame on a light system');
    assert.equal(first.box, 'rgb(27, 30, 33)');
    await page.screenshot({ path: `${OUTPUT}embed-first-frame-dark.png` });
    // Not embedded, the same address without the flag shows the page, in the colours asked for.
    await page.goto(new URL('?chart=returns&theme=dark', BASE_URL).href, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.readyState !== 'loading' && document.querySelector('.site-footer'));
    const shown = await page.evaluate(async () => {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return {
        header: document.querySelector('.site-header').getClientRects().length > 0,
        background: getComputedStyle(document.body).backgroundColor,
      };
    });
    assert.equal(shown.header, true);
    assert.equal(shown.background, 'rgb(18, 20, 22)');
  } finally {
    await context.close();
  }
});

test('a frame shorter than its chart says there is more below, and keeps the link in sight', SLOW, async () => {
  const context = await calmContext({ viewport: { width: 700, height: 900 } });
  try {
    await hostWithout(
      context,
      `<iframe src="${new URL('?chart=returns&embed=1', BASE_URL).href}" title="Returns" width="100%" height="240" style="border:0"></iframe>`,
    );
    const page = await context.newPage();
    await page.goto(new URL('host-without-script.html', BASE_URL).href);
    const doc = await (await page.$('iframe')).contentFrame();
    await doc.waitForFunction(() => document.documentElement.classList.contains('overflows'));
    const cue = await doc.evaluate(() => {
      const more = document.querySelector('.more-below').getBoundingClientRect();
      return { text: document.querySelector('.more-below').textContent, top: more.top, bottom: more.bottom, frame: innerHeight };
    });
    assert.match(cue.text, /More below/);
    assert.ok(cue.top >= 0 && cue.bottom <= cue.frame, `the cue is in the frame: ${JSON.stringify(cue)}`);
    await page.screenshot({ path: `${OUTPUT}host-short-frame.png` });
  } finally {
    await context.close();
  }
});
