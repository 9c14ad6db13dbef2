"""Every page on a 390×844 phone: no table or list of a record's fields wider than the column it sits
in, and no page that scrolls sideways, by a single pixel, at a phone's pixel density. Tables of
records become cards there (site.css: .cards-on-phone, .project-table); a record's fields (dl) put
each name above its value."""
from conftest import html_pages, without_search_index

WIDE = """() => {
  const out = [];
  // not one pixel wider than the screen (test_accessibility checked this on one page of each kind)
  if (document.documentElement.scrollWidth > window.innerWidth) out.push(['page', document.documentElement.scrollWidth, window.innerWidth]);
  for (const table of document.querySelectorAll('article table')) {
    const box = table.getBoundingClientRect();
    if (!box.width) continue;
    // the column a table sits in: Material's scrolling wrapper, or the article
    const column = table.closest('.md-typeset__scrollwrap') || table.closest('article');
    if (box.width > column.clientWidth + 1 || table.scrollWidth > table.clientWidth + 1)
      out.push([table.className || 'table', Math.round(box.width), column.clientWidth, (table.rows[1] || table.rows[0]).innerText.slice(0, 40)]);
  }
  const article = document.querySelector('article');
  for (const item of document.querySelectorAll('article dl > dt, article dl > dd')) {
    const box = item.getBoundingClientRect();
    if (box.right > article.getBoundingClientRect().right + 1 || item.scrollWidth > item.clientWidth + 1)
      out.push([item.tagName, Math.round(box.right), item.innerText.slice(0, 40)]);
  }
  return out;
}"""


def test_no_table_is_wider_than_its_column_on_a_phone(browser, served, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    without_search_index(page)   # the pages as laid out are checked; nothing is searched
    wide = {}
    for url, _ in html_pages(site):
        page.goto(f"{served}/{url}")
        found = page.evaluate(WIDE)
        if found:
            wide[url] = found
    context.close()
    assert wide == {}, wide
