/* site-builder embeds, for the page of a news article: include it once, anywhere on the page.
   It fits each embedded explainer iframe to the height its page reports (embed-frame.js), and
   asks every iframe on the page for it once it has loaded. Without it, each iframe keeps the
   height its code gives. */
(function () {
  "use strict";
  if (window.siteBuilderEmbeds) return;
  window.siteBuilderEmbeds = true;
  var LIMIT = 20000;
  function frameOf(source) {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) if (frames[i].contentWindow === source) return frames[i];
    return null;
  }
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "site-builder:embed-height" || typeof data.height !== "number") return;
    var frame = frameOf(event.source);
    if (!frame) return;
    try {
      if (new URL(frame.src, document.baseURI).origin !== event.origin) return; // only the frame's own page
    } catch (e) { return; }
    frame.style.height = Math.max(0, Math.min(Math.ceil(data.height), LIMIT)) + "px";
  });
  function ask() {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow) frames[i].contentWindow.postMessage({ type: "site-builder:embed-ask" }, "*");
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ask); else ask();
})();
