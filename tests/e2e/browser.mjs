// Shared set-up for the end-to-end tests: the system Chromium driven by
// playwright-core (which never downloads a browser of its own).
import { mkdirSync } from 'node:fs';
import { after } from 'node:test';
import { chromium } from 'playwright-core';

if (!process.env.BASE_URL) {
  throw new Error(
    'BASE_URL is not set. Run ./build.sh test, or start `coalition serve dist --port 0` ' +
      'and set BASE_URL to the URL it prints.',
  );
}

/** Where the site under test is served, e.g. http://127.0.0.1:41234/ */
export const BASE_URL = process.env.BASE_URL;

export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    // No sandbox because CI runs as root; the rest keeps Chromium from
    // reaching out to the network on its own, which would only slow it down.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * The one browser of a test file: launched when the file loads (after making the `output`
 * folder for its screenshots) and closed after its last test.
 */
export async function fileBrowser(output) {
  mkdirSync(output, { recursive: true });
  const browser = await launchBrowser();
  after(() => browser.close());
  return browser;
}

/**
 * The one browser context of a test file that needs only one: its browser launched when the
 * file loads, and closed, context and all, after the file's last test.
 */
export async function fileContext(options) {
  const browser = await launchBrowser();
  after(() => browser.close());
  return browser.newContext(options);
}

const errorsByPage = new WeakMap();

/** The errors collected so far on a page opened by openPage. */
export function errorsOf(page) {
  return errorsByPage.get(page) ?? [];
}

/**
 * Opens `path` (relative to BASE_URL) in a new page of `context`. The returned
 * `errors` collects console errors (CSP violations and failed loads show up
 * there), uncaught page errors and dialogs, none of which should ever happen.
 */
export async function openPage(context, path = '') {
  const page = await context.newPage();
  const errors = [];
  errorsByPage.set(page, errors);
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('dialog', async (dialog) => {
    errors.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.goto(new URL(path, BASE_URL).href);
  return { page, errors };
}

/**
 * Runs `check` (an async function whose assertions throw while its condition does not hold)
 * until it passes, and returns what it returns. For page state written in a later animation
 * frame, timer, observer or history update than the action a test just took: reading such
 * state once races the page on a busy machine. Fails with the last assertion's error once
 * `timeout` ms have passed.
 */
export async function eventually(check, { timeout = 15_000, interval = 25 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}

/**
 * Waits until the open Embed dialog is whole. It opens with the frame's code alone; its other
 * tabs come with embed-more.js, which main.js imports then, and are styled by the more.css
 * that module adds; the frame's height is measured in a hidden frame of the page, which is
 * removed once it has (embed-code's data-measured). A look at the dialog as soon as it is
 * open sees whichever of these has arrived: its size, its tabs and axe's verdict all change.
 */
export function embedDialogReady(page) {
  return page.waitForFunction(() => {
    const dialog = document.getElementById('embed-dialog');
    const sheet = [...document.querySelectorAll('link[rel="stylesheet"]')].find((l) =>
      new URL(l.href).pathname.endsWith('/more.css'),
    );
    return (
      dialog?.open &&
      dialog.querySelector('[role="tab"][data-embed="image"]') !== null &&
      Boolean(sheet?.sheet) &&
      document.getElementById('embed-code').dataset.measured !== undefined
    );
  });
}

/**
 * The box of the open tooltip `selector` finds, once the page has placed it: details are
 * measured and moved in an animation frame after they open (src/web/tooltip.rs, `settle`),
 * so a box read at once can be where they first appeared. Placed means unmoved for two frames.
 */
export async function placedTooltip(page, selector = '.ci-tooltip:not([hidden])') {
  await page.waitForFunction(
    (sel) =>
      new Promise((resolve) => {
        const tip = document.querySelector(sel);
        if (!tip) return resolve(false);
        const a = tip.getBoundingClientRect();
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            const b = tip.getBoundingClientRect();
            resolve(!tip.hidden && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);
          }),
        );
      }),
    selector,
  );
  return page.locator(selector).boundingBox();
}
