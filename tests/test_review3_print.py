"""Shared projects links, paper and citations, as a reader sees them (review 3): real Chromium against
the built site, on screen and in print emulation."""
import datetime
import re

import pytest
import yaml

from conftest import DATA, with_an_empty_search_index

PROJECTS = yaml.safe_load((DATA / "projects.yaml").read_text(encoding="utf-8"))
# the width of the text on an A4 page: 210 mm less Material's 25 mm margins (@page), at 96 px an inch
PRINTED_WIDTH = round((210 - 2 * 25) / 25.4 * 96)
TODAY = datetime.date.today()


def spelled(day: datetime.date, lang: str) -> str:
    """A date as the site writes it in running text."""
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else f"{day.day} {day:%B} {day.year}"


def prefix(lang: str) -> str:
    return "en/" if lang == "en" else ""


def shown_projects(page) -> list[str]:
    """The ids of the table's rows that are displayed (the rows a reader sees, or a printer prints)."""
    return page.evaluate("""() => [...document.querySelectorAll('.project-table tbody tr')]
        .filter(row => getComputedStyle(row).display !== 'none')
        .map(row => row.querySelector('a').getAttribute('href').replace(/^\\.\\//, '').replace(/\\/$/, ''))""")


# every element of the article that reaches past the page (or the article) on the right, with its text
WIDER_THAN_THE_PAGE = """() => {
  const article = document.querySelector('article');
  const right = Math.min(document.documentElement.clientWidth, article.getBoundingClientRect().right);
  const out = [];
  if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1)
    out.push(['page', document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  for (const el of article.querySelectorAll('*')) {
    if (getComputedStyle(el).display === 'none') continue;
    for (const box of el.getClientRects())
      if (box.width && box.right > right + 1) { out.push([el.tagName, el.className, Math.round(box.right), Math.round(right), el.textContent.slice(0, 40)]); break; }
  }
  return out;
}"""


def search_is_open(page) -> bool:
    """Material's search overlay is a checkbox (#__search) that its script checks to open it."""
    return page.locator("#__search").is_checked() or page.locator(".md-search__output").is_visible()


# -- B1: a shared link with a text filter opens the filtered table, not the site search --------------

@pytest.mark.parametrize("name", ["find", "q"])   # q: links shared before the filter was renamed
def test_shared_text_filter_opens_the_table_not_the_search(page, served, name):
    expected = sorted(p["id"] for p in PROJECTS
                      if "expressway" in " ".join([p["name"]["en"], p["description"]["en"], *p.get("what", {}).get("en", [])]).lower())
    assert 0 < len(expected) < len(PROJECTS)
    page.goto(f"{served}/en/projects/?{name}=expressway&status=", wait_until="networkidle")
    page.wait_for_timeout(300)   # Material's script opens the search once its index has loaded
    assert not search_is_open(page)
    assert page.locator("input[data-filter=text]").input_value() == "expressway"
    assert sorted(shown_projects(page)) == expected
    assert page.locator(".filter-count").inner_text() == f"Showing {len(expected)} of {len(PROJECTS)} projects"
    # the address names the filter by its new name, so it is shared on that way
    assert re.search(r"[?&]find=expressway(&|$)", page.url) and not re.search(r"[?&]q=", page.url)
    assert page.errors == [] and page.offsite == []


def test_the_site_search_still_opens_from_a_shared_search(page, served):
    """?q= is Material's own shared search on any other page, and stays so."""
    page.goto(f"{served}/en/places/?q=expressway", wait_until="networkidle")
    page.wait_for_selector(".md-search-result__item")
    assert page.locator("#__search").is_checked()


# -- B3: the printed projects table is the filtered one, and fits the page --------------------------

@pytest.mark.no_search
@pytest.mark.parametrize("lang, summary", [
    ("en", "Filtered: Category: Rail — 3 of 48 projects"),
    ("zh", "筛选（类别：铁路）：显示 3 / 48 个项目"),
])
def test_printed_projects_table_is_the_filtered_one_and_fits_the_page(page, served, lang, summary):
    rail = sorted(p["id"] for p in PROJECTS if p["category"] == "rail")
    assert len(rail) == 3 and len(PROJECTS) == 48   # the numbers in the expected line
    page.set_viewport_size({"width": PRINTED_WIDTH, "height": 1000})
    page.goto(f"{served}/{prefix(lang)}projects/?category=rail")
    page.emulate_media(media="print")
    assert sorted(shown_projects(page)) == rail
    line = page.locator(".filter-summary")
    assert line.is_visible() and line.inner_text() == summary
    assert not page.locator(".project-filters").is_visible()
    # every column on the page: the table neither scrolls nor is cut at the margin
    table = page.locator(".project-table")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1")
    assert page.evaluate(WIDER_THAN_THE_PAGE) == []
    # the sort buttons print as plain column names, without their arrows
    arrows = page.evaluate("() => [...document.querySelectorAll('.sort-button')].map(b => getComputedStyle(b, '::after').content)")
    assert arrows and all(a in ("none", "normal") for a in arrows), arrows
    # unfiltered, the whole table prints, with no line about filters
    page.goto(f"{served}/{prefix(lang)}projects/")
    assert len(shown_projects(page)) == len(PROJECTS)
    assert not page.locator(".filter-summary").is_visible()


# -- B4: printed source addresses are the page's address, and stay inside the page ------------------

@pytest.mark.no_search
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_printed_source_addresses_are_plain_and_fit(page, served, lang):
    page.set_viewport_size({"width": PRINTED_WIDTH, "height": 1000})
    page.goto(f"{served}/{prefix(lang)}projects/panlong-pumped-storage/")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")   # Material opens every box for print
    page.emulate_media(media="print")
    printed = page.evaluate("""() => [...document.querySelectorAll('article a')]
        .filter(a => a.offsetParent !== null)
        .map(a => [a.getAttribute('href'), a.getAttribute('data-print-href'), getComputedStyle(a, '::after').content])""")
    fragments = [p for p in printed if ":~:text=" in p[0]]
    assert len(fragments) >= 3, "the page links to quotes' sentences at their outlet"
    for href, _plain, after in printed:
        assert ":~:text=" not in after, (href, after)
    assert page.evaluate(WIDER_THAN_THE_PAGE) == []
    # what is printed instead: the outlet's page, as its address is
    for href, plain, after in fragments:
        assert plain == href.split("#")[0] and after == f'" ({plain})"', (href, after)


# -- P11: the citation has the reader's date, and a copy button -----------------------------------

@pytest.mark.no_search
@pytest.mark.parametrize("lang, placeholder, copy, copied", [("en", "[accessed]", "Copy", "Copied"),
                                                              ("zh", "[引用日期]", "复制", "已复制")])
def test_citation_has_todays_date_and_copies(page, served, lang, placeholder, copy, copied):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{served}/{prefix(lang)}projects/panlong-pumped-storage/")
    box = page.locator("details.info").last
    box.locator("summary").click()
    gb = box.locator("code.citation").first
    assert gb.is_visible()
    assert placeholder not in box.inner_text()
    assert gb.inner_text().endswith(f"[{TODAY.isoformat()}].")
    # APA's date as the page's language writes it: (2026, December 4), (2026年12月4日)
    apa = box.locator("code.citation").nth(1).inner_text()
    assert re.search(r"\(\d{4}年\d{1,2}月\d{1,2}日\)" if lang == "zh" else r"\(\d{4}, [A-Z][a-z]+ \d{1,2}\)", apa), apa
    button = box.locator(".cite-copy").first
    assert button.inner_text() == copy
    button.click()
    page.wait_for_function("([b, text]) => b.textContent === text", arg=[button.element_handle(), copied])
    assert page.evaluate("navigator.clipboard.readText()") == gb.inner_text()
    # on paper too: the date, and no button
    page.emulate_media(media="print")
    assert gb.is_visible() and f"[{TODAY.isoformat()}]" in gb.inner_text()
    assert not button.is_visible()
    assert page.errors == [] and page.offsite == []


# -- P13: what paper leaves out, and the day it was printed ----------------------------------------

@pytest.mark.no_search
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_print_leaves_out_screen_controls_and_says_when_it_was_printed(page, served, lang):
    page.set_viewport_size({"width": PRINTED_WIDTH, "height": 1000})
    page.goto(f"{served}/{prefix(lang)}projects/panlong-pumped-storage/")
    printed_on = page.locator(".page-data .printed-on")
    # the way back to the index is the breadcrumb above the title (it was a back link)
    assert page.locator(".breadcrumb").is_visible() and not printed_on.is_visible()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert not page.locator(".breadcrumb").is_visible()
    assert not page.locator(".record-tools").is_visible()
    assert printed_on.is_visible()
    assert spelled(TODAY, lang) in printed_on.inner_text()
    # an open box on paper has no chevron saying it could be opened
    chevrons = page.evaluate("() => [...document.querySelectorAll('article summary')].map(s => getComputedStyle(s, '::after').display)")
    assert chevrons and set(chevrons) == {"none"}
    # headings are kept with what follows them
    assert page.locator("article h2").first.evaluate("h => getComputedStyle(h).breakAfter") == "avoid"
    page.goto(f"{served}/{prefix(lang)}projects/")
    assert page.locator(".page-data .printed-on").is_visible()
    arrows = page.evaluate("() => [...document.querySelectorAll('.sort-button')].map(b => getComputedStyle(b, '::after').content)")
    assert arrows and all(a in ("none", "normal") for a in arrows), arrows


# -- polish -----------------------------------------------------------------------------------------

def test_search_highlight_stays_on_the_page_but_leaves_the_address(page, served):
    page.goto(f"{served}/en/projects/panlong-pumped-storage/?h=pumped#history")
    page.wait_for_selector("article mark")   # Material's highlight, once its index has loaded
    assert "h=" not in page.url and page.url.endswith("/en/projects/panlong-pumped-storage/#history")
    assert "pumped" in page.locator("article mark").first.inner_text().lower()


@pytest.mark.no_search
@pytest.mark.parametrize("lang, current, other", [("zh", "zh-Hans", "en"), ("en", "en", "zh-Hans")])
def test_language_menu_marks_the_current_language(page, served, lang, current, other):
    page.goto(f"{served}/{prefix(lang)}projects/")
    page.locator(".md-header .md-select button").hover()
    here = page.locator(f".md-select__link[hreflang={current}]")
    there = page.locator(f".md-select__link[hreflang={other}]")
    assert here.is_visible() and here.get_attribute("aria-current") == "page"
    assert there.get_attribute("aria-current") is None
    weight = lambda link: int(link.evaluate("a => getComputedStyle(a).fontWeight"))   # noqa: E731
    assert weight(here) >= 700 > weight(there)


@pytest.mark.no_search
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_find_box_shows_its_whole_hint(page, served, lang):
    page.goto(f"{served}/{prefix(lang)}projects/")
    fits = page.locator("input[data-filter=text]").evaluate("""box => {
        const style = getComputedStyle(box);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = style.font;
        const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return [ctx.measureText(box.placeholder).width, room];
    }""")
    assert fits[0] <= fits[1], fits


def test_csv_column_names_are_never_broken_on_a_phone(browser, served):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    with_an_empty_search_index(page)   # nothing is searched
    for lang in ("en", "zh"):
        page.goto(f"{served}/{prefix(lang)}downloads/")
        names = page.evaluate("() => [...document.querySelectorAll('article code.identifier')].map(c => [c.textContent, c.getClientRects().length])")
        assert len(names) > 5 and all(lines == 1 for _, lines in names), names
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    context.close()
