/* site-builder embed pages: tell the page that embeds this one how tall it is, whenever that
   changes, so that its embed.js can fit the iframe to it (no scroll bar, no gap). Only a height
   is sent, so any page may hear it; which pages may frame this one is the host's _headers. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var sent = 0;
  function report(force) {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent && !force) return;
    sent = height;
    window.parent.postMessage({ type: "site-builder:embed-height", height: height }, "*");
  }
  window.addEventListener("message", function (event) {
    // embed.js asks once it has loaded, in case it missed the first report
    if (event.source === window.parent && event.data && event.data.type === "site-builder:embed-ask") report(true);
  });
  if ("ResizeObserver" in window) new ResizeObserver(function () { report(false); }).observe(document.documentElement);
  window.addEventListener("load", function () { report(false); });
  report(false);
})();
