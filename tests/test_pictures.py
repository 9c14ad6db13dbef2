"""The pictures show what the data says, and say it in words too."""
import re

import pytest
import yaml

from conftest import DATA

PLACES = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8"))
PROJECTS = yaml.safe_load((DATA / "projects.yaml").read_text(encoding="utf-8"))
TIMELINE = yaml.safe_load((DATA / "timeline.yaml").read_text(encoding="utf-8"))
LOCATED = {p["id"] for p in PLACES if "location" in p}


def svg(html, css_class):
    """The picture: its drawing (an image with title and description) and its layer of links."""
    found = re.search(rf'<figure class="picture-frame {css_class}-frame">(.*?)</figure>', html, re.S)
    assert found, f"no {css_class} picture"
    return found.group(1)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_map_has_a_mark_per_located_place_and_project(site, prefix):
    picture = svg((site / prefix / "places" / "index.html").read_text(encoding="utf-8"), "corridor-map")
    assert 'role="img"' in picture and "<title" in picture and "<desc" in picture
    places = set(re.findall(r'href="\./#([a-z0-9-]+)"[^>]*><circle class="place-mark"', picture))
    assert places == LOCATED
    projects = set(re.findall(r'href="\.\./projects/([a-z0-9-]+)/"[^>]*><circle class="project-mark"', picture))
    assert projects == {p["id"] for p in PROJECTS if set(p["places"]) & LOCATED}


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_timeline_has_an_event_per_entry(site, prefix):
    picture = svg((site / prefix / "timeline" / "index.html").read_text(encoding="utf-8"), "timeline-picture")
    events = re.findall(r'href="\./#([a-z0-9-]+)"[^>]*><circle class="event-mark"', picture)
    assert sorted(events) == sorted(e["id"] for e in TIMELINE)
    assert f"{len(TIMELINE)}" in re.search(r"<desc[^>]*>(.*?)</desc>", picture).group(1)


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
