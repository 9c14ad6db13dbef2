"""Every project says how current it is: its status with its date, the date of the newest report it
rests on, and, where no report after 2019 exists, that plainly, with the day the reports were last
searched; the projects table sorts and filters by that date."""
import pytest

from conftest import DATA

# reads pages and never searches: the page fixture leaves the search index out (conftest)
pytestmark = pytest.mark.no_search


@pytest.fixture(scope="module")
def model():
    from scripts import dataset
    from scripts.render.model import Model
    return Model(dataset.load(DATA))


def test_a_project_with_no_later_report_says_so_with_the_search_date(page, served, model):
    old = next(p for p in model.projects if not model.reported_after_2019(p))
    page.goto(f"{served}/en/projects/{old['id']}/")
    latest = page.locator("dt", has_text="Latest report").locator("xpath=following-sibling::dd[1]")
    assert "No report about this project after 2019 has been found" in latest.inner_text()
    day = model.sources_searched
    assert f"{int(day[8:])} " in latest.inner_text() and day[:4] in latest.inner_text()
    page.goto(f"{served}/projects/{old['id']}/")
    assert "本站未找到2019年以后关于该项目的报道" in page.locator("article").inner_text()


def test_a_project_with_a_later_report_shows_its_date(page, served, model):
    recent = max(model.projects, key=lambda p: model.latest_report(p))
    page.goto(f"{served}/en/projects/{recent['id']}/")
    latest = page.locator("dt", has_text="Latest report").locator("xpath=following-sibling::dd[1]")
    assert model.latest_report(recent)[:4] in latest.inner_text() and "No report" not in latest.inner_text()


def test_the_projects_table_filters_and_sorts_by_the_latest_report(page, served, model):
    page.goto(f"{served}/en/projects/")
    year = model.report_years()[0]
    page.select_option("select[name=reported]", year)
    shown = page.locator(".project-table tbody tr:not([hidden])")
    expected = [p for p in model.projects if model.latest_report(p)[:4] >= year]
    assert shown.count() == len(expected) > 0
    assert f"reported={year}" in page.url
    page.select_option("select[name=reported]", "none")
    expected = [p for p in model.projects if not model.reported_after_2019(p)]
    assert page.locator(".project-table tbody tr:not([hidden])").count() == len(expected) > 0
    page.select_option("select[name=reported]", "")
    page.locator("th[data-sort=reported] button").click()
    page.locator("th[data-sort=reported] button").click()   # descending: the newest first
    first = page.locator(".project-table tbody tr").first.locator("a").first.get_attribute("href")
    newest = max(model.latest_report(p) for p in model.projects)
    assert any(first.endswith(f"{p['id']}/") for p in model.projects if model.latest_report(p) == newest)
