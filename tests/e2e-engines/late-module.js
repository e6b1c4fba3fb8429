// Put in a page by proxy.mjs, after probe.js, when the request carries the cookie
// engines-inject=late-module: the page's WebAssembly module then resolves inside a
// ResizeObserver callback, so the page's code after its module has loaded runs while the
// browser is delivering size changes. WebKit sometimes resumes the page there by itself; here
// it happens every time, in every engine, and a page that changes its layout there gets a
// "ResizeObserver loop completed with undelivered notifications" error.
(() => {
  'use strict';
  const hold = (promise) =>
    promise.then(
      (value) =>
        new Promise((resolve) => {
          const observer = new ResizeObserver(() => {
            observer.disconnect();
            resolve(value);
          });
          observer.observe(document.documentElement);
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
