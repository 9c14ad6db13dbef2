"""Type a query into a search box in real Chromium and read back the results, as a reader sees them.

Used by `make bench-search` and by the browser tests, so both measure the same thing.
"""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

# time from the last keystroke to the last change of the result list, measured in the page
_WATCH = """(selector) => {
  window.__lastKey = 0; window.__lastResult = 0;
  document.addEventListener('keydown', () => { window.__lastKey = performance.now(); }, true);
  // the results may live in a shadow root (Zensical's search dialog): selector "host >>> inner"
  const [host, inner] = selector.split(' >>> ');
  const root = inner ? document.querySelector(host).shadowRoot : document;
  new MutationObserver(() => { window.__lastResult = performance.now(); })
    .observe((inner ? root : document.querySelector(host)) || document.body, {childList: true, subtree: true, characterData: true});
}"""


class SearchBox:
    """One engine's search box on one open page."""

    def __init__(self, page, base: str, input_sel: str, results_sel: str, item_sel: str, link_sel: str,
                 opener: str | None = None):
        self.page, self.base, self.opener = page, base, opener
        self.input_sel, self.results_sel = input_sel, results_sel
        self.item_sel, self.link_sel = item_sel, link_sel
        page.evaluate(_WATCH, results_sel)

    def search(self, query: str, settle_ms: int = 120, timeout_ms: int = 3000) -> tuple[list[list[str]], float]:
        """The results in the order shown, each as the site paths of the links a reader sees in it
        (the page, then its best sections), and ms from the last keystroke to the results."""
        box = self.page.locator(self.input_sel)
        if self.opener and not box.is_visible():
            self.page.keyboard.press(self.opener)   # a search dialog opened from the keyboard
            box.wait_for(state="visible")
        box.click()
        box.fill("")
        self.page.wait_for_timeout(50)
        self.page.evaluate("() => { window.__lastKey = 0; window.__lastResult = 0; }")
        box.press_sequentially(query, delay=20)
        if not query.isascii():
            # Chinese is typed through an input method: the text arrives as one insertion and the
            # reader's last keystroke commits it. Playwright inserts such text without key events, so
            # the commit key is pressed here; Material searches on keyup, Pagefind on input.
            box.press("End")
        # results are shown when the list changed after the last keystroke and then stayed still
        try:
            self.page.wait_for_function(
                "ms => window.__lastResult > window.__lastKey && performance.now() - window.__lastResult > ms",
                arg=settle_ms, timeout=timeout_ms, polling=20)
        except PlaywrightTimeout:
            pass  # nothing changed on screen: the results shown are the answer, and no time is measured
        key, shown = self.page.evaluate("() => [window.__lastKey, window.__lastResult]")
        items = self.page.eval_on_selector_all(
            self.item_sel, "(els, sel) => els.map(e => [...e.querySelectorAll(sel)].map(a => a.href))", self.link_sel)
        return [[self._path(h) for h in links] for links in items], (shown - key if shown > key else float("nan"))

    def _path(self, href: str) -> str:
        parts = urlsplit(urljoin(self.base, href))
        path = parts.path.lstrip("/")
        if path.endswith("index.html"):
            path = path[: -len("index.html")]
        return path + (f"#{parts.fragment}" if parts.fragment else "")


def material(page, base: str) -> SearchBox:
    # a result is a page; shown with it are its best sections (more are folded away)
    return SearchBox(page, base, "input.md-search__input", ".md-search-result",
                     ".md-search-result__list > li", ":scope > a.md-search-result__link")


def pagefind(page, base: str) -> SearchBox:
    page.wait_for_selector(".pagefind-ui__search-input")
    return SearchBox(page, base, ".pagefind-ui__search-input", ".pagefind-ui",
                     ".pagefind-ui__result", "a")


def zensical(page, base: str) -> SearchBox:
    # Zensical's search is a dialog in the shadow root of its focus layer, opened with "/"; each
    # result (a page or one of its sections) is a link in the dialog's list
    page.wait_for_load_state("load")
    page.keyboard.press("/")
    page.locator("input[aria-controls$='-results']").wait_for(state="visible")
    return SearchBox(page, base, "input[aria-controls$='-results']", "div.focus-visible >>> *",
                     "[id$='-results'] li", ":scope > a", opener="/")


def rank(results: list[list[str]], expect, lang_prefix: str = "") -> int | None:
    """1-based position of the first result that shows an expected page, or the expected record's
    section on a shared page (glossary/#red-triangle)."""
    wanted = [lang_prefix + e for e in ([expect] if isinstance(expect, str) else expect)]
    for i, links in enumerate(results, 1):
        for w in wanted:
            if any(found == w or ("#" not in w and found.split("#")[0] == w) for found in links):
                return i
    return None
