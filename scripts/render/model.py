"""What the pages need from the dataset: records by id, the links between them, and where each lives.

Links are stored one way in the data (a project names its tasks); the reverse links a page shows
(a task's projects) are derived here, so the data never says the same thing twice.
"""
from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from scripts.dataset.text import Terms
from scripts.downloads import CSV_COLUMNS

# kind -> (collection, page of a record or page holding it as an anchor, field holding its title)
KINDS = {
    "area": ("areas", "areas/{id}.md", "name"),
    "task": ("tasks", "tasks/{id}.md", "name"),
    "project": ("projects", "projects/{id}.md", "name"),
    "target": ("targets", "targets.md#{id}", "name"),
    "place": ("places", "places.md#{id}", "name"),
    "term": ("glossary", "glossary.md#{id}", "term"),
    "event": ("timeline", "timeline.md#{id}", "title"),
    "source": ("sources", "sources.md#{id}", "title"),
    "key_task": (None, "plan.md#{id}", "title"),
    "figure": (None, "plan.md#{id}", "label"),
    "positioning": (None, "plan.md#{id}", "term"),
    "layout_part": (None, "plan.md#{id}", "name"),
}


COLLECTION_KIND = {coll: kind for kind, (coll, _, _) in KINDS.items() if coll}


class Model:
    TARGETS_LISTED = 10   # a project lists its tasks' targets up to this many; beyond, it links to them
    def __init__(self, ds, history=None):
        """`history` is the dataset's versions (scripts/changes.py), for the changes page."""
        c = ds.collections
        self.history = history
        self.schema = ds.schema
        self.plan, self.meta = c["plan"], c["meta"]
        self.areas, self.tasks, self.projects = c["areas"], c["tasks"], c["projects"]
        self.targets, self.places, self.glossary = c["targets"], c["places"], c["glossary"]
        self.timeline = sorted(c["timeline"], key=lambda e: (_sort_date(e["date"]), e["id"]))
        self.sources = {s["id"]: s for s in c["sources"]}
        self.by_id = {kind: {r["id"]: r for r in c[coll]} for kind, (coll, _, _) in KINDS.items() if coll}
        self.by_id["key_task"] = {k["id"]: k for k in self.plan["structure"]["key_tasks"]}
        self.by_id["figure"] = {f["id"]: f for f in self.plan["figures"]}
        self.by_id["positioning"] = {p["id"]: p for p in self.plan["positioning"]}
        self.by_id["layout_part"] = {p["id"]: p for p in self.plan["layout"]["parts"]}
        self._kind = {id(r): kind for kind, records in self.by_id.items() for r in records.values()}

        self.projects_of = defaultdict(list)   # task id, area id, place id -> projects
        for p in self.projects:
            for key in ("tasks", "areas", "places"):
                for ref in p[key]:
                    self.projects_of[ref].append(p)
        self.tasks_of_area = defaultdict(list)
        for task in self.tasks:
            for ref in task["areas"]:
                self.tasks_of_area[ref].append(task)
        self.targets_of_task = defaultdict(list)
        for target in self.targets:
            for ref in target["tasks"]:
                self.targets_of_task[ref].append(target)
        self.areas_of_key_task = defaultdict(list)
        for area in self.areas:
            self.areas_of_key_task[area["plan_key_task"]].append(area)
        self.events_of_target = defaultdict(list)
        for event in self.timeline:
            for ref in event.get("targets", []):
                self.events_of_target[ref].append(event)

    # -- where things are -------------------------------------------------------------------------
    def kind_of(self, record) -> str:
        return self._kind[id(record)]

    def path(self, record, kind: str) -> str:
        return KINDS[kind][1].format(id=record["id"])

    def title(self, record, kind: str):
        return record[KINDS[kind][2]]

    def page_of(self, collection: str, ident: str) -> str | None:
        """Where a record of the current data is shown (plan.md, projects/x.md, places.md#x), or
        None for a record no longer in the data."""
        if collection == "plan":
            return "plan.md"
        kind = COLLECTION_KIND.get(collection)
        record = self.by_id[kind].get(ident) if kind else None
        return self.path(record, kind) if record else None

    def get(self, kind: str, ref: str):
        return self.by_id[kind][ref]

    def all(self, kind: str, refs) -> list:
        return [self.by_id[kind][r] for r in refs]

    def vocabulary(self, collection: str, field: str) -> dict:
        """Labels of a vocabulary field, from the schema, e.g. vocabulary('projects', 'status')."""
        if collection in self.schema["$defs"]:
            return self.schema["$defs"][collection]["properties"][field]["x-labels"]
        return self.schema["properties"][collection]["items"]["properties"][field]["x-labels"]

    # -- what is derived --------------------------------------------------------------------------
    def targets_of_project(self, project) -> list:
        seen = {}
        for ref in project["tasks"]:
            for target in self.targets_of_task[ref]:
                seen.setdefault(target["id"], target)
        return list(seen.values())

    def areas_of_task(self, task) -> list:
        return self.all("area", task["areas"])

    def citing(self, source_id: str) -> list:
        """Top-level records citing a source, with their kind, for the sources page."""
        return self._citing.get(source_id, [])

    def term_users(self, term) -> list:
        """Pages (records with pages of their own) whose Chinese text uses the term."""
        return self._term_users.get(term["id"], [])

    @cached_property
    def _citing(self) -> dict:
        # one pass over every record, not one per source: the sources page asks for each source
        found = defaultdict(list)
        for records in self.by_id.values():
            for record in records.values():
                for source in dict.fromkeys(c["source"] for c in _citations(record)):
                    found[source].append(record)
        return found

    @cached_property
    def _term_users(self) -> dict:
        terms = Terms(self.glossary)
        users = defaultdict(list)
        for kind in ("area", "task", "project"):
            for record in self.by_id[kind].values():
                for term_id in dict.fromkeys(term["id"] for text in _chinese(record) for term, _ in terms.in_text(text)):
                    users[term_id].append(record)
        return users

    def project_filters(self, lang: str) -> list:
        """(field, [(value, label)]) for each filter of the projects table, values in use only."""
        used = lambda key: {v for p in self.projects for v in ([p[key]] if isinstance(p[key], str) else p[key])}  # noqa: E731
        out = []
        for field in ("category", "status"):
            labels = self.vocabulary("projects", field)
            out.append((field, [(v, labels[v][lang]) for v in labels if v in used(field)]))
        out.append(("tasks", [(t["id"], t["name"][lang]) for t in self.tasks if t["id"] in used("tasks")]))
        out.append(("areas", [(a["id"], a["name"][lang]) for a in self.areas if a["id"] in used("areas")]))
        return out

    def pages(self):
        """(path, template, values) for every generated page."""
        yield "index.md", "home.md.j2", {}
        yield "plan.md", "plan.md.j2", {}
        yield "areas/index.md", "areas_index.md.j2", {}
        yield "tasks/index.md", "tasks_index.md.j2", {}
        yield "projects/index.md", "projects_index.md.j2", {"filters": self.project_filters}
        for kind, template in (("area", "area.md.j2"), ("task", "task.md.j2"), ("project", "project.md.j2")):
            for record in self.by_id[kind].values():
                yield self.path(record, kind), template, {"r": record}
        for name in ("targets", "places", "glossary", "timeline", "sources"):
            yield f"{name}.md", f"{name}.md.j2", {}
        yield "downloads.md", "downloads.md.j2", {"csv_columns": CSV_COLUMNS}
        if self.history is not None:
            yield "changes.md", "changes.md.j2", {"history": self.history}


def _sort_date(date: str) -> str:
    # a year or month alone sorts at its end: "late 2018" comes after April 2018
    return (date + "-12-31"[len(date) - 4:]) if len(date) < 10 else date


def _citations(value):
    if isinstance(value, dict):
        if set(value) == {"source", "quote"}:
            yield value
        for item in value.values():
            yield from _citations(item)
    elif isinstance(value, list):
        for item in value:
            yield from _citations(item)


def _chinese(value):
    if isinstance(value, dict):
        if isinstance(value.get("zh"), str):
            yield value["zh"]
        for key, item in value.items():
            if key != "sources":
                yield from _chinese(item)
    elif isinstance(value, list):
        for item in value:
            yield from _chinese(item)
