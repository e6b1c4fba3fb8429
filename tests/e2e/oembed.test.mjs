// oEmbed as a CMS uses it: read a chart page, follow its discovery link to the static
// answer, check the answer against oEmbed 1.0, and render its html in a host page of its own:
// the frame shows the chart, whole, in the answer's size.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { fileURLToPath } from 'node:url';

import { BASE_URL, fileBrowser } from './browser.mjs';

const SLOW = { timeout: 120_000 };
const OUTPUT = fileURLToPath(new URL('./output/', import.meta.url));
const CHARTS = ['funding', 'liberation', 'returns'];

const browser = await fileBrowser(OUTPUT);

/**
 * The site is built for one address (BASE_URL of the build, by default
 * http://127.0.0.1:8080/) and served here at another: absolute URLs the build wrote are moved
 * to where the test server answers, as a host that publishes the site at its address would
 * not need to.
 */
function served(url, built) {
  return url.startsWith(built) ? new URL(url.slice(built.length), BASE_URL).href : url;
}

/** The discovery link of a page's head, as a CMS finds it. */
async function discover(path) {
  const response = await fetch(new URL(path, BASE_URL));
  assert.equal(response.status, 200);
  const html = await response.text();
  const head = html.slice(0, html.indexOf('</head>'));
  const link = head.match(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)" title="([^"]+)">/);
  assert.ok(link, `${path} advertises an oEmbed answer`);
  const canonical = head.match(/<link rel="canonical" href="([^"]+)">/)[1];
  const built = canonical.slice(0, canonical.length - path.length);
  return { href: link[1].replace(/&amp;/g, '&'), built };
}

for (const chart of CHARTS) {
  test(`the ${chart} page's oEmbed answer is discovered, valid, and embeds the chart whole`, SLOW, async () => {
    const { href, built } = await discover(`${chart}/`);
    const response = await fetch(served(href, built));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type'), /^application\/json/);
    const answer = await response.json();
    assert.equal(answer.version, '1.0');
    assert.equal(answer.type, 'rich');
    assert.equal(answer.provider_name, 'Coalition Infographic');
    assert.ok(Number.isInteger(answer.width) && Number.isInteger(answer.height) && answer.height > 200);
    assert.ok(Number.isInteger(answer.cache_age));
    assert.equal(answer.thumbnail_width, 1200);
    assert.equal(answer.thumbnail_height, 630);
    const thumbnail = await fetch(served(answer.thumbnail_url, built));
    assert.equal(thumbnail.headers.get('content-type'), 'image/png');

    // The host page: the answer's html, as a CMS puts it in an article.
    const context = await browser.newContext({ viewport: { width: 800, height: 900 }, reducedMotion: 'reduce' });
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const html = answer.html.replaceAll(built, new URL('/', BASE_URL).href);
      await page.setContent(`<!doctype html><title>Host</title><body style="margin:20px">${html}</body>`);
      const frameElement = await page.waitForSelector('iframe');
      const frame = await frameElement.contentFrame();
      await frame.waitForSelector(`canvas[data-chart="${chart}"][data-drawn]`);
      const fit = await frame.evaluate(() => ({
        content: document.documentElement.scrollHeight,
        width: document.documentElement.clientWidth,
      }));
      assert.equal(fit.width, answer.width);
      assert.ok(fit.content <= answer.height, `the embedded page (${fit.content} px) fits the ${answer.height} px frame`);
      assert.equal(await page.textContent('blockquote a'), answer.title, 'the link a CMS keeps where it strips frames');
      await page.screenshot({ path: `${OUTPUT}oembed-${chart}.png`, fullPage: true });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

test('every chart has an answer in each theme, and the dark one is dark', SLOW, async () => {
  const { built } = await discover('returns/');
  for (const chart of CHARTS) {
    for (const theme of ['', '-light', '-dark']) {
      const response = await fetch(new URL(`oembed/${chart}${theme}.json`, BASE_URL));
      assert.equal(response.status, 200, `${chart}${theme}`);
      const answer = await response.json();
      const src = answer.html.match(/<iframe src="([^"]+)"/)[1].replace(/&amp;/g, '&');
      const params = new URL(served(src, built)).searchParams;
      assert.equal(params.get('chart'), chart);
      assert.equal(params.get('embed'), '1');
      assert.equal(params.get('theme'), theme ? theme.slice(1) : null);
    }
  }
});
