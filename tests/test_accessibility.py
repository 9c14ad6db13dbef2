"""One page of every kind, in both languages: no serious or critical axe-core violation. That nothing
scrolls sideways on a phone is checked on every page, these included, by test_phone_layout."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ONE_OF_EACH_KIND

PAGES = [prefix + kind for prefix in ("", "en/") for kind in ONE_OF_EACH_KIND]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.mark.no_search   # axe reads the page as loaded (the index was a race)
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(page, served, axe, path):
    page.goto(f"{served}/{path}")
    results = axe.run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
                                  for v in serious)
