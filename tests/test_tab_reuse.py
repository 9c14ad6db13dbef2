"""The page fixture hands one browser tab from test to test (conftest.tab): what one test leaves in
it, the next never sees. A new tab has nothing stored, the desktop size, the screen's media and no
permissions, and fetches the search index."""
from conftest import DESKTOP, _empty_tab, without_search_index

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

    _empty_tab(tab, {served.rstrip("/")})
    with tab.expect_response(lambda r: r.url.endswith("/search/search_index.json")) as index:
        tab.goto(f"{served}/")
    assert index.value.ok
    assert tab.evaluate(STORED) == fresh
    assert tab.evaluate("() => navigator.permissions.query({name: 'clipboard-read'}).then(p => p.state)") != "granted"
