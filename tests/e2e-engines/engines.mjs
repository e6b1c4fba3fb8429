// The browsers of the engine suite, each driven over plain W3C WebDriver by selenium-webdriver:
// Firefox through geckodriver, WebKit through WebKitGTK's WebKitWebDriver and MiniBrowser (in
// a virtual X display, as MiniBrowser has no headless mode), and Chromium through
// chromedriver, whose drawings are the reference the others are compared with. Nothing is
// downloaded: the browsers and drivers are Debian's (build.sh installs them) and geckodriver
// is the pinned crate. Each engine runs one browser per pixel density, started once.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

import { PNG } from 'pngjs';
import { Builder, By, Capabilities } from 'selenium-webdriver';
import { Command } from 'selenium-webdriver/lib/command.js';

/** WebKitGTK's MiniBrowser, which Debian keeps in the library folder of the architecture. */
function findMiniBrowser() {
  if (process.env.MINIBROWSER) return process.env.MINIBROWSER;
  let dirs = [];
  try {
    dirs = readdirSync('/usr/lib').map((dir) => join('/usr/lib', dir, 'webkit2gtk-4.1', 'MiniBrowser'));
  } catch {
    // No /usr/lib: not a Debian-like system; `missing` says MiniBrowser is not installed.
  }
  return dirs.find(executable) ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
}

const MINIBROWSER = findMiniBrowser();
const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The first executable called `name` on PATH, or null. */
function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(dir, name);
    if (executable(path)) return path;
  }
  return null;
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** What each engine needs, found on this machine or not. */
const NEEDS = {
  firefox: () => ({
    'firefox-esr (Debian package firefox-esr)': executable(FIREFOX) ? FIREFOX : null,
    'geckodriver (cargo install geckodriver)': process.env.GECKODRIVER ?? which('geckodriver'),
  }),
  webkit: () => ({
    'WebKitWebDriver (Debian package webkit2gtk-driver)': which('WebKitWebDriver'),
    'MiniBrowser (Debian package libwebkit2gtk-4.1-0)': executable(MINIBROWSER) ? MINIBROWSER : null,
    'xvfb-run (Debian package xvfb)': which('xvfb-run'),
  }),
  chromium: () => ({
    'chromium (Debian package chromium)': executable(CHROMIUM) ? CHROMIUM : null,
    'chromedriver (Debian package chromium-driver)': process.env.CHROMEDRIVER ?? which('chromedriver'),
  }),
};

/** Why `engine` cannot run here (the missing pieces), or null when it can. */
export function missing(engine) {
  const lacking = Object.entries(NEEDS[engine]())
    .filter(([, path]) => !path)
    .map(([what]) => what);
  return lacking.length ? `not installed: ${lacking.join(', ')}` : null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a truthy value, for at most `timeout` ms. */
export async function until(check, { timeout = 20_000, interval = 25, what = 'a condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Process groups of the drivers still running, ended if this process ends first. */
const running = new Set();

function endAll() {
  for (const group of running) {
    try {
      process.kill(-group, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
  running.clear();
}

process.on('exit', endAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    endAll();
    process.exit(128 + { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal]);
  });
}

/**
 * Starts a WebDriver server (its own process group, so the browser and the virtual display
 * it starts end with it) and resolves once its /status says it is ready.
 */
async function startDriver(command, args, env = {}) {
  const port = await freePort();
  const child = spawn(command, args(port), {
    detached: true,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  running.add(child.pid);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = `exited (${signal ?? code})`;
    running.delete(child.pid);
  });
  const url = `http://127.0.0.1:${port}`;
  await until(
    async () => {
      if (exited) throw new Error(`${command} ${exited}: ${output}`);
      const response = await fetch(`${url}/status`);
      return response.ok && (await response.json()).value?.ready !== false;
    },
    { timeout: 30_000, what: `${command} to listen on port ${port}` },
  );
  return {
    url,
    output: () => output,
    stop: async () => {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      await gone;
    },
  };
}

/** Capabilities and the driver process for `engine` at pixel density `dpr`. */
function plan(engine, dpr, downloads) {
  const needs = NEEDS[engine]();
  const find = (prefix) => Object.entries(needs).find(([what]) => what.startsWith(prefix))[1];
  if (engine === 'firefox') {
    return {
      driver: [find('geckodriver'), (port) => ['--host', '127.0.0.1', '--port', String(port)]],
      capabilities: {
        browserName: 'firefox',
        'moz:firefoxOptions': {
          binary: FIREFOX,
          args: ['-headless'],
          prefs: {
            // Firefox's own device pixel ratio: the one a HiDPI screen gives it.
            'layout.css.devPixelsPerPx': String(dpr),
            'browser.download.folderList': 2,
            'browser.download.dir': downloads,
            'browser.download.useDownloadDir': true,
            'browser.download.always_ask_before_handling_new_types': false,
            'browser.download.alwaysOpenPanel': false,
            'browser.shell.checkDefaultBrowser': false,
            'datareporting.policy.dataSubmissionEnabled': false,
            'app.update.disabledForTesting': true,
          },
        },
      },
    };
  }
  if (engine === 'webkit') {
    // MiniBrowser saves a download in the XDG download folder (else in $HOME), which GLib
    // reads from user-dirs.dirs in XDG_CONFIG_HOME.
    const config = join(downloads, '.config');
    mkdirSync(config);
    writeFileSync(join(config, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
    // WebKitGTK takes its pixel density from GTK, whose integer scale GDK_SCALE sets; the
    // display is large enough for a 1280 × 900 window at twice that.
    // No window manager runs in the virtual display, so nothing gives MiniBrowser's window
    // the keyboard focus (document.hasFocus() stays false, and :focus never matches);
    // xdotool gives it once the window is shown.
    const focus = which('xdotool')
      ? 'xdotool search --sync --onlyvisible --class MiniBrowser windowfocus >/dev/null 2>&1 & '
      : '';
    return {
      driver: [
        find('xvfb-run'),
        (port) => [
          '-a',
          '-s',
          '-screen 0 2800x2000x24',
          'sh',
          '-c',
          `${focus}exec "$0" --port=${port}`,
          find('WebKitWebDriver'),
        ],
        { GDK_SCALE: String(dpr), GDK_DPI_SCALE: '1', XDG_CONFIG_HOME: config },
      ],
      capabilities: {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      },
    };
  }
  return {
    driver: [find('chromedriver'), (port) => [`--port=${port}`]],
    capabilities: {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: CHROMIUM,
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          `--force-device-scale-factor=${dpr}`,
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    },
  };
}

/** The names the suite uses for each engine in its output. */
export const LABELS = { firefox: 'Firefox', webkit: 'WebKit', chromium: 'Chromium' };

/**
 * Starts `engine` at device pixel ratio `dpr` with one tab that the suite reuses, showing
 * pages of `base` (a URL ending in '/').
 */
export async function launch(engine, base, { dpr = 1 } = {}) {
  const downloads = mkdtempSync(join(tmpdir(), `engines-${engine}-downloads-`));
  const { driver: spec, capabilities } = plan(engine, dpr, downloads);
  const server = await startDriver(...spec);
  let driver;
  try {
    driver = await new Builder()
      .usingServer(server.url)
      .withCapabilities(new Capabilities(capabilities))
      .build();
  } catch (error) {
    await server.stop();
    error.message += `\n${LABELS[engine]}'s driver said: ${server.output()}`;
    throw error;
  }
  return new Browser(engine, dpr, driver, server, base, downloads);
}

/** One tab of one engine, with what the checks need of it. */
export class Browser {
  constructor(engine, dpr, driver, server, base, downloads) {
    this.engine = engine;
    this.label = LABELS[engine];
    this.dpr = dpr;
    this.driver = driver;
    this.server = server;
    this.base = base;
    this.downloads = downloads;
  }

  async quit() {
    try {
      await this.driver.quit();
    } finally {
      await this.server.stop();
    }
  }

  /** Opens `path`, relative to the site's root. */
  goto(path = '') {
    return this.driver.get(new URL(path, this.base).href);
  }

  async address() {
    const url = new URL(await this.driver.getCurrentUrl());
    return url.pathname + url.search;
  }

  /** Runs `fn(...args)` in the page and returns its (JSON-like) result. */
  run(fn, ...args) {
    return this.driver.executeScript(`return (${fn}).apply(null, arguments);`, ...args);
  }

  /**
   * Runs the async `fn(...args)` in the page and returns what it resolves to; a rejection
   * comes back as an error here.
   */
  async runAsync(fn, ...args) {
    const result = await this.driver.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       Promise.resolve()
         .then(() => (${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))
         .then((value) => done({ value }), (error) => done({ error: String(error) }));`,
      ...args,
    );
    if (result.error !== undefined) throw new Error(`in ${this.label}: ${result.error}`);
    return result.value;
  }

  /** Polls `fn(...args)` in the page until it returns something truthy, and returns that. */
  waitFor(fn, args = [], options = {}) {
    return until(() => this.run(fn, ...args), options);
  }

  /** What the probe recorded since the last `takeLog`, then forgets it. */
  async takeLog() {
    const { probe, lost, entries } = await this.run(() => {
      const all = JSON.parse(sessionStorage.getItem('__enginesProbe') ?? '[]');
      sessionStorage.removeItem('__enginesProbe');
      return { probe: window.__enginesProbe === true, lost: window.__enginesProbeLost ?? 0, entries: all };
    });
    if (!probe) throw new Error(`the console probe is not in ${await this.address()}`);
    if (lost) throw new Error(`the console probe could not store ${lost} entries`);
    return entries;
  }

  /** The errors the probe recorded since the last read (warnings are not errors). */
  async takeErrors() {
    return (await this.takeLog()).filter((entry) => entry.kind !== 'console.warn');
  }

  /** Sets the size of the page's viewport (the window's inner size), in CSS pixels. */
  async viewport(width, height) {
    const win = this.driver.manage().window();
    let rect = await win.getRect();
    for (let i = 0; i < 3; i += 1) {
      const inner = await this.run(() => [window.innerWidth, window.innerHeight]);
      if (inner[0] === width && inner[1] === height) return;
      rect = {
        ...rect,
        width: rect.width + width - inner[0],
        height: rect.height + height - inner[1],
      };
      await win.setRect({ x: 0, y: 0, width: rect.width, height: rect.height });
      // The new size reaches the page in a later frame in some engines.
      await this.waitFor(
        (w, h) => window.innerWidth === w && window.innerHeight === h,
        [width, height],
        { timeout: 2_000, what: 'the new window size' },
      ).catch(() => {});
    }
    const inner = await this.run(() => [window.innerWidth, window.innerHeight]);
    if (inner[0] !== width || inner[1] !== height) {
      throw new Error(`${this.label} kept its viewport at ${inner.join(' × ')}, not ${width} × ${height}`);
    }
  }

  /** W3C actions, as the WebDriver protocol names them. */
  actions(sources) {
    return this.driver.execute(new Command('actions').setParameter('actions', sources));
  }

  /** Moves a mouse to (x, y), CSS pixels of the viewport. */
  mouseTo(x, y) {
    return this.actions([
      {
        type: 'pointer',
        id: 'mouse',
        parameters: { pointerType: 'mouse' },
        actions: [{ type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(x), y: Math.round(y) }],
      },
    ]);
  }

  /** A finger's tap at (x, y), CSS pixels of the viewport. */
  tap(x, y) {
    return this.actions([
      {
        type: 'pointer',
        id: 'finger',
        parameters: { pointerType: 'touch' },
        actions: [
          { type: 'pointerMove', duration: 0, origin: 'viewport', x: Math.round(x), y: Math.round(y) },
          { type: 'pointerDown', button: 0 },
          { type: 'pointerUp', button: 0 },
        ],
      },
    ]);
  }

  /** Presses and releases each key in turn (WebDriver key values, e.g. '\uE004' for Tab). */
  press(...keys) {
    return this.actions([
      {
        type: 'key',
        id: 'keyboard',
        actions: keys.flatMap((value) => [
          { type: 'keyDown', value },
          { type: 'keyUp', value },
        ]),
      },
    ]);
  }

  /** Holds each key down in turn, then lets them go in the reverse order: Shift+Tab, Ctrl+V. */
  chord(...keys) {
    return this.actions([
      {
        type: 'key',
        id: 'keyboard',
        actions: [
          ...keys.map((value) => ({ type: 'keyDown', value })),
          ...keys.toReversed().map((value) => ({ type: 'keyUp', value })),
        ],
      },
    ]);
  }

  /** Clicks the element `selector` names, as WebDriver does: scrolled into view, then a real click. */
  async click(selector) {
    await this.driver.findElement(By.css(selector)).click();
  }

  /** A PNG of the viewport. */
  async screenshot() {
    return Buffer.from(await this.driver.takeScreenshot(), 'base64');
  }

  /**
   * A PNG of the element `selector` names, scrolled into view, cut from a screenshot of the
   * viewport: WebKitGTK's own element screenshots come back partly black.
   */
  async shoot(selector) {
    // After the scroll has been painted: a screenshot is of the last frame shown.
    const box = await this.runAsync(
      (sel) =>
        new Promise((resolve) => {
          const element = document.querySelector(sel);
          element.scrollIntoView({ block: 'start' });
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              const r = element.getBoundingClientRect();
              resolve({ x: r.x, y: r.y, width: r.width, height: r.height });
            }),
          );
        }),
      selector,
    );
    const shot = PNG.sync.read(await this.screenshot());
    const scale = shot.width / (await this.run(() => window.innerWidth));
    const [x, y] = [Math.max(0, Math.round(box.x * scale)), Math.max(0, Math.round(box.y * scale))];
    const width = Math.min(shot.width - x, Math.round(box.width * scale));
    const height = Math.min(shot.height - y, Math.round(box.height * scale));
    const out = new PNG({ width, height });
    PNG.bitblt(shot, out, x, y, width, height, 0, 0);
    return PNG.sync.write(out);
  }
}

/** WebDriver's key values. */
export const KEY = {
  TAB: '\uE004',
  SHIFT: '\uE008',
  CONTROL: '\uE009',
  ENTER: '\uE007',
  ESCAPE: '\uE00C',
  END: '\uE010',
  HOME: '\uE011',
  RIGHT: '\uE014',
};
