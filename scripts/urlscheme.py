"""Where each kind of record is published: the one statement of the site's address scheme, read by
the renderer (links, pages) and by the checks (a redirect must not hide a live page)."""
from __future__ import annotations

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

# pages that are not a record's own, as page paths (index.md is the home page)
FIXED_PAGES = ["index.md", "plan.md", "areas/index.md", "tasks/index.md", "projects/index.md", "targets.md",
               "places.md", "glossary.md", "timeline.md", "documents.md", "sources/index.md", "methods.md",
               "downloads.md", "changes.md", "about.md"]


def address(page: str) -> str:
    """The address a page path is served at: index.md -> "", projects/index.md -> projects/,
    plan.md -> plan/, projects/x.md -> projects/x/."""
    path = page.split("#")[0][: -len(".md")]
    if path == "index":
        return ""
    return (path[: -len("/index")] if path.endswith("/index") else path) + "/"


def live_addresses(collections: dict) -> set[str]:
    """Every page address the data publishes in one language: the fixed pages and each record
    that has a page of its own."""
    found = {address(p) for p in FIXED_PAGES if p != "documents.md" or collections.get("documents")}
    for collection, pattern, _ in KINDS.values():
        if collection and "#" not in pattern:
            for record in collections.get(collection) or []:
                if isinstance(record, dict) and isinstance(record.get("id"), str):
                    found.add(address(pattern.format(id=record["id"])))
    return found
