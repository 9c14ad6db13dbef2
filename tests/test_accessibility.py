"""One page of every kind, in both languages: no serious or critical axe-core violation, and nothing
scrolls sideways on a phone."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ONE_OF_EACH_KIND

PAGES = [prefix + kind for prefix in ("", "en/") for kind in ONE_OF_EACH_KIND]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(page, served, axe, path):
    page.goto(f"{served}/{path}")
    results = axe.run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
                                  for v in serious)


@pytest.mark.parametrize("path", PAGES)
def test_nothing_scrolls_sideways_on_a_phone(browser, served, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    page.goto(f"{served}/{path}")
    width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    context.close()
    assert width[0] <= width[1], f"{path}: page is {width[0]}px wide on a {width[1]}px screen"
