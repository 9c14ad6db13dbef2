"""The dataset's public history: each release's added, removed and changed records (and which
fields changed), read from data/releases.yaml, which `make release` writes (scripts/release.py).
The releases live in the repository, not in git tags, so every copy of it has them: a mirror, a
download, a `git clone --depth 1`.

Data that differs from the newest release is shown too, as the version data/meta.yaml names, marked as
not yet released, by comparing each record with the fingerprints the release kept
(data/releases.fingerprints.json). The day each data file was last changed comes from git; on a copy
without its history (a shallow clone, a download) it cannot be known, and pages say so.
"""
from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from scripts.dataset import title_field

RELEASES = "releases.yaml"
FINGERPRINTS = "releases.fingerprints.json"
UNCOMPARED = {"meta", "redirects"}   # the version itself; old addresses are not records


@dataclass
class Record:
    collection: str
    id: str
    title: dict | str            # {"zh": …, "en": …} as in the data
    fields: list[str] = field(default_factory=list)   # changed fields, for changed records


@dataclass
class Version:
    version: str
    date: str                    # the day it was released, YYYY-MM-DD; "" when not yet released
    released: bool
    counts: dict[str, int]       # records per collection in this version
    first: bool = False          # the first release: everything in it is new
    added: list[Record] = field(default_factory=list)
    removed: list[Record] = field(default_factory=list)
    changed: list[Record] = field(default_factory=list)


@dataclass
class History:
    versions: list[Version]      # newest first
    dated: bool                  # whether the days files last changed are known (git, with its history)
    notices: list[str]
    file_dates: dict = field(default_factory=dict)   # file name -> YYYY-MM-DD of its last commit ("" while edited)

    @property
    def last_changed(self) -> str:
        """The day data/ was last committed; "" if unknown or while any file has uncommitted edits."""
        dates = list(self.file_dates.values())
        return max(dates) if dates and all(dates) else ""


# -- records and their fingerprints ------------------------------------------------------------------
def records(collections: dict) -> dict[str, dict]:
    """"collection/id" -> record; a collection that is one mapping (plan) is one record."""
    out = {}
    for name, value in collections.items():
        if name in UNCOMPARED or value is None:
            continue
        if isinstance(value, list):
            out.update({f"{name}/{r['id']}": r for r in value if isinstance(r, dict) and "id" in r})
        else:
            out[f"{name}/{name}"] = value
    return out


def _digest(value) -> str:
    return hashlib.sha1(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()[:12]


def _title(record: dict, fallback: str):
    key = title_field(record)
    return record[key] if key else fallback


def fingerprints(collections: dict) -> dict[str, dict]:
    """What a release keeps of each record: its title (to name it once removed) and a digest of each
    field (to say which fields changed), enough to compare without the old data."""
    return {key: {"title": _title(r, key.split("/")[1]), "fields": {f: _digest(v) for f, v in r.items()}}
            for key, r in records(collections).items()}


def counts(collections: dict) -> dict[str, int]:
    return {name: len(value) for name, value in collections.items()
            if name not in UNCOMPARED and isinstance(value, list)}


def compare(before: dict[str, dict], after: dict[str, dict]) -> tuple[list[Record], list[Record], list[Record]]:
    """What `after` added, removed and changed relative to `before` (both fingerprints)."""
    def record(key, print_, fields=()):
        collection, ident = key.split("/", 1)
        return Record(collection, ident, print_["title"], list(fields))
    added = [record(k, p) for k, p in after.items() if k not in before]
    removed = [record(k, p) for k, p in before.items() if k not in after]
    changed = []
    for key, now in after.items():
        old = before.get(key)
        if old and old["fields"] != now["fields"]:
            names = [*now["fields"], *(f for f in old["fields"] if f not in now["fields"])]
            changed.append(record(key, now, [f for f in names if now["fields"].get(f) != old["fields"].get(f)]))
    return added, removed, changed


# -- the releases file ----------------------------------------------------------------------------------
def read_releases(data_dir: Path) -> list[dict]:
    path = Path(data_dir) / RELEASES
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or []) if path.exists() else []


def read_fingerprints(data_dir: Path) -> dict | None:
    path = Path(data_dir) / FINGERPRINTS
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _as_version(entry: dict) -> Version:
    def listed(key):
        return [Record(r["collection"], r["id"], r["title"], r.get("fields", [])) for r in entry.get(key) or []]
    return Version(str(entry["version"]), str(entry["date"]), True, entry.get("counts") or {}, bool(entry.get("first")),
                   listed("added"), listed("removed"), listed("changed"))


def history(data_dir: Path, current: dict) -> History:
    """The versions of the data in data_dir, newest first (`current` is the data as it is now)."""
    data_dir = Path(data_dir)
    now = str(current["meta"]["version"])
    versions = [_as_version(entry) for entry in read_releases(data_dir)]
    notices = []
    released = read_fingerprints(data_dir)
    if not versions or released is None:
        versions.insert(0, Version(now, "", False, counts(current), first=True))
    else:
        added, removed, changed = compare(released, fingerprints(current))
        if added or removed or changed:
            if versions[0].version == now:
                notices.append(f"data/ differs from release {now}, but meta.yaml still says version {now}: "
                               "raise it, or make a release (make release VERSION=…)")
            versions.insert(0, Version(now, "", False, counts(current), False, added, removed, changed))
    dates, why = _file_dates(data_dir)
    if why:
        notices.append(why)
    return History(versions, not why, notices, dates)


def _git(data_dir: Path, *args) -> str | None:
    result = subprocess.run(["git", "-C", str(data_dir), *args], capture_output=True, encoding="utf-8")
    return result.stdout if result.returncode == 0 else None


def _file_dates(data_dir: Path) -> tuple[dict[str, str], str]:
    """Each data file's last commit day, from one `git log`, and "" ; or no dates and why not. A file
    with changes not yet committed has no date yet. A shallow clone's log would give every file the
    day of its one commit, which is wrong, so it gives none."""
    shallow = _git(data_dir, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return {}, f"{data_dir} is not in a git repository: pages cannot say when their data last changed"
    if shallow.strip() == "true":
        return {}, (f"{data_dir} is in a shallow clone (no history): pages cannot say when their data last changed; "
                    "a full clone can")
    dates: dict[str, str] = {}
    day = ""
    for line in (_git(data_dir, "log", "--format=@%cs", "--name-only", "--relative", "--", ".") or "").splitlines():
        if line.startswith("@"):
            day = line[1:]
        elif line.strip():
            dates.setdefault(Path(line.strip()).name, day)
    for line in (_git(data_dir, "status", "--porcelain", "--", ".") or "").splitlines():
        dates[Path(line[3:].strip()).name] = ""
    return dates, ""
