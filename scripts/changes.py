"""The dataset's public history: for each version tagged in git (v1.0.0, v1.1.0, …), the records it
added, removed and changed, and which fields changed. Read from the YAML of each tag, never written
by hand; the changes page (templates/changes.md.j2) shows it in both languages.

Data that differs from the newest tag is shown too, as the version data/meta.yaml names, marked as
not yet tagged; if meta.yaml still names the tagged version the build notes that it should be raised.
"""
from __future__ import annotations

import functools
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.dataset import title_field
from scripts.dataset.yamlpos import DataLoader

TAG = re.compile(r"^v(\d+)\.(\d+)\.(\d+)$")
UNCOMPARED = {"meta"}   # the version itself


@dataclass
class Record:
    collection: str
    id: str
    title: dict | str            # {"zh": …, "en": …} as in the data
    fields: list[str] = field(default_factory=list)   # changed fields, for changed records


@dataclass
class Version:
    version: str
    date: str                    # the day the tag was made, YYYY-MM-DD; "" when not yet tagged
    tagged: bool
    counts: dict[str, int]       # records per collection in this version
    first: bool = False          # the first tagged version: everything in it is new
    added: list[Record] = field(default_factory=list)
    removed: list[Record] = field(default_factory=list)
    changed: list[Record] = field(default_factory=list)


@dataclass
class History:
    versions: list[Version]      # newest first
    in_git: bool
    notices: list[str]
    file_dates: dict = field(default_factory=dict)   # file name -> YYYY-MM-DD of its last commit ("" while edited)

    @property
    def last_changed(self) -> str:
        """The day data/ was last committed; "" if unknown or while any file has uncommitted edits."""
        dates = list(self.file_dates.values())
        return max(dates) if dates and all(dates) else ""


def _git(data_dir: Path, *args) -> str | None:
    result = subprocess.run(["git", "-C", str(data_dir), *args], capture_output=True, encoding="utf-8")
    return result.stdout if result.returncode == 0 else None


def _records(collections: dict) -> dict[tuple[str, str], dict]:
    """(collection, id) -> record; a collection that is one mapping (plan) is one record."""
    out = {}
    for name, value in collections.items():
        if name in UNCOMPARED or value is None:
            continue
        if isinstance(value, list):
            out.update({(name, r["id"]): r for r in value if isinstance(r, dict) and "id" in r})
        else:
            out[(name, name)] = value
    return out


def _title(record: dict, fallback: str):
    key = title_field(record)
    return record[key] if key else fallback


def _counts(collections: dict) -> dict[str, int]:
    return {name: len(value) for name, value in collections.items()
            if name not in UNCOMPARED and isinstance(value, list)}


def compare(old: dict, new: dict) -> tuple[list[Record], list[Record], list[Record]]:
    """What `new` added, removed and changed (with the changed fields) relative to `old`."""
    before, after = _records(old), _records(new)
    added = [Record(c, i, _title(r, i)) for (c, i), r in after.items() if (c, i) not in before]
    removed = [Record(c, i, _title(r, i)) for (c, i), r in before.items() if (c, i) not in after]
    changed = []
    for key, record in after.items():
        if key in before and before[key] != record:
            fields = sorted(set(record) | set(before[key]), key=lambda f: (f not in record, f))
            fields = [f for f in fields if record.get(f) != before[key].get(f)]
            changed.append(Record(*key, _title(record, key[1]), fields))
    return added, removed, changed


@functools.lru_cache(maxsize=64)
def _at_tag(data_dir: Path, prefix: str, sha: str, files: tuple[tuple[str, str], ...]) -> dict:
    """The collections at a tag; kept for as long as the tag names the same object (make serve
    rebuilds on every save, and a tag's data does not change)."""
    collections = {}
    for name, filename in files:
        text = _git(data_dir, "show", f"{sha}:{prefix}{filename}")
        if text is not None:
            # read as data/ is read (dates stay text), so equal data compares equal
            collections[name] = yaml.load(text, Loader=DataLoader)
    return collections


def history(data_dir: Path, files: dict[str, str], current: dict) -> History:
    """The versions of the data in data_dir, newest first; `files` maps collection -> file name
    (the schema's x-files) and `current` is the data as it is now."""
    data_dir = Path(data_dir)
    prefix = _git(data_dir, "rev-parse", "--show-prefix")
    now = current["meta"]["version"]
    if prefix is None:
        return History([Version(now, "", False, _counts(current), first=True)], False,
                       [f"{data_dir} is not in a git repository: the changes page lists no history"])
    prefix = prefix.strip()
    refs = (_git(data_dir, "for-each-ref", "--format=%(refname:short) %(objectname) %(creatordate:short)",
                 "refs/tags/v*") or "").splitlines()
    tags = sorted((ref.split() for ref in refs if TAG.match(ref.split()[0])),
                  key=lambda ref: tuple(int(n) for n in TAG.match(ref[0]).groups()))
    versions, notices, previous = [], [], None
    for tag, sha, day in tags:
        collections = _at_tag(data_dir, prefix, sha, tuple(files.items()))
        if not collections:
            continue   # a tag from before the dataset existed
        stated = (collections.get("meta") or {}).get("version")
        if stated != tag[1:]:
            notices.append(f"tag {tag} holds data whose meta.yaml says version {stated!r}")
        version = Version(tag[1:], day, True, _counts(collections), first=previous is None)
        if previous is not None:
            version.added, version.removed, version.changed = compare(previous, collections)
        versions.append(version)
        previous = collections
    if previous is None:
        versions.append(Version(now, "", False, _counts(current), first=True))
    else:
        added, removed, changed = compare(previous, current)
        if added or removed or changed:
            if versions[-1].version == now:
                notices.append(f"data/ differs from tag v{now}, but meta.yaml still says version {now}: "
                               "raise it before tagging")
            versions.append(Version(now, "", False, _counts(current), False, added, removed, changed))
    return History(versions[::-1], True, notices, _file_dates(data_dir))


def _file_dates(data_dir: Path) -> dict[str, str]:
    """Each data file's last commit day, from one `git log`; a file with changes not yet committed
    has no date yet."""
    dates: dict[str, str] = {}
    day = ""
    for line in (_git(data_dir, "log", "--format=@%cs", "--name-only", "--relative", "--", ".") or "").splitlines():
        if line.startswith("@"):
            day = line[1:]
        elif line.strip():
            dates.setdefault(Path(line.strip()).name, day)
    for line in (_git(data_dir, "status", "--porcelain", "--", ".") or "").splitlines():
        dates[Path(line[3:].strip()).name] = ""
    return dates
