// <coalition-infographic>: a chart of the Coalition Infographic as an HTML element.
//
//   <script type="module" src="https://example.org/coalition/coalition-infographic.js"></script>
//   <coalition-infographic chart="returns" theme="dark"></coalition-infographic>
//
// Attributes: chart (funding | liberation | returns), scale (linear | log), theme (auto |
// light | dark), focus (a figure id), lang (en | fr | ar: the chart's language, which is
// what the attribute means on any element). Changing one updates the chart. A bad value is named
// in the console and left out, so the element shows the default for it rather than nothing.
// The chart lives in a shadow root: the host page's styles cannot break it, and its styles
// stay inside. It is as tall as its content, and removing the element frees everything.
import { mount } from './infographic.js';

const ATTRIBUTES = ['chart', 'scale', 'theme', 'focus', 'lang'];
const STYLESHEET = new URL('coalition-infographic.css', import.meta.url).href;

/** The element's options from its attributes; empty ones are left out. */
function optionsOf(element) {
  const options = {};
  for (const name of ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value !== null && value !== '') options[name] = value;
  }
  return options;
}

export class CoalitionInfographic extends HTMLElement {
  static observedAttributes = ATTRIBUTES;

  #box;
  #chart = null;
  /** Mounting is asynchronous; changes wait their turn so they apply in order. */
  #queue = Promise.resolve();

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    const sheet = document.createElement('link');
    sheet.rel = 'stylesheet';
    sheet.href = STYLESHEET;
    this.#box = document.createElement('div');
    this.#box.className = 'box';
    root.append(sheet, this.#box);
  }

  /** The mounted chart's handle (`set`, `svg`, `query`, `layout`, `draws`), once drawn. */
  get chart() {
    return this.#chart;
  }

  /** Resolves once every change asked for so far has been applied. */
  get ready() {
    return this.#queue;
  }

  connectedCallback() {
    this.#then(() => this.#start());
  }

  disconnectedCallback() {
    this.#then(() => this.#stop());
  }

  attributeChangedCallback(name, before, value) {
    if (before === value) return;
    this.#then(() => this.#change(name, value));
  }

  #then(step) {
    this.#queue = this.#queue.then(step).catch((err) => this.#fail(err));
    return this.#queue;
  }

  async #start() {
    if (!this.isConnected || this.#chart) return;
    const options = optionsOf(this);
    try {
      this.#chart = await mount(this.#box, options);
    } catch (err) {
      if (!Object.keys(options).length || !this.isConnected) throw err;
      // One bad attribute must not cost the reader the chart: mount the default view, then
      // apply the attributes one by one and name each that is refused.
      this.#chart = await mount(this.#box, {});
      for (const [name, value] of Object.entries(options)) this.#apply(name, value);
    }
    this.#announce();
  }

  #stop() {
    if (this.isConnected || !this.#chart) return;
    this.#chart.destroy();
    this.#chart = null;
  }

  async #change(name, value) {
    if (!this.#chart) return;
    if (value === null || value === '' || name === 'focus') {
      // Back to a default, or a new focus: a fresh mount shows exactly what the attributes say.
      this.#chart.destroy();
      this.#chart = null;
      await this.#start();
      return;
    }
    this.#apply(name, value);
  }

  #apply(name, value) {
    try {
      this.#chart.set({ [name]: value });
    } catch (err) {
      console.error(`<coalition-infographic> ${name}="${String(value).slice(0, 60)}": ${err.message}. Showing the default instead.`);
    }
  }

  /** Tells the host page the chart is drawn, e.g. to reveal a caption. */
  #announce() {
    this.dispatchEvent(new CustomEvent('coalition-ready', { bubbles: true, composed: true }));
  }

  #fail(err) {
    console.error(`<coalition-infographic>: ${err?.message ?? err}`);
    if (this.#chart) return;
    const box = this.#box;
    const message = document.createElement('p');
    message.className = 'error';
    message.setAttribute('role', 'alert');
    message.textContent = `The chart could not be shown (${err?.message ?? err}).`;
    box.replaceChildren(message);
  }
}

if (!customElements.get('coalition-infographic')) {
  customElements.define('coalition-infographic', CoalitionInfographic);
}
