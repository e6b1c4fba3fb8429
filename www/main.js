// Page controls for the Coalition Infographic. The HTML already holds every figure; this
// module adds the tabs, the share and embed tools, then loads the WebAssembly charts. The view
// state (chart, scale, display, theme, focused figure, embed) is parsed and written by the
// Rust code, so the URL rules live in one place.

const tabs = Array.from(document.querySelectorAll('[role="tab"][data-chart]'));
const scaleInputs = Array.from(document.querySelectorAll('input[name="scale"]'));
const displayInputs = Array.from(document.querySelectorAll('input[name="display"]'));
const themeInputs = Array.from(document.querySelectorAll('input[name="theme"]'));
const errorPanel = document.getElementById('error');
const shareBar = document.querySelector('.share');
const viewControls = document.querySelector('.view-controls');
const copyButton = document.getElementById('copy-link');
const shareButton = document.getElementById('share-link');
const embedButton = document.getElementById('embed-open');
const shareStatus = document.getElementById('share-status');
const shareFallback = document.getElementById('share-fallback');
const shareInput = document.getElementById('share-url');
const fullView = document.getElementById('full-view');
const fullViewLink = document.getElementById('full-view-link');
const embedDialog = document.getElementById('embed-dialog');
const embedCode = document.getElementById('embed-code');
const embedCopy = document.getElementById('embed-copy');
const embedClose = document.getElementById('embed-close');
const embedStatus = document.getElementById('embed-status');
const embedNoTitle = document.getElementById('embed-notitle');
const downloadGroups = Array.from(document.querySelectorAll('.downloads'));
const printUrl = document.getElementById('print-url');
// A chart's own page (funding/ and the like, which carry its link preview) names its chart.
const pageChart = document.body.dataset.defaultChart;
// The page's language (its folder: fr/, ar/), which an address without `lang=` names.
const pageLang = document.documentElement.lang || 'en';
const languageLinks = Array.from(document.querySelectorAll('.languages a[hreflang]'));
// The build that writes chart pages also gives the front page its canonical link.
const hasChartPages = Boolean(pageChart) || document.querySelector('link[rel="canonical"]') !== null;

/** Messages between an embedded chart and the host page's embed.js. */
const HEIGHT_MESSAGE = 'coalition-infographic:height';
const ASK_HEIGHT_MESSAGE = 'coalition-infographic:request-height';
/** Height written into the embed code when the chart's own height is not known. */
const DEFAULT_EMBED_HEIGHT = 480;
/**
 * Width a host's frame is measured at for the embed code: the narrowest phone's, where the
 * chart and its notes are tallest, so the height fits any wider frame too.
 */
const PROBE_WIDTH = 320;
/**
 * Height added to the one measured: at other widths a label or a note may wrap onto one more
 * line than at PROBE_WIDTH.
 */
const PROBE_SPARE = 24;

const startParams = new URLSearchParams(location.search);
// Kept in an embed's address, so a host with several frames can tell their messages apart.
const embedIdParam = (startParams.get('embedId') ?? '').slice(0, 200);
const embedId = embedIdParam || window.name.slice(0, 200);

/**
 * The view as the Rust side understands it (see parseView / viewToQuery). Until the module has
 * read the address (readView) only the chart is known, so the tabs work while it loads; every
 * other field, with its default, comes from the Rust side's View.
 */
const view = { chart: pageChart ?? tabs[0]?.dataset.chart };

let wordsFile = null;

/**
 * What the scripts say in the page's language (src/i18n/page.rs: the build writes
 * words/LANG.json), fetched the first time there is something to say, which most readers
 * never need; an empty set if it cannot be had, so each message falls back to its name.
 */
export function words() {
  wordsFile ??= fetch(new URL(`words/${pageLang}.json`, siteRoot()))
    .then((response) => (response.ok ? response.json() : {}))
    .catch(() => ({}));
  return wordsFile;
}

/** Word `name` of `all` (its name where there is none), each `{}` filled by the next of `parts`. */
export function fill(all, name, ...parts) {
  let i = 0;
  return String(all?.[name] ?? name).replace(/\{\}/g, () => String(parts[i++] ?? ''));
}

/** The page's word `name`, filled with `parts`, once the words are here. */
export async function word(name, ...parts) {
  return fill(await words(), name, ...parts);
}

/** Escapes text for an HTML attribute value in double quotes, or for element content. */
export function escapeAttribute(text) {
  const entities = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return String(text).replace(/[&<>"']/g, (c) => entities[c]);
}

/**
 * The address to share for `chart` and the rest of the view in `query` (what viewToQuery
 * writes), under the site's folder URL `root`: the chart's own page with chart pages, else
 * the site's page. Written by the Rust side (src/links.rs), as every address a view has.
 */
export function shareUrl(chart, query, root, chartPages = true) {
  return wasm.shareUrl({ ...wasm.parseView(query), chart }, root, chartPages);
}

/** The embeddable view's address for `chart` and `query` (src/links.rs). */
export function embedUrl(chart, query, root, notitle = false) {
  return wasm.embedUrl({ ...wasm.parseView(query), chart }, root, notitle);
}

/** The code a host page pastes: the frame, and the script that fits its height (src/links.rs). */
export function embedSnippet({ src, title, height, script }) {
  return wasm.embedSnippet(src, title, Math.round(height), script);
}

/** The site's folder URL; a chart's own page sits one folder below it. */
function siteRoot() {
  return new URL(document.documentElement.dataset.root || (pageChart ? '../' : './'), location.href).href;
}

/** `search` with the page's language first, so that a `lang=` after it wins (src/links.rs). */
function withPageLang(search) {
  const query = search.replace(/^\?/, '');
  if (pageLang === 'en') return query;
  return query ? `lang=${pageLang}&${query}` : `lang=${pageLang}`;
}

/** The view as this page's address writes it: its language is the page's folder, not a parameter. */
function addressView() {
  return view.lang === pageLang ? { ...view, lang: 'en' } : view;
}

/**
 * Points each language's link at the same view in that language: this page's address, from
 * the same page in the other language's folder (the folders are alike).
 */
function updateLanguageLinks() {
  let address;
  try {
    address = wasm.pageAddress(addressView(), Boolean(pageChart), '', '', '');
  } catch (err) {
    console.error(err);
    return;
  }
  for (const link of languageLinks) {
    link.dataset.base ??= link.getAttribute('href');
    link.href = new URL(address, new URL(link.dataset.base, location.href)).href;
  }
}

/** The chart's title as the page states it (the heading of its panel). */
function chartTitle(chart) {
  const tab = tabs.find((t) => t.dataset.chart === chart);
  const panel = tab && document.getElementById(tab.getAttribute('aria-controls'));
  return panel?.querySelector('h3')?.textContent.trim() || tab?.textContent.trim() || chart;
}

/** Page-level parts of the view live on <html> as data attributes, for the stylesheet. */
function reflectView() {
  const root = document.documentElement;
  if (view.theme === 'auto') delete root.dataset.theme;
  else root.dataset.theme = view.theme;
  root.dataset.display = view.display;
  if (view.embed) root.dataset.embed = '';
  else delete root.dataset.embed;
  if (view.notitle) root.dataset.notitle = '';
  else delete root.dataset.notitle;
  if (fullView) fullView.hidden = !view.embed;
  for (const input of scaleInputs) input.checked = input.value === view.scale;
  for (const input of displayInputs) input.checked = input.value === view.display;
  for (const input of themeInputs) input.checked = input.value === view.theme;
}
let wasm = null;
/** The full module, once asked for (see loadFull). */
let fullModule;
/**
 * Resolves once the browser reports the page's first contentful paint, or after a second (a
 * frame hidden or out of view may not paint, and its chart must still start); where paint
 * timing is not reported, after two frames. Animation frames alone do not tell: a browser
 * may run them before it presents its first frame.
 */
function firstPaint() {
  const twoFrames = (resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve));
  if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) return new Promise(twoFrames);
  return new Promise((resolve) => {
    setTimeout(resolve, 1000);
    const observer = new PerformanceObserver((list) => {
      if (!list.getEntriesByName('first-contentful-paint').length) return;
      observer.disconnect();
      resolve();
    });
    observer.observe({ type: 'paint', buffered: true });
  });
}
/** The page's first paint, watched once for everything that waits for it. */
const firstPainted = firstPaint();
/**
 * Resolves once the build's drawing of the chart in view is on screen (decoded, the page's
 * first paint reported, and a frame begun since), or at once when none is fetched for it:
 * the address names a view the drawings do not show, or the drawing shown waits to come
 * into view (`loading="lazy"`). The charts' module comes after, so that its 60 KB do not
 * compete with the picture for the network or the main thread; it is ready long before a
 * reader can act on the chart.
 */
function drawingShown() {
  if ('undrawn' in document.documentElement.dataset) return Promise.resolve();
  const img = [...document.querySelectorAll('.chart-box > .drawn img')].find((i) => i.getClientRects().length > 0);
  if (!img || img.loading === 'lazy') return Promise.resolve();
  return img
    .decode()
    .catch(() => {})
    .then(() => firstPainted)
    .then(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
}
// The charts' module is fetched and compiled while the rest of this script sets up the page;
// start() waits for it. It is the full one for a custom dataset (at once: no drawing shows
// it), and on the French and Arabic pages (after their drawing: the viewer speaks English
// only, see src/i18n).
const chartsModule = startParams.has('data')
  ? loadFull()
  : drawingShown().then(() => (pageLang === 'en' ? loadViewer() : loadFull()));

/** The charts' font stack: FONT_FAMILY in src/charts/text.rs. */
const CHART_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif";

/**
 * Readies the charts' faces while their module loads: a canvas's first text in a face costs
 * milliseconds (font matching, glyph caches) that would otherwise fall on the first chart's
 * drawing. The weights and sizes are the charts' own (src/charts/render.rs). It runs after
 * the first paint: this script runs before it, and would delay it.
 */
function warmChartFonts() {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return;
  for (const face of ['bold 19px', 'bold 16px', 'bold 14px', 'bold 13px', '13px', '12px', '11px']) {
    ctx.font = `${face} ${CHART_FONT}`;
    ctx.fillText('Money $0123456789,.% “more than”', 0, 16);
  }
}
firstPainted.then(warmChartFonts);
const handles = [];
/** A tab the reader picked before the charts had loaded. */
let chosenWhileLoading = null;

function showError(message) {
  if (!errorPanel) return;
  errorPanel.textContent = message;
  errorPanel.hidden = false;
  // Empty chart boxes and a scale switch that does nothing would only mislead.
  document.documentElement.classList.remove('charts-ready');
  document.documentElement.classList.add('no-charts');
}

/**
 * Puts the view controls (what to show, colours, share) under the chart of `panel`, before
 * its downloads: under the chart in view, so that above it there are only the tabs.
 */
function placeControls(panel) {
  const tools = panel?.querySelector('.chart-tools');
  if (!viewControls || !tools || tools.contains(viewControls)) return;
  tools.insertBefore(viewControls, tools.querySelector('.downloads'));
}

/** Shows the tab for `chart` (the first tab if there is none) and hides the other panels. */
function selectTab(chart, { focus = false } = {}) {
  const active = tabs.find((t) => t.dataset.chart === chart) ?? tabs[0];
  if (!active) return;
  for (const tab of tabs) {
    const selected = tab === active;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    const panel = document.getElementById(tab.getAttribute('aria-controls'));
    if (panel) panel.hidden = !selected;
  }
  if (focus) active.focus();
  // The panels' hidden attributes say which is shown from here on (see first-paint.js).
  delete document.documentElement.dataset.firstChart;
  const panel = document.getElementById(active.getAttribute('aria-controls'));
  placeControls(panel);
  // A live canvas has no build's drawing under it (style.css): it draws before the panel
  // is first laid out.
  drawFirst(panel?.querySelector('canvas[data-live]')?.chartHandle);
  if (view.chart !== active.dataset.chart) view.focus = undefined;
  view.chart = active.dataset.chart;
}

/**
 * Draws a running chart that has not drawn yet, now rather than in its resize observer's
 * callback, which leaves a first drawing that sets the canvas's height to the next frame. A
 * hidden chart returns at once and draws when shown.
 */
function drawFirst(handle) {
  try {
    if (handle?.draws() === 0) handle.redraw();
  } catch (err) {
    console.error(err);
  }
}

/** The view's query (no `?`), or null if the Rust side refuses it. */
function currentQuery() {
  try {
    return wasm.viewToQuery(view);
  } catch (err) {
    console.error(err);
    return null;
  }
}

/** The page's own address for the view, for history (src/links.rs). */
function addressOf() {
  return wasm.pageAddress(addressView(), Boolean(pageChart), location.pathname, embedIdParam, location.hash);
}

/**
 * Writes the view to the URL and tells every chart; a no-op until the charts load. `push`
 * makes a new history entry (a change of chart is a step worth going back to); every other
 * change replaces the current one.
 */
function applyView({ push = false } = {}) {
  if (!wasm) return;
  const query = currentQuery();
  if (query === null) return;
  if (push) history.pushState(null, '', addressOf());
  else history.replaceState(history.state, '', addressOf());
  reflectView();
  updateLanguageLinks();
  // A link or code made for the previous view is stale now.
  if (shareFallback) shareFallback.hidden = true;
  if (shareStatus) shareStatus.textContent = '';
  if (fullViewLink) fullViewLink.href = wasm.shareUrl(view, siteRoot(), hasChartPages);
  for (const handle of handles) handle.setView(query);
  showPrintUrl();
  // An open "Cite this chart" follows the chart.
  if (more) showMore();
}

/** A printed page says where it came from: the address of the view printed. */
function showPrintUrl() {
  if (printUrl) printUrl.textContent = location.href;
}

/** Reads the view from the address: on load, and on back and forward. */
function readView() {
  // On a chart's own page its folder names the chart (src/links.rs).
  const parsed = wasm.parseView(withPageLang(location.search), location.pathname, pageChart);
  for (const warning of parsed.warnings) console.warn(warning);
  Object.assign(view, {
    scale: parsed.scale,
    display: parsed.display,
    theme: parsed.theme,
    embed: parsed.embed,
    notitle: parsed.notitle,
    data: parsed.data ?? undefined,
    lang: parsed.lang,
  });
  selectTab(parsed.chart);
  view.focus = parsed.focus ?? undefined;
  reflectView();
}

/** Switches to `chart`'s tab; a different chart is a new history entry. */
function chooseTab(chart, options) {
  const before = view.chart;
  selectTab(chart, options);
  if (!wasm) chosenWhileLoading = view.chart;
  applyView({ push: view.chart !== before });
}

function onTabKey(event) {
  const index = tabs.indexOf(event.currentTarget);
  const last = tabs.length - 1;
  const next = {
    ArrowLeft: index === 0 ? last : index - 1,
    ArrowRight: index === last ? 0 : index + 1,
    Home: 0,
    End: last,
  }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  chooseTab(tabs[next].dataset.chart, { focus: true });
}

// The chart the address names is shown before the charts load; its tab goes with it.
if (document.documentElement.dataset.firstChart) selectTab(document.documentElement.dataset.firstChart);

for (const tab of tabs) {
  tab.addEventListener('click', () => chooseTab(tab.dataset.chart));
  tab.addEventListener('keydown', onTabKey);
}

for (const [inputs, key] of [
  [scaleInputs, 'scale'],
  [displayInputs, 'display'],
  [themeInputs, 'theme'],
]) {
  for (const input of inputs) {
    input.addEventListener('change', () => {
      if (!input.checked) return;
      view[key] = input.value;
      applyView();
    });
  }
}

// A chart reports which figure has focus or pinned details, so the link can keep it.
document.addEventListener('coalition-focus', (event) => {
  view.focus = event.detail ?? undefined;
  applyView();
});

// Back and forward: the address is the view, so show what it names.
window.addEventListener('popstate', () => {
  if (!wasm) return;
  if (embedDialog?.open) embedDialog.close();
  readView();
  applyView();
});

// Listen before loading, so a panic during start-up is reported too.
window.addEventListener('coalition-panic', (event) => {
  word('charts_stopped', event.detail).then(showError);
});

/** Sets a status line so that screen readers announce it, even when the words repeat. */
function say(region, message) {
  if (!region) return;
  region.textContent = '';
  requestAnimationFrame(() => {
    region.textContent = message;
  });
}

/** Puts `text` on the clipboard; false where the browser has no clipboard or refuses. */
async function writeClipboard(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The link to share for the view, which the Rust side writes (src/links.rs). */
function currentShareUrl() {
  try {
    return wasm.shareUrl(view, siteRoot(), hasChartPages);
  } catch (err) {
    console.error(err);
    return location.href;
  }
}

async function copyLink() {
  const url = currentShareUrl();
  if (await writeClipboard(url)) {
    shareFallback.hidden = true;
    say(shareStatus, await word('link_copied'));
    return;
  }
  // No clipboard access: show the link selected, ready for the reader's own copy keys.
  shareInput.value = url;
  shareFallback.hidden = false;
  shareInput.focus();
  shareInput.select();
  say(shareStatus, await word('press_to_copy'));
}

async function shareLink() {
  try {
    await navigator.share({ title: chartTitle(view.chart), url: currentShareUrl() });
  } catch (err) {
    // The reader closing the share sheet is not an error.
    if (err?.name !== 'AbortError') say(shareStatus, await word('share_failed'));
  }
}

/** The embed page's height now, where it is known: the chart as drawn here, plus the lines below. */
function embedHeightHere() {
  if (view.display !== 'chart') return DEFAULT_EMBED_HEIGHT;
  const canvas = document.querySelector(`canvas[data-chart="${view.chart}"]`);
  const height = canvas?.getBoundingClientRect().height ?? 0;
  return height > 0 ? Math.ceil(height) + 120 : DEFAULT_EMBED_HEIGHT;
}

let probe = null;

/**
 * The height of the embed page at `src` in a frame PROBE_WIDTH px wide, measured in a hidden
 * frame of this site once its chart has drawn and its height has held for two frames; null if
 * it cannot be measured. A host that strips embed.js still gets a frame tall enough for the
 * whole chart. The frame is tall, so no scroll bar narrows what it measures.
 */
function measureEmbed(src) {
  probe?.cancel();
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.name = 'coalition-embed-probe';
    word('measuring_frame').then((title) => {
      frame.title = title;
    });
    frame.tabIndex = -1;
    frame.setAttribute('aria-hidden', 'true');
    // Through the CSSOM, which the site's policy allows (a style attribute it would refuse);
    // off the start edge, past which a page cannot scroll in either direction.
    frame.style.cssText = `position:absolute;inset-inline-start:-10000px;top:0;width:${PROBE_WIDTH}px;height:4000px;border:0;visibility:hidden`;
    let done = false;
    const finish = (height) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      frame.remove();
      if (probe?.frame === frame) probe = null;
      resolve(height);
    };
    const timer = setTimeout(() => finish(null), 10_000);
    let last = -1;
    let steady = 0;
    const look = () => {
      if (done) return;
      const doc = frame.contentDocument;
      const ready =
        doc?.documentElement.classList.contains('charts-ready') &&
        doc.querySelector('[role="tabpanel"]:not([hidden]) canvas[data-drawn]');
      const height = ready ? doc.documentElement.getBoundingClientRect().height : -1;
      steady = height > 0 && height === last ? steady + 1 : 0;
      last = height;
      if (steady >= 2) finish(height);
      else requestAnimationFrame(look);
    };
    probe = { frame, cancel: () => finish(null) };
    frame.addEventListener('load', () => requestAnimationFrame(look), { once: true });
    frame.src = src;
    document.body.append(frame);
  });
}

/** Writes the embed code for the current view, and corrects its height once measured. */
async function writeEmbedCode() {
  if (currentQuery() === null) return;
  const root = siteRoot();
  const src = wasm.embedUrl(view, root, Boolean(embedNoTitle?.checked));
  const title = `${chartTitle(view.chart)} — Coalition Infographic`;
  const script = new URL('embed.js', root).href;
  const code = (height) => embedSnippet({ src, title, height, script });
  const here = embedHeightHere();
  embedCode.value = code(here);
  writeOtherSnippets(root, src, here, true);
  delete embedCode.dataset.measured;
  const measured = await measureEmbed(src);
  // The dialog may have been closed, or the option changed, meanwhile.
  if (!embedDialog.open || embedCode.value !== code(here)) return;
  if (measured !== null) {
    const height = Math.max(here, Math.ceil(measured) + PROBE_SPARE);
    embedCode.value = code(height);
    writeOtherSnippets(root, src, height);
  }
  embedCode.dataset.measured = measured === null ? 'failed' : String(Math.ceil(measured));
}

/** The dialog's other ways to embed and "Cite this chart" (embed-more.js), loaded when first used. */
let more = null;
const loadMore = () => (more ??= import('./embed-more.js'));

/** The dialog's other tabs' code for the current view (embed-more.js); `first` shows the frame's tab. */
function writeOtherSnippets(root, src, height, first) {
  const title = chartTitle(view.chart);
  loadMore().then((m) => m.writeSnippets(embedDialog, { root, src, height, view, title, hasChartPages, first }), console.error);
}

function openEmbedDialog() {
  if (currentQuery() === null) return;
  embedStatus.textContent = '';
  embedDialog.showModal();
  writeEmbedCode();
  embedCode.focus();
  embedCode.select();
}

async function copyEmbedCode() {
  const area = embedDialog.querySelector('.embed-panel:not([hidden]) textarea') ?? embedCode;
  if (await writeClipboard(area.value)) {
    say(embedStatus, await word('code_copied'));
    return;
  }
  area.focus();
  area.select();
  say(embedStatus, await word('press_to_copy'));
}

/** Fills "Cite this chart" and "Reuse this work" once open, from the build's cite.json. */
function showMore() {
  // On failure each keeps its link to the version's page, which has the same.
  loadMore().then((m) => m.showPanels(siteRoot(), view.chart)).catch(console.error);
}

for (const panel of document.querySelectorAll('details.more')) panel.addEventListener('toggle', showMore);

copyButton?.addEventListener('click', copyLink);
shareButton?.addEventListener('click', shareLink);
embedButton?.addEventListener('click', openEmbedDialog);
embedCopy?.addEventListener('click', copyEmbedCode);
embedClose?.addEventListener('click', () => embedDialog.close());
embedNoTitle?.addEventListener('change', () => {
  embedStatus.textContent = '';
  writeEmbedCode();
});
// Escape and the Close button both end here; focus goes back to where the dialog came from.
embedDialog?.addEventListener('close', () => {
  probe?.cancel();
  embedButton.focus();
});

/** The bytes of a `data:…;base64,` URL. */
function dataUrlBytes(url) {
  const binary = atob(url.slice(url.indexOf(',') + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Hands `blob` to the browser as a download called `name`. */
function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers still read the URL after click() returns; revoking it at once can cancel
  // the download there.
  setTimeout(() => URL.revokeObjectURL(url), 40_000);
}

/** The viewer module: charts, tooltips, keys and share links, and nothing else. */
async function loadViewer() {
  const module = await import('./pkg/viewer.js');
  await module.default();
  return module;
}

/**
 * The full module (downloads, custom datasets), loaded on first use: the charts start from
 * the smaller viewer module unless the address asks for a custom dataset.
 */
function loadFull() {
  fullModule ??= import('./pkg/coalition_infographic.js').then(async (module) => {
    await module.default();
    return module;
  });
  return fullModule;
}

/**
 * What a download is made from: the chart's own handle when it runs the full module (a
 * custom dataset), else the full module's functions for the release's figures in this view.
 */
async function exporter(handle, chart, canvas) {
  if (typeof handle.svg === 'function') return handle;
  const full = await loadFull();
  const query = wasm.viewToQuery({ ...view, chart, focus: undefined });
  return {
    svg: () => full.chartSvg(query, Math.max(1, canvas.clientWidth)),
    csv: () => full.chartCsv(query),
    datasetJson: () => full.datasetJson(),
  };
}

/**
 * Each download as file contents and name, drawn or written by the chart's own Rust code.
 * The CSV starts with a byte order mark, without which Excel reads UTF-8 as a legacy code page
 * and garbles the curly quotes and dashes of the release's words.
 */
const DOWNLOADS = {
  png: async (handle) => ({
    parts: [dataUrlBytes(handle.png(2))],
    type: 'image/png',
    name: handle.fileName('png'),
  }),
  svg: async (handle, chart, canvas) => ({
    parts: [(await exporter(handle, chart, canvas)).svg()],
    type: 'image/svg+xml',
    name: handle.fileName('svg'),
  }),
  csv: async (handle, chart, canvas) => ({
    parts: ['\uFEFF', (await exporter(handle, chart, canvas)).csv()],
    type: 'text/csv;charset=utf-8',
    name: handle.fileName('csv'),
  }),
  json: async (handle, chart, canvas) => ({
    parts: [(await exporter(handle, chart, canvas)).datasetJson()],
    type: 'application/json',
    name: handle.fileName('json').replace(`-${chart}.json`, '-dataset.json'),
  }),
};

/** Saves the file a download button names, for the chart of the panel it sits in. */
async function download(button) {
  const group = button.closest('.downloads');
  const status = group?.querySelector('.download-status');
  const canvas = group?.closest('[role="tabpanel"]')?.querySelector('canvas[data-chart]');
  const handle = canvas?.chartHandle;
  const make = DOWNLOADS[button.dataset.download];
  if (!handle || !make) return;
  try {
    const file = await make(handle, canvas.dataset.chart, canvas);
    saveBlob(new Blob(file.parts, { type: file.type }), file.name);
    say(status, await word('download_started', file.name));
  } catch (err) {
    console.error(err);
    say(status, await word('download_failed', err?.message ?? err));
  }
}

for (const group of downloadGroups) {
  for (const button of group.querySelectorAll('button[data-download]')) {
    button.addEventListener('click', () => download(button));
  }
}

// Printing shows every chart. Each panel is shown while the page prints, and laid out at the
// width it prints at (style.css, [data-printing]), before the charts' own beforeprint
// listeners (added later, when the module starts) redraw them at print resolution.
// Paper is white, so the charts print in their light colours whatever the screen shows.
window.addEventListener('beforeprint', () => {
  document.documentElement.dataset.printing = '';
  // An embedded chart prints as the frame shows it: one chart.
  for (const tab of view.embed ? [] : tabs) {
    const panel = document.getElementById(tab.getAttribute('aria-controls'));
    if (panel) panel.hidden = false;
  }
  if (!wasm || view.theme === 'light') return;
  try {
    const query = wasm.viewToQuery({ ...view, theme: 'light' });
    for (const handle of handles) handle.setView(query);
  } catch (err) {
    console.error(err);
  }
});
window.addEventListener('afterprint', () => {
  delete document.documentElement.dataset.printing;
  selectTab(view.chart);
  applyView();
});

showPrintUrl();

let heightObserver = null;
let lastHeight = 0;

/** Tells the host page how tall this embedded page is; only a number goes out. */
function postHeight(always = false) {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (!always && height === lastHeight) return;
  lastHeight = height;
  // Any origin may host the chart, and the message carries nothing but the height and the
  // host's own frame id; the host's embed.js checks where it comes from.
  window.parent.postMessage({ type: HEIGHT_MESSAGE, height, id: embedId }, '*');
  // In an amp-iframe, AMP's own message: it resizes the frame to it (the snippet's `resizable`).
  if (startParams.get('host') === 'amp') window.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
}

/** Marks an embedded page taller than its frame, whose foot then says there is more below. */
function markOverflow() {
  const root = document.documentElement;
  root.classList.toggle('overflows', root.scrollHeight > window.innerHeight + 1);
}

let overflowFrame = 0;
/**
 * Marks the overflow in the next frame: the mark can change the page's height (the foot's
 * "more below" may wrap), and a height changed inside a ResizeObserver callback is one the
 * browser cannot deliver in this frame, which it reports as a "ResizeObserver loop" error.
 */
function markOverflowSoon() {
  if (overflowFrame) return;
  overflowFrame = requestAnimationFrame(() => {
    overflowFrame = 0;
    markOverflow();
  });
}

/** In a frame, reports the page's height now, on every change, and when the host asks. */
function reportHeight() {
  if (heightObserver || window.parent === window || typeof ResizeObserver !== 'function') return;
  heightObserver = new ResizeObserver(() => {
    postHeight();
    markOverflowSoon();
  });
  // The host may change the frame's height (embed.js) rather than the page's.
  window.addEventListener('resize', markOverflow);
  heightObserver.observe(document.documentElement);
  // embed.js may start after the first report went out; it then asks.
  window.addEventListener('message', (event) => {
    if (event.source === window.parent && event.data?.type === ASK_HEIGHT_MESSAGE) postHeight(true);
  });
}

if (document.documentElement.dataset.embed !== undefined) reportHeight();

async function start() {
  try {
    // Imported here rather than at the top so that the tabs work even if this fails.
    // `wasm` is set only once the module is ready: a click meanwhile must not reach it.
    // A custom dataset needs the full module; otherwise the smaller viewer draws the charts.
    wasm = await chartsModule;
    // In a frame, the page's height observer may be delivering sizes when the module arrives
    // (WebKit can resume this then): sizing the charts there would be a ResizeObserver loop
    // error. The next task comes after the delivery.
    if (heightObserver) await new Promise((resolve) => setTimeout(resolve));
  } catch (err) {
    wasm = null;
    console.error(err);
    const reason = await word(typeof WebAssembly === 'object' ? 'reason_not_loaded' : 'reason_no_wasm');
    // The build's drawings stay, unless the address asked for a view they do not show.
    const drawn = !('undrawn' in document.documentElement.dataset) && document.querySelector('.chart-box > .drawn');
    showError(
      drawn
        ? await word('charts_pictures', reason)
        : await word('charts_not_shown', reason),
    );
    return;
  }

  readView();
  // A tab chosen while the charts loaded wins over the one the address named.
  if (chosenWhileLoading) {
    selectTab(chosenWhileLoading);
    chosenWhileLoading = null;
  }
  if (view.embed) reportHeight();

  for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
    try {
      const handle = new wasm.ChartHandle(canvas, canvas.dataset.chart);
      handles.push(handle);
      // Reachable from the element for tools and tests (e.g. handle.layout()).
      canvas.chartHandle = handle;
      // A running chart draws in the frame its panel is shown (selectTab), so the build's
      // drawing of a panel not yet opened is never seen: it is not fetched (style.css).
      canvas.dataset.live = '';
    } catch (err) {
      console.error(err);
      showError(`A chart could not be started (${err.message}). Its table is below.`);
    }
  }
  applyView();
  // The page changes below come after, so this drawing's layout need not restyle the page.
  for (const handle of handles) drawFirst(handle);
  // The charts draw their own title, subtitle and source from here on (see style.css).
  if (!document.documentElement.classList.contains('no-charts')) {
    document.documentElement.classList.add('charts-ready');
  }
  if (shareBar) shareBar.hidden = false;
  if (viewControls) viewControls.hidden = false;
  for (const group of downloadGroups) {
    const canvas = group.closest('[role="tabpanel"]')?.querySelector('canvas[data-chart]');
    group.hidden = !canvas?.chartHandle;
  }
  if (shareButton) shareButton.hidden = typeof navigator.share !== 'function';
  if (view.data) {
    try {
      const { showCustomData } = await import('./custom-data.js');
      // A custom dataset runs the full module, whose rules say which addresses it may fetch.
      await showCustomData(view.data, handles, wasm);
    } catch (err) {
      console.error(err);
      const note = document.createElement('p');
      note.className = 'data-notice data-notice-error';
      note.setAttribute('role', 'status');
      note.textContent = 'Could not load the code that reads custom datasets. Showing the release’s figures.';
      errorPanel?.after(note);
    }
  }
}

start();
