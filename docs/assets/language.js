// The language switch goes to the same page in the other language (partials/alternate.html); this
// keeps the reader's place on it too: the #section they are reading and the projects table's filters.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest(".md-select__link[hreflang]");
  if (!link || (!location.hash && !location.search)) return;
  var url = new URL(link.href, location.href);
  url.search = location.search;
  url.hash = location.hash;
  link.href = url.href;
}, true);
