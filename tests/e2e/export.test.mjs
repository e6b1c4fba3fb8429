// Downloads: every chart's PNG, SVG and CSV and the whole dataset as JSON, each saved through
// the page's own buttons and checked as a file: the PNG decodes at twice the chart's size and
// is not blank, the SVG parses and holds what the chart says, the CSV parses back to the
// dataset's values, the JSON holds every figure. A download leaves pinned details open.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { PNG } from 'pngjs';

import { BASE_URL, eventually, launchBrowser } from './browser.mjs';

const CHARTS = ['funding', 'liberation', 'returns'];
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 360, height: 740 };
// Generous: the first load compiles the wasm, which is slow on a busy CI machine.
const SLOW = { timeout: 120_000 };
const CSV_HEADER = [
  'id',
  'label',
  'value',
  'unit',
  'qualifier',
  'value_as_shown',
  'scope',
  'period',
  'derived',
  'derived_how',
  'quote',
  'context',
  'when',
  'source_url',
];
const SCOPES = { iraq: 'Iraq', syria: 'Syria', iraq_and_syria: 'Iraq and Syria', coalition: 'Coalition-wide' };

const dataset = JSON.parse(readFileSync(new URL('../../data/coalition-2017.json', import.meta.url), 'utf8'));
const byId = new Map(dataset.figures.map((f) => [f.id, f]));

/** A figure's value, computing a derived one from its inputs as the dataset declares. */
function valueOf(id) {
  const figure = byId.get(id);
  if (!figure.derived) return figure.value;
  const [a, b] = figure.derived.of.map(valueOf);
  return { complement: () => 100 - a, difference: () => a - b }[figure.derived.op]();
}

/** A figure's qualifier; a derived one follows the dataset's rules for honest bounds. */
function qualifierOf(id) {
  const figure = byId.get(id);
  if (!figure.derived) return figure.qualifier;
  const inputs = figure.derived.of.map(qualifierOf);
  // Computed from unhedged figures, a value is not itself "as stated".
  if (inputs.every((q) => q === 'as_stated')) return 'derived_from_as_stated';
  assert.ok(!inputs.includes('more_than'), `${id}: a lower bound has no derived value`);
  return 'approximately';
}

/** Parses CSV per RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"') {
      assert.equal(field, '', `a quote inside an unquoted field at offset ${i}`);
      quoted = true;
      i += 1;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      assert.ok(c !== '\r' && c !== '\n', `a bare line break at offset ${i}: RFC 4180 ends records with CRLF`);
      field += c;
      i += 1;
    }
  }
  assert.equal(quoted, false, 'a quoted field is never closed');
  assert.ok(row.length === 0 && field === '', 'the last record ends with CRLF');
  return rows;
}

test('the CSV parser reads what RFC 4180 writes', () => {
  assert.deepEqual(parseCsv('a,b\r\n"x, y","say ""hi""\r\nnext"\r\n'), [
    ['a', 'b'],
    ['x, y', 'say "hi"\r\nnext'],
  ]);
  assert.throws(() => parseCsv('a,b\n'), /bare line break/);
  assert.throws(() => parseCsv('"open\r\n'), /never closed/);
});

let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** Opens the page on `chart` and waits until its chart has drawn, failing on any page error. */
async function openChart(context, chart, query = '') {
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(new URL(`?chart=${chart}${query}`, BASE_URL).href);
  await page.waitForFunction((name) => {
    const panel = document.getElementById('error');
    if (panel && !panel.hidden) throw new Error(`#error shows: ${panel.textContent}`);
    return document.querySelector(`canvas[data-chart="${name}"]`)?.dataset.drawn !== undefined;
  }, chart);
  return { page, errors };
}

/** Clicks a download button of `chart`'s panel; the saved file's name and bytes. */
async function save(page, chart, kind) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`#panel-${chart} .downloads button[data-download="${kind}"]`),
  ]);
  assert.equal(await download.failure(), null, `${chart} ${kind} download failed`);
  const bytes = readFileSync(await download.path());
  return { name: download.suggestedFilename(), bytes };
}

/** Text of every <text> element of an SVG document, parsed by the browser. */
function svgTexts(page, svg) {
  return page.evaluate((source) => {
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

for (const [viewport, label] of [
  [DESKTOP, '1280'],
  [PHONE, '360'],
]) {
  test(`every chart's downloads are valid files at ${label} px`, SLOW, async () => {
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1, acceptDownloads: true });
    try {
      for (const chart of CHARTS) {
        const { page, errors } = await openChart(context, chart);
        const size = await page.$eval(`canvas[data-chart="${chart}"]`, (c) => {
          const box = c.getBoundingClientRect();
          return { width: c.clientWidth, height: box.height };
        });
        const buttons = await page.$$eval(`#panel-${chart} .downloads button`, (list) =>
          list.map((b) => b.textContent.trim()),
        );
        assert.deepEqual(buttons, ['PNG image', 'SVG image', 'CSV table', 'All data (JSON)']);

        // PNG: twice the displayed size, and a picture rather than a blank.
        const png = await save(page, chart, 'png');
        assert.equal(png.name, `coalition-2017-${chart}.png`);
        const image = PNG.sync.read(png.bytes);
        assert.equal(image.width, 2 * size.width, `${chart} PNG width`);
        // The height is the chart's own (CSS px, rounded up) times two.
        assert.ok(
          Math.abs(image.height - 2 * size.height) <= 2,
          `${chart} PNG height ${image.height} for a ${size.height} px chart`,
        );
        const colours = new Set();
        for (let i = 0; i < image.data.length; i += 4) colours.add(image.data.readUInt32BE(i));
        assert.ok(colours.size > 50, `${chart} PNG has ${colours.size} colours: blank?`);

        // SVG: well-formed, as wide as the chart, and saying what the chart says.
        const svg = await save(page, chart, 'svg');
        assert.equal(svg.name, `coalition-2017-${chart}.svg`);
        const parsed = await svgTexts(page, svg.bytes.toString('utf8'));
        assert.equal(parsed.error, null, `${chart} SVG parses`);
        assert.equal(parsed.root, 'svg');
        assert.equal(parsed.width, size.width);
        const text = parsed.text.replace(/\s+/g, ' ');
        const title = await page.$eval(`#panel-${chart} .chart > h3`, (h) => h.textContent.trim());
        const marks = await page.$eval(`canvas[data-chart="${chart}"]`, (c) =>
          c.chartHandle.layout().marks.map((m) => m.text),
        );
        const tableRows = await page.$$eval(`#table-${chart} tbody tr`, (trs) => trs.length);
        assert.ok(marks.length >= 3 && marks.length === tableRows, `${chart} draws its table's figures`);
        for (const words of [title, ...marks]) {
          assert.ok(text.includes(words), `${chart} SVG says "${words}"`);
        }

        // CSV: a byte order mark for Excel, then RFC 4180 that reads back to the dataset.
        const csv = await save(page, chart, 'csv');
        assert.equal(csv.name, `coalition-2017-${chart}.csv`);
        assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
        const [header, ...rows] = parseCsv(csv.bytes.subarray(3).toString('utf8'));
        assert.deepEqual(header, CSV_HEADER);
        const tableIds = await page.$$eval(`#table-${chart} tbody tr`, (trs) =>
          trs.map((tr) => tr.id.replace(/^row-/, '')),
        );
        assert.deepEqual(
          rows.map((r) => r[0]),
          tableIds,
          `${chart} CSV has the table's figures, in order`,
        );
        for (const fields of rows) {
          assert.equal(fields.length, CSV_HEADER.length, `${fields[0]}: every column`);
          const row = Object.fromEntries(CSV_HEADER.map((name, i) => [name, fields[i]]));
          const figure = byId.get(row.id);
          const shownValue = await page.$eval(`#row-${row.id} .value`, (td) => td.textContent.trim());
          assert.equal(row.label, figure.label, `${row.id} label`);
          assert.equal(Number(row.value), valueOf(row.id), `${row.id} value`);
          assert.equal(row.unit, figure.unit, `${row.id} unit`);
          assert.equal(row.qualifier, qualifierOf(row.id), `${row.id} qualifier`);
          assert.equal(row.value_as_shown, shownValue, `${row.id} value as the table shows it`);
          assert.equal(row.scope, SCOPES[figure.scope], `${row.id} scope`);
          assert.equal(row.period, figure.period, `${row.id} period`);
          assert.equal(row.derived, String(Boolean(figure.derived)), `${row.id} derived`);
          assert.equal(row.source_url, dataset.source.url, `${row.id}: the post's address`);
          assert.equal(row.context, figure.context ?? '', `${row.id} context`);
          assert.equal(row.when, figure.when ?? '', `${row.id} when`);
          if (figure.derived) {
            assert.equal(row.quote, '', `${row.id}: a derived value has no quote`);
            assert.ok(row.derived_how.length > 0, `${row.id}: says how it is derived`);
          } else {
            assert.equal(row.quote, figure.quote, `${row.id} quote`);
            assert.equal(row.derived_how, '', `${row.id} is stated`);
          }
        }

        // JSON: the whole dataset, derived values computed and marked.
        const json = await save(page, chart, 'json');
        assert.equal(json.name, 'coalition-2017-dataset.json');
        const all = JSON.parse(json.bytes.toString('utf8'));
        assert.equal(all.source.title, dataset.source.title);
        assert.equal(all.source.url, dataset.source.url);
        assert.deepEqual(all.uncharted, dataset.uncharted, 'every uncharted mention, as the dataset has it');
        assert.deepEqual(
          all.figures.map((f) => f.id),
          dataset.figures.map((f) => f.id),
          'every figure, in the dataset order',
        );
        for (const figure of all.figures) {
          assert.equal(figure.value, valueOf(figure.id), `${figure.id} value in the JSON`);
          assert.equal(figure.origin.kind, byId.get(figure.id).derived ? 'derived' : 'stated', figure.id);
        }

        // The status line is written in the frame after the download starts.
        await eventually(async () =>
          assert.equal(
            await page.textContent(`#panel-${chart} .download-status`),
            'Download started: coalition-2017-dataset.json',
          ),
        );
        assert.deepEqual(errors, []);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });
}

test('a dark chart downloads dark; the table view offers the data only', SLOW, async () => {
  const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, acceptDownloads: true });
  try {
    const { page, errors } = await openChart(context, 'returns', '&theme=dark');
    const png = PNG.sync.read((await save(page, 'returns', 'png')).bytes);
    // The top-left corner is the chart's background: the dark theme's.
    assert.deepEqual([...png.data.subarray(0, 3)], [0x1b, 0x1e, 0x21]);

    await page.check('input[name=display][value=table]');
    const visible = await page.$$eval('#panel-returns .downloads button', (list) =>
      list.filter((b) => b.getClientRects().length > 0).map((b) => b.dataset.download),
    );
    assert.deepEqual(visible, ['csv', 'json'], 'no picture to download when only the table shows');
    assert.equal((await save(page, 'returns', 'csv')).name, 'coalition-2017-returns.csv');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a download leaves pinned details open, by keyboard alone', SLOW, async () => {
  const context = await browser.newContext({
    viewport: DESKTOP,
    reducedMotion: 'reduce',
    acceptDownloads: true,
  });
  try {
    const { page, errors } = await openChart(context, 'funding');
    await page.focus('canvas[data-chart="funding"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#panel-funding .ci-tooltip:not([hidden])');
    // The link names the figure once the page has handled the key.
    const address = await eventually(async () => {
      const url = page.url();
      assert.ok(url.includes('focus='), url);
      return url;
    });
    // Tab on to the first download button and press it.
    for (let i = 0; i < 10; i += 1) {
      const at = await page.evaluate(() => document.activeElement.dataset.download ?? null);
      if (at === 'png') break;
      await page.keyboard.press('Tab');
    }
    assert.equal(await page.evaluate(() => document.activeElement.dataset.download), 'png');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    assert.equal(download.suggestedFilename(), 'coalition-2017-funding.png');
    assert.equal(page.url(), address, 'the link still names the figure');
    assert.equal(await page.isVisible('#panel-funding .ci-tooltip'), true, 'details still open');
    // A pointer click on a download button keeps them open too.
    await Promise.all([page.waitForEvent('download'), page.click('#panel-funding [data-download="csv"]')]);
    assert.equal(await page.isVisible('#panel-funding .ci-tooltip'), true);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the page loads the viewer module; the first download fetches the full one, once', SLOW, async () => {
  const context = await browser.newContext({ viewport: DESKTOP, deviceScaleFactor: 1, acceptDownloads: true });
  try {
    const wasm = [];
    context.on('request', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
    const { page, errors } = await openChart(context, 'funding', '&theme=dark');
    // The modules come under their fingerprinted names (NAME.HASH.wasm), from assets/.
    const loaded = () => wasm.map((p) => p.replace(/^.*\/assets\/(\w+)\.[0-9a-f]{16}\.wasm$/, '$1'));
    assert.deepEqual(loaded(), ['viewer_bg'], 'only the viewer on load, fingerprinted');

    // SVG from the full module, for the view on screen: the dark theme's background.
    const svg = (await save(page, 'funding', 'svg')).bytes.toString('utf8');
    assert.match(svg, /<rect x="0" y="0" width="\d+" height="\d+" opacity="1" fill="#1B1E21"/);
    assert.equal((await save(page, 'funding', 'csv')).name, 'coalition-2017-funding.csv');
    assert.deepEqual(
      loaded(),
      ['viewer_bg', 'coalition_infographic_bg'],
      'the full module is fetched for the first download only',
    );
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
