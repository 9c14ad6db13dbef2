// "Download this view (CSV)" on the projects page: the rows the reader sees, in the order shown
// (after filters and sorting), as the columns show them, with each project's address. UTF-8 with a
// BOM, so that Excel in a Chinese locale opens it. Made in the browser: nothing is sent anywhere.
(function () {
  var button = document.querySelector(".view-csv");
  var table = document.querySelector(".project-table");
  if (!button || !table) return;
  button.hidden = false;

  function cell(value) {
    value = value.replace(/\s+/g, " ").trim();
    return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  button.addEventListener("click", function () {
    var headers = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent; });
    var lines = [["id"].concat(headers, [button.getAttribute("data-address")]).map(cell).join(",")];
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
      if (row.hidden) return;
      var link = row.querySelector("td a");
      var address = new URL(link.getAttribute("href"), location.href);
      var id = address.pathname.replace(/\/$/, "").split("/").pop();
      var cells = Array.prototype.map.call(row.children, function (td) { return td.textContent; });
      lines.push([id].concat(cells, [address.href]).map(cell).join(","));
    });
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], {type: "text/csv;charset=utf-8"});
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = button.getAttribute("data-filename");
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  });
})();
