// Hostile input, second round, in Chromium: a link's words never read as the page's own
// (in the page or an embed), a dataset address with doubled slashes stays on this site, a
// huge or deeply nested dataset is refused before parsing, a dataset of spreadsheet formulas
// downloads as text, and a bad `chart=` on a chart's own page keeps that page's chart. Every
// wait is on a condition in the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { BASE_URL, eventually, launchBrowser, openPage } from './browser.mjs';

const SLOW = { timeout: 120_000 };
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));
const shipped = JSON.parse(readFileSync(new URL('../../data/coalition-2017.json', import.meta.url), 'utf8'));
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'];

let browser;
let context;

before(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
});

after(async () => {
  await context?.close();
  await browser?.close();
});

/** The notice: its whole text, the text of its <code> parts, and what is left around them. */
async function readNotice(page) {
  await page.waitForSelector('#data-notice');
  return page.$eval('#data-notice', (box) => {
    const codes = [...box.querySelectorAll('code')].map((c) => c.textContent);
    const outside = [...box.childNodes].map((n) => (n.nodeName === 'CODE' ? '' : n.textContent)).join('');
    const elements = [...box.querySelectorAll('*')].map((e) => e.nodeName);
    return { text: box.textContent, codes, outside, elements, visible: box.getClientRects().length > 0 };
  });
}

/** Opens `query`, answering requests for `name` with `body` (a string, as is). */
async function openServing(name, body, query = `?data=${encodeURIComponent(name)}`) {
  await context.route(`**/${name}`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body }),
  );
  const opened = await openPage(context, query);
  // The dataset is fetched once the charts' module has loaded; the notice follows it.
  await opened.page.waitForSelector('#data-notice');
  await context.unroute(`**/${name}`);
  return opened;
}

const ATTACK = 'http://[ SECURITY ALERT: your session has expired. Call +1-555-0100 now ]';

test('a link cannot put its words in the page, nor in an embed', SLOW, async () => {
  const cases = [
    [ATTACK, '', 'Not using the dataset this link names, “”: it is not an address.'],
    [ATTACK, '&embed=1', 'Not using the dataset this link names, “”: it is not an address.'],
    [
      '/SECURITY-ALERT-your-session-expired-call-1-555-0100-now.json',
      '&embed=1',
      'Could not load the data at “”: the server answered 404.',
    ],
    [
      'https://evil.example/SECURITY-ALERT-call-1-555-0100',
      '',
      'Not using the dataset this link names, “”: it is not on this site, and only data on this site can be shown.',
    ],
  ];
  for (const [address, extra, sentence] of cases) {
    const { page, errors } = await openPage(context, `?data=${encodeURIComponent(address)}${extra}`);
    const notice = await eventually(async () => {
      const read = await readNotice(page);
      assert.ok(read.outside.startsWith(sentence), `${address}${extra}: ${read.text}`);
      return read;
    });
    assert.equal(notice.outside, `${sentence} Showing the release’s figures.`);
    assert.deepEqual(notice.elements, ['CODE'], 'only a code element inside the notice');
    assert.equal(notice.codes.length, 1);
    assert.ok(Array.from(notice.codes[0]).length <= 33, `clipped: ${notice.codes[0]}`);
    assert.ok(!notice.text.includes('555-0100'), `the attacker's number is not shown: ${notice.text}`);
    assert.ok(notice.visible, 'the notice is shown');
    // The browser reports the 404 itself; nothing else may go wrong.
    assert.deepEqual(
      errors.filter((e) => !(sentence.includes('404') && e.includes('status of 404'))),
      [],
    );
    if (extra && address === ATTACK) await page.screenshot({ path: `${OUTPUT}hostile-notice-embed.png` });
    await page.close();
  }
});

test('a dataset address with doubled slashes is fetched from this site only', SLOW, async () => {
  // `/.//funding` is on this site, so the page fetches it; the folder's redirect must say
  // `/funding/` (a page, so not JSON), never `//funding/`, which is a host named funding.
  const origin = new URL(BASE_URL).origin;
  const requests = [];
  const record = (request) => requests.push(request.url());
  context.on('request', record);
  try {
    for (const address of ['/.//funding', '/.///funding?x=1']) {
      const { page, errors } = await openPage(context, `?data=${encodeURIComponent(address)}`);
      await eventually(async () =>
        assert.match((await readNotice(page)).text, /^Could not use the data at “[^”]+”: it is not JSON\./, address),
      );
      assert.deepEqual(errors, [], address);
      await page.close();
    }
  } finally {
    context.off('request', record);
  }
  assert.ok(requests.some((url) => url.endsWith('/funding/')), `the redirect was followed: ${requests}`);
  assert.deepEqual(requests.filter((url) => new URL(url).origin !== origin), [], 'every request stays on this site');
});

test('invisible and reordering characters in an address are shown as marks', SLOW, async () => {
  // Not an address, so it is quoted as typed (an address on this site shows percent-encoded).
  const { page } = await openPage(context, `?data=${encodeURIComponent('http://[\u202Elmth.live\u200B')}`);
  const notice = await eventually(async () => {
    const read = await readNotice(page);
    assert.equal(read.codes.length, 1);
    return read;
  });
  assert.ok(!/[\u202A-\u202E\u2066-\u2069\u200B]/u.test(notice.text), JSON.stringify(notice.text));
  assert.ok(notice.codes[0].includes('\uFFFD'), notice.codes[0]);
  await page.close();
});

test('a 5 MB dataset is refused quickly, by its size', SLOW, async () => {
  const padded = JSON.stringify(shipped).replace('{', `{${' '.repeat(5_000_000)}`);
  const started = Date.now();
  const { page, errors } = await openServing('big.json', padded);
  await eventually(async () =>
    assert.match(
      (await readNotice(page)).text,
      /Could not load the data at “\/big\.json”: it is larger than 2,000,000 bytes, the most a dataset may be\./,
    ),
  );
  assert.ok(Date.now() - started < 20_000, `${Date.now() - started} ms`);
  // The page still answers: a tab switch draws.
  await page.click('#tab-returns');
  await page.waitForFunction(() => document.querySelector('canvas[data-chart="returns"]')?.dataset.drawn !== undefined);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a 5,000-deep dataset is refused by its depth, not by a stack overflow', SLOW, async () => {
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const body = JSON.stringify(shipped).replace('"figures":[', `"extra":${deep},"figures":[`);
  assert.ok(body.includes('"extra"'));
  const { page, errors } = await openServing('deep.json', body);
  const notice = await eventually(async () => {
    const read = await readNotice(page);
    assert.match(read.text, /Could not use the data at “\/deep\.json”: its arrays and objects nest deeper than 32 levels\./);
    return read;
  });
  assert.ok(!/call stack/i.test(notice.text));
  assert.ok(!errors.some((e) => /call stack/i.test(e)), errors.join('\n'));
  assert.deepEqual(errors, []);
  await page.close();
});

/** Splits RFC 4180 text into rows of fields. */
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
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

test("a dataset of spreadsheet formulas downloads as text, not formulas", SLOW, async () => {
  const hostile = structuredClone(shipped);
  hostile.figures.forEach((figure, i) => {
    const start = FORMULA_STARTS[i % FORMULA_STARTS.length];
    figure.label = `${start}HYPERLINK("http://example.org","Details")`;
    figure.short_label = `${start}1+1`;
    figure.period = `${start}cmd|' /C calc'!A0`;
  });
  const { page, errors } = await openServing('formulas.json', JSON.stringify(hostile));
  await eventually(async () => assert.match((await readNotice(page)).text, /The charts show figures from “\/formulas\.json”/));
  await page.locator('#panel-funding .downloads').waitFor({ state: 'visible' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('#panel-funding .downloads button[data-download="csv"]'),
  ]);
  assert.equal(await download.failure(), null);
  const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const [header, ...rows] = parseCsv(text);
  assert.equal(header[1], 'label');
  assert.ok(rows.length >= 4, `${rows.length} rows`);
  for (const row of rows) {
    for (const cell of row) {
      assert.ok(!FORMULA_STARTS.some((s) => cell.startsWith(s)), `a cell starts a formula: ${JSON.stringify(cell)}`);
    }
    assert.ok(row[1].startsWith("'") && row[1].includes('HYPERLINK("http://example.org"'), row[1]);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("on a chart's own page a bad or empty chart= keeps that page's chart", SLOW, async () => {
  const selected = (page) =>
    page.$eval('[role="tab"][aria-selected="true"]', (tab) => tab.dataset.chart);
  for (const [path, want] of [
    ['returns/?chart=', 'returns'],
    ['returns/?chart=RETURNS', 'returns'],
    ['returns/?chart=liberation%00', 'returns'],
    ['liberation/?chart=%20funding&scale=log', 'liberation'],
    ['returns/?chart=liberation', 'liberation'],
    ['returns/?chart=liberation&chart=bogus', 'liberation'],
  ]) {
    const { page, errors } = await openPage(context, path);
    await page.waitForFunction(() => document.documentElement.classList.contains('charts-ready'));
    await eventually(async () => assert.equal(await selected(page), want, path));
    await page.waitForFunction(
      (name) => document.querySelector(`canvas[data-chart="${name}"]`)?.dataset.drawn !== undefined,
      want,
    );
    assert.deepEqual(errors, [], path);
    await page.close();
  }
  assert.ok(BASE_URL);
});
