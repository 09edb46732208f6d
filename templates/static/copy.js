/* The copy button in each embed code's <details>, made here: without JavaScript the code is
   still there to select and copy by hand, and no dead button shows. Its words are on this
   script's own element (data-copy, data-copied, data-failed), once per page rather than once per
   code: a glossary page offers one code per term. */
(function () {
  "use strict";
  var script = document.currentScript;
  function word(name) { return script ? script.getAttribute("data-" + name) || "" : ""; }
  var words = { copy: word("copy"), copied: word("copied"), failed: word("failed") };
  var boxes = document.querySelectorAll("details.embed-code");
  for (var i = 0; i < boxes.length; i++) setUp(boxes[i]);
  function setUp(box) {
    var field = box.querySelector("textarea");
    if (!field) return;
    var line = document.createElement("p");
    line.className = "embed-copy";
    var button = document.createElement("button");
    var status = document.createElement("span");
    button.type = "button";
    button.textContent = words.copy;
    status.setAttribute("role", "status");
    line.append(button, " ", status);
    box.append(line);
    button.addEventListener("click", function () {
      function say(copied) {
        if (!copied) field.select();
        status.textContent = copied ? words.copied : words.failed;
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
