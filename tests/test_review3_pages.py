"""The third site review's findings about how pages read: the plan page opens with the document
itself and says each thing once, no record id or build jargon reaches a reader, the targets page
compares a target only with figures of its own area, a record's facts come before the editors' note,
tables and lists say nothing twice, and a record's page says where it sits in the site."""
import re
from html import unescape
from html.parser import HTMLParser

import pytest
import yaml

from conftest import DATA, REPO, html_pages

# reads pages and never searches: the page fixture leaves the search index out (conftest)
pytestmark = pytest.mark.no_search

LANGS = ("", "en/")
PHONE = {"width": 390, "height": 844}


def _yaml(name):
    return yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))


PLAN = _yaml("plan")
LABELS = yaml.safe_load((REPO / "scripts" / "render" / "labels.yaml").read_text(encoding="utf-8"))


class _Text(HTMLParser):
    """The text a reader sees on a page: text nodes only (no attribute, no address), without the
    page's scripts and styles and the search form's hidden words."""
    SKIP = {"script", "style", "title", "template", "noscript"}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.parts, self._skipping = [], 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def visible_text(path, article: bool = False) -> str:
    """A page's text; with article=True only its content (not the navigation or the table of contents)."""
    html = path.read_text(encoding="utf-8")
    if article:
        html = re.search(r"<article\b.*?</article>", html, re.S).group(0)
    return " ".join(" ".join(_Text(html).parts).split())


def _lang(prefix):
    return "en" if prefix else "zh"


# -- B2: each of Qijiang's positionings is said once ------------------------------------------------

@pytest.mark.parametrize("prefix", LANGS)
def test_each_positioning_is_printed_once_on_the_plan_page(site, prefix):
    text = visible_text(site / prefix / "plan" / "index.html", article=True)
    for p in PLAN["positioning"]:
        note = " ".join(p["note"][_lang(prefix)].split())
        assert text.count(note) == 1, (p["id"], text.count(note))


# -- P4: the plan page reads like the document ------------------------------------------------------

def test_the_english_plan_page_shows_the_chinese_title_near_its_top(page, served):
    title = "《" + PLAN["title"]["zh"] + "》"
    for viewport, screens in (({"width": 1280, "height": 900}, 1), (PHONE, 2)):
        page.set_viewport_size(viewport)
        page.goto(f"{served}/en/plan/")
        shown = page.locator("article").get_by_text(title, exact=True).first
        assert shown.is_visible()
        assert shown.get_attribute("lang") == "zh-Hans"
        assert shown.bounding_box()["y"] + shown.bounding_box()["height"] <= viewport["height"] * screens


@pytest.mark.parametrize("prefix", LANGS)
def test_the_plan_page_opens_with_its_issuers_and_dates_then_structure_reading_background(page, served, prefix):
    lang = _lang(prefix)
    page.set_viewport_size(PHONE)
    page.goto(f"{served}/{prefix}plan/")
    fields = page.locator("article .plan-document dl > dt")
    # each label ends in a colon hidden on screen, there for the search index and screen readers
    names = [n.strip().rstrip(":：").strip() for n in fields.all_inner_texts()]
    for key in ("issuing_bodies", "doc_number", "issued", "published"):
        assert LABELS[key][lang] in names, (key, names)
    # within the first two screens of a phone, before the first background section
    published = fields.nth(names.index(LABELS["published"][lang]))
    bottom = page.evaluate("el => el.nextElementSibling.getBoundingClientRect().bottom + scrollY", published.element_handle())
    assert bottom <= 2 * PHONE["height"], bottom
    order = page.evaluate("""(ids) => ids.map(id => {
        const el = document.getElementById(id); return el ? el.getBoundingClientRect().top + scrollY : null; })""",
                          ["basic-info", "plan-structure", "reading", "background", PLAN["background"][0]["id"]])
    assert None not in order, order
    assert order == sorted(order), "the document, then the plan's own structure, Qijiang's reading and the background"
    assert bottom < order[3]
    # the background is the page's last section
    last = page.locator("article h2").last.get_attribute("id")
    assert last == "background"


@pytest.mark.parametrize("prefix", LANGS)
def test_the_plan_page_gives_its_dates_disagreement_and_where_to_read_it(site, prefix):
    lang = _lang(prefix)
    from scripts.dataset.dates import format_date
    text = visible_text(site / prefix / "plan" / "index.html", article=True)
    head = text[: text.index(LABELS["key_figures"][lang])]
    for key in ("issued", "published"):   # both dates, and the note on why there are two
        event = next(e for e in _yaml("timeline") if e["id"] == PLAN["dates"][key])
        assert (event["date_label"][lang] if "date_label" in event else format_date(event["date"], lang)) in head
    assert " ".join(PLAN["dates"]["note"][lang].split()) in head
    assert LABELS["no_doc_number"][lang] in head   # the data has no document number for it
    assert LABELS["full_text"][lang] in head and "news.gangguwang.com" in head


@pytest.mark.parametrize("prefix", LANGS)
def test_each_key_figure_has_its_value_as_body_text(page, served, prefix):
    page.goto(f"{served}/{prefix}plan/")
    for f in PLAN["figures"]:
        body = page.evaluate("""(id) => { const h = document.getElementById(id).nextElementSibling;
            return h && h.tagName === 'P' ? h.innerText : null; }""", f["id"])
        assert body and str(f["value"]) in body and f["unit"][_lang(prefix)] in body, (f["id"], body)


# -- P3: no record id and no build jargon in what a reader sees --------------------------------------

def _record_ids() -> set[str]:
    ids = set()

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("id"), str):
                ids.add(value["id"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
    for path in DATA.glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return ids


def _data_words() -> str:
    """Every text of the data a reader may see (Chinese and English texts), where an id that is also
    an ordinary word (eco-tourism, central-city) is used as that word."""
    out = []

    def walk(value, key=None):
        if isinstance(value, dict):
            for k, item in value.items():
                walk(item, k)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str) and key in ("zh", "en", "quote", "text"):
            out.append(value)
    for path in [*DATA.glob("*.yaml"), *(DATA / "sources").glob("*.yaml")]:
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return "\n".join(out)


def test_no_record_id_appears_in_the_text_of_any_page(site):
    words = _data_words()
    word = lambda i: re.compile(r"(?<![\w-])" + re.escape(i) + r"(?![\w-])")  # noqa: E731
    ids = [i for i in _record_ids() if not word(i).search(words)]
    assert len(ids) > 100
    found = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")(?![\w-])")
    shown = {}
    for url, path in html_pages(site):
        hits = set(found.findall(visible_text(path)))
        if hits:
            shown[url] = sorted(hits)
    assert shown == {}


def test_the_stored_text_is_spoken_of_only_on_the_methods_page(site):
    for url, path in html_pages(site / "en"):
        if url != "methods/":
            assert "stored text" not in visible_text(path).lower(), url
    for url, path in html_pages(site):
        if not url.startswith("en/") and url != "methods/":
            assert "存储的文本" not in visible_text(path), url


@pytest.mark.parametrize("prefix", LANGS)
def test_the_about_page_is_for_readers(site, prefix):
    text = visible_text(site / prefix / "about" / "index.html")
    for developer in ("make check", "make serve", "make build", "data/projects.yaml", "schema.json", "data/"):
        assert developer not in text, developer
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "make check" in contributing and "make serve" in contributing


@pytest.mark.parametrize("prefix", LANGS)
def test_downloads_lists_the_build_files_for_developers_in_the_pages_language(site, prefix):
    lang = _lang(prefix)
    text = visible_text(site / prefix / "downloads" / "index.html")
    developers = text.index(LABELS["for_developers"][lang])
    for name in ("meta.yaml", "redirects.yaml"):
        assert text.index(name) > developers, name
        assert LABELS[f"download_{name.split('.')[0]}"][lang] in text[developers:]
    assert "see schema.json" not in text and "见 schema.json" not in text
    if lang == "zh":   # no collection shown by its English name on the Chinese page
        assert not re.search(LABELS["download_yaml"]["zh"] + "：[A-Za-z]", text)


# -- P5: a target's latest figure is its own area's -------------------------------------------------

@pytest.mark.parametrize("prefix", LANGS)
def test_a_targets_latest_figure_is_never_another_areas(page, served, prefix):
    statistics = {s["id"]: s for s in _yaml("statistics")}
    page.goto(f"{served}/{prefix}targets/")
    rows = page.locator(".at-a-glance table tbody tr")
    targets = _yaml("targets")
    assert rows.count() == len(targets)
    for target, row in zip(targets, rows.all(), strict=True):
        latest = row.locator("td").nth(2)
        for href in latest.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
            ref = href.split("#")[-1]
            if ref in statistics:
                assert statistics[ref]["scope"] == target.get("scope"), (target["id"], ref)
    gdp = next(i for i, t in enumerate(targets) if t["id"] == "gdp-100bn-yuan")
    cell = rows.nth(gdp).locator("td").nth(2).inner_text()
    scopes = yaml.safe_load((DATA / "schema.json").read_text(encoding="utf-8"))["$defs"]["scope"]["x-labels"]
    assert any(s["scope"] == "wansheng" and s["indicator"] == "gdp" for s in statistics.values())
    assert scopes["wansheng"][_lang(prefix)] not in cell and not re.search(r"239\.5|23\.95", cell), cell
    assert LABELS["none_for_this_area"][_lang(prefix)] in cell


@pytest.mark.parametrize("prefix", LANGS)
def test_a_target_without_figures_says_so_in_one_line(site, prefix):
    html = (site / prefix / "targets" / "index.html").read_text(encoding="utf-8")
    indicators = {s["indicator"] for s in _yaml("statistics")}
    empty = [t for t in _yaml("targets") if "indicator" in t and t["indicator"] not in indicators]
    assert empty
    for target in empty:
        assert not re.search(rf'<h3 id="{target["id"]}-figures"', html), target["id"]
        assert re.search(rf'<p id="{target["id"]}-figures">', html), target["id"]


# -- P8: a project's facts, then the editors' note --------------------------------------------------

@pytest.mark.parametrize("prefix", LANGS)
def test_a_projects_status_comes_before_its_note(site, prefix):
    lang = _lang(prefix)
    noted = [p for p in _yaml("projects") if "note" in p]
    assert noted
    for project in noted:
        html = unescape((site / prefix / "projects" / project["id"] / "index.html").read_text(encoding="utf-8"))
        status = html.index(f"<dt>{LABELS['status'][lang]}<")
        note = html.index('class="admonition note"')
        assert status < note, project["id"]


# -- P10, P12: tables and lists that say nothing twice ----------------------------------------------

COLUMNS = """() => {
  const table = document.querySelector('article .cards-on-phone table');
  if (!table) return null;
  const rows = [...table.querySelectorAll('tbody tr')];
  const width = table.querySelectorAll('thead th').length;
  const text = td => { const c = td.cloneNode(true); c.querySelectorAll('.cell-label').forEach(l => l.remove());
                       return c.innerText.trim(); };
  return [...Array(width).keys()].map(i => rows.map(r => text(r.children[i])));
}"""


@pytest.mark.parametrize("prefix", LANGS)
def test_a_tasks_project_table_does_not_repeat_the_task_in_every_row(page, served, prefix):
    for task in _yaml("tasks"):
        page.goto(f"{served}/{prefix}tasks/{task['id']}/")
        columns = page.evaluate(COLUMNS)
        if columns is None:
            continue
        own = task["name"][_lang(prefix)]
        for column in columns:
            assert not all(cell == own for cell in column), (task["id"], column)


RELATED = """(heading) => {
  const h = document.getElementById(heading);
  const next = [...document.querySelectorAll('article h2')].find(x => h.compareDocumentPosition(x) & Node.DOCUMENT_POSITION_FOLLOWING);
  const inside = el => (h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)
                       && (!next || (el.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING));
  const seen = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
                       && getComputedStyle(el).visibility !== 'hidden'; };
  const out = {};
  for (const a of document.querySelectorAll('article a[href]')) {
    if (!inside(a) || !seen(a)) continue;
    const key = new URL(a.href).pathname;
    out[key] = (out[key] || 0) + 1;
  }
  return out;
}"""


def _heading_id(page, label):
    return page.evaluate("""(label) => { const h = [...document.querySelectorAll('article h2')]
        .find(x => x.textContent.replace('¶', '').trim() === label); return h && h.id; }""", label)


@pytest.mark.parametrize("prefix", LANGS)
def test_on_a_phone_each_related_task_or_area_is_listed_once(page, served, prefix):
    lang = _lang(prefix)
    page.set_viewport_size(PHONE)
    for kind, label, related in (("areas", "related_tasks", "tasks"), ("tasks", "related_areas", "areas")):
        for record in _yaml(kind):
            page.goto(f"{served}/{prefix}{kind}/{record['id']}/")
            heading = _heading_id(page, LABELS[label][lang])
            assert heading, (kind, record["id"])
            counts = page.evaluate(RELATED, heading)
            others = {k: n for k, n in counts.items() if f"/{related}/" in k}
            assert all(n == 1 for n in others.values()), (record["id"], others)
            if kind == "areas":
                assert len(others) == len([t for t in _yaml("tasks") if record["id"] in t["areas"]])


# -- first review #22: a record's page says where it sits -------------------------------------------

@pytest.mark.parametrize("prefix", LANGS)
def test_a_project_page_has_a_breadcrumb_to_the_projects_index(page, served, prefix):
    lang = _lang(prefix)
    project = _yaml("projects")[0]
    page.goto(f"{served}/{prefix}projects/{project['id']}/")
    crumb = page.locator("article nav.breadcrumb")
    assert crumb.is_visible()
    expected = " › ".join([LABELS["home"][lang], LABELS["projects"][lang], project["name"][lang]])
    assert "".join(crumb.inner_text().split()) == "".join(expected.split())
    links = crumb.locator("a")
    assert links.nth(1).evaluate("a => new URL(a.href).pathname") == f"/{prefix}projects/"
    # above the title, and the index it belongs to is the navigation's current item
    assert crumb.bounding_box()["y"] < page.locator("article h1").bounding_box()["y"]
    active = page.locator(".md-nav--primary a.md-nav__link--active")
    assert active.count() >= 1
    assert active.first.evaluate("a => new URL(a.href).pathname") == f"/{prefix}projects/"
    assert page.errors == []


@pytest.mark.parametrize("kind, index", [("areas", "areas"), ("tasks", "tasks"), ("sources", "sources")])
def test_every_record_page_has_a_breadcrumb(site, kind, index):
    for prefix in LANGS:
        record = _yaml(kind)[0]
        html = (site / prefix / kind / record["id"] / "index.html").read_text(encoding="utf-8")
        crumb = re.search(r'<nav class="breadcrumb"[^>]*>(.*?)</nav>', html, re.S)
        assert crumb, (prefix, kind)
        assert 'href="../"' in crumb.group(1) and unescape(LABELS[index][_lang(prefix)]) in unescape(crumb.group(1))


# -- polish ---------------------------------------------------------------------------------------

def test_a_section_heading_is_never_lighter_than_the_one_under_it(page, served):
    page.goto(f"{served}/en/plan/")
    weight = lambda sel: int(page.locator(sel).first.evaluate("h => getComputedStyle(h).fontWeight"))  # noqa: E731
    assert weight("article h2") >= weight("article h3")


@pytest.mark.parametrize("prefix", LANGS)
def test_glossary_headings_give_english_terms_capitalised(site, prefix):
    html = (site / prefix / "glossary" / "index.html").read_text(encoding="utf-8")
    for term in _yaml("glossary"):
        heading = re.search(rf'<h2 id="{term["id"]}">(.*?)<a class="headerlink"', html, re.S)
        assert heading, term["id"]
        english = term["term"]["en"]
        shown = english[:1].upper() + english[1:]
        assert unescape(heading.group(1)).count(shown) == 1, (term["id"], heading.group(1))


def test_the_timeline_list_is_left_to_screens_without_a_table_of_contents(page, served):
    page.goto(f"{served}/en/timeline/")
    assert page.locator(".md-sidebar--secondary .md-nav").first.is_visible()
    assert not page.locator("nav.timeline-list").is_visible()
    page.set_viewport_size(PHONE)
    page.goto(f"{served}/en/timeline/")
    assert page.locator("nav.timeline-list").is_visible()
