// What a page knows only once it is in the reader's browser; without scripts each is left as the
// build wrote it, and the page reads the same.
// - Today, in the page's language: the day a citation is looked at (GB/T 7714's [引用日期], written
//   as the standard writes it, YYYY-MM-DD, in both languages) and the day a page is printed (the
//   footer line, on paper only). The site is static, so no build could write either.
// - A copy button beside each citation (a button that does nothing without scripts is not written).
// - Material's search highlight (?h=word, from a search result) stays on the page but leaves the
//   address, so a reader who copies the address does not pass it on.
(function () {
  var now = new Date();
  function two(n) { return (n < 10 ? "0" : "") + n; }
  var iso = now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  var english = document.documentElement.lang === "en";
  // as the site writes dates elsewhere (Babel at build time): "5 December 2026", "2026年12月5日"
  var spelled = new Intl.DateTimeFormat(english ? "en-GB" : "zh-CN", { year: "numeric", month: "long", day: "numeric" }).format(now);

  Array.prototype.forEach.call(document.querySelectorAll(".cite-accessed"), function (span) {
    span.textContent = "[" + iso + "]";
  });
  Array.prototype.forEach.call(document.querySelectorAll(".printed-on"), function (span) {
    span.textContent = span.getAttribute("data-template").replace("{date}", spelled);
  });

  Array.prototype.forEach.call(document.querySelectorAll("code.citation"), function (code) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button cite-copy";
    button.textContent = code.getAttribute("data-copy");
    code.insertAdjacentElement("afterend", button);
    var reset;
    button.addEventListener("click", function () {
      var text = code.textContent;
      function done() {
        button.textContent = code.getAttribute("data-copied");
        clearTimeout(reset);
        reset = setTimeout(function () { button.textContent = code.getAttribute("data-copy"); }, 2000);
      }
      function byHand() {   // no clipboard for this page (an http address): the text is selected to copy
        var range = document.createRange();
        range.selectNodeContents(code);
        var selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
      }
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(done, byHand);
      else byHand();
    });
  });

  // after Material's script has read the address for the highlight (it does so when the page is
  // parsed, in a listener added before this one)
  document.addEventListener("DOMContentLoaded", function () {
    setTimeout(function () {
      var url = new URL(location.href);
      if (!url.searchParams.has("h")) return;
      url.searchParams.delete("h");
      history.replaceState(history.state, "", url.pathname + url.search + url.hash);
    }, 0);
  });
})();
