"""What a researcher or journalist needs to cite, reuse, correct and follow the site: its licence on
every page and file, a JSON file per record, the projects on screen as CSV, a way to report an error
and a feed of developments."""
import csv
import io
import json
import re
import urllib.parse

import feedparser
import pytest
import yaml

from conftest import DATA, ONE_OF_EACH_KIND, REPO, REPO_URL, SITE_URL, html_pages

# reads pages and never searches: the page fixture leaves the search index out (conftest)
pytestmark = pytest.mark.no_search

LANG_ROOTS = (("zh", ""), ("en", "en/"))
RECORD_PAGES = [a for a in ONE_OF_EACH_KIND if re.match(r"(projects|areas|tasks|sources)/[^/]+/$", a)]


def test_licence_files_name_the_terms():
    code = (REPO / "LICENSE").read_text(encoding="utf-8")
    data = (REPO / "LICENSE-DATA").read_text(encoding="utf-8")
    assert code.startswith("MIT License") and "Permission is hereby granted, free of charge" in code
    assert "Creative Commons Attribution 4.0" in data and "https://creativecommons.org/licenses/by/4.0/" in data
    assert "remain their outlets'" in data


def test_every_page_carries_the_licence_and_the_feed(site):
    """In its footer, the licence (linked, rel=license); in its head, the language's feed."""
    for url, path in html_pages(site):
        html = path.read_text(encoding="utf-8")
        footer = html[html.index('class="md-copyright__highlight"'):]
        assert re.search(r'<a href="https://creativecommons.org/licenses/by/4.0/[^"]*" rel="license">CC BY 4.0</a>', footer), url
        assert "MIT" in footer, url
        feeds = re.findall(r'<link rel="\s*alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', html)
        assert len(feeds) == 1, url
        lang_root = "en/" if url.startswith("en/") else ""
        if url.endswith("404.html"):
            assert feeds[0] == f"/{lang_root}feed.xml", url
        else:
            depth = url[len(lang_root):].count("/")
            assert feeds[0] == "../" * depth + "feed.xml" or (depth == 0 and feeds[0] == "./feed.xml"), (url, feeds[0])


@pytest.mark.parametrize("lang,root", LANG_ROOTS)
def test_the_licence_is_on_the_downloads_and_in_every_json_file(site, lang, root):
    downloads = (site / root / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'id="licence"' in downloads and "CC BY 4.0" in downloads and "MIT" in downloads
    dataset = json.loads((site / root / "downloads" / "dataset.json").read_text(encoding="utf-8"))
    assert dataset["licence"]["data_and_text"] == "CC-BY-4.0" and dataset["licence"]["code"] == "MIT"
    for path in (site / root / "downloads" / "records").rglob("*.json"):
        assert json.loads(path.read_text(encoding="utf-8"))["licence"]["data_and_text"] == "CC-BY-4.0", path


SHARED_PAGES = {"documents/": ["documents"], "targets/": ["targets", "statistics"], "places/": ["places"],
                "timeline/": ["timeline"], "glossary/": ["glossary"]}


@pytest.mark.parametrize("lang,root", LANG_ROOTS)
def test_each_record_links_its_own_json(site, lang, root):
    """From a record's own page, and from each record on a shared page, to a JSON file holding it."""
    def linked(page):
        html = (site / root / page / "index.html").read_text(encoding="utf-8")
        return re.findall(r'<p class="record-tools"[^>]*><a href="([^"]+\.json)">', html)
    for address in RECORD_PAGES:
        found = linked(address)
        assert len(found) == 1, address
        body = json.loads((site / root / address / found[0]).resolve().read_text(encoding="utf-8"))
        assert body["record"]["id"] == address.strip("/").split("/")[1] and body["dataset_version"]
    for page, collections in SHARED_PAGES.items():
        ids = [r["id"] for c in collections for r in yaml.safe_load((DATA / f"{c}.yaml").read_text(encoding="utf-8"))]
        found = linked(page)
        assert sorted(f.rsplit("/", 1)[1][:-5] for f in found) == sorted(ids), page
        for href in found:
            assert json.loads((site / root / page / href).resolve().read_text(encoding="utf-8"))["record"]["id"] in ids


def test_without_a_repository_no_page_offers_a_report_link(site):
    for address in RECORD_PAGES:
        assert "/issues/new" not in (site / address / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang,root", LANG_ROOTS)
def test_with_a_repository_each_record_page_links_its_new_issue_form(published, lang, root):
    """REPO_URL set: "报告错误 / Report an error" opens the repository's form with the page's address
    and the record filled in."""
    site, _ = published
    word = "报告错误" if lang == "zh" else "Report an error"
    for address in RECORD_PAGES:
        html = (site / root / address / "index.html").read_text(encoding="utf-8")
        link = re.search(r'<a href="([^"]+)">' + word + "</a>", html)
        assert link, address
        href = link.group(1).replace("&amp;", "&")
        assert href.startswith(REPO_URL + "/issues/new?"), href
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)
        collection, ident = address.strip("/").split("/")
        assert SITE_URL + root + address in query["body"][0]
        assert f"{collection}/{ident}" in query["body"][0] and query["title"][0]


@pytest.mark.parametrize("lang,root", LANG_ROOTS)
def test_the_feed_parses_and_lists_the_latest_developments(published, lang, root):
    """A real feed parser reads each language's feed: newest first, each entry linking to its
    project's history and to the reports it rests on, in the page's language."""
    site, _ = published
    parsed = feedparser.parse((site / root / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.language in ("zh-Hans", "en") and parsed.feed.language.startswith(lang)
    projects = {p["id"]: p for p in yaml.safe_load((DATA / "projects.yaml").read_text(encoding="utf-8"))}
    events = sorted(((e["date"], p["id"]) for p in projects.values() for e in p["history"]), reverse=True)
    assert len(parsed.entries) == min(100, len(events))
    dates = [e.updated for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    newest = parsed.entries[0]
    ident = re.search(r"/projects/([^/]+)/", newest.link).group(1)
    assert (events[0][0], ident) in events[:5]
    assert newest.link == f"{SITE_URL}{root}projects/{ident}/#history"
    assert projects[ident]["name"][lang] in newest.title
    related = [link.href for link in newest.links if link.rel == "related"]
    assert related and all(h.startswith(f"{SITE_URL}{root}sources/") for h in related)
    for href in related:
        assert (site / root / href[len(SITE_URL + root):] / "index.html").is_file(), href
    assert len({e.id for e in parsed.entries}) == len(parsed.entries)


def test_the_projects_on_screen_download_as_csv(page, served):
    """"Download this view (CSV)": the rows the reader sees, in their order, and no others."""
    page.goto(served + "/en/projects/?category=rail")
    shown = page.locator(".project-table tbody tr:not([hidden])")
    names = [shown.nth(i).locator("td").first.inner_text().strip() for i in range(shown.count())]
    assert 0 < len(names) < page.locator(".project-table tbody tr").count()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download this view (CSV)").click()
    raw = open(info.value.path(), "rb").read()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "id" and rows[0][1] == "Name"
    assert [r[1] for r in rows[1:]] == names
    assert all(r[-1].startswith(served + "/en/projects/") for r in rows[1:])
    assert page.errors == []


@pytest.mark.parametrize("lang,root", LANG_ROOTS)
def test_the_about_page_says_how_to_report_an_error_and_the_licence(site, lang, root):
    """Instructions, and nothing that depends on a repository the build was not told of."""
    html = (site / root / "about" / "index.html").read_text(encoding="utf-8")
    assert 'id="report-an-error"' in html and 'id="licence"' in html
    assert ("页面地址" if lang == "zh" else "the page's address") in html
    assert "CC BY 4.0" in html and "MIT" in html
    assert "/issues/new" not in html
