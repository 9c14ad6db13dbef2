"""Every quote is the source's own words and every English reader can read it: English pages show
the Chinese original (marked as Chinese) with the project's translation under it, the record's
Chinese name under its title, and sources as a reader needs them."""
import re

import pytest
import yaml

from conftest import DATA, html_pages

# one page of each kind that quotes sources
PAGES = ["projects/yuqian-350-hsr/", "areas/corridor-resources/", "tasks/central-city/", "plan/", "documents/",
         "targets/", "places/", "glossary/", "timeline/", "sources/cri-2019-03-14/", "methods/"]
RECORD_PAGES = {"projects/yuqian-350-hsr/": ("projects", "yuqian-350-hsr"),
                "areas/corridor-resources/": ("areas", "corridor-resources"),
                "tasks/central-city/": ("tasks", "central-city")}


def _records(name):
    return {r["id"]: r for r in yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))}


# every quote of the page, its boxes open, read in one round trip: its original and translation, their
# text, whether the translation is visible as Playwright's is_visible() judges (a box, not hidden) and
# the top of each box
QUOTES = """() => {
  for (const d of document.querySelectorAll('details.quote')) d.open = true;
  const visible = el => { const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  return [...document.querySelectorAll('details.quote li')].map(item => {
    const originals = item.querySelectorAll('q[lang="zh-Hans"]'), translations = item.querySelectorAll('.translation');
    const [original, translation] = [originals[0], translations[0]];
    return {html: item.innerHTML, originals: originals.length, translations: translations.length,
            original: original ? original.innerText : null, original_y: original ? original.getBoundingClientRect().y : null,
            translation: translation ? translation.innerText : null, visible: translation ? visible(translation) : false,
            translation_y: translation ? translation.getBoundingClientRect().y : null};
  });
}"""


@pytest.mark.no_search
@pytest.mark.parametrize("path", [p for p in PAGES if p not in ("sources/cri-2019-03-14/", "methods/")])
def test_every_quote_on_an_english_page_shows_its_translation(page, served, path):
    page.goto(f"{served}/en/{path}")
    items = page.evaluate(QUOTES)
    assert len(items) > 0
    for item in items:
        assert item["originals"] == 1, item["html"]
        assert re.search(r"[\u4e00-\u9fff]", item["original"])
        assert item["translations"] == 1, f"no translation under {item['original']!r} on {path}"
        assert item["visible"]
        assert item["translation"].startswith("Translation:")
        # the translation sits under the original, not beside it
        assert item["translation_y"] > item["original_y"]
    assert page.errors == []


@pytest.mark.no_search
@pytest.mark.parametrize("path,record", RECORD_PAGES.items())
def test_english_record_page_shows_the_chinese_name_under_its_title(page, served, path, record):
    collection, rid = record
    name = _records(collection)[rid]["name"]
    page.goto(f"{served}/en/{path}")
    h1 = page.locator("h1")
    original = page.locator('.original-name[lang="zh-Hans"]').first
    assert original.inner_text().strip() == name["zh"]
    assert original.is_visible() and original.bounding_box()["y"] > h1.bounding_box()["y"]


def test_chinese_pages_show_no_translation(site):
    text = (site / "projects" / "yuqian-350-hsr" / "index.html").read_text(encoding="utf-8")
    assert 'class="translation"' not in text and 'class="original-name"' not in text


def test_no_page_links_to_a_copy_on_another_site(site):
    """Reports stored from a copy on a site that is not the outlet's own are cited without a link."""
    evidence = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted((DATA / "sources").glob("*.yaml"))]
    copies = [e["address"] for e in evidence if e["address_is_the_outlets_own"] is False]
    assert len(copies) >= 10
    for _, path in html_pages(site):
        text = path.read_text(encoding="utf-8")
        for url in copies:
            assert f'href="{url.split("#")[0]}' not in text, (path, url)


def test_quotes_link_to_their_sentence_on_the_outlets_own_page(site):
    text = (site / "en" / "plan" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(https://gz\.cri\.cn/[^"]+)" class="check-original"', text)
    assert links and all("#:~:text=" in link for link in links)


def test_a_source_without_a_printed_date_says_so(site):
    text = (site / "en" / "sources" / "cq-drc-2019-03" / "index.html").read_text(encoding="utf-8")
    assert "Not printed in the source" in text
    zh = (site / "sources" / "cq-drc-2019-03" / "index.html").read_text(encoding="utf-8")
    assert "原文未印日期" in zh
    assert "date not printed" in (site / "en" / "sources" / "index.html").read_text(encoding="utf-8")


def test_pasting_a_chinese_name_into_english_search_finds_the_record(search_box):
    from tools.searchbox import rank
    project = _records("projects")["panlong-pumped-storage-phase-2"]
    results, _ = search_box("en").search(project["name"]["zh"])
    assert rank(results, "projects/panlong-pumped-storage-phase-2/", "en/") == 1, results[:3]


def test_record_pages_offer_a_citation(site):
    text = (site / "en" / "projects" / "yuqian-350-hsr" / "index.html").read_text(encoding="utf-8")
    assert "How to cite this page" in text and "GB/T 7714" in text and "APA" in text
    assert "Dataset version" in text


@pytest.mark.no_search
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_sources_fit_a_phone(page, served, prefix):
    """Each source's fields, long addresses included, stay inside the column at 390 px, each name
    above its value."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{served}/{prefix}sources/cri-2019-03-14/")
    column = page.locator("article.md-content__inner").bounding_box()
    right = column["x"] + column["width"]
    wider = page.evaluate("(right) => [...document.querySelectorAll('article dl > *')]"
                          ".filter(t => t.getBoundingClientRect().right > right + 1).length", right)
    assert page.locator("article dl").count() >= 1 and wider == 0
    name, value = page.locator("article dl").first.locator("dt").first, page.locator("article dl").first.locator("dd").first
    assert name.bounding_box()["y"] + name.bounding_box()["height"] <= value.bounding_box()["y"] + 1
