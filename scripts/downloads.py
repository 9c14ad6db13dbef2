"""The open data on /downloads/: the YAML files and schema as they are, dataset.json (every
collection in the YAML's shape and each source's evidence, with the dataset's version, its licence,
the commit the data was last changed in and whether it has uncommitted changes), one JSON file per
record (records/<collection>/<id>.json, linked from the record's page), and projects.csv (one row
per project, UTF-8 with a BOM so that Excel in a Chinese locale opens it).

The build writes them once, for both languages' sites. make serve writes again only the files an
edit changed, and makes the JSON again only for the records it changed (`_MADE`)."""
from __future__ import annotations

import csv
import io
import json
import pickle
import re
import subprocess
from pathlib import Path

from scripts.kept import write_changed

REPO = Path(__file__).resolve().parents[1]

CSV_COLUMNS = ["id", "name_zh", "name_en", "category", "status", "status_zh", "status_date", "tasks", "areas", "places",
               "description_zh", "description_en", "sources"]
STATISTICS_COLUMNS = ["id", "indicator", "year", "value", "unit", "scope", "sources"]


def data_commit(data_dir: Path) -> dict:
    """The commit the data was last changed in (of the repository holding data_dir, which may be
    another than this tool's), and whether the data has changes not yet committed."""
    def git(*args):
        result = subprocess.run(["git", *args], cwd=data_dir, capture_output=True, encoding="utf-8")
        return result.stdout.strip() if result.returncode == 0 else None
    last = git("log", "-1", "--format=%H", "--", ".")
    if not last:
        return {"commit": "unknown", "uncommitted_changes": None}
    return {"commit": last, "uncommitted_changes": bool(git("status", "--porcelain", "--", "."))}


# the terms, in every JSON file the site offers (LICENSE-DATA has them in full)
LICENCE = {
    "data_and_text": "CC-BY-4.0",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/",
    "code": "MIT",
    "excerpts": "Quoted excerpts of reports (each excerpt's `text` and each citation's `quote`) remain their "
                "outlets'; they are quoted for reference. Their English translations are the project's own, under CC BY 4.0.",
    "attribution": "渝黔合作先行示范区（綦江）/ Chongqing–Guizhou Cooperation Pilot Demonstration Zone (Qijiang) dataset",
}


def record_file(collection: str, ident: str) -> str:
    """Where a record's own JSON is, inside downloads/."""
    return f"records/{collection}/{ident}.json"


def dataset_json(ds) -> str:
    """The whole dataset as one JSON file. Each collection and each source's evidence is dumped on
    its own (and kept while it is the same) and put in its place, indented to its depth, so that the
    file is byte for byte what dumping the whole at once gives."""
    places = {}

    def place(kind: str, name: str, value) -> str:
        mark = f"\0{kind}:{name}"
        places[json.dumps(mark)] = _dumped(value, depth=2)
        return mark
    body = {"version": ds.collections["meta"]["version"], "licence": LICENCE, **data_commit(ds.data_dir),
            "collections": {name: place("collection", name, value) for name, value in ds.collections.items() if name != "meta"},
            "evidence": {sid: place("evidence", sid, value) for sid, value in ds.evidence.items()}}
    text = json.dumps(body, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    return re.sub(r'"\\u0000(?:collection|evidence):[^"]*"', lambda m: places[m.group(0)], text)


def _dumped(value, depth: int = 0, about: dict | None = None, after: dict | None = None) -> str:
    """json.dumps(value, indent=1) as it reads `depth` levels down in a larger file, or a record's
    file ({**about, "record": value, **after}); made once per value while it stays the same (JSON
    strings hold no raw line breaks, so lines can be indented)."""
    key = (depth, pickle.dumps((value, about, after), protocol=pickle.HIGHEST_PROTOCOL)) if _KEEPING else None
    if key not in _MADE:
        body = {**about, "record": value, **(after or {})} if about else value
        text = json.dumps(body, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * depth)
        if not _KEEPING:
            return text
        _MADE[key] = text
    _USED.add(key)
    return _MADE[key]


_MADE: dict = {}    # (depth, the value) -> its JSON, kept between the builds of one make serve
_USED: set = set()  # what this build used of it; the rest is let go after it
_KEEPING = False    # whether this build keeps them (make serve)


def projects_csv(ds) -> bytes:
    status = ds.schema["properties"]["projects"]["items"]["properties"]["status"]["x-labels"]
    out = io.StringIO()
    # by column name, so that adding a column cannot shift the others
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for p in ds.collections["projects"]:
        history = p.get("history") or []
        writer.writerow({"id": p["id"], "name_zh": p["name"]["zh"], "name_en": p["name"]["en"], "category": p["category"],
                         "status": p["status"], "status_zh": status[p["status"]]["zh"],
                         "status_date": history[-1]["date"] if history else "", "tasks": ";".join(p["tasks"]),
                         "areas": ";".join(p["areas"]), "places": ";".join(p["places"]),
                         "description_zh": p["description"]["zh"], "description_en": p["description"]["en"],
                         "sources": " | ".join(f"{c['source']}: {c['quote']}" for c in p["sources"])})
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")


def statistics_csv(ds) -> bytes:
    """One row per reported figure, in base units, with its area and sources (for #18's comparison)."""
    units = ds.schema["$defs"]["indicator"]["x-units"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(STATISTICS_COLUMNS)
    for f in ds.collections.get("statistics") or []:
        writer.writerow([f["id"], f["indicator"], f["year"], f["value"], units[f["indicator"]], f["scope"],
                         " | ".join(f"{c['source']}: {c['quote']}" for c in f["sources"])])
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")


def record_jsons(ds):
    """(path inside downloads/, JSON) for every record that has an id; a source's carries its excerpts."""
    version = ds.collections["meta"]["version"]
    for name, value in ds.collections.items():
        if name in ("meta", "redirects") or not isinstance(value, list):
            continue
        for record in value:
            about = {"collection": name, "id": record["id"], "dataset_version": version, "licence": LICENCE}
            after = {"evidence": ds.evidence[record["id"]]} if name == "sources" and record["id"] in ds.evidence else None
            yield record_file(name, record["id"]), _dumped(record, about=about, after=after) + "\n"
    plan = ds.collections.get("plan")
    if plan:
        about = {"collection": "plan", "id": "plan", "dataset_version": version, "licence": LICENCE}
        yield record_file("plan", "plan"), _dumped(plan, about=about) + "\n"


def download_files(ds):
    """Every file of downloads/, as (path inside it, bytes), made one at a time."""
    for name in [*ds.schema["x-files"].values(), "schema.json"]:
        yield name, (ds.data_dir / name).read_bytes()
    yield "dataset.json", dataset_json(ds).encode("utf-8")
    yield "projects.csv", projects_csv(ds)
    if ds.collections.get("statistics"):
        yield "statistics.csv", statistics_csv(ds)
    yield from ((path, text.encode("utf-8")) for path, text in record_jsons(ds))


def write_downloads(ds, folder: Path, keep: bool = False) -> None:
    """Write downloads/ into `folder`. With `keep` (make serve), what is made is kept for the next
    build, and a folder this process wrote before gets only the files whose bytes changed
    (scripts/kept.py); without, nothing is kept (a large dataset's JSON is hundreds of MB)."""
    global _KEEPING
    _USED.clear()
    _KEEPING = keep
    written = write_changed(folder, download_files(ds), _WRITTEN.pop(folder, None))
    for key in set(_MADE) - _USED if keep else list(_MADE):
        del _MADE[key]
    if keep:
        _WRITTEN[folder] = written


_WRITTEN: dict = {}   # folder -> what write_changed gave for it
