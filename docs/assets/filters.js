// The projects table's filters: each <select> keeps the rows whose data attribute holds its value,
// the text box keeps the rows whose words (data-text: names in both languages, what it is, its
// description) contain every word typed. The filters live in the page's address (?place=qijiang&find=…),
// so a filtered view can be shared and the map's counts can link to one; "Clear filters" resets them.
// The text box is not "q": Material opens its search over any page whose address has ?q= (old links
// with it are renamed in the page's head, main.html, before Material's script reads the address).
// A printed table has only the rows shown, under a line that says which filters chose them.
// Without JavaScript the form does nothing and the full table is shown (and printed).
(function () {
  var form = document.querySelector(".project-filters");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll(".project-table tbody tr"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var text = form.querySelector("input[data-filter=text]");
  var count = form.querySelector(".filter-count");
  var summary = document.querySelector(".filter-summary");

  function words(value) {
    return value.toLowerCase().split(/[\s,，、]+/).filter(Boolean);
  }

  function apply() {
    var shown = 0;
    var typed = words(text.value);
    rows.forEach(function (row) {
      var keep = selects.every(function (select) {
        var value = select.value;
        if (!value) return true;
        var field = select.getAttribute("data-filter");
        return (row.getAttribute("data-" + field) || "").split(" ").indexOf(value) !== -1;
      });
      var haystack = row.getAttribute("data-text") || "";
      keep = keep && typed.every(function (word) { return haystack.indexOf(word) !== -1; });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    count.textContent = count.getAttribute("data-template").replace("{shown}", shown).replace("{total}", rows.length);
    if (summary) summary.textContent = describe(shown);
  }

  // "Category: Rail; Find: “tunnel” — 3 of 48 projects", or nothing when every row is shown
  function describe(shown) {
    var colon = summary.getAttribute("data-colon");
    var parts = [];
    if (text.value.trim()) parts.push(name(text) + colon + summary.getAttribute("data-typed").replace("{text}", text.value.trim()));
    selects.forEach(function (select) {
      if (select.value) parts.push(name(select) + colon + select.options[select.selectedIndex].text);
    });
    if (!parts.length) return "";
    return summary.getAttribute("data-template").replace("{filters}", parts.join(summary.getAttribute("data-separator")))
      .replace("{shown}", shown).replace("{total}", rows.length);
  }

  // a control's name is its label's own text, without the control's
  function name(control) {
    var label = control.closest("label");
    return label ? label.firstChild.textContent.trim() : control.name;
  }

  // the address holds the filters that are set, and nothing when none is
  function remember() {
    var params = new URLSearchParams();
    if (text.value.trim()) params.set(text.name, text.value.trim());
    selects.forEach(function (select) { if (select.value) params.set(select.name, select.value); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  function recall() {
    var params = new URLSearchParams(location.search);
    text.value = params.get(text.name) || "";
    selects.forEach(function (select) {
      var wanted = params.get(select.name) || "";
      // a value no option has (an old link, a typo) leaves that filter off
      select.value = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; }) ? wanted : "";
    });
  }

  function update() { apply(); remember(); }
  selects.forEach(function (select) { select.addEventListener("change", update); });
  text.addEventListener("input", update);
  form.addEventListener("reset", function () { setTimeout(update, 0); });   // after the form has cleared
  form.addEventListener("submit", function (event) { event.preventDefault(); });

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
  recall();
  apply();
})();
