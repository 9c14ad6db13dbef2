"""A status has a date: each project holds a dated, sourced history, its status is its last
event's, and readers see the history on the project page, the date in the table, and the latest
developments on the home page."""
import re

import pytest
import yaml

from conftest import DATA, run_main

# reads pages and never searches: the page fixture leaves the search index out (conftest)
pytestmark = pytest.mark.no_search


def projects(data_dir=DATA):
    return yaml.safe_load((data_dir / "projects.yaml").read_text(encoding="utf-8"))


def with_history(data_dir, n=2):
    return next(p for p in projects(data_dir) if len(p["history"]) >= n)


def _block(text, pid):
    start = text.index(f'- id: "{pid}"')
    end = text.find("\n- id:", start + 1)
    return start, (end if end != -1 else len(text))


def _line_of(text, needle, start):
    return text[:text.index(needle, start)].count("\n") + 1


def edit_project(data_dir, pid, change) -> str:
    """Apply change(text of the project's record) as an editor would; return the file's new text."""
    path = data_dir / "projects.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = _block(text, pid)
    new = change(text[start:end])
    assert new != text[start:end], "the edit changed nothing"
    path.write_text(text[:start] + new + text[end:], encoding="utf-8")
    return text[:start] + new + text[end:]


def test_every_project_shows_a_dated_status():
    for p in projects():
        assert p["history"], p["id"]
        assert p["status"] == p["history"][-1]["status"], p["id"]
        for e in p["history"]:
            assert e["sources"], (p["id"], e["date"])


def test_an_undated_event_is_rejected(data_copy):
    p = with_history(data_copy)
    edit_project(data_copy, p["id"], lambda block: re.sub(r'(\n    - )date: "[^"]+"\n      ', r"\1", block, count=1))
    result = run_main("scripts.check", "--data", str(data_copy))
    assert result.returncode == 1
    assert re.search(rf"projects\.yaml:\d+: {p['id']}: history\[1\]: missing field 'date'", result.stderr), result.stderr


def test_events_out_of_order_are_rejected(data_copy):
    p = with_history(data_copy)
    first = p["history"][0]["date"]
    edit_project(data_copy, p["id"], lambda block: block.replace(f'- date: "{first}"', '- date: "2099"', 1))
    result = run_main("scripts.check", "--data", str(data_copy))
    assert result.returncode == 1
    assert re.search(rf"projects\.yaml:\d+: {p['id']}: history\[2\]\.date: event of .* comes after one of 2099", result.stderr), result.stderr


def test_a_status_that_disagrees_with_the_history_is_rejected(data_copy):
    p = with_history(data_copy)
    other = "seeking" if p["status"] != "seeking" else "completed"
    text = edit_project(data_copy, p["id"], lambda block: block.replace(f"\n  status: {p['status']}\n", f"\n  status: {other}\n", 1))
    line = _line_of(text, f"  status: {other}", text.index(f'- id: "{p["id"]}"'))
    result = run_main("scripts.check", "--data", str(data_copy))
    assert f"projects.yaml:{line}: {p['id']}: status: status '{other}' disagrees with the last event" in result.stderr, result.stderr


def test_project_page_shows_its_history_newest_first(page, served):
    p = with_history(DATA, 3)
    page.goto(f"{served}/en/projects/{p['id']}/")
    items = page.locator(".history > ul > li")
    assert items.count() == len(p["history"])
    dates = [items.nth(i).locator("time").get_attribute("datetime") for i in range(items.count())]
    assert dates == [e["date"] for e in reversed(p["history"])]
    # each event has its sources, with the quote and its translation
    first = items.first
    first.locator("details.quote").evaluate("d => d.open = true")
    assert first.locator('q[lang="zh-Hans"]').count() >= 1
    assert first.locator(".translation").count() >= 1
    status = page.locator("article dl dt", has_text="Status").first.locator("xpath=following-sibling::dd[1]")
    assert "as of" in status.inner_text()


def test_projects_table_sorts_by_status_date(page, served):
    page.goto(f"{served}/en/projects/")
    button = page.locator(".project-table th[data-sort='status-date'] button")
    button.click()
    values = page.locator(".project-table tbody tr td:nth-child(3)").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-sort-value'))")
    assert values == sorted(values) and len(set(values)) > 1
    button.click()
    values = page.locator(".project-table tbody tr td:nth-child(3)").evaluate_all(
        "cells => cells.map(c => c.getAttribute('data-sort-value'))")
    assert values == sorted(values, reverse=True)
    assert page.locator(".project-table th[data-sort='status-date']").get_attribute("aria-sort") == "descending"
    assert page.errors == []


def test_home_page_lists_the_latest_developments(site):
    html = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert 'id="latest"' in html
    section = html.split('id="latest"', 1)[1].split("<h2", 1)[0]
    # each item starts with its event's date in bold: the newest first, all reported after 2019
    dates = re.findall(r"<li><strong>([^<]+)</strong>", section)
    years = [int(re.search(r"(20\d\d)", d).group(1)) for d in dates]
    assert len(years) == 6 and years == sorted(years, reverse=True) and years[-1] >= 2020 and years[0] >= 2025


def test_the_timeline_includes_project_events(site):
    html = (site / "en" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'id="project-events"' in html
