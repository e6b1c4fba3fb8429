// Put in a page by proxy.mjs, after probe.js, when the request carries the cookie
// engines-inject=late-module: the page's WebAssembly module then resolves inside a
// ResizeObserver callback, so the page's code after its module has loaded runs while the
// browser is delivering size changes. WebKit sometimes resumes the page there by itself; here
// it happens every time, in every engine, and a page that changes its layout there gets a
// "ResizeObserver loop completed with undelivered notifications" error.
(() => {
  'use strict';
  // The observer starts observing in a task of its own. The module may resolve while the
  // browser is already delivering sizes (WebKit resumes a page there), and an observation
  // begun then is one the browser cannot deliver in that pass: the loop error would be this
  // script's, not the page's.
  const hold = (promise) =>
    promise.then(
      (value) =>
        new Promise((resolve) => {
          setTimeout(() => {
            const observer = new ResizeObserver(() => {
              observer.disconnect();
              resolve(value);
            });
            observer.observe(document.documentElement);
          });
        }),
    );
  window.__enginesLateModule = true;
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    if (typeof original === 'function') {
      WebAssembly[name] = (...args) => hold(original.apply(WebAssembly, args));
    }
  }
})();
