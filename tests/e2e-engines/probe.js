// Runs first on every page the engine suite opens (proxy.mjs puts it at the top of <head>),
// because classic WebDriver, which is all WebKitGTK's driver speaks, cannot listen to a
// page's console. It records what a reader's console would show as an error: console.error
// calls, uncaught errors, rejected promises nobody handled, resources that failed to load
// and Content-Security-Policy violations; and console.warn calls, kept apart. Entries go to
// sessionStorage, so what one page logged survives a reload or a navigation, and frames of
// the same origin (the embed host's) log into the same list. It is served from the page's
// own origin, so the strict policy lets it run.
(() => {
  'use strict';
  const KEY = '__enginesProbe';
  const where = () => location.pathname + location.search;
  const text = (value) => {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (typeof value === 'string') return value;
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  };
  const record = (kind, message) => {
    let all;
    try {
      all = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    } catch {
      all = [];
    }
    all.push({ kind, page: where(), message });
    try {
      sessionStorage.setItem(KEY, JSON.stringify(all));
    } catch {
      // Storage refused: counted, so the test fails rather than passing on a log never kept.
      window.__enginesProbeLost = (window.__enginesProbeLost ?? 0) + 1;
    }
  };

  for (const [level, kind] of [
    ['error', 'console.error'],
    ['warn', 'console.warn'],
  ]) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      record(kind, args.map(text).join(' '));
      original(...args);
    };
  }
  // Capture phase: a failed <script>, <link> or <img> fires a non-bubbling error on itself.
  window.addEventListener(
    'error',
    (event) => {
      if (event instanceof ErrorEvent) {
        record('uncaught', `${event.message} (${event.filename}:${event.lineno})`);
      } else {
        const el = event.target;
        record('failed load', `<${el?.localName}> ${el?.src || el?.href || ''}`);
      }
    },
    true,
  );
  window.addEventListener('unhandledrejection', (event) => record('unhandled rejection', text(event.reason)));
  document.addEventListener('securitypolicyviolation', (event) =>
    record('csp violation', `${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}`),
  );
  window.__enginesProbe = true;
})();
