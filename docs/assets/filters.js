// Filters for the projects table: each <select> keeps the rows whose data attribute holds its value.
// Without JavaScript the form stays hidden and the full table is shown.
(function () {
  var form = document.querySelector(".project-filters");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll(".project-table tbody tr"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var count = form.querySelector(".filter-count");
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var keep = selects.every(function (select) {
        var value = select.value;
        if (!value) return true;
        var field = select.getAttribute("data-filter");
        return (row.getAttribute("data-" + field) || "").split(" ").indexOf(value) !== -1;
      });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    count.textContent = count.getAttribute("data-template").replace("{shown}", shown).replace("{total}", rows.length);
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });

  // Sortable columns: a header with data-sort becomes a button that orders the rows by each cell's
  // data-sort-value (the status column by the date its status holds from), ascending then descending.
  var body = document.querySelector(".project-table tbody");
  var headers = Array.prototype.slice.call(document.querySelectorAll(".project-table th[data-sort]"));
  headers.forEach(function (th) {
    var column = Array.prototype.indexOf.call(th.parentNode.children, th);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.slice().sort(function (a, b) {
        var x = a.children[column].getAttribute("data-sort-value") || "";
        var y = b.children[column].getAttribute("data-sort-value") || "";
        return (ascending ? 1 : -1) * x.localeCompare(y);
      }).forEach(function (row) { body.appendChild(row); });
    });
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
