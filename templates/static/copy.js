/* The copy button in each embed code's <details>: hidden until this runs, since without
   JavaScript the code is still there to select and copy by hand. Its words are on this script's
   own element (data-copied, data-failed), once per page rather than once per button. */
(function () {
  "use strict";
  var script = document.currentScript;
  var words = { copied: script ? script.getAttribute("data-copied") : "", failed: script ? script.getAttribute("data-failed") : "" };
  var boxes = document.querySelectorAll("details.embed-code");
  for (var i = 0; i < boxes.length; i++) setUp(boxes[i]);
  function setUp(box) {
    var field = box.querySelector("textarea");
    var button = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    if (!field || !button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      function say(copied) {
        if (!copied) field.select();
        if (status) status.textContent = copied ? words.copied : words.failed;
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () { say(true); }, function () { say(false); });
        return;
      }
      field.select();
      var copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      say(copied);
    });
  }
})();
