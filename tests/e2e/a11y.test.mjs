// Accessibility: axe-core's WCAG 2.0, 2.1 and 2.2 A/AA rules on every view of the page (each
// chart, the table alone, open details, the Embed dialog, embed mode) in light and dark at
// 1280 and 360 px, with zero violations; and what axe cannot judge: the skip link, a visible
// focus ring of enough contrast on every control reached by Tab, headings in order, and the
// contrast of every page colour pair in both themes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import { BASE_URL, embedDialogReady, launchBrowser, placedTooltip } from './browser.mjs';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CHARTS = ['funding', 'liberation', 'returns'];
const WIDTHS = [
  { width: 1280, height: 900 },
  { width: 360, height: 740 },
];
// Dark twice: by the reader's system (auto) and by the page's own switch (?theme=dark).
const THEMES = [
  { name: 'light', colorScheme: 'light', query: '' },
  { name: 'dark', colorScheme: 'dark', query: '' },
  { name: 'dark by ?theme=dark', colorScheme: 'light', query: 'theme=dark' },
];
// Generous: the first load compiles the wasm, and axe runs many times.
const SLOW = { timeout: 300_000 };

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/**
 * A context whose pages accept axe-core. axe is injected as a script of its own, which the
 * site's Content-Security-Policy (script-src 'self') rightly refuses; bypassCSP lets this
 * test, and only this test, add it. Nothing else about the page changes.
 */
function axeContext(viewport, colorScheme) {
  return browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce', bypassCSP: true });
}

/** Opens `query` and waits for the chart in view to draw; fails on any page error. */
async function open(context, query, chart = 'funding') {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(new URL(query ? `?${query}` : '', BASE_URL).href);
  await drawn(page, chart);
  return { page, errors };
}

function drawn(page, chart) {
  return page.waitForFunction((name) => {
    const panel = document.getElementById('error');
    if (panel && !panel.hidden) throw new Error(`#error shows: ${panel.textContent}`);
    return document.querySelector(`canvas[data-chart="${name}"]`)?.dataset.drawn !== undefined;
  }, chart);
}

/** Runs axe on the page as it is now; fails listing each violation's rule, targets and why. */
async function assertNoViolations(page, view, { tooltip = false } = {}) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  const { violations, unsure } = await page.evaluate(
    ([tags, overlaps]) =>
      window.axe
        .run(document, { runOnly: { type: 'tag', values: tags }, elementRef: true })
        .then((r) => ({
          violations: r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
          })),
          // What axe could not decide, apart from two known cases whose colours the colour
          // test below checks: text over the tables' scroll shadows (a gradient axe cannot
          // see through; the text is --text and --muted on --bg), and, with details open,
          // text the floating tooltip covers or overlaps (--text and --muted on --surface).
          unsure: r.incomplete.flatMap((v) =>
            v.nodes
              .filter((n) => {
                if (v.id !== 'color-contrast') return true;
                const key = n.any[0]?.data?.messageKey;
                if (key === 'bgGradient' && n.element.closest('.table-wrap')) return false;
                return !(overlaps && ['bgOverlap', 'elmPartiallyObscured', 'elmPartiallyObscuring'].includes(key));
              })
              .map((n) => `${v.id}: ${n.target.join(' ')}: ${n.any[0]?.message ?? ''}`),
          ),
        })),
    [AXE_TAGS, tooltip],
  );
  const report = violations
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target}\n      ${n.summary.replace(/\n/g, '\n      ')}`).join('\n'),
    )
    .join('\n');
  assert.equal(violations.length, 0, `axe found violations in ${view}:\n${report}`);
  assert.deepEqual(unsure, [], `axe could not decide these in ${view}`);
}

test('axe runs here, and reports a planted violation', SLOW, async () => {
  const context = await axeContext(WIDTHS[0], 'light');
  try {
    const { page } = await open(context, '');
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'planted';
      document.querySelector('main').append(button);
    });
    await assert.rejects(assertNoViolations(page, 'a page with a nameless button'), /button-name[\s\S]*#planted/);
  } finally {
    await context.close();
  }
});

for (const viewport of WIDTHS) {
  for (const theme of THEMES) {
    const where = `${theme.name}, ${viewport.width} px`;
    test(`axe finds no WCAG 2.2 AA violation in any view (${where})`, SLOW, async () => {
      const context = await axeContext(viewport, theme.colorScheme);
      try {
        const { page, errors } = await open(context, theme.query);
        const expected = theme.name === 'light' ? undefined : 'dark';
        assert.equal(
          await page.evaluate(() =>
            document.documentElement.dataset.theme ??
            (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : undefined),
          ),
          expected,
        );
        for (const chart of CHARTS) {
          await page.click(`#tab-${chart}`);
          await drawn(page, chart);
          await assertNoViolations(page, `the ${chart} chart (${where})`);
        }

        // Details open on a figure, from the keyboard.
        await page.focus('canvas[data-chart="returns"]');
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#panel-returns .ci-tooltip:not([hidden])');
        await placedTooltip(page, '#panel-returns .ci-tooltip:not([hidden])');
        await assertNoViolations(page, `the returns chart with details open (${where})`, { tooltip: true });
        await page.keyboard.press('Escape');

        await page.check('input[name=display][value=table]');
        await assertNoViolations(page, `the table only (${where})`);
        await page.check('input[name=display][value=chart]');

        await page.click('#embed-open');
        await page.waitForSelector('#embed-dialog[open]');
        await embedDialogReady(page);
        await assertNoViolations(page, `the Embed dialog (${where})`);
        await page.keyboard.press('Escape');

        await page.goto(new URL(`?chart=liberation&embed=1${theme.query ? `&${theme.query}` : ''}`, BASE_URL).href);
        await drawn(page, 'liberation');
        await assertNoViolations(page, `embed mode (${where})`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
}

// The charts in French and Arabic: their canvases, details and announcements carry their own
// language (lang="fr", lang="ar", the post's quotes lang="en") inside the English page.
for (const lang of ['fr', 'ar']) {
  test(`axe finds no WCAG 2.2 AA violation with the charts in ${lang} (1280 and 360 px)`, SLOW, async () => {
    for (const viewport of WIDTHS) {
      const context = await axeContext(viewport, 'light');
      try {
        const { page, errors } = await open(context, `lang=${lang}`);
        for (const chart of CHARTS) {
          await page.click(`#tab-${chart}`);
          await drawn(page, chart);
          await assertNoViolations(page, `the ${chart} chart in ${lang} (${viewport.width} px)`);
        }
        await page.focus('canvas[data-chart="returns"]');
        await page.keyboard.press('Home');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#panel-returns .ci-tooltip:not([hidden])');
        await placedTooltip(page, '#panel-returns .ci-tooltip:not([hidden])');
        await assertNoViolations(page, `the returns chart's details in ${lang} (${viewport.width} px)`, { tooltip: true });
        await page.goto(new URL(`?chart=liberation&embed=1&lang=${lang}`, BASE_URL).href);
        await drawn(page, 'liberation');
        await assertNoViolations(page, `embed mode in ${lang} (${viewport.width} px)`);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    }
  });
}

/** sRGB colour of a computed CSS colour ("rgb(1, 2, 3)" or "rgba(…)"). */
function rgb(css) {
  const m = css.match(/rgba?\((\d+), (\d+), (\d+)/);
  assert.ok(m, `a colour: ${css}`);
  return m.slice(1, 4).map(Number);
}

/** WCAG contrast ratio of two sRGB colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('contrast of every page colour: text 4.5:1, controls and focus 3:1, in both themes', SLOW, async () => {
  const context = await browser.newContext({ viewport: WIDTHS[0] });
  try {
    for (const theme of ['light', 'dark']) {
      const { page, errors } = await open(context, `theme=${theme}`);
      const colours = await page.evaluate(() => {
        const style = getComputedStyle(document.documentElement);
        const names = [
          ...['bg', 'surface', 'text', 'muted', 'accent', 'control', 'focus'],
          ...['derived', 'derived-bg', 'error-text', 'error-bg'],
        ];
        // Resolved through an element, so each is an rgb() colour whatever form the CSS uses.
        const probe = document.createElement('span');
        document.body.append(probe);
        const out = {};
        for (const name of names) {
          probe.style.setProperty('color', style.getPropertyValue(`--${name}`));
          out[name] = getComputedStyle(probe).color;
        }
        probe.remove();
        return out;
      });
      const c = Object.fromEntries(Object.entries(colours).map(([k, v]) => [k, rgb(v)]));
      const pairs = [
        ['text', 'bg', 4.5],
        ['text', 'surface', 4.5],
        ['muted', 'bg', 4.5],
        ['muted', 'surface', 4.5],
        ['accent', 'bg', 4.5],
        ['accent', 'surface', 4.5],
        ['surface', 'accent', 4.5], // the primary button
        ['text', 'derived-bg', 4.5],
        ['muted', 'derived-bg', 4.5],
        ['derived', 'derived-bg', 4.5],
        ['derived', 'surface', 4.5],
        ['error-text', 'error-bg', 4.5],
        ['control', 'bg', 3], // borders of buttons, tabs and fields
        ['control', 'surface', 3],
        ['focus', 'bg', 3],
        ['focus', 'surface', 3],
      ];
      for (const [fg, bg, least] of pairs) {
        const ratio = contrast(c[fg], c[bg]);
        assert.ok(ratio >= least, `${theme}: --${fg} on --${bg} is ${ratio.toFixed(2)}:1, under ${least}:1`);
      }
      assert.deepEqual(errors, []);
      await page.close();
    }
  } finally {
    await context.close();
  }
});

test('keyboard only: a skip link, then a visible focus ring on every control', SLOW, async () => {
  for (const theme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: WIDTHS[0], reducedMotion: 'reduce' });
    try {
      const { page, errors } = await open(context, `theme=${theme}`);
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const el = document.activeElement;
        const box = el.getBoundingClientRect();
        return { text: el.textContent, href: el.getAttribute('href'), top: box.top, height: box.height };
      });
      assert.equal(skip.text, 'Skip to content');
      assert.equal(skip.href, '#main');
      assert.ok(skip.top >= 0 && skip.height > 0, `the skip link shows when focused: ${JSON.stringify(skip)}`);
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'main');

      // Tab through everything once; each stop must show a ring that stands out from the page.
      const stops = [];
      for (let i = 0; i < 80; i += 1) {
        await page.keyboard.press('Tab');
        const stop = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const s = getComputedStyle(el);
          let bg = 'rgba(0, 0, 0, 0)';
          for (let n = el.parentElement; n && /rgba\(.*, 0\)$|transparent/.test(bg); n = n.parentElement) {
            bg = getComputedStyle(n).backgroundColor;
          }
          return {
            // e.g. "button#tab-funding[funding]", "input[theme=dark]", "button.button[png]".
            name: [
              el.localName,
              el.id ? `#${el.id}` : '',
              !el.id && el.className ? `.${el.className}` : '',
              el.dataset.chart ? `[${el.dataset.chart}]` : '',
              el.dataset.download ? `[${el.dataset.download}]` : '',
              el.type === 'radio' ? `[${el.name}=${el.value}]` : '',
            ].join(''),
            outline: s.outlineStyle,
            width: parseFloat(s.outlineWidth),
            colour: s.outlineColor,
            background: bg,
            visible: el.getClientRects().length > 0,
          };
        });
        if (stop === null || stops.some((s) => s.name === stop.name)) break;
        stops.push(stop);
      }
      const names = stops.map((s) => s.name);
      for (const expected of [
        'input[display=chart]',
        `input[theme=${theme}]`,
        'button#copy-link',
        'button#embed-open',
        'button#tab-funding[funding]',
        'input[scale=linear]',
        'canvas[funding]',
        'button.button[png]',
        'button.button[json]',
        'div.table-wrap',
      ]) {
        assert.ok(names.includes(expected), `Tab reaches ${expected}; it reached ${names.join(', ')}`);
      }
      for (const stop of stops) {
        assert.ok(stop.visible, `${stop.name} is focusable but not shown`);
        assert.notEqual(stop.outline, 'none', `${theme}: ${stop.name} shows no focus ring`);
        assert.ok(stop.width >= 2, `${theme}: ${stop.name}'s ring is ${stop.width}px`);
        const ratio = contrast(rgb(stop.colour), rgb(stop.background));
        assert.ok(ratio >= 3, `${theme}: ${stop.name}'s ring has ${ratio.toFixed(2)}:1 against ${stop.background}`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
});

test('headings go in order, and each chart is an image linked to its table', SLOW, async () => {
  const context = await browser.newContext({ viewport: WIDTHS[0] });
  try {
    const { page, errors } = await open(context, '');
    const levels = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) =>
      hs.filter((h) => !h.closest('dialog')).map((h) => [Number(h.localName[1]), h.textContent.trim()]),
    );
    assert.equal(levels[0][0], 1, 'the page starts with its h1');
    assert.equal(levels.filter(([l]) => l === 1).length, 1, 'one h1');
    for (let i = 1; i < levels.length; i += 1) {
      assert.ok(
        levels[i][0] <= levels[i - 1][0] + 1,
        `"${levels[i][1]}" (h${levels[i][0]}) follows "${levels[i - 1][1]}" (h${levels[i - 1][0]})`,
      );
    }
    for (const chart of CHARTS) {
      const canvas = await page.$eval(`canvas[data-chart="${chart}"]`, (c) => ({
        role: c.getAttribute('role'),
        label: c.getAttribute('aria-label'),
        details: c.getAttribute('aria-details'),
        hint: document.getElementById(c.getAttribute('aria-describedby'))?.textContent ?? '',
      }));
      assert.equal(canvas.role, 'img');
      assert.equal(canvas.details, `table-${chart}`);
      assert.equal(await page.$eval(`#${canvas.details}`, (t) => t.localName), 'table');
      assert.match(canvas.hint, /arrow keys/);
      // The label is written from the data: every value the table shows is in it.
      const values = await page.$$eval(`#table-${chart} td.value`, (tds) => tds.map((td) => td.textContent.trim()));
      for (const value of values) assert.ok(canvas.label.includes(value), `${chart} label has ${value}`);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
