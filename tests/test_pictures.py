"""The pictures show what the data says, and say it in words too."""
import re

import pytest
import yaml

from conftest import DATA
from scripts.dataset.dates import sort_key

PLACES = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8"))
PROJECTS = yaml.safe_load((DATA / "projects.yaml").read_text(encoding="utf-8"))
TIMELINE = yaml.safe_load((DATA / "timeline.yaml").read_text(encoding="utf-8"))
LOCATED = {p["id"] for p in PLACES if "location" in p}


def svg(html, css_class):
    """The picture: its drawing (an image with title and description) and its layer of links."""
    found = re.search(rf'<figure class="picture-frame {css_class}-frame"[^>]*>(.*?)</figure>', html, re.S)
    assert found, f"no {css_class} picture"
    return found.group(1)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_map_has_a_mark_per_located_place_and_counts_projects_only_by_place(site, prefix):
    picture = svg((site / prefix / "places" / "index.html").read_text(encoding="utf-8"), "corridor-map")
    assert 'role="img"' in picture and "<title" in picture and "<desc" in picture
    places = set(re.findall(r'href="\./#([a-z0-9-]+)"[^>]*><title>[^<]*</title><circle class="place-mark"', picture))
    assert places == LOCATED
    # no source locates a project more precisely than its place: the map has no project marks, only
    # each place's count, linking to the projects table filtered to that place
    assert "project-mark" not in picture
    counts = dict(re.findall(r'href="\.\./projects/\?place=([a-z0-9-]+)".*?class="count-label">(\d+)<', picture))
    expected = {place: sum(place in p["places"] for p in PROJECTS) for place in LOCATED}
    assert {k: int(v) for k, v in counts.items()} == {k: n for k, n in expected.items() if n}
    assert "示意图" in picture if not prefix else "Schematic map" in picture


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_timeline_is_a_list_of_every_entry_in_date_order(site, prefix):
    page = (site / prefix / "timeline" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<nav class="timeline-list"[^>]*><ol>(.*?)</ol></nav>', page, re.S)
    assert found, "no timeline list"
    events = re.findall(r'<li><a href="\./#([a-z0-9-]+)">', found.group(1))
    assert events == [e["id"] for e in sorted(TIMELINE, key=lambda e: sort_key(e["date"]))]


def test_connections_diagram_links_every_area_and_task(site):
    picture = svg((site / "index.html").read_text(encoding="utf-8"), "connections")
    areas = yaml.safe_load((DATA / "areas.yaml").read_text(encoding="utf-8"))
    tasks = yaml.safe_load((DATA / "tasks.yaml").read_text(encoding="utf-8"))
    assert set(re.findall(r'href="areas/([a-z0-9-]+)/"', picture)) == {a["id"] for a in areas}
    assert set(re.findall(r'href="tasks/([a-z0-9-]+)/"', picture)) == {t["id"] for t in tasks}
    assert picture.count('class="link-line"') == sum(len(t["areas"]) for t in tasks)
    # and each area page carries its own small one
    area_page = (site / "areas" / "ecological-civilisation" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../tasks/eco-tourism/"' in svg(area_page, "connections")
