"""The kinds of page and where each is published: the one registry of the site's pages, read by the
renderer (which pages to make, links), the engine (the nav), the checks (a redirect must not hide a
live page) and the tests (one page of each kind)."""
from __future__ import annotations

from dataclasses import dataclass

# kind -> (collection, page of a record or page holding it as an anchor, field holding its title)
KINDS = {
    "area": ("areas", "areas/{id}.md", "name"),
    "task": ("tasks", "tasks/{id}.md", "name"),
    "project": ("projects", "projects/{id}.md", "name"),
    "target": ("targets", "targets.md#{id}", "name"),
    "place": ("places", "places.md#{id}", "name"),
    "term": ("glossary", "glossary.md#{id}", "term"),
    "event": ("timeline", "timeline.md#{id}", "title"),
    "source": ("sources", "sources/{id}.md", "title"),
    "key_task": (None, "plan.md#{id}", "title"),
    "figure": (None, "plan.md#{id}", "label"),
    "positioning": (None, "plan.md#{id}", "term"),
    "layout_part": (None, "plan.md#{id}", "name"),
    "document": ("documents", "documents.md#{id}", "title"),
    "statistic": ("statistics", "targets.md#{id}", "indicator"),
}
COLLECTION_KIND = {coll: kind for kind, (coll, _, _) in KINDS.items() if coll}

# the kinds of record with a page of their own, and its template
RECORD_TEMPLATES = {"area": "area.md.j2", "task": "task.md.j2", "project": "project.md.j2", "source": "source.md.j2"}


@dataclass(frozen=True)
class IndexPage:
    """A page that is not one record's own."""
    path: str                   # where it is in the docs: "plan.md", "areas/index.md"
    template: str | None        # the template that makes it; None for a hand-written page (docs/pages/)
    section: str | None         # the nav section it is listed in (a label key); None: not in a section
    needs: str | None = None    # made only where this collection has records ("history": the data's versions)


INDEX_PAGES = [
    IndexPage("index.md", "home.md.j2", None),
    IndexPage("plan.md", "plan.md.j2", "nav_plan_own"),
    IndexPage("documents.md", "documents.md.j2", "nav_plan_own", needs="documents"),
    IndexPage("areas/index.md", "areas_index.md.j2", "nav_qijiang_reading"),
    IndexPage("tasks/index.md", "tasks_index.md.j2", "nav_qijiang_reading"),
    IndexPage("projects/index.md", "projects_index.md.j2", "nav_qijiang_reading"),
    IndexPage("targets.md", "targets.md.j2", "nav_qijiang_reading"),
    IndexPage("places.md", "places.md.j2", "nav_reference"),
    IndexPage("timeline.md", "timeline.md.j2", "nav_reference"),
    IndexPage("glossary.md", "glossary.md.j2", "nav_reference"),
    IndexPage("sources/index.md", "sources_index.md.j2", "nav_reference"),
    IndexPage("methods.md", "methods.md.j2", "nav_reference"),
    IndexPage("downloads.md", "downloads.md.j2", "nav_reference"),
    IndexPage("changes.md", "changes.md.j2", "nav_reference", needs="history"),
    IndexPage("about.md", None, "nav_reference"),
]
NOT_FOUND = "404.html"   # each language's page for an unknown address (Material makes it)


def index_pages(collections: dict, history: bool = True) -> list[IndexPage]:
    """The index pages the data publishes: documents/ only with documents, changes/ only with a history."""
    present = {name for name, value in collections.items() if value} | ({"history"} if history else set())
    return [p for p in INDEX_PAGES if p.needs is None or p.needs in present]


def nav(collections: dict, history: bool = True) -> list:
    """MkDocs' nav: the home page, then each section (a label key, titled per language by the
    engine's plugin) with its pages, in the registry's order; record pages are reached from them."""
    out: list = []
    for page in index_pages(collections, history):
        if page.section is None:
            out.append(page.path)
        elif out and isinstance(out[-1], dict) and f"@{page.section}" in out[-1]:
            out[-1][f"@{page.section}"].append(page.path)
        else:
            out.append({f"@{page.section}": [page.path]})
    return out


def not_in_nav() -> list[str]:
    """The record pages' folders, which the nav leaves out on purpose (MkDocs' not_in_nav)."""
    return [f"/{KINDS[kind][1].split('{')[0]}*.md" for kind in RECORD_TEMPLATES]


def address(page: str) -> str:
    """The address a page path is served at: index.md -> "", projects/index.md -> projects/,
    plan.md -> plan/, projects/x.md -> projects/x/."""
    path = page.split("#")[0][: -len(".md")]
    if path == "index":
        return ""
    return (path[: -len("/index")] if path.endswith("/index") else path) + "/"


def live_addresses(collections: dict) -> set[str]:
    """Every page address the data publishes in one language: the index pages and each record
    that has a page of its own."""
    found = {address(p.path) for p in index_pages(collections)}
    for kind in RECORD_TEMPLATES:
        collection, pattern, _ = KINDS[kind]
        for record in collections.get(collection) or []:
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                found.add(address(pattern.format(id=record["id"])))
    return found


def one_of_each_kind(collections: dict) -> list[str]:
    """An address of every kind of page in one language: each index page, the first record's page of
    each kind with pages, and the 404 page (what browser, accessibility and Lighthouse runs open)."""
    found = [address(p.path) for p in index_pages(collections)]
    for kind in RECORD_TEMPLATES:
        collection, pattern, _ = KINDS[kind]
        records = [r for r in collections.get(collection) or [] if isinstance(r, dict)]
        if records:
            found.append(address(pattern.format(id=records[0]["id"])))
    return [*found, NOT_FOUND]
