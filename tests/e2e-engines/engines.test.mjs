// The built site in Firefox and WebKit, the engines of about a quarter or more of readers,
// over W3C WebDriver: every page loads with no error; every chart draws at device pixel
// ratio 1 and 2, sharp, with its ink where Chromium draws it; hover and tap show the right
// figure's details; the keyboard walk and its announcements; a share link, through the
// system clipboard, opens the same view pixel for pixel; the embed's frames follow a resize;
// downloads are valid files; the strict Content-Security-Policy with no violation.
//
// One browser per engine and pixel density, one tab reused. A check an engine cannot do in
// automation is skipped with the reason, by name, and counted in the summary. Every read
// waits for the condition it reads (nothing sleeps). The console is heard through probe.js,
// which proxy.mjs puts first in every page, since WebKitGTK's driver has no console log.
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { PNG } from 'pngjs';

import { KEY, LABELS, launch, missing, until } from './engines.mjs';
import { startProxy } from './proxy.mjs';

if (!process.env.BASE_URL) {
  throw new Error(
    'BASE_URL is not set. Start `coalition serve dist --port 0` (after ./build.sh build) ' +
      'and set BASE_URL to the URL it prints.',
  );
}

const ENGINES = (process.env.ENGINES ?? 'firefox,webkit').split(',').filter(Boolean);
const CHARTS = ['funding', 'liberation', 'returns'];
const DESKTOP = { width: 1280, height: 900 };
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";
// The first load compiles the wasm, slow on a busy machine; a whole check gets this long.
const SLOW = { timeout: 180_000 };
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));
const dataset = JSON.parse(readFileSync(new URL('../../data/coalition-2017.json', import.meta.url), 'utf8'));
const byId = new Map(dataset.figures.map((f) => [f.id, f]));

// Ink is compared in cells of this many CSS pixels, with slack of a cell up or down and
// three cells sideways: WebKitGTK rounds each glyph's advance to whole pixels, so its lines
// of text run up to about 1.3% longer than Chromium's (6 px on the longest title); where the
// ink is, not how each glyph is anti-aliased, is what must agree.
const CELL = 2;
const SLACK_X = 3;
const SLACK_Y = 1;
// How far an engine's text scale (how much wider than Arial's its face measures, which the
// layout follows) may be from Chromium's with the same face: WebKitGTK's whole-pixel glyph
// advances make Liberation Sans measure about 3 % wider at the 12 px and 13 px the charts
// draw, which the scale is measured at. A fallback face is 10 % or more (DejaVu Sans 23 %).
const SAME_FACE = 0.05;
// The cookie that asks proxy.mjs for a script in every page (see there).
const INJECT = 'engines-inject';
// Share of Chromium's inked cells with no ink near them in the other engine, and the reverse.
const MAX_MISSING = 0.01;
// Ink share within this fraction of Chromium's.
const INK_SHARE = 0.1;

let proxy;
const references = new Map();

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  proxy = await startProxy(process.env.BASE_URL);
});

// A server that has stopped fails every check at once, saying so, rather than each after
// its own wait for a chart that cannot load.
beforeEach(async () => {
  let response;
  try {
    response = await fetch(process.env.BASE_URL);
  } catch (error) {
    throw new Error(`the site's server at ${process.env.BASE_URL} no longer answers (${error.cause?.code ?? error})`);
  }
  await response.arrayBuffer();
});

after(async () => {
  for (const reference of references.values()) await (await reference).quit();
  await proxy?.close();
});

/** Chromium at `dpr`, the drawings' reference, started the first time it is asked for. */
function reference(dpr) {
  if (!references.has(dpr)) {
    references.set(
      dpr,
      launch('chromium', proxy.url, { dpr }).then(async (browser) => {
        await openChart(browser, 'funding', '');
        await browser.viewport(DESKTOP.width, DESKTOP.height);
        return browser;
      }),
    );
  }
  return references.get(dpr);
}

// --- Reading the page -------------------------------------------------------------------

/** Waits until `chart` has drawn and kept its drawing for two frames; fails on #error. */
async function settled(browser, chart) {
  return until(
    () =>
      browser.runAsync(
        (name) =>
          new Promise((resolve, reject) => {
            const panel = document.getElementById('error');
            if (panel && !panel.hidden) reject(new Error(`#error shows: ${panel.textContent}`));
            const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
            const drawn = canvas?.dataset.drawn;
            if (!drawn || canvas.width === 0) return resolve(false);
            const size = `${canvas.width}x${canvas.height}`;
            requestAnimationFrame(() =>
              requestAnimationFrame(() =>
                resolve(canvas.dataset.drawn === drawn && `${canvas.width}x${canvas.height}` === size && Number(drawn)),
              ),
            );
          }),
        chart,
      ),
    { timeout: 60_000, what: `the ${chart} chart in ${browser.label} to draw and settle` },
  );
}

/** Opens `path` and waits for `chart` to settle. */
async function openChart(browser, chart, path = `?chart=${chart}`) {
  await browser.goto(path);
  await settled(browser, chart);
}

/** The canvas's backing store, its CSS content size, and the device pixel ratio. */
function canvasInfo(browser, chart) {
  return browser.run((name) => {
    const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
    return {
      width: canvas.width,
      height: canvas.height,
      cssWidth: canvas.clientWidth,
      cssHeight: canvas.clientHeight,
      dpr: window.devicePixelRatio,
    };
  }, chart);
}

/** How much wider than Arial's the chart laid its text out: the face's measured text scale. */
function textScale(browser, chart) {
  return browser.run((name) => document.querySelector(`canvas[data-chart="${name}"]`).chartHandle.layout().text_scale, chart);
}

/** The chart's marks: figure, bar (CSS px of the canvas) and the bar's centre in the viewport. */
function marksOf(browser, chart) {
  return browser.run((name) => {
    const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
    canvas.scrollIntoView({ block: 'center' });
    const box = canvas.getBoundingClientRect();
    return canvas.chartHandle.layout().marks.map((mark) => ({
      figure: mark.figure,
      text: mark.text,
      bar: mark.bar,
      x: box.x + mark.bar.x + mark.bar.w / 2,
      y: box.y + mark.bar.y + mark.bar.h / 2,
      box: { x: box.x, y: box.y, width: box.width, height: box.height },
    }));
  }, chart);
}

/** The canvas's pixels as decoded RGBA, with the PNG file the engine encoded them in. */
async function pixelsOf(browser, chart) {
  const url = await browser.run(
    (name) => document.querySelector(`canvas[data-chart="${name}"]`).toDataURL('image/png'),
    chart,
  );
  const file = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
  return Object.assign(PNG.sync.read(file), { file });
}

const openTooltip = (browser) =>
  browser.run(() => {
    const tip = [...document.querySelectorAll('.ci-tooltip')].find((t) => !t.hidden);
    return tip ? tip.textContent : null;
  });

const tooltipsClosed = (browser, what) =>
  browser.waitFor(() => [...document.querySelectorAll('.ci-tooltip')].every((t) => t.hidden), [], { what });

/** Waits until the open details are `figureId`'s: its label, its quote, "Derived" if derived. */
function detailsOf(browser, figureId) {
  const figure = byId.get(figureId);
  return until(
    async () => {
      const text = await openTooltip(browser);
      const ok =
        text?.includes(figure.label) &&
        (!figure.quote || text.includes(figure.quote)) &&
        (!figure.derived || text.includes('Derived'));
      return ok ? text : false;
    },
    { what: `the details of ${figureId} in ${browser.label}` },
  );
}

/** Everything a reader sees of the view, apart from the pixels. */
function viewState(browser) {
  return browser.run(() => {
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
      tooltip: tip ? tip.textContent : null,
    };
  });
}

async function assertNoErrors(browser, where) {
  const errors = await browser.takeErrors();
  assert.deepEqual(errors, [], `${browser.label}: errors on ${where}`);
  const shown = await browser.run(() => {
    const panel = document.getElementById('error');
    return Boolean(panel && !panel.hidden);
  });
  assert.equal(shown, false, `${browser.label}: the #error panel is visible on ${where}`);
}

// --- Ink against Chromium ---------------------------------------------------------------

/**
 * Which cells of `image` hold ink: a pixel that differs from the background (the top-left
 * pixel) by more than a faint anti-aliasing fringe.
 */
function inkCells(image, dpr) {
  const size = Math.round(CELL * dpr);
  const cols = Math.ceil(image.width / size);
  const rows = Math.ceil(image.height / size);
  const cells = new Uint8Array(cols * rows);
  const { data } = image;
  let inked = 0;
  for (let y = 0; y < image.height; y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      const i = (y * image.width + x) * 4;
      const far =
        Math.abs(data[i] - data[0]) > 48 || Math.abs(data[i + 1] - data[1]) > 48 || Math.abs(data[i + 2] - data[2]) > 48;
      if (far) {
        cells[Math.floor(y / size) * cols + Math.floor(x / size)] = 1;
        inked += 1;
      }
    }
  }
  return { cells, cols, rows, share: inked / (image.width * image.height) };
}

/** How `mine` matches `theirs` (both from inkCells of same-sized drawings). */
function compareInk(mine, theirs) {
  const { cols, rows } = theirs;
  const near = (grid, x, y) => {
    for (let dy = -SLACK_Y; dy <= SLACK_Y; dy += 1) {
      for (let dx = -SLACK_X; dx <= SLACK_X; dx += 1) {
        const [nx, ny] = [x + dx, y + dy];
        if (nx >= 0 && ny >= 0 && nx < cols && ny < rows && grid[ny * cols + nx]) return true;
      }
    }
    return false;
  };
  let [both, either, missingCells, extraCells, theirCount] = [0, 0, 0, 0, 0];
  for (let y = 0; y < rows; y += 1) {
    for (let x = 0; x < cols; x += 1) {
      const i = y * cols + x;
      const [a, b] = [mine.cells[i], theirs.cells[i]];
      theirCount += b;
      if (a && b) both += 1;
      if (a || b) either += 1;
      if (b && !near(mine.cells, x, y)) missingCells += 1;
      if (a && !near(theirs.cells, x, y)) extraCells += 1;
    }
  }
  return {
    agreement: either ? both / either : 1,
    missing: theirCount ? missingCells / theirCount : 0,
    extra: theirCount ? extraCells / theirCount : 0,
  };
}

/**
 * How many device pixels lower than Chromium's the other engine draws its text: the shift
 * that best lines up the two drawings' rows of grey and black ink (text, axes, outlines;
 * not the coloured bars, which are drawn by the same code to the same pixels anyway).
 */
function textShift(mine, theirs, range = 4) {
  const profile = ({ data, width, height }) => {
    const rows = new Float64Array(height);
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const i = (y * width + x) * 4;
        const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
        const grey = Math.max(r, g, b) - Math.min(r, g, b) < 40;
        const far = Math.max(Math.abs(r - data[0]), Math.abs(g - data[1]), Math.abs(b - data[2])) > 48;
        if (grey && far) rows[y] += 1;
      }
    }
    return rows;
  };
  const [a, b] = [profile(mine), profile(theirs)];
  let best = { shift: 0, score: -Infinity };
  for (let shift = -range; shift <= range; shift += 1) {
    let score = 0;
    for (let y = Math.max(0, shift); y < Math.min(a.length, b.length + shift); y += 1) score += a[y] * b[y - shift];
    if (score > best.score) best = { shift, score };
  }
  return best.shift;
}

/**
 * The two drawings over each other, for people to look at: dark grey where both ink, red
 * where only Chromium does, blue where only the other engine does.
 */
function overlay(mine, theirs) {
  const out = new PNG({ width: mine.width, height: mine.height });
  const ink = (data, i) =>
    Math.max(Math.abs(data[i] - data[0]), Math.abs(data[i + 1] - data[1]), Math.abs(data[i + 2] - data[2])) > 48;
  for (let i = 0; i < mine.data.length; i += 4) {
    const [a, b] = [ink(mine.data, i), ink(theirs.data, i)];
    const colour = a && b ? [90, 90, 90] : b ? [220, 0, 0] : a ? [0, 70, 230] : [255, 255, 255];
    out.data.set([...colour, 255], i);
  }
  return out;
}

// --- Files --------------------------------------------------------------------------------

/** Parses CSV per RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') {
      assert.equal(field, '', `a quote inside an unquoted field at offset ${i}`);
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else {
      assert.ok(c !== '\r' && c !== '\n', `a bare line break at offset ${i}: RFC 4180 ends records with CRLF`);
      field += c;
    }
  }
  assert.equal(quoted, false, 'a quoted field is never closed');
  assert.ok(row.length === 0 && field === '', 'the last record ends with CRLF');
  return rows;
}

/** Clicks a download button and waits for the browser to have saved the whole file. */
async function save(browser, chart, kind, name) {
  const path = join(browser.downloads, name);
  rmSync(path, { force: true });
  // Hover details near the pointer could cover the button, which a WebDriver click refuses;
  // a reader's pointer on its way to the button would have closed them.
  await browser.mouseTo(0, 0);
  await tooltipsClosed(browser, 'hover details to close before a download');
  await browser.click(`#panel-${chart} .downloads button[data-download="${kind}"]`);
  // Firefox writes NAME.part and renames it when done; WebKit writes NAME.wkdownload and
  // renames it. Either way the final name appears only once the file is whole.
  await until(
    () => existsSync(path) && !readdirSync(browser.downloads).some((f) => /\.(part|wkdownload)$/.test(f)) && statSync(path).size > 0,
    { timeout: 30_000, what: `${browser.label} to save ${name} in ${browser.downloads}` },
  );
  return readFileSync(path);
}

/** Text of every <text> of an SVG document, parsed by the engine's own XML parser. */
function svgTexts(browser, svg) {
  return browser.run((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const error = doc.querySelector('parsererror');
    return {
      error: error ? error.textContent : null,
      root: doc.documentElement.localName,
      width: Number(doc.documentElement.getAttribute('width')),
      text: [...doc.querySelectorAll('text')].map((t) => t.textContent.trim()).join(' '),
    };
  }, svg);
}

// --- The checks, per engine ---------------------------------------------------------------

for (const engine of ENGINES) {
  const label = LABELS[engine];
  const absent = missing(engine);

  describe(label, () => {
    /** This engine at device pixel ratio 1: one browser, one tab, for every check but dpr 2. */
    let browser;
    const check = (name, fn) => test(`${label}: ${name}`, { ...SLOW, skip: absent ?? false }, fn);

    /** Why keys cannot reach the page here, or null: a window without focus gets none. */
    let keyless = null;
    const keys = (t) => {
      if (keyless) t.skip(keyless);
      return !keyless;
    };

    before(async () => {
      if (absent) return;
      browser = await launch(engine, proxy.url);
      // Loaded to the end before anything else: leaving a page while its module loads
      // makes WebKit reject the fetch, and the page log it.
      await openChart(browser, 'funding', '');
      await browser.viewport(DESKTOP.width, DESKTOP.height);
      keyless = await until(() => browser.run(() => document.hasFocus()), {
        timeout: 10_000,
        what: `${label}'s window to have the keyboard focus`,
      }).then(
        () => null,
        () =>
          `${label}'s window never gets the keyboard focus here (document.hasFocus() is false; ` +
          'for WebKit under Xvfb, install xdotool): no keyboard input in automation',
      );
    });

    after(async () => {
      await browser?.quit();
    });

    check('the console probe hears an error, and the CSP is enforced and reported', async () => {
      await openChart(browser, 'funding', '');
      await browser.takeLog();
      await browser.run(() => {
        console.error('planted error');
        // The policy forbids style attributes: the engine must refuse it and report it.
        document.body.setAttribute('style', 'outline: 3px solid red');
      });
      const heard = [];
      await until(
        async () => {
          heard.push(...(await browser.takeLog()));
          return heard.some((e) => e.kind === 'console.error') && heard.some((e) => e.kind === 'csp violation');
        },
        { what: `the probe to hear the planted error and violation in ${label}` },
      );
      assert.match(heard.find((e) => e.kind === 'csp violation').message, /^style-src/);
      assert.notEqual(await browser.run(() => getComputedStyle(document.body).outlineStyle), 'solid');
    });

    check('every page loads with no console error', async () => {
      const chartPage = (path, chart) => [path, () => settled(browser, chart)];
      const pages = [
        chartPage('', 'funding'),
        chartPage('funding/', 'funding'),
        chartPage('liberation/', 'liberation'),
        chartPage('returns/', 'returns'),
        chartPage('?chart=returns&embed=1', 'returns'),
        [
          'embed-example.html',
          () =>
            browser.waitFor(
              () => {
                const frames = [...document.querySelectorAll('iframe[data-coalition-infographic]')];
                // The frames load lazily, when they come near the window.
                for (const frame of frames) frame.scrollIntoView();
                return frames.length === 2 && frames.every((f) => f.contentDocument?.querySelector('canvas[data-drawn]'));
              },
              [],
              { what: 'both embedded charts to draw' },
            ),
        ],
        [
          'example.html',
          () =>
            browser.waitFor(
              () =>
                document.querySelectorAll('.example-mount canvas[data-drawn]').length === 2 &&
                document.querySelectorAll('#bad-options li').length === 4,
              [],
              { what: 'both mounted charts and the four bad-option messages' },
            ),
        ],
      ];
      const warnings = [];
      for (const [path, ready] of pages) {
        await browser.goto(path);
        await ready();
        const log = await browser.takeLog();
        warnings.push(...log.filter((e) => e.kind === 'console.warn'));
        const errors = log.filter((e) => e.kind !== 'console.warn');
        assert.deepEqual(errors, [], `${label}: errors on /${path}`);
        assert.equal(
          await browser.run(() => Boolean(document.querySelector('#error:not([hidden]), #example-error:not([hidden])'))),
          false,
          `${label}: an error panel shows on /${path}`,
        );
      }
      assert.deepEqual(warnings, [], `${label}: warnings on pages that have nothing to warn about`);
    });

    for (const dpr of [1, 2]) {
      check(`every chart draws at devicePixelRatio ${dpr}, sharp, with ink where Chromium has it`, async (t) => {
        const dense = dpr === 1 ? browser : await launch(engine, proxy.url, { dpr });
        try {
          if (dense !== browser) {
            await openChart(dense, 'funding', '');
            await dense.viewport(DESKTOP.width, DESKTOP.height);
          }
          const actual = await dense.run(() => window.devicePixelRatio);
          if (actual !== dpr) {
            t.skip(`${label} reports devicePixelRatio ${actual} when asked for ${dpr}: cannot check here`);
            return;
          }
          const chromium = await reference(dpr);
          // The text scale each engine measures for its own face, Chromium's first.
          await chromium.driver.manage().deleteCookie(INJECT);
          await openChart(chromium, 'funding', '');
          const chromiumScale = await textScale(chromium, 'funding');
          // From here on the engine's pages record the text widths they measure, and
          // Chromium's lay out with those widths.
          await dense.driver.manage().addCookie({ name: INJECT, value: 'measure' });
          await chromium.driver.manage().addCookie({ name: INJECT, value: 'replay' });
          const scores = {};
          for (const chart of CHARTS) {
            await openChart(dense, chart);
            const scale = await textScale(dense, chart);
            assert.ok(
              Math.abs(scale - chromiumScale) <= SAME_FACE,
              `${chart}: ${label} measures its text ${scale} times Arial's width, Chromium ${chromiumScale}: another face?`,
            );
            proxy.replay(await dense.run(() => window.__enginesMeasured));
            // No pointer over the chart and no focus in it: the plain drawing, as in Chromium.
            await dense.mouseTo(1, 1);
            await dense.run(() => document.activeElement?.blur());
            await settled(dense, chart);
            const info = await canvasInfo(dense, chart);
            const message = `${label} ${chart}: ${JSON.stringify(info)}`;
            assert.ok(info.cssWidth > 0 && info.cssHeight > 0, `no size: ${message}`);
            assert.ok(Math.abs(info.width - info.cssWidth * dpr) <= 1, `backing width: ${message}`);
            assert.ok(Math.abs(info.height - info.cssHeight * dpr) <= 1, `backing height: ${message}`);

            // Chromium draws the same chart at the same CSS size (its window widened or
            // narrowed by any difference in scroll bars) and with the same text widths, so
            // the two layouts must agree.
            await openChart(chromium, chart);
            const replayed = await chromium.run(() => window.__enginesMeasured);
            assert.ok(
              replayed.length > 0 && replayed.every((m) => m.replayed),
              `${chart}: Chromium measured only texts ${label} measured: ${JSON.stringify(replayed)}`,
            );
            assert.equal(await textScale(chromium, chart), scale, `${chart}: Chromium lays out at ${label}'s text scale`);
            let chromiumInfo = await canvasInfo(chromium, chart);
            if (chromiumInfo.cssWidth !== info.cssWidth) {
              const width = await chromium.run(() => window.innerWidth);
              await chromium.viewport(width + info.cssWidth - chromiumInfo.cssWidth, DESKTOP.height);
              await settled(chromium, chart);
              chromiumInfo = await canvasInfo(chromium, chart);
            }
            assert.deepEqual(
              [chromiumInfo.cssWidth, chromiumInfo.cssHeight, chromiumInfo.width, chromiumInfo.height],
              [info.cssWidth, info.cssHeight, info.width, info.height],
              `${chart}: Chromium's canvas has the same size`,
            );
            // To a hundredth of a pixel: the engines' CSS sizes may differ in the last bits.
            const round = (v) => Math.round(v * 100) / 100;
            const strip = (marks) =>
              marks.map(({ figure, text, bar }) => ({
                figure,
                text,
                bar: { x: round(bar.x), y: round(bar.y), w: round(bar.w), h: round(bar.h) },
              }));
            assert.deepEqual(
              strip(await marksOf(dense, chart)),
              strip(await marksOf(chromium, chart)),
              `${chart}: the same layout as in Chromium`,
            );

            const [mine, theirs] = [await pixelsOf(dense, chart), await pixelsOf(chromium, chart)];
            const [inkMine, inkTheirs] = [inkCells(mine, dpr), inkCells(theirs, dpr)];
            const score = compareInk(inkMine, inkTheirs);
            const shift = textShift(mine, theirs);
            const name = `${engine}-${chart}-dpr${dpr}`;
            writeFileSync(`${OUTPUT}${name}-ink-diff.png`, PNG.sync.write(overlay(mine, theirs), { deflateLevel: 1 }));
            writeFileSync(`${OUTPUT}${name}-canvas.png`, mine.file);
            // Chromium's drawing laid out for this engine's text widths, beside the engine's.
            writeFileSync(`${OUTPUT}${name}-chromium-canvas.png`, theirs.file);
            writeFileSync(`${OUTPUT}${name}.png`, await dense.shoot(`#panel-${chart} figure`));
            scores[chart] = {
              ink: Number(inkMine.share.toFixed(4)),
              chromiumInk: Number(inkTheirs.share.toFixed(4)),
              agreement: Number(score.agreement.toFixed(3)),
              missing: Number(score.missing.toFixed(4)),
              extra: Number(score.extra.toFixed(4)),
              textShift: shift,
            };
            const said = `${JSON.stringify(scores[chart])}; see output/${name}-ink-diff.png: red is Chromium's ink alone, blue ${label}'s`;
            assert.ok(inkMine.share > 0.01, `${chart} looks blank in ${label}: ${said}`);
            assert.ok(
              Math.abs(inkMine.share - inkTheirs.share) <= INK_SHARE * inkTheirs.share,
              `${chart}: ${label} inks ${inkMine.share}, Chromium ${inkTheirs.share} (${said})`,
            );
            assert.ok(
              score.missing <= MAX_MISSING && score.extra <= MAX_MISSING,
              `${chart}: ${label}'s ink is not where Chromium's is (${said})`,
            );
            assert.equal(shift, 0, `${chart}: ${label}'s text sits ${shift} device px lower than Chromium's (${said})`);
          }
          t.diagnostic(`ink against Chromium at dpr ${dpr}: ${JSON.stringify(scores)}`);
          await assertNoErrors(dense, `the charts at dpr ${dpr}`);
        } finally {
          if (dense !== browser) await dense.quit();
          else await dense.driver.manage().deleteCookie(INJECT);
          const chromium = await references.get(dpr)?.catch(() => null);
          await chromium?.driver.manage().deleteCookie(INJECT);
        }
      });
    }

    check("hovering each bar of each chart shows that bar's details", async () => {
      for (const chart of CHARTS) {
        await openChart(browser, chart);
        const marks = await marksOf(browser, chart);
        assert.ok(marks.length >= 3, `${chart} has marks`);
        for (const mark of marks) {
          await browser.mouseTo(mark.x, mark.y);
          await detailsOf(browser, mark.figure);
        }
        // Off the bars, into the chart's margin: the details close.
        await browser.mouseTo(marks[0].box.x + 2, marks[0].box.y + 2);
        await tooltipsClosed(browser, `${chart}'s details to close when the pointer leaves the bars`);
      }
      await assertNoErrors(browser, 'the hovered charts');
    });

    check('in Arabic the charts are mirrored and every value label fits its box; in French too', async () => {
      for (const lang of ['ar', 'fr']) {
        for (const chart of CHARTS) {
          await openChart(browser, chart, `?chart=${chart}&lang=${lang}`);
          const marks = await marksOf(browser, chart);
          // The value labels as this engine sets them, in the charts' font (VALUE_FONT in
          // src/charts/render.rs), against the boxes the layout gave them.
          const widths = await browser.run(
            (texts, rtl) => {
              const ctx = document.createElement('canvas').getContext('2d');
              ctx.font = "13px Arial, 'Liberation Sans', Helvetica, sans-serif";
              return texts.map((t) => ctx.measureText(rtl ? `\u2067${t}\u2069` : t).width);
            },
            marks.map((m) => m.text),
            lang === 'ar',
          );
          const layout = await browser.run(
            (name) => document.querySelector(`canvas[data-chart="${name}"]`).chartHandle.layout().marks,
            chart,
          );
          layout.forEach((m, i) => {
            assert.ok(widths[i] <= m.label.w + 1.5, `${lang} ${chart}: "${m.text}" is ${widths[i]} px in ${label}, its box ${m.label.w}`);
          });
          if (chart === 'liberation') {
            const [liberated, rest] = layout;
            const mirrored = liberated.bar.x > rest.bar.x;
            assert.equal(mirrored, lang === 'ar', `${lang}: the liberated share starts on the reading side`);
          }
        }
      }
      await assertNoErrors(browser, 'the charts in Arabic and French');
    });

    check('touch: a tap shows the details, a tap elsewhere hides them', async (t) => {
      // A figure of the returns chart, approximate: its details carry its label and the post's quote.
      const TAPPED = 'raqqa-returned';
      await openChart(browser, 'returns');
      await browser.run(() => {
        window.__pointers = [];
        document.addEventListener('pointerdown', (e) => window.__pointers.push(e.pointerType), true);
      });
      const marks = await marksOf(browser, 'returns');
      const mark = marks.find((m) => m.figure === TAPPED);
      assert.ok(mark, `the returns chart has a bar for ${TAPPED}: ${marks.map((m) => m.figure).join(', ')}`);
      await browser.tap(mark.x, mark.y);
      const [kind] = await browser.waitFor(() => window.__pointers.length > 0 && window.__pointers, [], {
        what: 'the tap to reach the page',
      });
      if (kind !== 'touch') {
        t.skip(`${label}'s WebDriver delivers a touch tap as a "${kind}" pointer: no touch input in automation`);
        return;
      }
      await detailsOf(browser, TAPPED);
      // The chart's notes, below it: outside the chart and its details.
      const outside = await browser.run(() => {
        const notes = document.querySelector('#panel-returns figcaption');
        notes.scrollIntoView({ block: 'center' });
        const box = notes.getBoundingClientRect();
        return { x: box.x + 10, y: box.y + 5 };
      });
      await browser.tap(outside.x, outside.y);
      await tooltipsClosed(browser, 'the details to close after a tap elsewhere');
      await assertNoErrors(browser, 'the tapped chart');
    });

    check('a keyboard-only walk visits every figure and announces it', async (t) => {
      if (!keys(t)) return;
      for (const chart of CHARTS) {
        await openChart(browser, chart);
        const marks = await marksOf(browser, chart);
        await browser.run(() => window.scrollTo(0, 0));
        // Tab from the start of the page until the chart has focus, as a keyboard user would.
        const focused = () =>
          browser.run(
            (name) => document.activeElement?.tagName === 'CANVAS' && document.activeElement.dataset.chart === name,
            chart,
          );
        for (let i = 0; i < 40 && !(await focused()); i += 1) {
          // Each Tab moves the focus on before the next is pressed, so none skips the chart.
          await browser.run(() => {
            window.__before = document.activeElement;
          });
          await browser.press(KEY.TAB);
          await browser.waitFor(() => document.activeElement !== window.__before, [], { what: 'Tab to move the focus' });
        }
        assert.ok(await focused(), `${chart} canvas reachable by Tab in ${label}`);
        const announces = (pattern, what) =>
          until(
            async () =>
              pattern.test(
                await browser.run(
                  (name) => document.querySelector(`canvas[data-chart="${name}"] ~ .ci-live`).textContent,
                  chart,
                ),
              ),
            { what: `${chart} to announce ${what}` },
          );
        for (let i = 0; i < marks.length; i += 1) {
          if (i > 0) await browser.press(KEY.RIGHT);
          await announces(new RegExp(`Figure ${i + 1} of ${marks.length}\\.$`), `figure ${i + 1}`);
          await detailsOf(browser, marks[i].figure);
          await until(async () => (await browser.address()).includes(`focus=${marks[i].figure}`), {
            what: `the link to name ${marks[i].figure}`,
          });
        }
        await browser.press(KEY.RIGHT);
        await announces(new RegExp(`Figure ${marks.length} of`), 'the last figure still');
        await browser.press(KEY.HOME);
        await announces(/Figure 1 of/, 'the first figure on Home');
        await browser.press(KEY.END);
        await announces(new RegExp(`Figure ${marks.length} of`), 'the last figure on End');
        await browser.press(KEY.ESCAPE);
        await tooltipsClosed(browser, 'Escape to close the details');
        await until(async () => !(await browser.address()).includes('focus='), { what: 'the link to forget the focus' });
      }
      await assertNoErrors(browser, 'the keyboard walk');
    });

    check('a share link, copied through the clipboard, opens the same view pixel for pixel', async (t) => {
      if (!keys(t)) return;
      await openChart(browser, 'funding', '');
      await browser.click('#panel-funding input[name=scale][value=log]');
      await browser.click('input[name=theme][value=dark]');
      const marks = await marksOf(browser, 'funding');
      // A figure chosen with the keyboard and pinned with Enter.
      // The canvas comes just before its credit line's link in the keyboard's order.
      await browser.run(() => document.querySelector('#panel-funding .chart-credit a').focus());
      await browser.chord(KEY.SHIFT, KEY.TAB);
      await browser.waitFor(() => document.activeElement?.dataset.chart === 'funding', [], {
        what: 'Shift+Tab from the credit line to focus the funding chart',
      });
      await browser.press(KEY.RIGHT, KEY.ENTER);
      const figure = marks[1].figure;
      const where = `/?scale=log&theme=dark&focus=${figure}`;
      await until(async () => (await browser.address()) === where, { what: `the address to become ${where}` });
      await browser.run(() => document.activeElement.blur());
      await settled(browser, 'funding');
      const shown = await viewState(browser);
      assert.ok(shown.tooltip?.length > 0, 'the chosen figure keeps its details open');
      const drawn = (await pixelsOf(browser, 'funding')).data;

      // Copy link, then paste what the system clipboard holds, as a reader would.
      await browser.click('#copy-link');
      await browser.waitFor(() => document.getElementById('share-status').textContent === 'Link copied', [], {
        what: 'Copy link to say "Link copied"',
      });
      await browser.run(() => {
        const field = document.createElement('textarea');
        field.id = 'engines-paste';
        document.body.prepend(field);
        field.focus();
      });
      await browser.chord(KEY.CONTROL, 'v');
      const pasted = await browser.waitFor(() => document.getElementById('engines-paste').value, [], {
        what: 'the pasted link',
      });
      assert.equal(pasted, new URL(`funding/?scale=log&theme=dark&focus=${figure}`, proxy.url).href);

      // The link opens the same view, the same pixels.
      await browser.goto(pasted);
      await settled(browser, 'funding');
      await until(async () => JSON.stringify(await viewState(browser)) === JSON.stringify(shown), {
        what: 'the same view from the link',
      });
      await until(async () => Buffer.compare((await pixelsOf(browser, 'funding')).data, drawn) === 0, {
        what: 'the same pixels from the link',
      });
      // And a reload keeps it.
      await browser.driver.navigate().refresh();
      await settled(browser, 'funding');
      await until(async () => JSON.stringify(await viewState(browser)) === JSON.stringify(shown), {
        what: 'the same view after a reload',
      });
      assert.equal(Buffer.compare((await pixelsOf(browser, 'funding')).data, drawn), 0, 'the same pixels after a reload');
      await assertNoErrors(browser, 'the shared view');
    });

    check("the embedded charts' frames fit their charts, and follow a resize", async () => {
      await browser.viewport(1000, DESKTOP.height);
      try {
        await browser.goto('embed-example.html');
        const fitted = (what) =>
          browser.waitFor(
            () => {
              const frames = [...document.querySelectorAll('iframe[data-coalition-infographic]')];
              const sizes = [];
              for (const frame of frames) {
                frame.scrollIntoView();
                const canvas = frame.contentDocument?.querySelector('canvas[data-drawn]');
                if (!canvas) return false;
                const dpr = frame.contentWindow.devicePixelRatio;
                const sharp = Math.abs(canvas.width - canvas.clientWidth * dpr) <= 1;
                const content = frame.contentDocument.documentElement.getBoundingClientRect().height;
                const height = frame.getBoundingClientRect().height;
                if (!sharp || frame.style.height === '' || Math.abs(height - content) > 2) return false;
                sizes.push({ height: Math.round(height), canvas: canvas.clientWidth });
              }
              return frames.length === 2 && sizes;
            },
            [],
            { what },
          );
        const wide = await fitted('both frames to fit their charts at 1000 px');
        await browser.viewport(600, DESKTOP.height);
        const narrow = await until(
          async () => {
            const sizes = await fitted('both frames to fit again at 600 px');
            return sizes.every((s, i) => s.canvas < wide[i].canvas) && sizes;
          },
          { what: 'both charts to redraw narrower at 600 px' },
        );
        assert.ok(
          narrow.every((s, i) => s.height !== wide[i].height),
          `the frames' heights follow their charts: ${JSON.stringify({ wide, narrow })}`,
        );
        await browser.run(() => window.scrollTo(0, 0));
        writeFileSync(`${OUTPUT}${engine}-embed-host-600.png`, await browser.screenshot());
        await assertNoErrors(browser, 'the embed host page');
      } finally {
        await browser.viewport(DESKTOP.width, DESKTOP.height);
      }
    });

    check('embedded charts whose module arrives while sizes are delivered raise no error', async () => {
      // late-module.js makes every frame's module resolve inside a ResizeObserver callback.
      await browser.driver.manage().addCookie({ name: INJECT, value: 'late-module' });
      try {
        await browser.goto('embed-example.html');
        await browser.waitFor(
          () => {
            const frames = [...document.querySelectorAll('iframe[data-coalition-infographic]')];
            for (const frame of frames) frame.scrollIntoView();
            return (
              frames.length === 2 &&
              frames.every((f) => f.contentWindow.__enginesLateModule && f.contentDocument.querySelector('canvas[data-drawn]'))
            );
          },
          [],
          { what: 'both embedded charts, their module held back, to draw' },
        );
        // A loop error is reported at the end of the frame that caused it.
        await browser.runAsync(
          () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
        );
      } finally {
        await browser.driver.manage().deleteCookie(INJECT);
      }
      await assertNoErrors(browser, 'the embed host page, modules held back');
    });

    check("every chart's downloads are valid files", async () => {
      for (const chart of CHARTS) {
        await openChart(browser, chart);
        const size = await browser.run((name) => {
          const c = document.querySelector(`canvas[data-chart="${name}"]`);
          return { width: c.clientWidth, height: c.getBoundingClientRect().height };
        }, chart);

        const png = PNG.sync.read(await save(browser, chart, 'png', `coalition-2017-${chart}.png`));
        assert.equal(png.width, 2 * size.width, `${chart} PNG width`);
        assert.ok(Math.abs(png.height - 2 * size.height) <= 2, `${chart} PNG height ${png.height} for ${size.height} px`);
        const colours = new Set();
        for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
        assert.ok(colours.size > 50, `${chart} PNG has ${colours.size} colours: blank?`);

        const svg = (await save(browser, chart, 'svg', `coalition-2017-${chart}.svg`)).toString('utf8');
        const parsed = await svgTexts(browser, svg);
        assert.equal(parsed.error, null, `${chart} SVG parses`);
        assert.equal(parsed.root, 'svg');
        assert.equal(parsed.width, size.width);
        const marks = await marksOf(browser, chart);
        for (const { text } of marks) assert.ok(parsed.text.replace(/\s+/g, ' ').includes(text), `${chart} SVG says "${text}"`);

        const csv = await save(browser, chart, 'csv', `coalition-2017-${chart}.csv`);
        assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
        const [header, ...rows] = parseCsv(csv.subarray(3).toString('utf8'));
        assert.equal(header[0], 'id');
        const ids = await browser.run(
          (name) => [...document.querySelectorAll(`#table-${name} tbody tr`)].map((tr) => tr.id.replace(/^row-/, '')),
          chart,
        );
        assert.deepEqual(rows.map((r) => r[0]), ids, `${chart} CSV has the table's figures, in order`);
        assert.ok(rows.every((r) => r.length === header.length), `${chart} CSV: every row has every column`);
        await browser.waitFor(
          (name, file) => document.querySelector(`#panel-${name} .download-status`).textContent === `Download started: ${file}`,
          [chart, `coalition-2017-${chart}.csv`],
          { what: 'the download status line' },
        );
      }
      const json = JSON.parse(await save(browser, 'returns', 'json', 'coalition-2017-dataset.json'));
      assert.deepEqual(
        json.figures.map((f) => f.id),
        dataset.figures.map((f) => f.id),
        'every figure, in the dataset order',
      );
      await assertNoErrors(browser, 'the downloads');
    });

    check('the server sends the strict CSP, and the page works under it with no violation', async () => {
      for (const path of ['', 'funding/', 'main.js', 'pkg/viewer_bg.wasm', 'pkg/coalition_infographic_bg.wasm']) {
        // What this engine is served: the server's own header, passed through unchanged.
        for (const base of [process.env.BASE_URL, proxy.url]) {
          const response = await fetch(new URL(path, base));
          await response.arrayBuffer();
          assert.equal(response.headers.get('content-security-policy'), CSP, `/${path} from ${base}`);
        }
      }
      await openChart(browser, 'funding', '');
      await browser.takeLog();
      for (const chart of [...CHARTS, 'funding']) {
        await browser.click(`[role=tablist] button[role=tab][data-chart="${chart}"]`);
        await settled(browser, chart);
      }
      const before = await settled(browser, 'funding');
      await browser.click('#panel-funding input[name=scale][value=log]');
      await until(async () => (await settled(browser, 'funding')) > before, { what: 'the log scale to redraw' });
      const [mark] = await marksOf(browser, 'funding');
      await browser.mouseTo(mark.x, mark.y);
      await detailsOf(browser, mark.figure);
      // A download compiles the full module: WebAssembly under 'wasm-unsafe-eval'.
      await save(browser, 'funding', 'svg', 'coalition-2017-funding.svg');
      await browser.click('#embed-open');
      await browser.waitFor(() => document.getElementById('embed-dialog').open, [], { what: 'the Embed dialog' });
      await browser.press(KEY.ESCAPE);
      await browser.waitFor(() => !document.getElementById('embed-dialog').open, [], { what: 'the dialog to close' });
      const log = await browser.takeLog();
      assert.deepEqual(
        log.filter((e) => e.kind === 'csp violation'),
        [],
        `${label}: CSP violations`,
      );
      assert.deepEqual(log, [], `${label}: anything else in the console`);
    });
  });
}
