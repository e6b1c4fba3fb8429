// Page controls for the Coalition Infographic. The HTML already holds every figure; this
// module adds the tabs, then loads the WebAssembly charts. The view state (which chart, which
// scale) is parsed and written by the Rust code, so the URL rules live in one place.

const tabs = Array.from(document.querySelectorAll('[role="tab"][data-chart]'));
const scaleInputs = Array.from(document.querySelectorAll('input[name="scale"]'));
const displayInputs = Array.from(document.querySelectorAll('input[name="display"]'));
const themeInputs = Array.from(document.querySelectorAll('input[name="theme"]'));
const errorPanel = document.getElementById('error');
// A chart's own page (funding/ and the like, which carry its link preview) names its chart.
const pageChart = document.body.dataset.defaultChart;

/** The view as the Rust side understands it (see parseView / viewToQuery). */
const view = {
  chart: pageChart ?? tabs[0]?.dataset.chart ?? 'funding',
  scale: 'linear',
  display: 'chart',
  theme: 'auto',
  focus: undefined,
  embed: false,
};

/** Page-level parts of the view live on <html> as data attributes, for the stylesheet. */
function reflectView() {
  const root = document.documentElement;
  if (view.theme === 'auto') delete root.dataset.theme;
  else root.dataset.theme = view.theme;
  root.dataset.display = view.display;
  for (const input of scaleInputs) input.checked = input.value === view.scale;
  for (const input of displayInputs) input.checked = input.value === view.display;
  for (const input of themeInputs) input.checked = input.value === view.theme;
}
let wasm = null;
const handles = [];

function showError(message) {
  if (!errorPanel) return;
  errorPanel.textContent = message;
  errorPanel.hidden = false;
  // Empty chart boxes and a scale switch that does nothing would only mislead.
  document.documentElement.classList.remove('charts-ready');
  document.documentElement.classList.add('no-charts');
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
  if (view.chart !== active.dataset.chart) view.focus = undefined;
  view.chart = active.dataset.chart;
}

/** Writes the view to the URL and tells every chart; a no-op until the charts load. */
function applyView() {
  if (!wasm) return;
  let query;
  try {
    query = wasm.viewToQuery(view);
  } catch (err) {
    console.error(err);
    return;
  }
  let url = location.pathname + (query ? `?${query}` : '') + location.hash;
  if (pageChart) {
    // On a chart's own page the chart is in the path, so the address is always the page
    // whose link preview shows the chart in view.
    const params = new URLSearchParams(query);
    params.delete('chart');
    const rest = params.toString();
    url = `../${view.chart}/${rest ? `?${rest}` : ''}${location.hash}`;
  }
  history.replaceState(history.state, '', url);
  reflectView();
  for (const handle of handles) handle.setView(query);
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
  selectTab(tabs[next].dataset.chart, { focus: true });
  applyView();
}

for (const tab of tabs) {
  tab.addEventListener('click', () => {
    selectTab(tab.dataset.chart);
    applyView();
  });
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

// Listen before loading, so a panic during start-up is reported too.
window.addEventListener('coalition-panic', (event) => {
  showError(
    `The charts stopped working (${event.detail}). Every figure is still in the tables below.`,
  );
});

/** The query the page opens with; on a chart's own page, no `chart=` means that chart. */
function startQuery() {
  if (!pageChart || new URLSearchParams(location.search).has('chart')) return location.search;
  const rest = location.search.slice(1);
  return `?chart=${pageChart}${rest ? `&${rest}` : ''}`;
}

async function start() {
  try {
    // Imported here rather than at the top so that the tabs work even if this fails.
    wasm = await import('./pkg/coalition_infographic.js');
    await wasm.default();
  } catch (err) {
    wasm = null;
    console.error(err);
    const reason =
      typeof WebAssembly === 'object'
        ? 'they could not be loaded'
        : 'this browser does not run WebAssembly';
    showError(`The charts are not shown because ${reason}. Every figure is in the tables below.`);
    return;
  }

  const parsed = wasm.parseView(startQuery());
  for (const warning of parsed.warnings) console.warn(warning);
  Object.assign(view, {
    scale: parsed.scale,
    display: parsed.display,
    theme: parsed.theme,
    embed: parsed.embed,
  });
  selectTab(parsed.chart);
  view.focus = parsed.focus ?? undefined;
  reflectView();

  for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
    try {
      const handle = new wasm.ChartHandle(canvas, canvas.dataset.chart);
      handles.push(handle);
      // Reachable from the element for tools and tests (e.g. handle.layout()).
      canvas.chartHandle = handle;
    } catch (err) {
      console.error(err);
      showError(`A chart could not be started (${err.message}). Its table is below.`);
    }
  }
  // The charts draw their own title, subtitle and source from here on (see style.css).
  if (!document.documentElement.classList.contains('no-charts')) {
    document.documentElement.classList.add('charts-ready');
  }
  applyView();
}

start();
