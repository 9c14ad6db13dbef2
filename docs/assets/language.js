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

// A record's page (a project, an area, a task, a source) is not in the navigation itself: the index
// page it belongs to, the middle link of its breadcrumb (scripts/render: breadcrumb), is shown as
// the navigation's current item, as Material shows the page being read.
(function () {
  var up = document.querySelector(".md-content .breadcrumb li:nth-child(2) a");
  if (!up) return;
  var links = document.querySelectorAll(".md-nav--primary a.md-nav__link");
  for (var i = 0; i < links.length; i++) {
    if (links[i].href === up.href) links[i].classList.add("md-nav__link--active");
  }
})();
