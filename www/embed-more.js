// The Embed dialog's other ways to embed (web component, oEmbed, AMP, image for email and RSS)
// and the "Cite this chart" panel. main.js imports this module the first time either is
// opened, so the page's first load does not carry it. Every text reaches the page through
// textContent or an attribute value, never as markup.

import { escapeAttribute, fill, words } from './main.js';

/** What this module says, in the page's language (main.js fetches the words once). */
const WORDS = await words();
const word = (name, ...parts) => fill(WORDS, name, ...parts);

/** Width of the email pictures in CSS pixels (oembed::EMAIL_WIDTH); drawn at twice that. */
const EMAIL_WIDTH = 600;

/** The snippet of the web component for a view: the module, then the element. */
export function componentSnippet({ root, chart, theme, scale, lang }) {
  let attributes = ` chart="${escapeAttribute(chart)}"`;
  if (lang && lang !== 'en') attributes += ` lang="${escapeAttribute(lang)}"`;
  if (theme && theme !== 'auto') attributes += ` theme="${escapeAttribute(theme)}"`;
  if (scale && scale !== 'linear') attributes += ` scale="${escapeAttribute(scale)}"`;
  const module = new URL('coalition-infographic.js', root).href;
  return (
    `<script type="module" src="${escapeAttribute(module)}"></script>\n` +
    `<coalition-infographic${attributes}></coalition-infographic>`
  );
}

/** A language's folder on the site: none for English, `fr/` (src/links.rs). */
const langFolder = (lang) => (lang && lang !== 'en' ? `${lang}/` : '');

/** The chart's PNG for email and RSS: the build writes img/CHART-light.png and -dark.png, and img/fr/… in French. */
export function emailImageUrl(root, chart, theme, lang) {
  return new URL(`img/${langFolder(lang)}${chart}-${theme === 'dark' ? 'dark' : 'light'}.png`, root).href;
}

/**
 * The AMP snippet: an amp-iframe of the embed page with `host=amp` (so the page sends AMP its
 * height in the `embed-size` message), `resizable`, the chart's picture as its placeholder,
 * and the `overflow` button AMP shows when it may only resize the frame after a tap.
 */
export function ampSnippet({ src, title, height, image }) {
  const url = new URL(src);
  url.searchParams.set('host', 'amp');
  return (
    `<amp-iframe src="${escapeAttribute(url.href)}" title="${escapeAttribute(title)}"` +
    ` height="${Math.round(height)}" layout="fixed-height" resizable frameborder="0"` +
    ' sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox">\n' +
    `  <amp-img placeholder layout="fill" src="${escapeAttribute(image)}" alt="${escapeAttribute(title)}"></amp-img>\n` +
    `  <div overflow tabindex="0" role="button" aria-label="${escapeAttribute(word('show_whole_chart'))}">${escapeAttribute(word('show_whole_chart'))}</div>\n` +
    '</amp-iframe>'
  );
}

/** The email and RSS snippet: the chart's PNG linked to its page, then its source line. */
export function imageSnippet({ page, image, alt, credit }) {
  return (
    `<a href="${escapeAttribute(page)}"><img src="${escapeAttribute(image)}" width="${EMAIL_WIDTH}"` +
    ` alt="${escapeAttribute(alt)}" style="max-width:100%;height:auto;border:0"></a>\n` +
    `<p>${escapeAttribute(credit)}</p>`
  );
}

/** The tabs after the frame's: id, tab name, what it is for, the code area's label and rows. */
const WAYS = [
  ['component', word('way_component'), word('way_component_intro'), word('code_to_paste'), 3],
  ['oembed', word('way_oembed'), word('way_oembed_intro'), word('address_to_paste'), 2],
  ['amp', word('way_amp'), word('way_amp_intro'), word('code_to_paste'), 7],
  ['image', word('way_image'), word('way_image_intro'), word('code_to_paste'), 5],
];

function element(tag, attributes = {}, text = '') {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  if (text) el.textContent = text;
  return el;
}

/** Shows tab `tab` of `tabs`, as the ARIA tabs pattern has it. */
function select(tabs, tab, focus) {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute('aria-selected', String(selected));
    t.tabIndex = selected ? 0 : -1;
    document.getElementById(t.getAttribute('aria-controls')).hidden = !selected;
  }
  if (focus) tab.focus();
}

/** Adds the tabs and their panels around the frame's panel, once. */
function tabsOf(dialog) {
  const existing = Array.from(dialog.querySelectorAll('[role="tab"][data-embed]'));
  if (existing.length) return existing;
  stylesheet();
  const first = dialog.querySelector('#epanel-iframe');
  const list = element('div', { class: 'tabs embed-tabs', role: 'tablist', 'aria-label': word('ways_to_embed') });
  const panels = [first];
  const ways = [['iframe', word('way_frame')], ...WAYS];
  for (const [id, name, about, label, rows] of ways) {
    list.append(
      element('button', { type: 'button', role: 'tab', id: `etab-${id}`, 'data-embed': id, 'aria-controls': `epanel-${id}` }, name),
    );
    if (id === 'iframe') continue;
    const panel = element('div', { class: 'embed-panel', id: `epanel-${id}`, hidden: '' });
    const area = element('textarea', {
      id: `embed-code-${id}`,
      'data-snippet': id,
      // Code reads left to right on every page.
      dir: 'ltr',
      readonly: '',
      rows: String(rows),
      spellcheck: 'false',
    });
    panel.append(element('p', {}, about), element('label', { for: area.id }, label), area);
    panels.push(panel);
  }
  for (const panel of panels) {
    panel.setAttribute('role', 'tabpanel');
    panel.setAttribute('aria-labelledby', panel.id.replace('epanel-', 'etab-'));
  }
  first.before(list);
  first.after(...panels.slice(1));
  const tabs = Array.from(list.children);
  const status = dialog.querySelector('[role="status"]');
  for (const tab of tabs) {
    tab.addEventListener('click', () => {
      select(tabs, tab, false);
      status.textContent = '';
    });
    tab.addEventListener('keydown', (event) => {
      const n = tabs.length;
      const i = tabs.indexOf(tab);
      const to = { ArrowRight: i + 1, ArrowLeft: i - 1 + n, Home: 0, End: n - 1 }[event.key];
      if (to === undefined) return;
      event.preventDefault();
      select(tabs, tabs[to % n], true);
      status.textContent = '';
    });
  }
  return tabs;
}

/**
 * Writes every tab's code for `view`, framed from `src` at `height`, adding the tabs if they
 * are not there yet; the picture's description and source line are the page's own words.
 */
export function writeSnippets(dialog, { root, src, height, view, title: heading, hasChartPages, first }) {
  const tabs = tabsOf(dialog);
  // A dialog just opened starts on the frame's tab.
  if (first) select(tabs, tabs[0], false);
  const title = `${heading} — Coalition Infographic`;
  const panel = document.getElementById(`panel-${view.chart}`);
  const summary = panel?.querySelector('canvas[data-chart]')?.getAttribute('aria-label') ?? '';
  const credit = panel?.querySelector('.chart-credit')?.textContent.trim() ?? '';
  const page = hasChartPages ? new URL(`${langFolder(view.lang)}${view.chart}/`, root).href : src;
  const image = emailImageUrl(root, view.chart, view.theme, view.lang);
  // The canvas's description, without its pointer to the table below, which a picture has not.
  const below = ` ${word('same_figures_below')}`;
  const alt = (summary.endsWith(below) ? summary.slice(0, -below.length) : summary) || title;
  const snippets = {
    component: componentSnippet({ root, chart: view.chart, theme: view.theme, scale: view.scale, lang: view.lang }),
    oembed: page,
    amp: ampSnippet({ src, title, height, image }),
    image: imageSnippet({ page, image, alt, credit }),
  };
  for (const area of dialog.querySelectorAll('textarea[data-snippet]')) {
    area.value = snippets[area.dataset.snippet] ?? '';
  }
}

let styles = null;

/** This module's stylesheet, added once; resolves when it applies (or failed to load). */
function stylesheet() {
  styles ??= new Promise((resolve) => {
    const link = element('link', { rel: 'stylesheet', href: new URL('more.css', import.meta.url).href });
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
    document.head.append(link);
  });
  return styles;
}

let file = null;

/** The build's cite.json: the version, each chart's citations by style, and the reuse points. */
function citeFile(root) {
  file ??= fetch(new URL('cite.json', root)).then((response) => {
    if (!response.ok) throw new Error(`cite.json: HTTP ${response.status}`);
    return response.json();
  });
  return file.catch((err) => {
    file = null;
    throw err;
  });
}

/** Copies the text of `box`, saying so in `status`; selects it where the clipboard is refused. */
async function copy(box, status) {
  status.textContent = '';
  let copied = true;
  try {
    await navigator.clipboard.writeText(box.textContent);
  } catch {
    copied = false;
    getSelection()?.selectAllChildren(box);
  }
  requestAnimationFrame(() => {
    status.textContent = word(copied ? 'copied' : 'press_to_copy');
  });
}

const STYLES = [
  ['apa', 'APA'],
  ['chicago', 'Chicago'],
  ['bibtex', 'BibTeX'],
];

/** A paragraph of text and links: `parts` are strings or [href, words]. */
function paragraph(root, parts) {
  const p = element('p');
  for (const part of parts) {
    p.append(typeof part === 'string' ? part : element('a', { href: new URL(part[0], root).href }, part[1]));
  }
  return p;
}

/** "Cite this chart"'s contents, once: what is cited, then per style a heading, the text and a copy button. */
function citeBlocks(panel, root, data) {
  let holder = panel.querySelector('.cite-styles');
  if (holder) return holder;
  holder = element('div', { class: 'cite-styles' });
  const version = String(data.version);
  holder.append(
    paragraph(root, [
      word('cited_version'),
      [`v/${version}/`, version],
      word('cited_after'),
      ['v/', word('every_version')],
      word('cited_end'),
    ]),
  );
  for (const [id, name] of STYLES) {
    const box = element('pre', { class: 'citation', id: `cite-${id}`, dir: 'ltr', lang: 'en', tabindex: '0', 'aria-labelledby': `cite-${id}-label` });
    const button = element('button', { type: 'button', class: 'button' }, word('copy_style', name));
    const status = element('span', { class: 'status', role: 'status' });
    button.addEventListener('click', () => copy(box, status));
    const row = element('p', { class: 'copy-row' });
    row.append(button, status);
    holder.append(element('h4', { id: `cite-${id}-label` }, name), box, row);
  }
  panel.append(holder);
  return holder;
}

/** "Reuse this work"'s list, once. */
function reuseList(panel, root, data) {
  // In the page's language (its words file), else as cite.json has it, in English.
  const points = Array.isArray(WORDS.reuse) ? WORDS.reuse : data.reuse;
  if (panel.querySelector('ul') || !Array.isArray(points)) return;
  const list = element('ul');
  for (const { title, text, links } of points) {
    const item = element('li');
    item.append(element('strong', {}, String(title)), ` ${text}`);
    (links ?? []).forEach(([href, words], i) => {
      item.append(i ? word('list_separator') : ' ', element('a', { href: new URL(href, root).href }, String(words)));
    });
    list.append(item);
  }
  panel.append(list);
  panel.querySelector('.more-fallback').hidden = true;
}

/**
 * Fills whichever of "Cite this chart" (with chart `chart`'s citations) and "Reuse this
 * work" is open, from the cite.json of the site at `root`.
 */
export async function showPanels(root, chart) {
  const cite = document.getElementById('cite');
  const reuse = document.getElementById('reuse');
  if (!cite?.open && !reuse?.open) return;
  const [data] = await Promise.all([citeFile(root), stylesheet()]);
  if (reuse?.open) reuseList(reuse, root, data);
  const texts = data.charts?.[chart];
  if (!cite?.open || !texts || cite.dataset.chart === chart) return;
  const holder = citeBlocks(cite, root, data);
  for (const [id] of STYLES) {
    const text = texts[id];
    holder.querySelector(`#cite-${id}`).textContent = typeof text === 'string' ? text : '';
  }
  for (const status of holder.querySelectorAll('.status')) status.textContent = '';
  cite.querySelector('.more-fallback').hidden = true;
  cite.dataset.chart = chart;
}
