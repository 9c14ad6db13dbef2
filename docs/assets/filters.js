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
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
