"""Addresses readers get: none that only worked on the machine that built the site, absolute ones
where the build knows where the site is published, and links that keep the reader's place."""
import re

import pytest

from conftest import SITE_URL, html_pages, with_an_empty_search_index


def test_without_a_site_url_nothing_points_at_a_loopback_address(site):
    for path in [*site.rglob("*.html"), *site.rglob("*.xml"), *site.rglob("*.json")]:
        text = path.read_text(encoding="utf-8")
        assert "127.0.0.1" not in text and "localhost" not in text, path
    page = (site / "projects" / "qineng-phase-2" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page and 'property="og:url"' not in page
    assert 'class="qr"' not in page and "page-address" not in page


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_with_a_site_url_every_address_is_absolute(published, prefix):
    site, _ = published
    page = (site / prefix / "projects" / "qineng-phase-2" / "index.html").read_text(encoding="utf-8")
    here = f"{SITE_URL}{prefix}projects/qineng-phase-2/"
    assert f'<link rel="canonical" href="{here}">' in page
    assert f'<meta property="og:url" content="{here}">' in page
    alternates = dict(re.findall(r'<link rel=" alternate" hreflang="([^"]+)" href="([^"]+)">', page))
    assert alternates == {"zh-Hans": f"{SITE_URL}projects/qineng-phase-2/",
                          "en": f"{SITE_URL}en/projects/qineng-phase-2/",
                          "x-default": f"{SITE_URL}projects/qineng-phase-2/"}
    assert re.search(r'<figure class="qr"><svg role="img" aria-label="[^"]*' + re.escape(here), page)
    for _, path in html_pages(site):
        assert "127.0.0.1" not in path.read_text(encoding="utf-8"), path


def test_with_a_site_url_every_page_names_its_own_address(published):
    site, _ = published
    for url, path in html_pages(site):
        if url.endswith("404.html") or not (url == "" or url.endswith("/")):
            continue
        text = path.read_text(encoding="utf-8")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', text).group(1)
        assert canonical == SITE_URL + url, (url, canonical)
        assert f'<meta property="og:url" content="{canonical}">' in text
        if url.startswith(("projects/", "en/projects/")) and url not in ("projects/", "en/projects/"):
            # record pages carry a QR code of their own address, for paper
            qr = re.search(r'<figure class="qr"><svg role="img" aria-label="([^"]*)"', text)
            assert qr and qr.group(1).endswith(canonical), url


def test_qr_code_and_address_on_paper_only_and_once(browser, published):
    site, base = published
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    with_an_empty_search_index(page)   # nothing is searched
    page.goto(base + "en/projects/qineng-phase-2/")
    address = f"{SITE_URL}en/projects/qineng-phase-2/"
    assert not page.locator("figure.qr").is_visible()
    assert not page.locator(".page-address").is_visible()
    page.emulate_media(media="print")
    assert page.locator("figure.qr").is_visible()
    # printed on its own once (the citations on the page quote it too, as citations do)
    printed = page.evaluate("(address) => [...document.querySelectorAll('body *')].filter(el => "
                            "el.offsetParent !== null && el.textContent.trim() === address).length", address)
    assert printed == 1, "the page's address is printed once"
    assert page.locator(".print-header").is_visible() and not page.locator(".project-filters").is_visible()
    context.close()


@pytest.mark.no_search
def test_language_switch_keeps_the_section_and_the_filters(page, served):
    page.goto(f"{served}/places/#zunyi")
    page.locator(".md-header .md-select button").hover()
    page.locator(".md-select__link[hreflang=en]").click()
    page.wait_for_url(re.compile(r"/en/places/#zunyi$"))
    page.goto(f"{served}/en/projects/?place=zunyi")
    page.locator(".md-header .md-select button").hover()
    page.locator(".md-select__link[hreflang=zh-Hans]").click()
    page.wait_for_url(re.compile(r"/projects/\?place=zunyi$"))
    assert page.locator("select[data-filter=places]").input_value() == "zunyi"


def test_404_page_opens_the_search(page, served):
    page.goto(f"{served}/en/no-such-page/")
    page.locator("article label.search-link").first.click()
    assert page.locator("input.md-search__input").is_visible()
