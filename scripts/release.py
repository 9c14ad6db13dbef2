"""`make release VERSION=x.y.z`: record a release of the dataset in the repository itself.

It sets data/meta.yaml's version, adds the release (its day, its record counts, the records added,
removed and changed since the release before, with the changed fields) at the top of
data/releases.yaml, and keeps each record's fingerprints in data/releases.fingerprints.json for the
next comparison. Both files are written here, never by hand; commit them with the data. Refused,
changing nothing, while the data has problems or when the version is not above the last release's.
"""
from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from pathlib import Path

import yaml

from scripts import changes, dataset

SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")
HEADER = """\
# The dataset's releases, newest first: what each added, removed and changed. Written by
# `make release VERSION=x.y.z` (scripts/release.py), never by hand; the changes page shows it.
"""


class Refused(Exception):
    pass


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in SEMVER.match(version).groups())


def _set_version(meta: Path, version: str) -> None:
    """Change the version line of meta.yaml only, keeping the editors' comments."""
    text = meta.read_text(encoding="utf-8")
    new, n = re.subn(r'(?m)^version:.*$', f'version: "{version}"', text, count=1)
    if n != 1:
        raise Refused(f"{meta}: no `version:` line to change")
    meta.write_text(new, encoding="utf-8")


def release(data_dir: Path, version: str, day: str) -> dict:
    """Record the release; returns its entry. Raises Refused, having written nothing."""
    if not SEMVER.match(version):
        raise Refused(f"VERSION={version!r}: give three numbers, as in VERSION=2.2.0")
    ds = dataset.load(data_dir)
    if ds.problems:
        raise Refused("\n".join(map(str, ds.problems)) + f"\n{len(ds.problems)} problem(s) in the data: fix them first")
    releases = changes.read_releases(data_dir)
    if releases and _key(version) <= _key(str(releases[0]["version"])):
        raise Refused(f"VERSION={version}: the last release is {releases[0]['version']}; give a higher one")
    now = changes.fingerprints(ds.collections)
    entry = {"version": version, "date": day, "counts": changes.counts(ds.collections)}
    before = changes.read_fingerprints(data_dir)
    if not releases or before is None:
        entry["first"] = True
    else:
        added, removed, changed = changes.compare(before, now)
        if not (added or removed or changed):
            raise Refused(f"no record changed since release {releases[0]['version']}: nothing to release")
        for name, found in (("added", added), ("removed", removed), ("changed", changed)):
            entry[name] = [{"collection": r.collection, "id": r.id, "title": r.title, **({"fields": r.fields} if r.fields else {})}
                           for r in found]
    _set_version(data_dir / "meta.yaml", version)
    text = HEADER + yaml.safe_dump([entry, *releases], allow_unicode=True, sort_keys=False, width=120)
    (data_dir / changes.RELEASES).write_text(text, encoding="utf-8")
    lines = ",\n".join(f" {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False, sort_keys=True)}"
                       for k, v in sorted(now.items()))
    (data_dir / changes.FINGERPRINTS).write_text("{\n" + lines + "\n}\n", encoding="utf-8")
    return entry


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Record a release of the dataset (data/releases.yaml).")
    parser.add_argument("--data", default="data", type=Path)
    parser.add_argument("--version", required=True, help="the new version, x.y.z")
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="the release day (today)")
    args = parser.parse_args(argv)
    try:
        entry = release(args.data, args.version, args.date)
    except Refused as err:
        print(f"release refused: {err}", file=sys.stderr)
        return 1
    what = "first release" if entry.get("first") else ", ".join(
        f"{len(entry.get(k, []))} {k}" for k in ("added", "removed", "changed"))
    print(f"release {args.version} of {args.date} recorded ({what}) in {args.data / changes.RELEASES}; "
          f"commit data/ with it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
