// Runs before the page is first painted (a blocking script in <head>, the only one): sets the
// parts of the view the stylesheet needs from the address, so that an embedded chart never
// shows the page around it, another chart, nor the wrong colours, for even one frame while
// the module loads.
// The Rust side (View::from_query) reads the whole address once it runs, with the same rules
// for these values: a value it does not know is ignored, and the last good one counts.
(() => {
  const root = document.documentElement;
  const flags = { embed: { 1: true, true: true, 0: false, false: false } };
  flags.notitle = flags.embed;
  for (const [key, value] of new URLSearchParams(location.search)) {
    if (key === 'theme' && ['light', 'dark'].includes(value)) root.dataset.theme = value;
    if (key === 'theme' && value === 'auto') delete root.dataset.theme;
    if (key === 'display' && ['chart', 'table'].includes(value)) root.dataset.display = value;
    // The chart the address names is the panel shown, until main.js selects its tab.
    if (key === 'chart' && ['funding', 'liberation', 'returns'].includes(value)) root.dataset.firstChart = value;
    // The build's drawings are of the release's figures in the default view, in English:
    // another dataset, the log scale, a chart without its title or in another language would
    // show the wrong picture until it drew.
    if (
      key === 'data' ||
      (key === 'scale' && value === 'log') ||
      (key === 'notitle' && flags.notitle[value]) ||
      (key === 'lang' && ['fr', 'ar'].includes(value))
    ) {
      root.dataset.undrawn = '';
    }
    if (Object.hasOwn(flags, key) && Object.hasOwn(flags[key], value)) {
      if (flags[key][value]) root.dataset[key] = '';
      else delete root.dataset[key];
    }
  }
})();
