"""What the pages need from the dataset: records by id, the links between them, and where each lives.

Links are stored one way in the data (a project names its tasks); the reverse links a page shows
(a task's projects) are derived here, so the data never says the same thing twice.

The records, lists and indexes the model gives the templates note what each page reads
(scripts/render/reads.py), so that make serve renders again only the pages an edit touches.
"""
from __future__ import annotations

import re
from collections import defaultdict

from scripts.dataset import evidence
from scripts.dataset.dates import sort_key
from scripts.dataset.text import Terms, normalise_for_quote
from scripts.downloads import CSV_COLUMNS
from scripts.urlscheme import COLLECTION_KIND, KINDS, RECORD_TEMPLATES, index_pages

from .reads import Index, Members, Record, Watched, derived

# a place is also called without its kind: 綦江区 -> 綦江, Tongzi County -> Tongzi (map labels, search)
PLACE_SUFFIX = {"zh": re.compile(r"(?<=..)((?<!新)区|县|市|镇|经济技术开发区)$"),   # 两江新区 keeps its 区
                "en": re.compile(r" (District|County|Town|Economic and Technological Development Zone)$")}


class Model:
    TARGETS_LISTED = 10   # a project lists its tasks' targets up to this many; beyond, it links to them
    def __init__(self, ds, history=None):
        """`history` is the dataset's versions (scripts/changes.py), for the changes page."""
        c = self.collections = _tracked(ds.collections)
        self._history = history
        self.history = Watched(history) if history is not None else None
        self.schema = ds.schema
        self.digests = getattr(ds, "digests", {})   # of the files the records were read from (scripts/render/reads.py)
        self.plan, self.meta = c["plan"], c["meta"]
        self.areas, self.tasks, self.projects = c["areas"], c["tasks"], c["projects"]
        self.targets, self.places, self.glossary = c["targets"], c["places"], c["glossary"]
        self.timeline = Members(sorted(c["timeline"], key=lambda e: (sort_key(e["date"]), e["id"])), "members:timeline-by-date")
        self.sources = Index({s["id"]: s for s in c["sources"]}, "members:sources")
        self.evidence = Index(ds.evidence, "members:evidence", each="evidence")   # source id -> its excerpts (data/sources/<id>.yaml)
        self.documents = Members(sorted(c.get("documents") or [], key=lambda d: (sort_key(d["dates"][0]["date"]), d["id"])),
                                 "members:documents-by-date")
        self.statistics = c.get("statistics") or Members([], "members:statistics")
        self.by_id = {kind: Index({r["id"]: r for r in c.get(coll) or []}, f"members:{coll}")
                      for kind, (coll, _, _) in KINDS.items() if coll}
        for kind, part in PLAN_PARTS.items():
            self.by_id[kind] = Index({r["id"]: r for r in _at(self.plan, part)}, "plan")
        self._kind = {id(r): kind for kind, records in self.by_id.items() for r in dict.values(records)}

    # -- who points here: reverse links, derived once from the records that hold them -------------
    @derived
    def projects_of(self) -> dict:
        """Task id, area id, place id -> the projects that name it."""
        return _lists(self.projects, ("tasks", "areas", "places"))

    @derived
    def tasks_of_area(self) -> dict:
        return _lists(self.tasks, ("areas",))

    @derived
    def targets_of_task(self) -> dict:
        return _lists(self.targets, ("tasks",))

    @derived
    def areas_of_key_task(self) -> dict:
        return _lists(self.areas, ("plan_key_task",))

    @derived
    def events_of_target(self) -> dict:
        return _lists(self.timeline, ("targets",))

    @derived
    def projects_of_document(self) -> dict:
        return _lists(self.projects, ("documents",))

    @derived
    def documents_carrying_out(self) -> dict:
        return _lists(self.documents, ("carries_out",))

    @property
    def sources_searched(self):
        return self.meta["sources_searched"]

    def read(self, dep: str):
        """The current value of something a page read (scripts/render/reads.py), None if it is gone:
        a record ("projects/x", "plan"), a list of them ("members:projects"), a derived index
        ("derived:projects_of"), a source's evidence ("evidence:x") or part of the history."""
        what, colon, which = dep.partition(":")
        if not colon:
            collection, _, ident = dep.partition("/")
            return dict.get(self.by_id[COLLECTION_KIND[collection]], ident) if ident else self.collections.get(collection)
        if what == "members":
            lists = {"timeline-by-date": self.timeline, "documents-by-date": self.documents, "evidence": self.evidence}
            return lists[which] if which in lists else self.collections.get(which)
        if what == "evidence":
            return dict.get(self.evidence, which)
        if what == "history":
            return getattr(self._history, which, None)
        return getattr(self, which, None)   # derived

    # -- a project's history ----------------------------------------------------------------------
    @staticmethod
    def status_of(project) -> tuple[str, str]:
        """The status a project shows and the date it holds from: its last event's."""
        return project["history"][-1]["status"], project["history"][-1]["date"]

    @derived
    def project_events(self) -> list[tuple[dict, dict]]:
        """(project, event) for every event of every project, oldest first."""
        found = [(p, e) for p in self.projects for e in p.get("history") or []]
        return sorted(found, key=lambda pe: (sort_key(pe[1]["date"]), pe[0]["id"]))

    @derived
    def _latest_reports(self) -> dict[str, str]:
        """Project id -> the date of the newest report it rests on: its events' dates and the printed
        dates of the sources it cites, whichever is later (an undated report counts by its event's date).
        Made once: every project page and every row of the projects table asks."""
        found = {}
        for p in self.projects:
            dates = [e["date"] for e in p["history"]]
            dates += [self.sources[c["source"]]["date"] for c in _citations(p) if self.sources[c["source"]].get("date")]
            found[p["id"]] = max(dates, key=sort_key)
        return found

    def latest_report(self, project) -> str:
        return self._latest_reports[project["id"]]

    def reported_after_2019(self, project) -> bool:
        return self.latest_report(project)[:4] > "2019"

    @derived
    def _report_years(self) -> list[str]:
        return sorted({d[:4] for d in self._latest_reports.values() if d[:4] > "2019"}, reverse=True)

    def report_years(self) -> list[str]:
        """The years a reader may ask for projects reported in or after (the projects table's filter),
        newest first: each year after 2019 in which some project's newest report falls."""
        return self._report_years

    @derived
    def _passages(self) -> dict[str, list[str]]:
        return {sid: evidence.passages(found) for sid, found in self.evidence.items()}

    def excerpt_number(self, source_id: str, quote: str) -> int | None:
        """Which excerpt of its source's evidence a quote lies in (1-based), for a link to it."""
        q = normalise_for_quote(quote)
        return next((n for n, passage in enumerate(self._passages[source_id], 1) if q in passage), None)

    @derived
    def sources_by_date(self) -> list:
        """The sources, newest first; undated ones last, by title."""
        dated = sorted((s for s in self.sources.values() if s.get("date")), key=lambda s: (sort_key(s["date"]), s["id"]), reverse=True)
        return dated + sorted((s for s in self.sources.values() if not s.get("date")), key=lambda s: s["id"])

    def _plan_sources(self, part) -> list:
        """The sources a part of the plan record cites, in the order it first cites them."""
        return [self.sources[sid] for sid in dict.fromkeys(c["source"] for c in _citations(part))]

    @derived
    def plan_text_sources(self) -> list:
        """Where the plan's own text can be read: the sources of the kind "text of the plan" it cites."""
        return [s for s in self._plan_sources(self.plan) if s["kind"] == "plan-text"]

    @derived
    def plan_reports(self) -> list:
        """The reports the plan's own content (structure, layout, scope, cooperation path) is taken from."""
        parts = [self.plan.get(key) for key in ("structure", "layout", "scope", "cooperation_path")]
        return [s for s in self._plan_sources(parts) if s["kind"] == "report"]

    def latest_events(self, n: int) -> list[tuple[dict, dict]]:
        """The n most recent project events reported after the 2019 interview, newest first."""
        later = [(p, e) for p, e in self.project_events if e["date"] > "2019-12-31"[:len(e["date"])]]
        return later[::-1][:n]

    def statistics_of(self, target) -> list:
        """The reported figures of a target's indicator (every scope), oldest first."""
        if "indicator" not in target:
            return []
        return sorted((s for s in self.statistics if s["indicator"] == target["indicator"]),
                      key=lambda s: (s["year"], s["scope"], s["id"]))

    # -- where things are -------------------------------------------------------------------------
    @staticmethod
    def short_name(place, lang: str) -> str:
        """A place's name without its kind (万盛经济技术开发区 -> 万盛), where the map has little room."""
        return PLACE_SUFFIX[lang].sub("", place["name"][lang])

    def kind_of(self, record) -> str:
        return self._kind[id(record)]

    def path(self, record, kind: str) -> str:
        return KINDS[kind][1].format(id=record["id"])

    def title(self, record, kind: str):
        if kind == "statistic":   # a figure is named by what it measures, where and when
            label = self.def_labels("indicator")[record["indicator"]]
            scope = self.def_labels("scope")[record["scope"]]
            return {lang: f"{label[lang]}{' ' if lang == 'en' else ''}{record['year']}"
                          f"{'（' if lang == 'zh' else ' ('}{scope[lang]}{'）' if lang == 'zh' else ')'}" for lang in ("zh", "en")}
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

    def def_labels(self, name: str) -> dict:
        """Labels of a vocabulary the schema defines once in $defs (indicator, scope)."""
        return self.schema["$defs"][name]["x-labels"]

    def vocabulary(self, collection: str, field: str) -> dict:
        """Labels of a vocabulary field, from the schema, e.g. vocabulary('projects', 'status')."""
        if collection in self.schema["$defs"]:
            return self.schema["$defs"][collection]["properties"][field]["x-labels"]
        return self.schema["properties"][collection]["items"]["properties"][field]["x-labels"]

    @property
    def last_changed(self) -> str:
        return self.history.last_changed if self.history else ""

    def changed_for(self, path: str) -> str:
        """The last day the data a page shows was committed: its collection's file and the sources
        it cites; pages drawing on everything (home, plan, methods, …) take the newest of all.
        "" when unknown (no git, or files edited but not yet committed)."""
        dates = self.history.file_dates if self.history else {}
        files = self.schema["x-files"]
        folder = path.split("/")[0].removesuffix(".md")
        own = [files[folder]] if folder in files and folder != "plan" else list(files.values())
        if folder == "timeline":   # it lists the projects' events too
            own.append(files["projects"])
        used = [dates.get(name, "") for name in [*own, files["sources"]]]
        return "" if not all(used) else max(used)

    @property
    def status_meanings(self) -> dict:
        return self.schema["properties"]["projects"]["items"]["properties"]["status"]["x-meanings"]

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

    @derived
    def _citing(self) -> dict:
        # one pass over every record, not one per source: the sources page asks for each source
        found = defaultdict(list)
        for records in self.by_id.values():
            for record in records.values():
                for source in dict.fromkeys(c["source"] for c in _citations(record)):
                    found[source].append(record)
        return found

    @derived
    def _term_users(self) -> dict:
        terms = Terms(self.glossary)
        users = defaultdict(list)
        for kind in ("area", "task", "project"):
            for record in self.by_id[kind].values():
                for term_id in dict.fromkeys(term["id"] for text in _chinese(record) for term, _ in terms.in_text(text)):
                    users[term_id].append(record)
        return users

    @staticmethod
    def project_words(project) -> str:
        """What the projects table's free-text filter matches: the project's names, other names, what
        it is and its description, in both languages (a reader may type either), lower case."""
        texts = [project["name"]["zh"], project["name"]["en"], project["description"]["zh"], project["description"]["en"]]
        for field in ("aliases", "what"):
            for lang in ("zh", "en"):
                texts += (project.get(field) or {}).get(lang, [])
        return " ".join(texts).lower()

    def project_filters(self, lang: str) -> list:
        """(field, [(value, label)]) for each filter of the projects table, values in use only."""
        used = {key: {v for p in self.projects for v in ([p[key]] if isinstance(p[key], str) else p[key])}
                for key in ("category", "status", "tasks", "areas", "places")}   # once, not once per value
        out = []
        for field in ("category", "status"):
            labels = self.vocabulary("projects", field)
            out.append((field, [(v, labels[v][lang]) for v in labels if v in used[field]]))
        out.append(("tasks", [(t["id"], t["name"][lang]) for t in self.tasks if t["id"] in used["tasks"]]))
        out.append(("areas", [(a["id"], a["name"][lang]) for a in self.areas if a["id"] in used["areas"]]))
        out.append(("places", [(p["id"], p["name"][lang]) for p in self.places if p["id"] in used["places"]]))
        return out

    def pages(self):
        """(path, template, values) for every generated page, from the registry of kinds of page
        (scripts/urlscheme.py): the index pages the data publishes, then each record's own page."""
        values = {"projects/index.md": {"filters": self.project_filters}, "downloads.md": {"csv_columns": CSV_COLUMNS},
                  "changes.md": {"history": self.history}}
        for page in index_pages(self.collections, history=self.history is not None):
            if page.template:
                yield page.path, page.template, values.get(page.path, {})
        for kind, template in RECORD_TEMPLATES.items():
            for record in self.by_id[kind].values():
                yield self.path(record, kind), template, {"r": record}


class Lists(dict):
    """Id -> the records naming it; an id no record names has none."""

    def __missing__(self, key):
        return []


def _lists(records, fields) -> Lists:
    found = Lists()
    for record in records:
        for field in fields:
            refs = record.get(field, [])
            for ref in [refs] if isinstance(refs, str) else refs:
                found.setdefault(ref, []).append(record)
    return found


# the parts of the plan that are records of their own kind (read as the plan: their dep is its dep)
PLAN_PARTS = {"key_task": ("structure", "key_tasks"), "figure": ("figures",), "positioning": ("positioning",),
              "layout_part": ("layout", "parts")}


def _at(value, path):
    for key in path:
        value = value[key]
    return value


def _tracked(collections: dict) -> dict:
    """The collections with records that note their reads: each record of a list by its id, the
    plan (with its parts) and meta as one record each. Copies: the dataset itself stays plain."""
    out = {}
    for name, value in collections.items():
        if isinstance(value, list):
            out[name] = Members([Record(r, f"{name}/{r['id']}") for r in value], f"members:{name}")
        elif isinstance(value, dict) and name == "plan":
            plan = dict(value)
            for path in PLAN_PARTS.values():   # copied down to each part, which is swapped for a Record
                node = plan
                for key in path[:-1]:
                    node[key] = dict(node[key])
                    node = node[key]
                node[path[-1]] = [Record(r, "plan", whole=True) for r in node[path[-1]]]
            out[name] = Record(plan, "plan")
        elif isinstance(value, dict):
            out[name] = Record(value, name)
        else:
            out[name] = value
    return out


def _citations(value):
    if isinstance(value, dict):
        if "source" in value and "quote" in value:
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
