"""The dataset: read data/*.yaml, validate it against data/schema.json and the cross-record rules.

`load(data_dir)` returns a Dataset whose `problems` list is empty when the data is good; nothing
downstream ever sees data that has problems.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import evidence as _evidence
from . import rules as _rules
from . import schema as _schema
from .problems import Problem
from .yamlpos import digest, read_yaml

__all__ = ["Dataset", "Problem", "TITLE_FIELDS", "load", "load_schema", "summary", "title_field"]

# the field that names a record, in the order looked for (a project's name, a term, a source's title)
TITLE_FIELDS = ("name", "term", "title", "label")


def title_field(record: dict) -> str | None:
    return next((key for key in TITLE_FIELDS if key in record), None)


def summary(collections: dict) -> str:
    """Records per collection, as the build, `make check` and synth report them: "4 areas, 6 tasks, …"."""
    return ", ".join(f"{len(v)} {k}" for k, v in collections.items() if isinstance(v, list))


def load_schema(data_dir: Path) -> dict:
    return json.loads((Path(data_dir) / "schema.json").read_text(encoding="utf-8"))


@dataclass
class Dataset:
    data_dir: Path
    schema: dict
    collections: dict = field(default_factory=dict)   # "projects" -> list of records, "plan" -> dict
    lines: dict = field(default_factory=dict)         # ("projects", 3, "name") -> line number
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # things said but not failed on
    evidence: dict = field(default_factory=dict)      # source id -> its data/sources/<id>.yaml
    # collection (or "evidence:<source id>") -> digest of the bytes it was read from; whoever changes
    # the records after load() must empty it (make serve keeps pages whose files' digests are the same)
    digests: dict = field(default_factory=dict)

    def file_of(self, collection: str) -> Path:
        return self.data_dir / self.schema["x-files"][collection]

    def summary(self) -> str:
        return summary(self.collections)

    def by_id(self, collection: str) -> dict:
        return {r["id"]: r for r in self.collections.get(collection) or [] if isinstance(r, dict) and isinstance(r.get("id"), str)}


def load(data_dir: Path | str) -> Dataset:
    """Read and validate every file of the dataset; collect every problem rather than stop at one."""
    data_dir = Path(data_dir)
    try:
        schema = load_schema(data_dir)
    except (OSError, ValueError) as err:
        ds = Dataset(data_dir, {"x-files": {}})
        ds.problems.append(Problem(data_dir / "schema.json", 1, None, None, f"cannot read the schema: {err}"))
        return ds
    ds = Dataset(data_dir, schema)
    for name, filename in schema["x-files"].items():
        value, lines, problems = read_yaml(data_dir / filename)
        ds.problems.extend(problems)
        if value is not None:
            ds.collections[name] = value
            ds.digests[name] = digest(data_dir / filename)
            ds.lines.update({(name, *k): v for k, v in lines.items()})
    if ds.problems:  # a file that does not parse cannot be checked further
        return ds
    found = _schema.validate(ds)
    ds.problems.extend(found)
    ds.evidence, problems = _evidence.read(data_dir, schema)
    ds.digests.update({f"evidence:{sid}": digest(_evidence.file_of(data_dir, sid)) for sid in ds.evidence})
    ds.problems.extend(problems)
    # the rules across records read only what the schema passed: a record the schema rejected is
    # reported once, by the schema, and never crashes a rule that trusts its shape
    ds.problems.extend(_rules.check(replace(ds, collections=_passed(ds.collections, found))))
    ds.problems.sort(key=lambda p: (str(p.path), p.line))
    return ds


def _passed(collections: dict, problems: list) -> dict:
    """The collections without the records (top-level entries) the schema found problems in: a
    list keeps its length, with None in place of a rejected record, so positions and lines hold."""
    rejected = {p.at[:2] for p in problems if p.at}
    passed = {}
    for name, value in collections.items():
        if (name,) in rejected:
            passed[name] = None
        elif isinstance(value, list):
            passed[name] = [None if (name, i) in rejected else record for i, record in enumerate(value)]
        elif isinstance(value, dict):
            passed[name] = {key: item for key, item in value.items() if (name, key) not in rejected}
        else:
            passed[name] = value
    return passed

