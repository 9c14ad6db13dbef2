"""What each page reads while it renders, so that make serve renders again only the pages an edit
touched (issue #27): every other page's Markdown is the one the last build made.

The model hands the templates records that note, while a page renders, what of them was read: a
field of a record, however reached ("projects/x#name"); a whole record, when a page goes over all
its fields; a list of records ("members:projects": which ones, in what order); a value the model
derives from many records ("derived:projects_of"); a source's evidence; part of the history. Each
has a fingerprint made from its current value. A page is rendered again when one of the
fingerprints it read changed, or when anything no read is noted of changed (templates, labels, the
schema, the code, the settings: `everything`). Nothing is listed by hand: a template that reads a
new field or another record is tracked as it is. `tests/test_render_reads.py` edits one record of
each kind and checks that the pages kept and made again equal a full render.
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

_reads: set | None = None   # what the page rendering now has read; None between pages
_MISSING = ("a field the record does not have",)


def mark(dep: str) -> None:
    if _reads is not None:
        _reads.add(dep)


def _reading_all(base: type, *names: str) -> tuple:
    """`base`'s methods of these names, each noting a read of the whole object (its `dep`) first."""
    def reading(method):
        def read(self, *args):
            if _reads is not None:
                _reads.add(self.dep)
            return method(self, *args)
        read.__name__ = method.__name__
        return read
    return tuple(reading(getattr(base, name)) for name in names)


class Record(dict):
    """A record (a project, a source, the plan …) that notes every read of it, field by field: a
    page that links a project reads its name and id, and does not change with its description.
    The plan's parts (`whole`) are read as the plan, whose fields hold them. Reads are strings
    ("projects/x#name"), each made once: a string keeps its hash, and a page notes thousands."""
    __slots__ = ("dep", "whole", "_fields")

    def __init__(self, value: dict, dep: str, whole: bool = False):
        super().__init__(value)
        self.dep, self.whole, self._fields = dep, whole, {}

    def _field(self, key) -> str:
        if self.whole:
            return self.dep
        found = self._fields.get(key)
        if found is None:
            found = self._fields[key] = f"{self.dep}#{key}"
        return found

    def __getitem__(self, key):
        if _reads is not None:
            _reads.add(self._field(key))
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        if _reads is not None:
            _reads.add(self._field(key))
        return dict.get(self, key, default)

    def __contains__(self, key):
        if _reads is not None:
            _reads.add(self._field(key))
        return dict.__contains__(self, key)

    # the whole record: which fields it has and all their values
    __iter__, __len__, keys, values, items = _reading_all(dict, "__iter__", "__len__", "keys", "values", "items")

    def __reduce__(self):   # pickled (a fingerprint, a worker's result) as the plain record it holds
        return dict, (dict(dict.items(self)),)


class Members(list):
    """A list of records (a collection, or one sorted by date): reading it at all is a read of which
    records it holds and in what order; the records' own fields are read through them."""
    __slots__ = ("dep",)

    def __init__(self, items, dep: str):
        super().__init__(items)
        self.dep = dep

    __iter__, __len__, __getitem__, __contains__, __reversed__, __add__, __mul__, index, count = _reading_all(
        list, "__iter__", "__len__", "__getitem__", "__contains__", "__reversed__", "__add__", "__mul__", "index", "count")


class Index(dict):
    """Records by id. Looking one up reads that record only (through it); listing them, or asking for
    one that is not there, reads which ids there are. With `each`, values are not records (a
    source's evidence) and each is a read of its own ("evidence:x")."""
    __slots__ = ("dep", "each")

    def __init__(self, value: dict, dep: str, each: str | None = None):
        super().__init__(value)
        self.dep, self.each = dep, each

    def __getitem__(self, key):
        if _reads is not None:
            self._looked_up(key)
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        if _reads is not None:
            self._looked_up(key)
        return dict.get(self, key, default)

    def _looked_up(self, key) -> None:
        if not dict.__contains__(self, key):
            _reads.add(self.dep)   # were it added, the page would change
        elif self.each:
            _reads.add(f"{self.each}:{key}")

    def _all(self) -> None:
        if _reads is not None:
            _reads.add(self.dep)
            if self.each:
                _reads.update(f"{self.each}:{key}" for key in dict.__iter__(self))

    __contains__, __iter__, __len__, keys = _reading_all(dict, "__contains__", "__iter__", "__len__", "keys")

    def values(self):
        self._all()
        return dict.values(self)

    def items(self):
        self._all()
        return dict.items(self)


class derived:
    """A property of the model made once from many records (a task's projects, who cites a source)
    and read, by every page, as one thing with the fingerprint of its value. What it read while
    being made is not the reading page's (the page that happens to make it first does not depend on
    everything it went through); it is kept as the files it came from (`files`), so that the next
    build knows it is as it was while those files are. Kept under another name than its own: a
    cached_property's value, kept under its name, hides it, and reads after the first go unnoted."""

    def __init__(self, make):
        self.make, self.name, self.__doc__ = make, make.__name__, make.__doc__
        self.dep = f"derived:{self.name}"

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        global _reads
        made = instance.__dict__
        key = "_derived_" + self.name
        if key not in made:
            kept, _reads = _reads, set()
            try:
                made[key] = self.make(instance)
                files = made.setdefault("_derived_files", {})
                files[self.dep] = sorted({f for dep in _reads for f in _files_of(dep, files)})
            finally:
                _reads = kept
        if _reads is not None:
            _reads.add(self.dep)
        return made[key]


class Watched:
    """The dataset's history (its releases, the days files last changed), noting which part is read."""

    def __init__(self, history):
        object.__setattr__(self, "_history", history)

    def __getattr__(self, name):
        mark(f"history:{name}")
        return getattr(self._history, name)


def fingerprint(dep: str, value) -> bytes:
    """A digest of what a page reads as `dep`. A record or field is all it holds (the plan's parts
    in it too); in a list or a derived value, records stand for themselves by their dep (their
    fields are read, and fingerprinted, through them)."""
    if ":" in dep:
        data = repr(_shape(value)).encode("utf-8")
    else:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.blake2b(data, digest_size=16).digest()


def _shape(value):
    if isinstance(value, Record):
        return value.dep
    if isinstance(value, Index):   # which ids: each value is read through its own id
        return tuple(dict.keys(value))
    if isinstance(value, dict):
        return tuple((k, _shape(v)) for k, v in dict.items(value))
    if isinstance(value, list):
        return tuple(_shape(v) for v in list.__iter__(value))
    if isinstance(value, tuple):
        return tuple(_shape(v) for v in value)
    if hasattr(value, "__dataclass_fields__"):
        return (type(value).__name__, *(_shape(getattr(value, f)) for f in value.__dataclass_fields__))
    return value


SORTED = {"members:timeline-by-date": "timeline", "members:documents-by-date": "documents"}


def _files_of(dep: str, derived_files: dict) -> list[str]:
    """The data files (collections, or "evidence:<source id>") a read comes from; "*" when not
    only from files (the history)."""
    what, colon, which = dep.partition(":")
    if not colon:   # a record or one of its fields
        return [dep.partition("#")[0].partition("/")[0]]
    if what == "evidence":
        return [dep]
    if what == "members":
        return ["*"] if which == "evidence" else [SORTED.get(dep, which)]
    if what == "derived":
        return derived_files.get(dep, ["*"])
    return ["*"]


class Kept:
    """One language's rendered pages from the last build, with what each read and its fingerprint.
    `everything` is what no read is noted of (templates, labels, schema, code, settings): when it
    changed, nothing is kept. A read that comes from data files whose bytes are as they were (the
    model's `digests`) has the fingerprint it had, without it being made again: an edit changes one
    file, and fingerprinting every field of every record took longer than the pages it spared."""

    def __init__(self, path: Path | None, everything: bytes, model):
        self.path, self.everything, self.model = path, everything, model
        self.pages: dict[str, tuple[str, dict]] = {}
        self.digests: dict = {}
        self.files: dict = {}   # derived value -> the files it was made from, last build
        self._prints: dict[str, bytes] = {}
        self._before: dict[str, bytes] | None = None
        if path and path.exists():
            try:
                with path.open("rb") as f:
                    found = pickle.load(f)
                if found["everything"] == everything:
                    self.pages, self.digests, self.files = found["pages"], found["digests"], found["files"]
            except (OSError, EOFError, pickle.UnpicklingError, KeyError, TypeError, AttributeError):
                self.pages = {}   # a cache half-written or from another version: render everything
        self.made: dict[str, tuple[str, dict]] = {}

    def text(self, path: str) -> str | None:
        """The page's Markdown from the last build, if nothing it read has changed."""
        if self.path is None:
            return None
        found = self.pages.get(path)
        if found is None:
            return None
        text, prints = found
        for dep, print_ in prints.items():
            if self.print_of(dep) != print_:
                return None
        self.made[path] = found
        return text

    def render(self, path: str, make, *args) -> str:
        """Render a page (`make(*args)`), noting what it reads; without a file to keep it in (make
        build), only render it."""
        if self.path is None:
            return make(*args)
        global _reads
        _reads = set()
        try:
            text = make(*args)
            reads = _reads
        finally:
            _reads = None
        self.made[path] = (text, {dep: self.print_of(dep) for dep in reads})
        return text

    def print_of(self, dep: str) -> bytes:
        if dep not in self._prints:
            if self._as_before(dep):
                self._prints[dep] = self._before[dep]
            else:
                record, field, key = dep.partition("#")
                if field:
                    found = self.model.read(record)
                    dep_value = dict.get(found, key, _MISSING) if found is not None else None
                else:
                    dep_value = self.model.read(dep)
                self._prints[dep] = fingerprint(dep, dep_value)
        return self._prints[dep]

    def _as_before(self, dep: str) -> bool:
        """Whether a read comes only from files whose bytes are as they were at the last build."""
        files = self.files.get(dep) if dep.startswith("derived:") else _files_of(dep, {})
        if not files or "*" in files:
            return False
        if any(self.digests.get(f) is None or self.model.digests.get(f) != self.digests[f] for f in files):
            return False
        if self._before is None:   # what every page read last time, with its fingerprint then
            self._before = {d: p for _, prints in self.pages.values() for d, p in prints.items()}
        return dep in self._before

    def save(self) -> None:
        if not self.path:
            return
        files = {**self.files, **self.model.__dict__.get("_derived_files", {})}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_suffix(".part")
        with part.open("wb") as f:
            pickle.dump({"everything": self.everything, "pages": self.made, "digests": self.model.digests, "files": files},
                        f, protocol=pickle.HIGHEST_PROTOCOL)
        part.replace(self.path)
