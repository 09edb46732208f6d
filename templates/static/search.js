// Search box: swaps the "Search the glossary" link for a form that queries Pagefind's index.
// Without JavaScript the link stays; if the index cannot load (file://, offline) it comes back.
// Its words come from the page (data-* on the <search> box, from the theme's string table).
(function () {
  "use strict";
  var MAX_RESULTS = 8;
  var box = document.querySelector(".site-search[data-pagefind]");
  if (!box) return;
  var form = box.querySelector(".search-form");
  var input = box.querySelector("input[type=search]");
  var status = box.querySelector(".search-status");
  var list = box.querySelector(".search-results");
  var fallback = box.querySelector(".search-fallback");
  var pagefind = null;

  // "{count} results for {term}": a string from the table with its {name}s filled in.
  function words(name, values) {
    return (box.dataset[name] || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  // Pagefind's excerpt is escaped text with <mark> around the hits: rebuild it as nodes, so no
  // markup from the index ever reaches innerHTML.
  function excerptNodes(excerpt) {
    var parsed = new DOMParser().parseFromString(excerpt, "text/html").body;
    var nodes = [];
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent));
      }
    });
    return nodes;
  }

  function show(term, results, total) {
    list.replaceChildren();
    results.forEach(function (data) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = data.url;
      link.textContent = (data.meta && data.meta.title) || data.url;
      var excerpt = document.createElement("p");
      excerpt.replaceChildren.apply(excerpt, excerptNodes(data.excerpt || ""));
      item.append(link, excerpt);
      list.append(item);
    });
    var values = {term: term, count: results.length, total: total};
    status.textContent = term === "" ? "" : total === 0 ? words("noResults", values)
      : total > results.length ? words("resultsCapped", values)
      : words(total === 1 ? "oneResult" : "results", values);
  }

  // Pagefind (its script, worker and wasm, about 160 KB) loads when the reader first uses the box,
  // not with every page. The import is resolved against the page: a classic script's import()
  // would resolve against the script's own URL.
  function loadPagefind() {
    if (pagefind === null) {
      pagefind = import(new URL(box.dataset.pagefind, document.baseURI).href).then(async function (module) {
        await module.init();
        return module;
      });
      pagefind.catch(function () {  // opened from file://, blocked, offline: the link comes back
        status.textContent = words("unavailable", {});
        fallback.hidden = false;
      });
    }
    return pagefind;
  }

  async function search() {
    var term = input.value.trim();
    if (term === "") { show("", [], 0); return; }
    var module = await loadPagefind().catch(function () { return null; });
    if (module === null) return;
    var found = await module.debouncedSearch(term, {}, 200);
    if (found === null) return;  // a later keystroke superseded this search
    var results = await Promise.all(found.results.slice(0, MAX_RESULTS).map(function (r) { return r.data(); }));
    if (input.value.trim() === term) show(term, results, found.results.length);
  }

  form.hidden = false;
  fallback.hidden = true;
  input.addEventListener("focus", loadPagefind);
  input.addEventListener("input", search);
  form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value !== "") { input.value = ""; show("", [], 0); }
  });
})();
