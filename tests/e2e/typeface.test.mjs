// One typeface for page and charts, in the face the browser really has. Chromium is run twice:
// with the machine's fonts (Liberation Sans stands in for Arial), and with a fontconfig that
// offers DejaVu Sans alone, which is 20-odd per cent wider than Arial, as on a Linux desktop
// without Liberation. In both, the page's text and the charts' are set in the same face, the
// charts measure it, and every line they draw fits the room the layout gave it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { errorsOf, launchBrowser, openPage } from './browser.mjs';

const CHARTS = ['funding', 'liberation', 'returns'];
const WIDTHS = [360, 1280];
const SLOW = { timeout: 180_000 };
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));
const DEJAVU = '/usr/share/fonts/truetype/dejavu';
/** DejaVu Sans's text scale as tests/typeface.rs computes it from the font's advances. */
const DEJAVU_SCALE = 1.2268;

let normal;
let dejavu;
let fontDir;

/** A fontconfig that knows DejaVu Sans (and its Serif and Mono) and nothing else. */
function dejavuOnlyConfig() {
  fontDir = mkdtempSync(join(tmpdir(), 'coalition-dejavu-'));
  const file = join(fontDir, 'fonts.conf');
  const alias = (generic, family) =>
    `<alias><family>${generic}</family><prefer><family>${family}</family></prefer></alias>`;
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>${DEJAVU}</dir>
  <cachedir>${join(fontDir, 'cache')}</cachedir>
  ${alias('sans-serif', 'DejaVu Sans')}
  ${alias('serif', 'DejaVu Serif')}
  ${alias('monospace', 'DejaVu Sans Mono')}
</fontconfig>
`,
  );
  return file;
}

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  assert.ok(existsSync(join(DEJAVU, 'DejaVuSans.ttf')), `DejaVu Sans is not in ${DEJAVU} (fonts-dejavu-core)`);
  normal = await launchBrowser();
  dejavu = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    env: { ...process.env, FONTCONFIG_FILE: dejavuOnlyConfig() },
  });
});

after(async () => {
  await normal?.close();
  await dejavu?.close();
  if (fontDir) rmSync(fontDir, { recursive: true, force: true });
});

/** Records, per canvas, the text the page asks it to draw while `__recording` is set. */
function recordFillText() {
  const fillText = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, x, y, ...rest) {
    const canvas = this.canvas;
    if (canvas.__recording) {
      canvas.__texts.push({ text, x, y, font: this.font, align: this.textAlign });
    }
    return fillText.call(this, text, x, y, ...rest);
  };
}

async function openChart(browser, chart, width, colorScheme) {
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    colorScheme,
    reducedMotion: 'reduce',
  });
  await context.addInitScript(recordFillText);
  const { page } = await openPage(context, `?chart=${chart}`);
  await page.waitForFunction(
    (name) => document.querySelector(`canvas[data-chart="${name}"]`)?.dataset.drawn,
    chart,
  );
  return { context, page };
}

/**
 * Draws the chart once more while recording, and measures each line it drew in the font it
 * was drawn in: its box on the canvas (advance width, and the ink above and below the
 * baseline), with the layout of that same drawing.
 */
function measureDrawing(page, chart) {
  return page.evaluate((name) => {
    const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
    canvas.__texts = [];
    canvas.__recording = true;
    canvas.chartHandle.redraw();
    canvas.__recording = false;
    const layout = canvas.chartHandle.layout();
    const ctx = document.createElement('canvas').getContext('2d');
    const lines = canvas.__texts.map((t) => {
      ctx.font = t.font;
      const m = ctx.measureText(t.text);
      const shift = t.align === 'right' ? m.width : t.align === 'center' ? m.width / 2 : 0;
      const left = t.x - shift;
      return {
        text: t.text,
        font: t.font,
        left,
        right: left + m.width,
        top: t.y - m.actualBoundingBoxAscent,
        bottom: t.y + m.actualBoundingBoxDescent,
      };
    });
    const family = getComputedStyle(document.body).fontFamily;
    return { lines, layout, width: canvas.clientWidth, height: canvas.clientHeight, family };
  }, chart);
}

/**
 * The face Chromium set the page's body text in, as the DevTools protocol reports it for the
 * first paragraph of text in the body's own font family.
 */
async function renderedFace(page) {
  const selector = '[data-face-probe]';
  const found = await page.evaluate(() => {
    const family = getComputedStyle(document.body).fontFamily;
    const probe = [...document.querySelectorAll('main p, main li, main td')].find(
      (el) =>
        el.checkVisibility() &&
        getComputedStyle(el).fontFamily === family &&
        [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && /[a-z]{4}/.test(n.textContent)),
    );
    probe?.setAttribute('data-face-probe', '');
    return Boolean(probe);
  });
  assert.ok(found, 'no paragraph in the body face');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts.sort((a, b) => b.glyphCount - a.glyphCount)[0]?.familyName;
}

const unquote = (family) => family.replace(/["']/g, '').replace(/\s*,\s*/g, ',');

function overlapArea(a, b) {
  const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
  const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Every line drawn lies in the chart's inner width, clear of other lines and of the bars. */
function assertFits({ lines, layout, width }, at) {
  assert.ok(lines.length > 10, `${at}: only ${lines.length} lines drawn`);
  const pad = width < 480 ? 12 : 20;
  // Half a pixel: canvas widths are fractional and anti-aliasing softens the last one.
  const slack = 0.5;
  for (const line of lines) {
    assert.ok(
      line.left >= pad - slack && line.right <= width - pad + slack,
      `${at}: ${JSON.stringify(line.text)} spans ${line.left.toFixed(1)}-${line.right.toFixed(1)}, ` +
        `outside the inner width ${pad}-${width - pad}`,
    );
  }
  for (let i = 0; i < lines.length; i++) {
    for (const other of lines.slice(i + 1)) {
      assert.equal(
        overlapArea(lines[i], other),
        0,
        `${at}: ${JSON.stringify(lines[i].text)} overlaps ${JSON.stringify(other.text)}`,
      );
    }
  }
  for (const mark of layout.marks) {
    const label = lines.find((l) => l.text === mark.text && l.left >= mark.label.x - 1 && l.right <= mark.label.x + mark.label.w + 1);
    assert.ok(label, `${at}: ${mark.figure}'s label ${JSON.stringify(mark.text)} is not inside the room its layout gave it`);
    const bar = { left: mark.extent.x, right: mark.extent.x + mark.extent.w, top: mark.extent.y, bottom: mark.extent.y + mark.extent.h };
    for (const line of lines) {
      assert.equal(overlapArea(line, bar), 0, `${at}: ${JSON.stringify(line.text)} is drawn over ${mark.figure}'s bar`);
    }
  }
}

for (const [name, face, scale] of [
  ['the machine\'s fonts', 'Liberation Sans', 1],
  ['DejaVu Sans alone', 'DejaVu Sans', DEJAVU_SCALE],
]) {
  test(`with ${name}, page and charts share one face and every line fits`, SLOW, async () => {
    const browser = face === 'DejaVu Sans' ? dejavu : normal;
    const tag = face === 'DejaVu Sans' ? 'dejavu' : 'normal';
    for (const chart of CHARTS) {
      for (const width of WIDTHS) {
        for (const colorScheme of ['light', 'dark']) {
          const at = `${chart} at ${width} px, ${colorScheme}, ${name}`;
          const { context, page } = await openChart(browser, chart, width, colorScheme);
          const drawing = await measureDrawing(page, chart);
          // One stack: the body's font family is the one the chart draws in.
          const canvasFamily = drawing.lines[0].font.replace(/^(bold )?[\d.]+px /, '');
          assert.equal(unquote(drawing.family), unquote(canvasFamily), `${at}: page and canvas stacks`);
          assert.equal(await renderedFace(page), face, `${at}: the page's face`);
          // The scale measured is the face's: Arial's metrics for Liberation Sans, DejaVu
          // Sans's ratio (give or take its kerning) for DejaVu.
          assert.ok(
            Math.abs(drawing.layout.text_scale - scale) < 0.02,
            `${at}: text scale ${drawing.layout.text_scale}, expected about ${scale}`,
          );
          assertFits(drawing, at);
          if (scale > 1) {
            // Laid out in Arial's widths, the value labels would be too narrow for the
            // face: the scale is what makes them fit.
            const narrower = drawing.layout.marks.filter((m) => {
              const line = drawing.lines.find((l) => l.text === m.text);
              return line && line.right - line.left > m.label.w / drawing.layout.text_scale + 0.5;
            });
            assert.ok(narrower.length > 0, `${at}: no label needed the scale`);
          }
          await page.locator(`canvas[data-chart="${chart}"]`).screenshot({
            path: join(OUTPUT, `typeface-${tag}-${chart}-${width}-${colorScheme}.png`),
          });
          if (chart === 'funding' && colorScheme === 'light') {
            await page.screenshot({ path: join(OUTPUT, `typeface-${tag}-page-${width}.png`) });
          }
          assert.deepEqual(errorsOf(page), [], at);
          await context.close();
        }
      }
    }
  });
}

test('a face that loads after the chart is measured then, and the chart drawn again to fit', SLOW, async () => {
  const context = await normal.newContext({ viewport: { width: 360, height: 900 }, reducedMotion: 'reduce' });
  await context.addInitScript(recordFillText);
  // A host's web font under one of the stack's names, arriving after the first drawing.
  await context.route('**/style.css', async (route) => {
    const response = await route.fetch();
    const body =
      `${await response.text()}\n@font-face{font-family:Arial;src:url(late-face.ttf)}` +
      '@font-face{font-family:Arial;font-weight:700;src:url(late-face-bold.ttf)}';
    await route.fulfill({ response, body });
  });
  let release;
  const released = new Promise((resolve) => (release = resolve));
  for (const [file, font] of [
    ['late-face.ttf', 'DejaVuSans.ttf'],
    ['late-face-bold.ttf', 'DejaVuSans-Bold.ttf'],
  ]) {
    await context.route(`**/${file}`, async (route) => {
      await released;
      await route.fulfill({ body: readFileSync(join(DEJAVU, font)), contentType: 'font/ttf' });
    });
  }
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // Not waiting for the load event, which a font still loading may hold back.
  await page.goto(new URL('?chart=funding', process.env.BASE_URL).href, { waitUntil: 'domcontentloaded' });
  const canvas = 'canvas[data-chart="funding"]';
  await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.drawn, canvas);
  const before = await page.evaluate((sel) => {
    const c = document.querySelector(sel);
    return { scale: c.chartHandle.layout().text_scale, height: c.clientHeight, status: document.fonts.status };
  }, canvas);
  assert.equal(before.status, 'loading', 'the late face is still loading');
  assert.equal(before.scale, 1, 'drawn first in the fallback, Liberation Sans');
  release();
  await page.waitForFunction(
    (sel) => document.querySelector(sel).chartHandle.layout().text_scale > 1.2,
    canvas,
  );
  const after = await measureDrawing(page, 'funding');
  assert.ok(Math.abs(after.layout.text_scale - DEJAVU_SCALE) < 0.02, `scale ${after.layout.text_scale}`);
  assert.ok(after.height > before.height, `the chart grew for the wider face: ${before.height} → ${after.height}`);
  assertFits(after, 'funding at 360 px after DejaVu Sans arrived as Arial');
  await page.locator(canvas).screenshot({ path: join(OUTPUT, 'typeface-late-face-funding-360.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
