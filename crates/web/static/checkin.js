// The check-in page filters its list as a name is typed. Without this
// script the search box still works: it submits and the server filters.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("q");
  var list = document.querySelector("ul.checkin");
  var said = document.querySelector("p.matches");
  if (!box || !list) return;
  var lines = Array.prototype.slice.call(list.querySelectorAll("li[data-name]"));
  function filter() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    lines.forEach(function (li) {
      var name = li.getAttribute("data-name");
      var match = words.every(function (w) { return name.indexOf(w) !== -1; });
      li.hidden = !match;
      if (match) shown += 1;
    });
    // The buttons bring the organizer back to the same search.
    list.querySelectorAll("input[name=q]").forEach(function (q) { q.value = box.value; });
    // The words come from the page, in its language.
    if (said) {
      said.textContent = words.length
        ? said.getAttribute("data-match").replace("{shown}", shown).replace("{total}", lines.length)
        : said.getAttribute("data-names").replace("{count}", lines.length);
    }
  }
  box.addEventListener("input", filter);
});
