/*
 * embed.js: auto-height for embedded exercise-referral scheme maps. No dependencies, no cookies,
 * no requests. Add it once to a page that embeds one or more maps:
 *
 *   <script src="https://MAP-HOST/PATH/embed.js" async></script>
 *
 * An embedded map (?embed=1) posts its content height to its parent whenever it changes:
 *
 *   { "type": "referral-map:resize", "version": 1, "frame": "<the frame= parameter or null>", "height": 812 }
 *
 * This script accepts that message only from the origin it was itself loaded from, finds the
 * iframe that sent it (by the sending window, so several maps on one page each keep their own
 * height), sets that iframe's height, and answers the map (only to that origin):
 *
 *   { "type": "referral-map:auto-height", "version": 1 }
 *
 * so that the map lays itself out at its natural height (the whole list, a map of fixed height)
 * instead of filling a fixed frame. Without this script the iframe keeps its fixed height, the
 * map fills it and the list scrolls inside it.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var origin;
  try {
    origin = new URL(script && script.src ? script.src : '', document.baseURI).origin;
  } catch (e) {
    return;
  }
  var MIN = 280;
  var MAX = 20000;
  var REPLY = JSON.stringify({ type: 'referral-map:auto-height', version: 1 });

  function frameFor(source) {
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === source) return frames[i];
    }
    return null;
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin) return;
    var m = event.data;
    if (typeof m === 'string') {
      try { m = JSON.parse(m); } catch (e) { return; }
    }
    if (!m || m.type !== 'referral-map:resize' || m.version !== 1) return;
    var height = Math.round(Number(m.height));
    if (!isFinite(height)) return;
    var frame = frameFor(event.source);
    if (!frame) return;
    frame.style.height = Math.min(MAX, Math.max(MIN, height)) + 'px';
    frame.setAttribute('data-referral-map-height', String(height));
    // Sent after every resize: the map may have reloaded in the same frame.
    event.source.postMessage(REPLY, event.origin);
  });
})();
