"""Readers see the evidence: each source has a page with the passages the site quotes from it, copied
exactly, each with its translation on English pages, and the records that cite it; every citation
links to the passage it quotes; the sources index is one row a source and fits a phone; old links to
a source's place on the index still land on it."""
import re

import pytest
import yaml

from conftest import DATA

# reads pages and never searches: the page fixture leaves the search index out (conftest)
pytestmark = pytest.mark.no_search

CRI = "cri-2019-03-14"


def _evidence(source_id):
    return yaml.safe_load((DATA / "sources" / f"{source_id}.yaml").read_text(encoding="utf-8"))


def _sources():
    return yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_sources_page_shows_every_excerpt_and_its_translation(page, served, prefix):
    excerpts = _evidence(CRI)["excerpts"]
    page.goto(f"{served}/{prefix}sources/{CRI}/")
    shown = page.locator("blockquote.excerpt")
    assert shown.count() == len(excerpts)
    for n, excerpt in enumerate(excerpts):
        block = shown.nth(n)
        original = block.locator('p[lang="zh-Hans"]')
        assert original.inner_text() == excerpt["text"] and original.is_visible()
        translation = block.locator(".translation")
        if prefix:
            assert translation.inner_text() == "Translation: " + excerpt["en"]
            assert translation.bounding_box()["y"] > original.bounding_box()["y"]
        else:
            assert translation.count() == 0


def test_a_sources_page_lists_the_records_citing_it(page, served):
    page.goto(f"{served}/en/sources/{CRI}/")
    citing = page.locator("dt", has_text="Records citing it").locator("xpath=following-sibling::dd[1]")
    if citing.locator("details summary").count():   # a long list is folded behind its count
        citing.locator("details summary").click()
    assert "Chongqing–Guizhou 350 km/h High-Speed Railway" in citing.inner_text()


def test_a_citation_links_to_the_excerpt_it_quotes(page, served):
    """The sources box of a project opens on a quote; its source link lands on the passage, highlighted."""
    page.goto(f"{served}/en/projects/yuqian-350-hsr/")
    link = page.locator(f'details.quote a[href*="sources/{CRI}/#excerpt-"]').first
    href = link.get_attribute("href")
    quote = link.locator("xpath=ancestor::li[1]//q").inner_text()
    page.goto(f"{served}/en/projects/yuqian-350-hsr/{href}")
    target = page.locator("blockquote.excerpt:target")
    assert target.count() == 1
    normal = lambda s: re.sub(r"\s+", "", s).translate(str.maketrans(",:;?!()", "，：；？！（）"))  # noqa: E731
    assert normal(quote) in normal(target.locator('p[lang="zh-Hans"]').inner_text())
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"


def test_the_interview_is_kept_as_excerpts_not_its_full_text():
    """The passages the data quotes, as whole sentences: no photo caption, no column heading."""
    texts = [e["text"] for e in _evidence("qijiang-daily-2019-liu-gang")["excerpts"]]
    assert not any("记者 陈星宇 摄" in t for t in texts)
    assert all(t.rstrip()[-1] in "。！？?!;；" for t in texts), [t for t in texts if t.rstrip()[-1] not in "。！？?!;；"]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_sources_index_is_one_row_a_source_and_fits_a_phone(page, served, prefix):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{served}/{prefix}sources/")
    rows = page.locator("article table tbody tr")
    assert rows.count() == len(_sources())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("document.documentElement.scrollHeight") <= 15000


def test_an_old_link_to_a_source_on_the_index_lands_on_its_row(page, served):
    page.goto(f"{served}/en/sources/#{CRI}")
    row = page.locator(f"tr:has(#{CRI})")
    assert row.locator(f'a[href="{CRI}/"]').count() == 1
    assert 0 <= row.bounding_box()["y"] < 844


def test_no_source_page_links_to_a_copy_on_another_site(site):
    for source in _sources():
        evidence = _evidence(source["id"])
        if evidence["address_is_the_outlets_own"] is False:
            text = (site / "sources" / source["id"] / "index.html").read_text(encoding="utf-8")
            assert evidence["address"] not in text
