// The built site behind Debian's nginx, Caddy and Apache, each started here on the loopback
// address with the configs `coalition hosting` writes (README, Hosting): the CSP and nosniff
// on every response, error pages and redirects included; application/wasm; the build's
// brotli and gzip files; pages revalidated with ETags, fingerprinted files kept a year; no
// redirect off the origin; host files hidden; and the page drawn in Chromium with zero CSP
// violations. A host that is not installed fails its tests by name: ./build.sh test
// installs all three.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

// playwright-core is installed once, for tests/e2e.
const { chromium } = createRequire(new URL('../e2e/package.json', import.meta.url))('playwright-core');

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DIST = join(REPO, 'dist');
const BIN = join(REPO, 'target/release/coalition');
const WORK = join(REPO, 'target/hosting-test');
const NGINX_BROTLI_MODULE =
  process.env.NGINX_BROTLI_MODULE ?? '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";
const SLOW = { timeout: 120_000 };
const CACHE_HASHED = 'public, max-age=31536000, immutable';
const APACHE_MODULES = '/usr/lib/apache2/modules';
/** A folder's permanent redirect: nginx says 301, Caddy 308. */
const PERMANENT = [301, 308];

/** A free port on the loopback address (closed again at once, for the host to take). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on `port`, or rejects after `ms`. */
async function waitForPort(port, child, log, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited (${child.exitCode}): ${readLog(log)}`);
    }
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on port ${port}: ${readLog(log)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const readLog = (path) => (existsSync(path) ? readFileSync(path, 'utf8').slice(-4000) : '(no log)');

/** Whether `command` is on PATH. */
const installed = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** Writes the configs `coalition hosting` makes for this root and address into `dir`. */
function hostConfigs(dir, port) {
  mkdirSync(join(dir, 'dist-files'), { recursive: true });
  const made = spawnSync(
    BIN,
    ['hosting', join(dir, 'dist-files'), dir, '--root', DIST, '--listen', `127.0.0.1:${port}`],
    { encoding: 'utf8' },
  );
  assert.equal(made.status, 0, `coalition hosting failed: ${made.stderr}`);
}

const HOSTS = {
  nginx: {
    parsesEveryRequest: true,
    badRequestType: null,
    // Debian's ngx_brotli static module now and then answers a br request with the plain
    // file (seen under load: an identity answer, then br to the same request), so a
    // revalidation made in br can meet another ETag; nginx's own identity answers are checked.
    revalidateIn: null,
    needs: () => {
      if (!installed('nginx')) return 'nginx is not installed (apt-get install nginx)';
      if (!existsSync(NGINX_BROTLI_MODULE)) {
        return `nginx's brotli_static module is not installed (apt-get install libnginx-mod-http-brotli-static; looked for ${NGINX_BROTLI_MODULE})`;
      }
      return null;
    },
    async start(dir, port) {
      hostConfigs(dir, port);
      mkdirSync(join(dir, 'temp'), { recursive: true });
      const log = join(dir, 'error.log');
      // Only the wrapper is the test's: the server block is the generated one, unchanged.
      writeFileSync(
        join(dir, 'main.conf'),
        `load_module ${NGINX_BROTLI_MODULE};
${process.getuid?.() === 0 ? 'user root root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${log} warn;
events { worker_connections 128; }
http {
    access_log ${dir}/access.log;
    client_body_temp_path ${dir}/temp/body;
    proxy_temp_path ${dir}/temp/proxy;
    fastcgi_temp_path ${dir}/temp/fastcgi;
    uwsgi_temp_path ${dir}/temp/uwsgi;
    scgi_temp_path ${dir}/temp/scgi;
    include ${dir}/nginx.conf;
}
`,
      );
      const child = spawn('nginx', ['-p', dir, '-e', log, '-c', join(dir, 'main.conf')], {
        stdio: 'ignore',
      });
      await waitForPort(port, child, log);
      return { child, log };
    },
  },
  caddy: {
    parsesEveryRequest: false,
    revalidateIn: 'br',
    // Go's HTTP server refuses it before Caddy sees it: plain text, nothing of the site.
    badRequestType: 'text/plain; charset=utf-8',
    needs: () => (installed('caddy') ? null : 'caddy is not installed (apt-get install caddy)'),
    async start(dir, port) {
      hostConfigs(dir, port);
      const log = join(dir, 'caddy.log');
      writeFileSync(
        join(dir, 'main.Caddyfile'),
        `{
\tadmin off
\tauto_https off
\tstorage file_system ${dir}/data
}
import ${dir}/Caddyfile
`,
      );
      const out = openSync(log, 'w');
      const child = spawn(
        'caddy',
        ['run', '--config', join(dir, 'main.Caddyfile'), '--adapter', 'caddyfile'],
        {
          stdio: ['ignore', out, out],
          env: { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
        },
      );
      await waitForPort(port, child, log);
      return { child, log };
    },
  },
  apache: {
    parsesEveryRequest: false,
    revalidateIn: 'br',
    // Apache refuses it while reading the request, before any .htaccess applies: its own
    // short HTML error page, with nothing of the site in it.
    badRequestType: 'text/html; charset=iso-8859-1',
    needs: () => {
      if (!installed('apache2')) return 'apache2 is not installed (apt-get install apache2)';
      return null;
    },
    async start(dir, port) {
      hostConfigs(dir, port);
      const log = join(dir, 'error.log');
      // The .htaccess under test is the generated one, in the served folder; only this
      // wrapper (modules, the address, AllowOverride All as the README asks) is the test's.
      const modules = ['mpm_event', 'authz_core', 'dir', 'mime', 'headers', 'rewrite', 'alias', 'env'];
      const root = process.getuid?.() === 0;
      writeFileSync(
        join(dir, 'httpd.conf'),
        `${modules.map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`).join('\n')}
ServerName 127.0.0.1
Listen 127.0.0.1:${port}
PidFile ${dir}/httpd.pid
Mutex file:${dir} default
ErrorLog ${log}
LogLevel warn
${root ? 'User nobody\nGroup nogroup' : ''}
TypesConfig /etc/mime.types
DocumentRoot "${DIST}"
DirectoryIndex index.html
<Directory />
    AllowOverride None
    Require all denied
</Directory>
<Directory "${DIST}">
    AllowOverride All
    Require all granted
</Directory>
`,
      );
      const out = openSync(log.replace(/\.log$/, '.out'), 'w');
      const child = spawn('apache2', ['-X', '-d', dir, '-f', join(dir, 'httpd.conf')], {
        stdio: ['ignore', out, out],
      });
      await waitForPort(port, child, log);
      return { child, log };
    },
  },
};

/** One request on a fresh connection: status, headers (lower-case names), raw body. */
function request(port, path, { method = 'GET', headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method, headers, agent: false, timeout: 10_000 },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${path}: no answer in 10 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** Sends `raw` as is (for request lines node's client will not write) and parses the head. */
function rawRequest(port, raw) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(raw));
    const chunks = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer in 10 s')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = {};
      for (const line of lines) {
        const at = line.indexOf(':');
        if (at > 0) headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers });
    });
  });
}

function assertSecure(response, what) {
  assert.equal(response.headers['content-security-policy'], CSP, `${what}: CSP`);
  assert.equal(response.headers['x-content-type-options'], 'nosniff', `${what}: nosniff`);
  assert.equal(response.headers['referrer-policy'], 'no-referrer', `${what}: Referrer-Policy`);
}

function decode(response) {
  switch (response.headers['content-encoding']) {
    case 'br':
      return zlib.brotliDecompressSync(response.body);
    case 'gzip':
      return zlib.gunzipSync(response.body);
    default:
      return response.body;
  }
}

let browser;

before(async () => {
  assert.ok(
    existsSync(join(DIST, 'index.html.br')) && existsSync(BIN),
    'the site is not built with its precompressed files: run ./build.sh build first',
  );
  rmSync(WORK, { recursive: true, force: true });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
});

for (const [name, host] of Object.entries(HOSTS)) {
  describe(`behind ${name}`, () => {
    let running;
    let port;

    before(async () => {
      const missing = host.needs();
      if (missing) return;
      port = await freePort();
      const dir = join(WORK, name);
      mkdirSync(dir, { recursive: true });
      running = await host.start(dir, port);
    });

    after(() => {
      running?.child.kill();
    });

    /** Fails by name when the host cannot run here, rather than passing without it. */
    function needHost() {
      const missing = host.needs();
      assert.equal(missing, null, `${name} cannot run: ${missing}; ./build.sh test installs it as root`);
      assert.ok(running, `${name} did not start`);
    }

    test(`${name}: the CSP and nosniff on every response, error pages and redirects included`, async () => {
      needHost();
      const cases = [
        ['/', 200],
        ['/funding/', 200],
        ['/funding', 'redirect'],
        ['/pkg/viewer_bg.wasm', 200],
        ['/main.js', 200],
        ['/style.css', 200],
        ['/funding/preview.png', 200],
        ['/missing.js', 404],
        ['/.htaccess', 404],
        ['/_headers', 404],
      ];
      for (const [path, status] of cases) {
        const response = await request(port, path);
        if (status === 'redirect') assert.ok(PERMANENT.includes(response.status), `${path}: ${response.status}`);
        else assert.equal(response.status, status, `${path}: ${response.status}`);
        assertSecure(response, path);
        assert.equal(response.headers['cache-control'], 'no-cache', `${path}: Cache-Control`);
      }
      const head = await request(port, '/', { method: 'HEAD' });
      assertSecure(head, 'HEAD /');
      const post = await request(port, '/', { method: 'POST' });
      assert.ok(post.status >= 400, `POST: ${post.status}`);
      assertSecure(post, `POST / (${post.status})`);
      const bad = await rawRequest(port, 'GET /%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      assert.equal(bad.status, 400, `GET /%zz: ${bad.status}`);
      if (host.parsesEveryRequest) {
        assertSecure(bad, 'GET /%zz (400)');
      } else {
        assert.equal(bad.headers['content-type'], host.badRequestType, 'GET /%zz');
      }
    });

    test(`${name}: a folder's redirect stays on this origin`, async () => {
      needHost();
      for (const path of ['/funding', '//funding', '/.//funding']) {
        const response = await rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
        if (response.status === 200) continue;
        assert.ok(PERMANENT.includes(response.status), `${path}: ${response.status}`);
        const location = response.headers.location ?? '';
        const target = new URL(location, `http://127.0.0.1:${port}${path.replace(/^\/+/, '/')}`);
        assert.equal(target.origin, `http://127.0.0.1:${port}`, `${path} redirects to ${location}`);
        assert.ok(!location.startsWith('//'), `${path} redirects to ${location}`);
        assert.equal(target.pathname, '/funding/', `${path} redirects to ${location}`);
      }
    });

    test(`${name}: wasm as application/wasm, text with its charset`, async () => {
      needHost();
      for (const encoding of [undefined, 'gzip', 'br']) {
        const headers = encoding ? { 'accept-encoding': encoding } : {};
        const wasm = await request(port, '/pkg/viewer_bg.wasm', { headers });
        assert.equal(wasm.headers['content-type'], 'application/wasm', `wasm, ${encoding}`);
        const page = await request(port, '/', { headers });
        assert.equal(page.headers['content-type'], 'text/html; charset=utf-8', `html, ${encoding}`);
        const script = await request(port, '/main.js', { headers });
        assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8', `js, ${encoding}`);
      }
    });

    test(`${name}: the build's brotli and gzip files, by Accept-Encoding`, async () => {
      needHost();
      for (const path of ['/index.html', '/pkg/viewer_bg.wasm', '/main.js']) {
        const original = readFileSync(join(DIST, path));
        const br = await request(port, path, { headers: { 'accept-encoding': 'gzip, br' } });
        assert.equal(br.headers['content-encoding'], 'br', `${path}: brotli`);
        assert.deepEqual(br.body, readFileSync(join(DIST, `${path}.br`)), `${path}: the build's .br file`);
        assert.deepEqual(decode(br), original, `${path}: brotli decodes to the file`);
        assert.match(br.headers.vary ?? '', /accept-encoding/i, `${path}: Vary`);
        const gz = await request(port, path, { headers: { 'accept-encoding': 'gzip' } });
        assert.equal(gz.headers['content-encoding'], 'gzip', `${path}: gzip`);
        assert.deepEqual(decode(gz), original, `${path}: gzip decodes to the file`);
        const plain = await request(port, path);
        assert.equal(plain.headers['content-encoding'], undefined, `${path}: identity`);
        assert.deepEqual(plain.body, original, `${path}: the file itself`);
      }
    });

    test(`${name}: fingerprinted files are kept a year, and only they`, async () => {
      needHost();
      const hashed = readdirSync(join(DIST, 'assets')).filter((f) => /\.[0-9a-f]{16}\.(js|wasm)$/.test(f));
      assert.ok(hashed.some((f) => f.startsWith('viewer_bg.')), `fingerprinted files: ${hashed}`);
      for (const file of hashed) {
        for (const encoding of [undefined, 'br', 'gzip']) {
          const headers = encoding ? { 'accept-encoding': encoding } : {};
          const response = await request(port, `/assets/${file}`, { headers });
          assert.equal(response.status, 200, `${file}, ${encoding}`);
          assert.equal(response.headers['cache-control'], CACHE_HASHED, `${file}, ${encoding}`);
          assertSecure(response, `${file}, ${encoding}`);
          assert.deepEqual(decode(response), readFileSync(join(DIST, 'assets', file)), `${file}, ${encoding}`);
        }
      }
      for (const path of ['/', '/funding/', '/main.js', '/pkg/viewer.js']) {
        const response = await request(port, path);
        assert.equal(response.headers['cache-control'], 'no-cache', `${path}: Cache-Control`);
      }
      const missing = await request(port, '/assets/viewer.0123456789abcdef.js');
      assert.equal(missing.status, 404);
      assert.notEqual(missing.headers['cache-control'], CACHE_HASHED, 'a 404 is not kept a year');
      // What the page names, through its script and the modules' glue, is what the host has.
      const named = new Set();
      const read = ['/', '/main.js'];
      while (read.length) {
        const text = decode(await request(port, read.shift(), { headers: { 'accept-encoding': 'br' } })).toString();
        // The glue names its WebAssembly beside it, without the folder.
        for (const [, file] of text.matchAll(/(\w+\.[0-9a-f]{16}\.(?:js|wasm))/g)) {
          if (!named.has(file) && file.endsWith('.js')) read.push(`/assets/${file}`);
          named.add(file);
        }
      }
      assert.ok(
        [...named].some((f) => f.startsWith('viewer.')) && [...named].some((f) => f.startsWith('viewer_bg.')),
        `the page names its modules: ${[...named]}`,
      );
      for (const file of named) assert.ok(hashed.includes(file), `${file} is served`);
    });

    test(`${name}: every file is revalidated, and a repeat costs a 304`, async () => {
      needHost();
      const encoding = host.revalidateIn ? { 'accept-encoding': host.revalidateIn } : {};
      for (const path of ['/', '/pkg/viewer_bg.wasm', '/pkg/viewer.js']) {
        const first = await request(port, path, { headers: encoding });
        assert.equal(first.headers['cache-control'], 'no-cache', `${path}: Cache-Control`);
        const etag = first.headers.etag;
        assert.ok(etag, `${path}: an ETag`);
        assert.ok(first.headers['last-modified'], `${path}: Last-Modified`);
        const again = await request(port, path, {
          headers: { ...encoding, 'if-none-match': etag },
        });
        assert.equal(
          again.status,
          304,
          `${path}: If-None-Match ${etag} (first: ${first.headers['content-encoding'] ?? 'identity'}; ` +
            `again: ${again.headers['content-encoding'] ?? 'identity'}, ETag ${again.headers.etag})`,
        );
        assert.equal(again.body.length, 0);
        assertSecure(again, `${path}: 304`);
      }
    });

    test(`${name}: the page draws every chart with zero CSP violations`, SLOW, async () => {
      needHost();
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
      await context.addInitScript(() => {
        window.__violations = [];
        document.addEventListener('securitypolicyviolation', (event) => {
          window.__violations.push(`${event.violatedDirective} blocked ${event.blockedURI || '(inline)'}`);
        });
      });
      try {
        for (const chart of ['funding', 'liberation', 'returns']) {
          const page = await context.newPage();
          const errors = [];
          page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
          page.on('pageerror', (e) => errors.push(e.message));
          await page.goto(`http://127.0.0.1:${port}/${chart}/`);
          await page.waitForFunction(
            (name) => {
              const canvas = document.querySelector(`canvas[data-chart="${name}"]`);
              return Number(canvas?.dataset.drawn) > 0 && canvas.width > 0;
            },
            chart,
            { timeout: 60_000 },
          );
          const violations = await page.evaluate(() => window.__violations);
          assert.deepEqual(violations, [], `${chart}: CSP violations`);
          assert.deepEqual(errors, [], `${chart}: console errors`);
          const policy = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
          assert.equal(policy, CSP);
          if (chart === 'returns') {
            mkdirSync(join(WORK, 'screenshots'), { recursive: true });
            await page
              .locator(`canvas[data-chart="${chart}"]`)
              .screenshot({ path: join(WORK, 'screenshots', `${name}-returns.png`) });
          }
          await page.close();
        }
      } finally {
        await context.close();
      }
    });
  });
}
