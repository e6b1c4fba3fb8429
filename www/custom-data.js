// Shows a dataset from this site instead of the release's figures: ?data=/path/figures.json
// (same schema as data/coalition-2017.json; see schema/dataset.schema.json). Only addresses on
// this site are fetched. Whatever goes wrong, the release's figures stay on screen and a
// notice says what failed and why; the address stays in the link as it was.
//
// The address and the loader's message come from whoever wrote the link or the file, so the
// notice never lets them speak as the page: its sentences are the page's own, and what it
// repeats of theirs is a short excerpt in quotes, in a <code> element, set as text.

/** Largest dataset read, in bytes: the same limit as MAX_JSON_BYTES in src/data.rs. */
export const MAX_BYTES = 2_000_000;
/** Deepest nesting of arrays and objects read: MAX_JSON_DEPTH in src/data.rs. */
export const MAX_DEPTH = 32;
/** Characters of an address repeated in a notice. */
const ADDRESS_EXCERPT = 32;
/** Characters of the loader's message repeated in a notice (it names the field). */
const MESSAGE_EXCERPT = 100;

/**
 * At most `max` characters of `text`, for showing as a quotation: runs of white space become
 * one space, and control, format (bidirectional overrides included) and unassigned
 * characters become U+FFFD, so the excerpt can neither reorder nor hide what is around it.
 */
export function excerpt(text, max) {
  const chars = Array.from(String(text).replace(/\s+/gu, ' ').trim());
  const shown = chars
    .slice(0, max)
    .map((c) => (/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}]/u.test(c) ? '\uFFFD' : c))
    .join('');
  return chars.length > max ? `${shown}…` : shown;
}

/** A notice part: words of someone else's, shown quoted, clipped and as code. */
const quote = (text, max) => ({ quote: excerpt(text, max) });

/** The notice above the charts, created on first use; text nodes and <code> only. */
function notice(parts, kind) {
  let box = document.getElementById('data-notice');
  if (!box) {
    box = document.createElement('p');
    box.id = 'data-notice';
    box.setAttribute('role', 'status');
    const main = document.querySelector('main');
    main?.insertBefore(box, main.firstChild?.nextSibling ?? null);
  }
  box.className = `data-notice data-notice-${kind}`;
  box.replaceChildren(
    ...parts.flatMap((part) => {
      if (typeof part === 'string') return [document.createTextNode(part)];
      const code = document.createElement('code');
      code.textContent = part.quote;
      return [document.createTextNode('“'), code, document.createTextNode('”')];
    }),
  );
  return box;
}

/**
 * Why `raw` cannot be fetched, or null when it is an address on this site. The browser's URL
 * parser, which the fetch uses too, resolves it; the rule is the Rust side's
 * (`dataRefusal`, src/links.rs).
 */
export function refuse(raw, rules, base = location.href) {
  let url;
  try {
    url = new URL(raw, base);
  } catch {
    return { url: raw, reason: 'it is not an address' };
  }
  const reason = rules.dataRefusal(url.href, new URL(base).href);
  return reason ? { url: url.href, reason } : null;
}

/** Why `text` is refused before parsing (too deep), or null. One pass, no recursion. */
export function tooDeep(text) {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > MAX_DEPTH) return `its arrays and objects nest deeper than ${MAX_DEPTH} levels`;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) {
      depth -= 1;
    }
  }
  return null;
}

const TOO_LARGE = `it is larger than ${MAX_BYTES.toLocaleString('en-US')} bytes, the most a dataset may be`;

/**
 * The response's text, read no further than MAX_BYTES: a larger body is refused as soon as
 * it passes the limit, without being kept. Resolves to { text } or { reason }.
 */
async function readLimited(response) {
  if (Number(response.headers.get('content-length')) > MAX_BYTES) {
    await response.body?.cancel();
    return { reason: TOO_LARGE };
  }
  const chunks = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > MAX_BYTES) {
      await reader.cancel();
      return { reason: TOO_LARGE };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { reason: 'it is not UTF-8 text' };
  }
}

/**
 * Fetches the dataset at `raw`, checks its size and depth before parsing, and gives it to
 * every chart handle. `rules` is the full module, whose `dataRefusal` says which addresses
 * may be fetched. Resolves to true when the charts show it.
 */
export async function showCustomData(raw, handles, rules) {
  const keep = ' Showing the release’s figures.';
  const refused = refuse(raw, rules);
  if (refused) {
    notice(
      ['Not using the dataset this link names, ', quote(refused.url, ADDRESS_EXCERPT), `: ${refused.reason}.${keep}`],
      'error',
    );
    return false;
  }
  const url = new URL(raw, location.href);
  // Shown from this site's root: the origin is this page's own.
  const shown = quote(url.pathname + url.search, ADDRESS_EXCERPT);
  const failed = (verb, reason) => {
    notice([`Could not ${verb} the data at `, shown, `: ${reason}.${keep}`], 'error');
    return false;
  };
  let response;
  try {
    response = await fetch(url.href, { credentials: 'same-origin' });
  } catch {
    return failed('load', 'it could not be fetched');
  }
  if (!response.ok) {
    await response.body?.cancel();
    return failed('load', `the server answered ${response.status}`);
  }
  // Following redirects, the fetch may have left this site (the CSP's connect-src stops it).
  if (response.redirected && refuse(response.url, rules)) return failed('load', 'it redirects to another site');
  let read;
  try {
    read = await readLimited(response);
  } catch {
    return failed('load', 'it could not be read');
  }
  if (read.reason) return failed('load', read.reason);
  const deep = tooDeep(read.text);
  if (deep) return failed('use', deep);
  let data;
  try {
    data = JSON.parse(read.text);
  } catch {
    return failed('use', 'it is not JSON');
  }
  // setData checks the dataset against every chart, so the first handle accepts or refuses
  // for all of them: the charts never show two datasets at once.
  try {
    for (const handle of handles) handle.setData(data);
  } catch (err) {
    notice(
      ['Could not use the data at ', shown, ': the dataset was refused, ', quote(err?.message ?? err, MESSAGE_EXCERPT), `.${keep}`],
      'error',
    );
    return false;
  }
  document.documentElement.classList.add('custom-data');
  notice(
    [
      'The charts show figures from ',
      shown,
      ', not from the release. The release’s key figures and tables are hidden so the two are not mixed up.',
    ],
    'info',
  );
  return true;
}
