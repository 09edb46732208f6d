// Search box: swaps the "Search the glossary" link for a form that queries Pagefind's index.
// Without JavaScript the link stays; if the index cannot load (file://, offline) it comes back.
// Its words come from the page (data-* on the <search> box, from the theme's string table).
(function () {
  "use strict";
  var MAX_RESULTS = 8;
  var ENTRY_META = "entry-";  // search.py's ENTRY_META: an entry's name is the page's meta "entry-<id>"
  var EXCERPT_WORDS = 24;
  var MAX_SHOWN_ONLY = 200;  // pages read to pick those of the kinds chosen under "Show only"
  var box = document.querySelector(".site-search[data-pagefind]");
  if (!box) return;
  var form = box.querySelector(".search-form");
  var input = box.querySelector("input[type=search]");
  var status = box.querySelector(".search-status");
  var list = box.querySelector(".search-results");
  var fallback = box.querySelector(".search-fallback");
  var filters = box.querySelector(".search-filters");
  var pagefind = null;

  // "{count} results for {term}": a string from the table with its {name}s filled in.
  function words(name, values) {
    return (box.dataset[name] || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  // A string that counts: the form the page language's plural rules (CLDR, in Intl, as the build
  // uses through Babel) give the total, from data-<name>-<category>: "1 résultat", "2 résultats".
  var language = document.documentElement.lang || "en";
  var pluralRules = new Intl.PluralRules(language);
  var numbers = new Intl.NumberFormat(language);  // the language's digits: ۳ in Persian
  function counted(name, count, values) {
    var category = pluralRules.select(count);
    var form = name + category.charAt(0).toUpperCase() + category.slice(1);
    return words(box.dataset[form] === undefined ? name + "Other" : form, values);
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

  // The words first..last of an entry's words start..end in the page's text, the hits marked.
  function wordNodes(words, start, end, first, last, hits) {
    var nodes = [];
    var text = first > start ? "\u2026 " : "";
    for (var at = first; at < last; at++) {
      if (hits.indexOf(at) >= 0) {
        nodes.push(document.createTextNode(text));
        var mark = document.createElement("mark");
        mark.textContent = words[at];
        nodes.push(mark);
        text = " ";
      } else {
        text += words[at] + " ";
      }
    }
    nodes.push(document.createTextNode(text.trimEnd() + (last < end ? " \u2026" : "")));
    return nodes;
  }

  // A section page (glossary, timeline, figures) names its entries in its meta: each hit belongs
  // to the entry whose anchor comes last before it, so the reader gets the entry (its name, its
  // #anchor) rather than the whole page. Hits before the first entry keep the page as a result.
  function resultsOf(data) {
    var meta = data.meta || {};
    var hits = data.weighted_locations || [];
    var page = {url: data.url, title: meta.title || data.url, nodes: excerptNodes(data.excerpt || ""), score: best(hits)};
    var anchors = (data.anchors || []).filter(function (anchor) {
      return Object.prototype.hasOwnProperty.call(meta, ENTRY_META + anchor.id);
    }).sort(function (a, b) { return a.location - b.location; });
    if (anchors.length === 0) return [page];
    var words = (data.raw_content || "").split(/[\r\n\s]+/g);
    var found = new Map();
    var outsideHits = [];
    hits.forEach(function (hit) {
      var index = -1;
      while (index + 1 < anchors.length && anchors[index + 1].location <= hit.location) index++;
      if (index < 0) { outsideHits.push(hit); return; }
      var entry = found.get(index) || {index: index, hits: []};
      entry.hits.push(hit);
      found.set(index, entry);
    });
    var results = Array.from(found.values()).map(function (entry) {
      var anchor = anchors[entry.index];
      var end = entry.index + 1 < anchors.length ? anchors[entry.index + 1].location : words.length;
      var at = entry.hits.map(function (hit) { return hit.location; }).sort(function (a, b) { return a - b; });
      var first = Math.max(anchor.location, Math.min(at[0] - 6, end - EXCERPT_WORDS));
      return {
        url: data.url.split("#")[0] + "#" + encodeURIComponent(anchor.id),
        title: meta[ENTRY_META + anchor.id],
        nodes: wordNodes(words, anchor.location, end, first, Math.min(end, first + EXCERPT_WORDS), at),
        score: best(entry.hits),
      };
    });
    if (outsideHits.length) results.push(Object.assign(page, {score: best(outsideHits)}));
    return results;
  }

  // A result's rank is its strongest hit: a hit in a name (a page's <h1>, a term, both weighted 7;
  // an event's or a figure's heading, 5) outranks any number of mentions in running text, which
  // would otherwise lift a long page above the entry named by what the reader typed. Ties keep
  // Pagefind's order.
  function best(hits) {
    return hits.reduce(function (top, hit) { return Math.max(top, hit.balanced_score); }, 0);
  }

  function show(term, results, total) {
    list.replaceChildren();
    if (filters) filters.hidden = term === "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.title;
      var excerpt = document.createElement("p");
      excerpt.replaceChildren.apply(excerpt, result.nodes);
      item.append(link, excerpt);
      list.append(item);
    });
    var values = {term: term, count: numbers.format(results.length), total: numbers.format(total)};
    status.textContent = term === "" ? "" : total === 0 ? words("noResults", values)
      : counted(total > results.length ? "resultsCapped" : "results", total, values);
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
    var kinds = filters ? Array.from(filters.querySelectorAll("input:checked"), function (box) { return box.value; }) : [];
    var found = await module.debouncedSearch(term, {}, 200);
    if (found === null) return;  // a later keystroke superseded this search
    // "Show only" reads each page's meta "kind" rather than using Pagefind's filters: Pagefind
    // writes its filter index in a different order on every run, and builds must be identical.
    var pages = found.results.slice(0, kinds.length ? MAX_SHOWN_ONLY : MAX_RESULTS);
    var data = await Promise.all(pages.map(function (r) { return r.data(); }));
    if (kinds.length) data = data.filter(function (page) { return kinds.indexOf((page.meta || {}).kind) >= 0; });
    var results = [].concat.apply([], data.map(resultsOf)).sort(function (a, b) { return b.score - a.score; });
    // The total counts entries on the pages read, and the pages not read as one each.
    var total = results.length + (kinds.length ? 0 : found.results.length - pages.length);
    if (input.value.trim() === term) show(term, results.slice(0, MAX_RESULTS), total);
  }

  // Landing on an entry (a result's #anchor, or any link to one): the entry takes the focus, so
  // the keyboard and a screen reader start there, not at the top of the page.
  function focusTarget() {
    var target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (target === null || target.closest("main") === null) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({preventScroll: true});  // the browser scrolls to the anchor, and keeps it there as the page lays out
  }

  form.hidden = false;
  fallback.hidden = true;
  focusTarget();
  window.addEventListener("hashchange", focusTarget);
  input.addEventListener("focus", loadPagefind);
  if (filters) filters.addEventListener("change", search);
  input.addEventListener("input", search);
  form.addEventListener("submit", function (event) { event.preventDefault(); search(); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && input.value !== "") { input.value = ""; show("", [], 0); }
  });
})();
