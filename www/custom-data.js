// Shows a dataset from this site instead of the release's figures: ?data=/path/figures.json
// (same schema as data/coalition-2017.json; see schema/dataset.schema.json). Only addresses on
// this site are fetched. Whatever goes wrong, the release's figures stay on screen and a
// notice says which address failed and why; the address stays in the link as it was.

/** The notice above the charts, created on first use; text only. */
function notice(text, kind) {
  let box = document.getElementById('data-notice');
  if (!box) {
    box = document.createElement('p');
    box.id = 'data-notice';
    box.setAttribute('role', 'status');
    const main = document.querySelector('main');
    main?.insertBefore(box, main.firstChild?.nextSibling ?? null);
  }
  box.className = `data-notice data-notice-${kind}`;
  box.textContent = text;
  return box;
}

/** Why `raw` cannot be fetched, or null when it is an address on this site. */
export function refuse(raw, base = location.href) {
  let url;
  try {
    url = new URL(raw, base);
  } catch {
    return { url: raw, reason: 'it is not an address' };
  }
  if (url.origin !== new URL(base).origin) {
    return { url: url.href, reason: 'only data on this site can be shown' };
  }
  return null;
}

/**
 * Fetches the dataset at `raw` and gives it to every chart handle. Resolves to true when the
 * charts show it.
 */
export async function showCustomData(raw, handles) {
  const refused = refuse(raw);
  if (refused) {
    notice(`Not using the data at ${refused.url}: ${refused.reason}. Showing the release’s figures.`, 'error');
    return false;
  }
  const url = new URL(raw, location.href).href;
  let data;
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
    data = await response.json();
  } catch (err) {
    notice(`Could not load the data at ${url}: ${err.message}. Showing the release’s figures.`, 'error');
    return false;
  }
  // setData checks the dataset against every chart, so the first handle accepts or refuses
  // for all of them: the charts never show two datasets at once.
  try {
    for (const handle of handles) handle.setData(data);
  } catch (err) {
    notice(`Could not use the data at ${url}: ${err.message}. Showing the release’s figures.`, 'error');
    return false;
  }
  document.documentElement.classList.add('custom-data');
  notice(
    `The charts show figures from ${url}, not from the release. The release’s key figures and tables are hidden so the two are not mixed up.`,
    'info',
  );
  return true;
}
