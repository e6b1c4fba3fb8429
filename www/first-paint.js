// Runs before the page is first painted (a blocking script in <head>, the only one): sets the
// parts of the view the stylesheet needs from the address, so that an embedded chart never
// shows the page around it, another chart, nor the wrong colours, for even one frame while
// the module loads.
// The Rust side (View::from_query) reads the whole address once it runs, with the same rules
// for these values: a value it does not know is ignored, and the last good one counts.
(() => {
  const root = document.documentElement;
  // The page of each language is its own (fr/, ar/: src/links.rs): an address that names
  // another language, or `auto` (the first of the reader's languages the site has), opens
  // that language's page, with the rest of the address, before anything is painted; one
  // that names this page's language loses the parameter, which its folder says already.
  const address = new URL(location.href);
  const params = address.searchParams;
  const LANGS = ['en', 'fr', 'ar'];
  const asked = params.getAll('lang').filter((l) => l === 'auto' || LANGS.includes(l)).pop();
  const lang = asked === 'auto' ? navigator.languages.map((l) => l.slice(0, 2)).find((l) => LANGS.includes(l)) ?? 'en' : asked;
  if (lang && 'root' in root.dataset) {
    params.delete('lang');
    if (lang !== (root.lang || 'en')) {
      const folder = lang === 'en' ? '' : `${lang}/`;
      address.pathname = new URL(`${root.dataset.root || './'}${folder}${root.dataset.here}`, location.href).pathname;
      location.replace(address);
      return;
    }
    history.replaceState(history.state, '', address);
  }
  const flags = { embed: { 1: true, true: true, 0: false, false: false } };
  flags.notitle = flags.embed;
  for (const [key, value] of params) {
    if (key === 'theme' && ['light', 'dark'].includes(value)) root.dataset.theme = value;
    if (key === 'theme' && value === 'auto') delete root.dataset.theme;
    if (key === 'display' && ['chart', 'table'].includes(value)) root.dataset.display = value;
    // The chart the address names is the panel shown, until main.js selects its tab.
    if (key === 'chart' && ['funding', 'liberation', 'returns'].includes(value)) root.dataset.firstChart = value;
    // The build's drawings are of the release's figures in the default view, in the page's
    // language: another dataset, the log scale or a chart without its title would show the
    // wrong picture until it drew.
    if (
      key === 'data' ||
      (key === 'scale' && value === 'log') ||
      (key === 'notitle' && flags.notitle[value])
    ) {
      root.dataset.undrawn = '';
    }
    if (Object.hasOwn(flags, key) && Object.hasOwn(flags[key], value)) {
      if (flags[key][value]) root.dataset[key] = '';
      else delete root.dataset[key];
    }
  }
})();
