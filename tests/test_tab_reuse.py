"""The page fixture hands one browser tab from test to test (conftest.tab): what one test leaves in
it, the next never sees. A new tab has nothing stored, the desktop size, the screen's media and no
permissions, and fetches the search index (the site's own: no_search tests get an empty one)."""
import pytest

from conftest import DESKTOP, _empty_tab, with_an_empty_search_index, without_search_index

STORED = """() => [localStorage.length, sessionStorage.length, matchMedia('print').matches,
                   matchMedia('(prefers-color-scheme: dark)').matches, innerWidth]"""


def test_what_a_test_leaves_in_the_tab_the_next_does_not_see(tab, served):
    tab.goto(f"{served}/")
    fresh = tab.evaluate(STORED)
    assert fresh[:3] == [fresh[0], 0, False] and fresh[4] == DESKTOP["width"]
    tab.evaluate("() => { localStorage.setItem('left', '1'); sessionStorage.setItem('left', '1') }")
    tab.context.grant_permissions(["clipboard-read"])
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.emulate_media(media="print", color_scheme="dark")
    without_search_index(tab)
    with_an_empty_search_index(tab)

    _empty_tab(tab, {served.rstrip("/")})
    with tab.expect_response(lambda r: r.url.endswith("/search/search_index.json")) as index:
        tab.goto(f"{served}/")
    assert index.value.ok and len(index.value.json()["docs"]) > 100   # the site's own index
    assert tab.evaluate(STORED) == fresh
    assert tab.evaluate("() => navigator.permissions.query({name: 'clipboard-read'}).then(p => p.state)") != "granted"


@pytest.mark.no_search
def test_a_test_marked_no_search_gets_an_empty_index_and_a_page_without_errors(page, served):
    """The page fixture gives a no_search test's pages an index with no documents, in the language's
    own configuration, and the page takes it without an error."""
    with page.expect_response(lambda r: r.url.endswith("/search/search_index.json")) as index:
        page.goto(f"{served}/en/projects/")
    body = index.value.json()
    assert body["docs"] == [] and body["config"]["lang"] == ["en"]
    page.wait_for_timeout(300)
    assert page.errors == []
    # and Playwright's emulation of print, set before the page loads, holds
    page.emulate_media(media="print")
    page.goto(f"{served}/en/")
    assert page.evaluate("matchMedia('print').matches")
