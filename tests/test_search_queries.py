"""The search's query sets (tests/search/): every page a query expects is a page of the built site, and
every anchor one of its headings, so that a measure of the search never counts a query no result could
answer (a missing trailing slash once made two queries unanswerable)."""
import re
import urllib.parse

import pytest
import yaml

from conftest import REPO

SETS = ["queries.yaml", "held-out.yaml"]


def expectations(name):
    queries = yaml.safe_load((REPO / "tests" / "search" / name).read_text(encoding="utf-8"))
    for lang, items in queries.items():
        for item in items:
            for expect in item["expect"] if isinstance(item["expect"], list) else [item["expect"]]:
                yield lang, item["q"], expect


@pytest.mark.parametrize("name", SETS)
def test_every_expected_page_and_anchor_exists(site, name):
    missing = []
    for lang, query, expect in expectations(name):
        page, _, anchor = expect.partition("#")
        folder = site / ("en" if lang == "en" else "") / page
        html_file = folder / "index.html" if page.endswith("/") or not page else folder
        if not html_file.is_file():
            missing.append(f"{lang} {query!r}: no page {expect}")
        elif anchor and not re.search(rf'id="{re.escape(urllib.parse.unquote(anchor))}"',
                                      html_file.read_text(encoding="utf-8")):
            missing.append(f"{lang} {query!r}: no #{anchor} on {page}")
    assert not missing, "\n".join(missing)


def test_the_held_out_queries_are_not_in_the_tuned_set():
    def normal(text):
        return re.sub(r"[\W_]+", "", text.lower())
    tuned = {(lang, normal(q)) for lang, q, _ in expectations("queries.yaml")}
    again = sorted({q for lang, q, _ in expectations("held-out.yaml") if (lang, normal(q)) in tuned})
    assert not again, again
