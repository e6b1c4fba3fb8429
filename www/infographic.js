// The Coalition Infographic as a JavaScript module:
//
//   import { mount } from './infographic.js';
//   const chart = await mount(document.querySelector('#chart'), { chart: 'returns' });
//   chart.set({ scale: 'log', chart: 'funding' });
//   const svgText = chart.svg();
//   chart.destroy();
//
// Options (all optional): chart ('funding' | 'liberation' | 'returns'), scale ('linear' |
// 'log'), theme ('auto' | 'light' | 'dark'), focus (a figure id), data (a dataset in the
// schema of schema/dataset.schema.json). A bad option throws an Error naming it.
import init, { mount as mountChart } from './pkg/coalition_infographic.js';

let ready;

/** Loads the WebAssembly once, then mounts a chart into `element`. */
export async function mount(element, options) {
  ready ??= init();
  await ready;
  return mountChart(element, options);
}
