/*
 * Coalition Infographic: fits embedded charts to their height.
 *
 * Put this script on the page that embeds the charts, after or before the frames:
 *
 *   <iframe src="https://example.org/coalition/?chart=funding&embed=1"
 *           title="Money for stabilization and aid — Coalition Infographic"
 *           loading="lazy" data-coalition-infographic width="100%" height="480"
 *           style="border:0"></iframe>
 *   <script src="https://example.org/coalition/embed.js" async></script>
 *
 * An embedded chart posts { type: 'coalition-infographic:height', height, id } to its parent
 * whenever its height changes. This script sets the height of the frame it came from, and of
 * no other element. A message counts only if all of these hold:
 *
 *   - it comes from the window of an <iframe data-coalition-infographic> on this page
 *     (event.source), so another frame or this page itself cannot resize one;
 *   - its origin is the origin of that frame's src, so a frame that has been navigated
 *     elsewhere cannot either;
 *   - its data is a plain object with exactly `type` (that string), `height` (a finite
 *     number from 50 to 10,000, CSS pixels) and optionally `id` (a string).
 *
 * Frames added later are handled too. No dependencies, no globals besides a flag that keeps
 * the script from running twice, nothing written into the page but the frames' heights.
 */
(() => {
  'use strict';

  const FLAG = '__coalitionInfographicEmbed';
  if (window[FLAG]) return;
  window[FLAG] = true;

  const HEIGHT = 'coalition-infographic:height';
  const ASK = 'coalition-infographic:request-height';
  const MIN_HEIGHT = 50;
  const MAX_HEIGHT = 10000;
  const SELECTOR = 'iframe[data-coalition-infographic]';

  /** The origin of a frame's src, or null if it has none that can send messages. */
  function originOf(frame) {
    try {
      const origin = new URL(frame.src, document.baseURI).origin;
      return origin === 'null' ? null : origin;
    } catch {
      return null;
    }
  }

  /** The height in a well-formed message, or null. */
  function heightIn(data) {
    if (data === null || typeof data !== 'object' || Object.getPrototypeOf(data) !== Object.prototype) {
      return null;
    }
    const keys = Object.keys(data);
    const known = keys.every((key) => key === 'type' || key === 'height' || key === 'id');
    if (!known || data.type !== HEIGHT) return null;
    if (data.id !== undefined && typeof data.id !== 'string') return null;
    const { height } = data;
    if (typeof height !== 'number' || !Number.isFinite(height)) return null;
    if (height < MIN_HEIGHT || height > MAX_HEIGHT) return null;
    return height;
  }

  window.addEventListener('message', (event) => {
    const height = heightIn(event.data);
    if (height === null || event.source === null) return;
    for (const frame of document.querySelectorAll(SELECTOR)) {
      if (frame.contentWindow === event.source && originOf(frame) === event.origin) {
        frame.style.height = `${Math.ceil(height)}px`;
        return;
      }
    }
  });

  // Frames that loaded before this script reported to no one; ask them again. The request
  // carries no data, so any origin may receive it.
  for (const frame of document.querySelectorAll(SELECTOR)) {
    frame.contentWindow?.postMessage({ type: ASK }, '*');
  }
})();
