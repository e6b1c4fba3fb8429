// Put in a page by proxy.mjs, after probe.js, when the request carries the cookie
// engines-inject=measure or engines-inject=replay. The charts lay their text out for the
// face the browser sets it in, from a few canvas measureText widths (the text scale), so two
// engines whose faces measure differently draw different layouts by design. This script
// records every width the page measures (window.__enginesMeasured); with replay.js before it
// (the widths recorded in another engine), it answers the same texts with those widths
// instead, so that Chromium lays a chart out for the other engine's text and the two
// layouts can be compared exactly.
(() => {
  'use strict';
  const replay = window.__enginesReplay ?? null;
  const measured = [];
  window.__enginesMeasured = measured;
  // Engines serialise a font differently ("bold" or "700"); the weight, the size and the text
  // name a measurement (the scale is measured at each size the charts draw).
  const bold = (font) => /\b(bold|[6-9]00)\b/.test(font);
  const size = (font) => Number(font.match(/([\d.]+)px/)?.[1]);
  const original = CanvasRenderingContext2D.prototype.measureText;
  CanvasRenderingContext2D.prototype.measureText = function measureText(text) {
    const metrics = original.call(this, text);
    const weight = bold(this.font);
    const px = size(this.font);
    const given = replay?.find((m) => m.bold === weight && m.size === px && m.text === String(text));
    if (given) Object.defineProperty(metrics, 'width', { value: given.width });
    measured.push({ bold: weight, size: px, text: String(text), width: metrics.width, replayed: Boolean(given) });
    return metrics;
  };
})();
