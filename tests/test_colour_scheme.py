"""The reader's colour scheme in Chromium: the page follows the reader's setting on a first visit
and the toggle switches it, with one color-scheme meta that says which scheme is shown (the one
main.html writes, which Material's mended script updates rather than appending its own)."""
import pytest

from conftest import with_an_empty_search_index

STATE = """() => ({
  metas: [...document.querySelectorAll('meta[name="color-scheme"]')].map(m => m.content),
  scheme: document.body.getAttribute('data-md-color-scheme'),
  ground: getComputedStyle(document.body).backgroundColor,
  classes: document.documentElement.className,
})"""


def brightness(rgb: str) -> float:
    r, g, b = (int(x) for x in rgb[rgb.index("(") + 1:].rstrip(")").split(",")[:3])
    return (r * 299 + g * 587 + b * 114) / 1000


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("setting, scheme, meta, other", [("light", "default", "light", "dark"),
                                                          ("dark", "slate", "dark", "light")])
def test_page_follows_the_readers_setting_and_the_toggle(browser, served, prefix, setting, scheme, meta, other):
    context = browser.new_context(color_scheme=setting)
    page = context.new_page()
    with_an_empty_search_index(page)   # nothing is searched
    page.goto(f"{served}/{prefix}sources/")
    page.wait_for_function("() => document.querySelector('meta[name=\"theme-color\"]')")   # Material's script ran
    state = page.evaluate(STATE)
    assert state["metas"] == [meta] and state["scheme"] == scheme
    assert (brightness(state["ground"]) > 128) == (setting == "light"), state["ground"]
    assert {"js", "js-focus-visible"} <= set(state["classes"].split()) and "no-js" not in state["classes"]
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_timeout(400)   # colours fade over a quarter second
    switched = page.evaluate(STATE)
    assert switched["metas"] == [other] and switched["scheme"] != scheme
    assert (brightness(switched["ground"]) > 128) == (setting == "dark"), switched["ground"]
    context.close()
