// A pass-through in front of the site's own server (`coalition serve`): every response goes
// to the browser with the server's status and headers, its Content-Security-Policy included,
// byte for byte, except that an HTML page gets one <script> first in its <head>: probe.js,
// served by this proxy from the same origin, so the strict policy allows it (and, for the
// check that asks for it with a cookie, late-module.js after it).
import { readFileSync } from 'node:fs';
import { request, createServer } from 'node:http';

export const PROBE_PATH = '/__engines/probe.js';
const SCRIPTS = {
  [PROBE_PATH]: readFileSync(new URL('./probe.js', import.meta.url)),
  '/__engines/late-module.js': readFileSync(new URL('./late-module.js', import.meta.url)),
};
const PROBE_TAG = `<script src="${PROBE_PATH}"></script>`;
// A check that needs late-module.js in its pages sets this cookie.
const LATE_MODULE_COOKIE = /(?:^|;\s*)engines-inject=late-module(?:;|$)/;
const LATE_MODULE_TAG = '<script src="/__engines/late-module.js"></script>';
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
    const tags = PROBE_TAG + (LATE_MODULE_COOKIE.test(req.headers.cookie ?? '') ? LATE_MODULE_TAG : '');
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
        close: () =>
          new Promise((done) => {
            server.close(done);
            server.closeAllConnections();
          }),
      });
    });
  });
}
