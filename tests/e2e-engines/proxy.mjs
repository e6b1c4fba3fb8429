// A pass-through in front of the site's own server (`coalition serve`): every response goes
// to the browser with the server's status and headers, its Content-Security-Policy included,
// byte for byte, except that an HTML page gets <script>s first in its <head>: probe.js,
// served by this proxy from the same origin, so the strict policy allows it, and after it
// whatever a check asks for with the cookie engines-inject (late-module.js, measure.js, or
// replay.js and measure.js).
import { readFileSync } from 'node:fs';
import { request, createServer } from 'node:http';

export const PROBE_PATH = '/__engines/probe.js';
const REPLAY_PATH = '/__engines/replay.js';
const SCRIPTS = {
  [PROBE_PATH]: readFileSync(new URL('./probe.js', import.meta.url)),
  '/__engines/late-module.js': readFileSync(new URL('./late-module.js', import.meta.url)),
  '/__engines/measure.js': readFileSync(new URL('./measure.js', import.meta.url)),
  // The text widths measure.js answers with; set by `replay` (below).
  [REPLAY_PATH]: Buffer.from('window.__enginesReplay = null;\n'),
};
const tag = (path) => `<script src="${path}"></script>`;
// What a check that sets the cookie engines-inject=NAME gets in its pages, after probe.js.
const INJECTED = {
  'late-module': [tag('/__engines/late-module.js')],
  measure: [tag('/__engines/measure.js')],
  replay: [tag(REPLAY_PATH), tag('/__engines/measure.js')],
};
const INJECT_COOKIE = /(?:^|;\s*)engines-inject=([\w-]+)(?:;|$)/;
// Hop-by-hop headers are the connection's, not the response's; the length changes with the tag.
const DROPPED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** Starts the proxy for `upstream` (a URL ending in '/'); resolves to { url, close }. */
export function startProxy(upstream) {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    if (Object.hasOwn(SCRIPTS, req.url)) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(SCRIPTS[req.url]);
      return;
    }
    const asked = (req.headers.cookie ?? '').match(INJECT_COOKIE)?.[1];
    const extra = asked && Object.hasOwn(INJECTED, asked) ? INJECTED[asked] : [];
    const tags = [tag(PROBE_PATH), ...extra].join('');
    const headers = { ...req.headers, host: target.host };
    // The server's bytes as they are: no compressed encoding to undo before adding the tag.
    delete headers['accept-encoding'];
    // Always the whole page, never "304 Not Modified": the server's validators are of its
    // bytes, not of the page with the tags put in, and which tags go in depends on the
    // cookie. Passed on, they let the browser reuse a copy cached without late-module.js
    // (the site sends HTML with an ETag and no-cache) after a load without the cookie.
    for (const name of ['if-none-match', 'if-modified-since', 'if-match', 'if-unmodified-since', 'if-range']) {
      delete headers[name];
    }
    const upstreamReq = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
      (upstreamRes) => {
        const chunks = [];
        upstreamRes.on('data', (chunk) => chunks.push(chunk));
        upstreamRes.on('end', () => {
          let body = Buffer.concat(chunks);
          const type = upstreamRes.headers['content-type'] ?? '';
          if (type.startsWith('text/html')) {
            const html = body.toString('utf8');
            const head = html.match(/<head[^>]*>/i);
            if (head) {
              const at = head.index + head[0].length;
              body = Buffer.from(html.slice(0, at) + tags + html.slice(at), 'utf8');
            }
          }
          const out = {};
          for (const [name, value] of Object.entries(upstreamRes.headers)) {
            if (!DROPPED.has(name)) out[name] = value;
          }
          out['content-length'] = body.length;
          res.writeHead(upstreamRes.statusCode, upstreamRes.statusMessage, out);
          res.end(req.method === 'HEAD' ? undefined : body);
        });
      },
    );
    upstreamReq.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`engine suite proxy: ${error.message}`);
    });
    req.pipe(upstreamReq);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${target.pathname}`,
        /** The text widths (measure.js's records) that pages with engines-inject=replay measure. */
        replay: (measured) => {
          SCRIPTS[REPLAY_PATH] = Buffer.from(`window.__enginesReplay = ${JSON.stringify(measured)};\n`);
        },
        close: () =>
          new Promise((done) => {
            server.close(done);
            server.closeAllConnections();
          }),
      });
    });
  });
}
