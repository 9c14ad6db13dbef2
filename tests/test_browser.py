"""What a reader does, in real Chromium against the built site."""
import re

import pytest
import yaml

from conftest import DATA, ONE_OF_EACH_KIND
from tools.searchbox import rank


@pytest.mark.no_search
def test_home_to_project_then_switch_to_english(page, served):
    project = next(p for p in yaml.safe_load((DATA / "projects.yaml").read_text(encoding="utf-8"))
                   if p["id"] == "qiwanzheng-expressway")
    page.goto(served + "/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    page.get_by_role("link", name=project["name"]["zh"], exact=True).first.click()
    page.wait_for_url(re.compile(r"/projects/qiwanzheng-expressway/$"))
    assert page.locator("h1").inner_text().strip(" ¶\n") == project["name"]["zh"]

    page.locator(".md-header .md-select button").hover()
    page.locator(".md-select__link[hreflang=en]").click()
    page.wait_for_url(re.compile(r"/en/projects/qiwanzheng-expressway/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text().strip(" ¶\n") == project["name"]["en"]

    # and back again, to the same page in Chinese
    page.locator(".md-header .md-select button").hover()
    page.locator(".md-select__link[hreflang=zh-Hans]").click()
    page.wait_for_url(re.compile(r"/projects/qiwanzheng-expressway/$"))
    assert "/en/" not in page.url
    assert page.errors == [] and page.offsite == []


@pytest.mark.no_search
def test_source_quote_opens_on_click(page, served):
    page.goto(served + "/en/projects/qineng-phase-2/")
    quote = page.locator("details.quote").first
    assert not quote.evaluate("d => d.open")
    quote.locator("summary").click()
    assert quote.evaluate("d => d.open")
    assert "旗能二期" in quote.inner_text()
    assert "Qijiang Daily" in quote.inner_text()


@pytest.mark.parametrize("lang,query,expect", [
    ("zh", "綦万正高速", "projects/qiwanzheng-expressway/"),
    ("zh", "渝黔350高铁", "projects/yuqian-350-hsr/"),
    ("zh", "页岩气", "projects/shale-gas-base/"),
    ("zh", "旗能二期", "projects/qineng-phase-2/"),
    ("zh", "万正高速", "projects/qiwanzheng-expressway/"),
    # the 2019 base and the field later reports name are both shale-gas records
    ("en", "shale gas", ["projects/shale-gas-base/", "projects/qijiang-shale-gas-field/"]),
    ("en", "aluminum", "projects/qineng-phase-2/"),
    ("en", "Red Triangle", ["projects/red-triangle-route/", "glossary/#red-triangle"]),
    # one query of each kind readers type that the page's own text does not hold (search keys)
    ("zh", "蟠龍抽水蓄能電站", "projects/panlong-pumped-storage/"),              # traditional characters
    ("zh", "zaodu", "projects/zaodu-reservoir/"),                                 # pinyin
    ("zh", "Jiangsu Provincial Peoples Hospital", "projects/jiangsu-hospital-chongqing/"),   # no apostrophe
    ("zh", "Jiangnan Airport", "projects/jiangnan-airport/"),                     # the other language's name
    ("zh", "水库", "projects/zaodu-reservoir/"),                                  # what it is
    ("en", "萬盛", "places/#wansheng"),
    ("en", "shengping", "projects/shengping-hightech-park/"),
    ("en", "zhengan expressway", "projects/qiwanzheng-expressway/"),
    ("en", "遵义", "places/#zunyi"),
    ("en", "power station", ["projects/panlong-pumped-storage/", "projects/panlong-pumped-storage-phase-2/"]),
])
def test_search_box_puts_the_record_first(search_box, lang, query, expect):
    box = search_box(lang)
    results, _ = box.search(query)
    assert rank(results, expect, "en/" if lang == "en" else "") == 1, results[:3]
    assert box.page.errors == [] and box.page.offsite == []


def test_search_and_language_switch_work_from_the_keyboard(page, served):
    page.goto(f"{served}/")
    page.keyboard.press("/")                      # Material's shortcut into the search box
    page.keyboard.insert_text("旗能二期")
    page.keyboard.press("End")                    # the input method's commit key
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/projects/qineng-phase-2/"))

    # Tab to the language button, on into its list, and choose English
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.closest('.md-select') !== null"):
            break
    page.keyboard.press("Tab")
    while page.evaluate("() => document.activeElement.getAttribute('hreflang')") not in ("en", None):
        page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('hreflang')") == "en"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/projects/qineng-phase-2/"))
    assert page.locator("h1").inner_text().strip(" ¶\n") == "Qineng phase II (aluminium)"


KINDS = ONE_OF_EACH_KIND


@pytest.mark.parametrize("path", [p + k for p in ("", "en/") for k in KINDS])
def test_page_loads_everything_from_the_site_without_errors(page, served, path):
    cold = page.context.new_cdp_session(page)   # as a first visit: nothing from the browser's cache
    cold.send("Network.setCacheDisabled", {"cacheDisabled": True})
    page.sessions = [cold]   # the page fixture detaches it, which lets the cache be used again
    page.goto(f"{served}/{path}", wait_until="networkidle")
    assert page.errors == [], page.errors
    assert page.offsite == [], page.offsite


@pytest.mark.no_search
def test_project_filters_work_from_the_keyboard(page, served):
    projects = yaml.safe_load((DATA / "projects.yaml").read_text(encoding="utf-8"))
    page.goto(f"{served}/en/projects/")
    rows = page.locator(".project-table tbody tr")
    assert rows.count() == len(projects)
    category = page.locator("select[data-filter=category]")
    category.focus()
    # keyboard only: pick "Expressway" from the focused list
    for _ in range(20):
        if category.evaluate("s => s.options[s.selectedIndex].text") == "Expressway":
            break
        page.keyboard.press("ArrowDown")
    expressways = [p for p in projects if p["category"] == "expressway"]
    visible = page.locator(".project-table tbody tr:not([hidden])")
    assert visible.count() == len(expressways)
    assert page.locator(".filter-count").inner_text() == f"Showing {len(expressways)} of {len(projects)} projects"
    page.keyboard.press("Tab")   # on to the status filter
    page.keyboard.press("ArrowDown")
    status = page.locator("select[data-filter=status]").input_value()
    assert visible.count() == sum(p["category"] == "expressway" and p["status"] == status for p in projects)


def test_projects_table_is_complete_without_javascript(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served}/projects/")
    projects = yaml.safe_load((DATA / "projects.yaml").read_text(encoding="utf-8"))
    assert page.locator(".project-table tbody tr").count() == len(projects)
    assert not page.locator(".project-filters").is_visible()
    context.close()


@pytest.mark.no_search
@pytest.mark.parametrize("prefix, summary", [("", "展开全部"), ("en/", "Show all")])
def test_long_lists_of_records_pointing_here_are_folded(page, served, prefix, summary):
    """A place's 40-odd projects fold behind their count, so the next place's fields are not buried;
    the summary opens them, and a short list is shown as it is."""
    projects = yaml.safe_load((DATA / "projects.yaml").read_text(encoding="utf-8"))
    here = sum("qijiang" in p["places"] for p in projects)
    assert here > 10
    page.goto(f"{served}/{prefix}places/")
    folded = page.locator("h3#qijiang ~ dl").first.locator("details.back-links")
    assert folded.locator("summary").inner_text().strip().startswith(summary)
    assert str(here) in folded.locator("summary").inner_text()
    first = folded.locator("a").first
    assert not first.is_visible()
    assert folded.locator("a").count() == here
    # printing opens it (Material opens every details on the browser's beforeprint)
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert first.is_visible()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    page.reload()
    folded.locator("summary").click()
    assert first.is_visible() and first.bounding_box()["height"] > 0
    # a place with few projects lists them without a fold
    short = [p for p in projects if "wansheng" in p["places"]]
    assert 0 < len(short) <= 10
    wansheng = page.locator("h3#wansheng ~ dl").first
    assert wansheng.locator("details").count() == 0 and wansheng.locator("a").first.is_visible()


@pytest.mark.no_search
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_projects_table_takes_the_empty_contents_column(page, served, prefix):
    """The projects page has no headings to list, so no empty table-of-contents column beside the
    table on a desktop: the table gets that width."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{served}/{prefix}projects/")
    toc = page.locator(".md-sidebar--secondary")
    assert toc.count() == 0 or not toc.is_visible()
    assert page.locator("article.md-content__inner").bounding_box()["width"] > 850
