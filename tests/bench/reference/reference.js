// The reference page of the benchmark: the site's own HTML and stylesheet, with the three
// charts drawn by Chart.js 4 (no animation) from the same dataset instead of by the
// WebAssembly. Every drawing bumps the canvas's `data-drawn` counter, as the real charts do,
// so the benchmark times both pages by the same signal.
/* global Chart */

const DATA_URL = 'bench-reference/coalition-2017.json';

const BLUE = '#0072b2';
const VERMILLION = '#d55e00';
const GREY = '#8a8f98';

/** Values of derived figures, computed the way the dataset declares them. */
function withDerived(figures) {
  const byId = new Map();
  for (const f of figures) {
    if (f.derived) {
      const [a, b] = f.derived.of.map((id) => byId.get(id).value);
      f.value = f.derived.op === 'complement' ? 100 - a : a - b;
    }
    byId.set(f.id, f);
  }
  return byId;
}

/** "$5B", "20k", "40%": short tick labels like the charts'. */
function tick(value, unit) {
  const a = Math.abs(value);
  const short = (v) =>
    a >= 1e9 ? `${+(v / 1e9).toFixed(1)}B` : a >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : a >= 1e4 ? `${+(v / 1e3).toFixed(1)}k` : v.toLocaleString('en-US');
  if (unit === 'usd') return `$${short(value)}`;
  if (unit === 'percent') return `${value}%`;
  return short(value);
}

/** Marks a canvas drawn, as the WebAssembly charts do after each drawing. */
const drawnMarker = {
  id: 'drawnMarker',
  afterRender(chart) {
    const canvas = chart.canvas;
    canvas.dataset.drawn = String(Number(canvas.dataset.drawn ?? 0) + 1);
  },
};

/**
 * A responsive chart sizes itself to its canvas's parent, which needs a set height: the
 * page's chart box (whose "Loading chart…" note the stylesheet hides once the canvas has
 * `data-drawn`), or a new box for a canvas of our own.
 */
function boxed(canvas, height) {
  let box = canvas.parentElement;
  if (!box) {
    box = document.createElement('div');
    box.append(canvas);
  }
  box.style.position = 'relative';
  box.style.height = `${height}px`;
  return canvas;
}

function barChart(canvas, { labels, datasets, unit, title, stacked = false, max, scale = 'linear' }) {
  return new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets },
    plugins: [drawnMarker],
    options: {
      indexAxis: 'y',
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: datasets.length > 1 },
        title: { display: Boolean(title), text: title, align: 'start' },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''} ${tick(ctx.parsed.x, unit)}`.trim() } },
      },
      scales: {
        x: {
          type: scale === 'log' ? 'logarithmic' : 'linear',
          stacked,
          max,
          beginAtZero: scale !== 'log',
          ticks: { callback: (v) => tick(v, unit) },
        },
        y: { stacked },
      },
    },
  });
}

function draw(figures) {
  const f = withDerived(figures);
  const canvases = Object.fromEntries(
    [...document.querySelectorAll('canvas[data-chart]')].map((c) => [c.dataset.chart, c]),
  );
  const charts = [];
  const fundingIds = ['funding-provided', 'funding-pledged', 'funding-expected', 'undp-stabilization'];
  const funding = () => ({
    labels: fundingIds.map((id) => f.get(id).short_label ?? f.get(id).label),
    datasets: [{ data: fundingIds.map((id) => f.get(id).value), backgroundColor: BLUE }],
    unit: 'usd',
  });
  let fundingChart = barChart(boxed(canvases.funding, 360), funding());
  charts.push(fundingChart);
  for (const input of document.querySelectorAll('input[name="scale"]')) {
    input.addEventListener('change', () => {
      fundingChart.destroy();
      fundingChart = barChart(canvases.funding, { ...funding(), scale: input.value });
    });
  }

  charts.push(
    barChart(boxed(canvases.liberation, 260), {
      labels: ['Iraq', 'Syria'],
      datasets: [
        { label: 'Liberated', data: [f.get('iraq-liberated').value, f.get('syria-liberated').value], backgroundColor: BLUE },
        { label: 'Not yet liberated (derived)', data: [f.get('iraq-not-liberated').value, f.get('syria-not-liberated').value], backgroundColor: GREY },
      ],
      unit: 'percent',
      stacked: true,
      max: 100,
    }),
  );

  // Two panels with their own axes, as in the WebAssembly chart: two charts in one box.
  const raqqa = ['raqqa-displaced', 'raqqa-returned'];
  const returns = boxed(canvases.returns, 240);
  charts.push(
    barChart(returns, {
      labels: raqqa.map((id) => f.get(id).short_label ?? f.get(id).label),
      datasets: [{ data: raqqa.map((id) => f.get(id).value), backgroundColor: [VERMILLION, BLUE] }],
      unit: 'count',
      title: 'Raqqa campaign, Syria',
    }),
  );
  const iraqCanvas = boxed(document.createElement('canvas'), 130);
  returns.parentElement.after(iraqCanvas.parentElement);
  charts.push(
    barChart(iraqCanvas, {
      labels: ['Iraqis returned home'],
      datasets: [{ data: [f.get('iraq-returned').value], backgroundColor: BLUE }],
      unit: 'count',
      title: 'Iraq, in total',
    }),
  );
  return charts;
}

/** The same tabs as the real page: one panel shown at a time. */
function wireTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"][data-chart]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => {
      for (const other of tabs) {
        const selected = other === tab;
        other.setAttribute('aria-selected', String(selected));
        other.tabIndex = selected ? 0 : -1;
        document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
      }
    });
  }
}

wireTabs();
fetch(DATA_URL)
  .then((response) => response.json())
  .then((dataset) => {
    window.referenceCharts = draw(dataset.figures);
  })
  .catch((error) => {
    console.error(error);
  });
