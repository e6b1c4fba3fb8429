// The example page for the module API: two mounts, set(), svg(), destroy() and re-mount,
// and what bad options say.
import { mount } from './infographic.js';

const errorBox = document.getElementById('example-error');

function fail(err) {
  errorBox.textContent = `Could not start the example: ${err.message}`;
  errorBox.hidden = false;
}

async function start() {
  const firstBox = document.getElementById('first');
  const select = document.getElementById('first-chart');
  let first = await mount(firstBox, { chart: select.value });
  const second = await mount(document.getElementById('second'), {
    chart: 'funding',
    scale: 'log',
    theme: 'dark',
  });
  // Reachable for tests and for trying things in the console.
  window.example = { get first() { return first; }, second, mount };

  select.addEventListener('change', () => first.set({ chart: select.value }));

  document.getElementById('first-svg').addEventListener('click', () => {
    const blob = new Blob([first.svg()], { type: 'image/svg+xml' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `coalition-${select.value}.svg`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
  });

  document.getElementById('first-remount').addEventListener('click', async () => {
    first.destroy();
    first = await mount(firstBox, { chart: select.value });
  });

  const list = document.getElementById('bad-options');
  for (const options of [
    { chart: 'pie' },
    { colour: 'red' },
    { scale: 2 },
    { data: { source: {}, figures: [] } },
  ]) {
    const item = document.createElement('li');
    const code = document.createElement('code');
    code.textContent = JSON.stringify(options);
    item.append(code, ' → ');
    try {
      const extra = await mount(document.createElement('div'), options);
      extra.destroy();
      item.append('accepted');
    } catch (err) {
      item.append(err.message);
    }
    list.append(item);
  }
}

start().catch(fail);
